"""A store build's exports: spliced when they are the ones the store wrote at its previous
state (only the records of subjects the replaced graphs held before or hold now are written
anew: :mod:`kg.rdf.splice`), written whole otherwise; and the marks that say so.
"""
from __future__ import annotations

import json
import time
from pathlib import Path

from ..atomic import Streamed, write_all_atomic
from ..merge.readback import spliced_records
from ..pipeline import EXPORT_FILES
from ..rdf import writers
from ..rdf.splice import LAYOUTS, old_records, splice
from ..rdf.void import void_stats_update, void_text
from .rdfstore import RDFUpdate, held_elsewhere, objects_elsewhere
from .records import RecordStore


def _file_stats(outdir: Path) -> dict[str, list[int]]:
    out = {}
    for name in export_files():
        try:
            st = (outdir / name).stat()
        except OSError:
            continue
        out[name] = [st.st_size, st.st_mtime_ns]
    return out


def spliced_exports(outdir: Path, tr, update: RDFUpdate, others: dict, timings: dict,
                     void_state: dict | None = None) -> list[Path]:
    """The exports after an incremental update: the sorted RDF exports spliced (only the records
    of subjects the replaced graphs held before or hold now, and the replaced graphs of the
    TriG, are written anew: kg.rdf.splice); ``others`` make the rest (page, GraphML, VoID).

    Without ``void_state``, ``tr`` holds every triple of those subjects (a full merge). With
    it (an incremental merge), ``tr`` holds the replaced graphs only, and a subject's new
    record is its old one (read from the old ``graph.nt``) changed as its triples in the
    replaced graphs changed (:func:`kg.merge.readback.spliced_records`); the VoID figures are
    updated from the old and new records (``void_old`` in, ``void`` out:
    :func:`kg.void_stats_update`) instead of counted over every triple."""
    t = time.perf_counter()
    term = {("" if n is None else n[1:-1]): n for n in tr.graphs}
    if void_state is None:
        subjects = set(update.old_subjects)
        for iri in update.changed:
            subjects.update(t[0] for t in tr.graph(term[iri]))
        after: dict[str, set] = {s: set() for s in subjects}
        for t3 in tr.union:
            if t3[0] in after:
                after[t3[0]].add(t3)
    else:
        old_g: dict[str, set] = {}
        new_g: dict[str, set] = {}
        for t3 in update.old_triples:
            old_g.setdefault(t3[0], set()).add(t3)
        for iri in update.changed:
            for t3 in tr.graph(term[iri]):
                new_g.setdefault(t3[0], set()).add(t3)
        subjects = set(old_g) | set(new_g)
        head = writers.export_head("graph.nt").encode("utf-8")
        old = old_records(outdir / "graph.nt", head, LAYOUTS["graph.nt"], sorted(subjects))
        before = {s: {_nt_triple(line) for line in old[s].decode("utf-8").splitlines() if line} for s in subjects}
        changed = {f"<{iri}>" for iri in update.changed}
        after = spliced_records(before, old_g, new_g, lambda ts: held_elsewhere(void_state["store_path"], ts, changed))
        timings["export:records-delta"] = time.perf_counter() - t
        t = time.perf_counter()
        void_state["void"] = void_stats_update(
            void_state["void_old"], before, after, lambda objs: objects_elsewhere(void_state["store_path"], objs, subjects))
        timings["export:void-delta"] = time.perf_counter() - t
    return _write_spliced(outdir, tr, term, after, sorted(set(update.changed) | set(update.gone)), others, timings)


def _write_spliced(outdir: Path, tr, term: dict, records: dict[str, set], graphs: list[str], others: dict,
                   timings: dict) -> list[Path]:
    """Write the exports: the sorted RDF ones spliced with the new ``records`` (subject -> its
    triples; none: the subject is gone) and, in the TriG, the new ``graphs``; ``others`` as they are."""
    t = time.perf_counter()
    order = sorted(records)
    recs = writers.Records()
    edits = {}
    for name, fn in (("graph.nt", recs.nt), ("graph.ttl", recs.ttl), ("graph.jsonld", recs.jsonld)):
        edits[name] = [(s, fn(sorted(records[s])).encode("utf-8") if records[s] else b"") for s in order]
    edits["graph.trig"] = [("" if iri == "" else f"<{iri}>",
                            recs.trig(term[iri], tr.graph(term[iri])).encode("utf-8") if iri in term else b"")
                           for iri in graphs]
    timings["export:records"] = time.perf_counter() - t

    def spliced(name: str) -> Streamed:
        head = writers.export_head(name).encode("utf-8")
        return Streamed(lambda fh: splice(outdir / name, head, LAYOUTS[name], edits[name], fh), binary=True)

    makers = {name: spliced(name) for name in LAYOUTS}
    makers.update(others)
    # the page and the GraphML last: a helper process may still be making them
    order = sorted(export_files(), key=lambda n: n in ("graph.html", "graph.graphml"))
    written = write_all_atomic(outdir, {name: makers[name] for name in order}, timings=timings)
    return sorted(written, key=lambda p: export_files().index(p.name))


def _nt_triple(line: str) -> tuple[str, str, str]:
    """An N-Triples line of kg.rdf.writers -> its three terms."""
    s, p, rest = line.split(" ", 2)
    return s, p, rest[:-2]


def exports_in_step(rec: RecordStore, outdir: Path, fp: str | None) -> bool:
    """Whether the exports in ``outdir`` are the ones this store wrote at state ``fp``, untouched since."""
    key = f"exports:{outdir.resolve()}"
    return (fp is not None and rec.meta(key) == fp and rec.meta(f"void:{outdir.resolve()}") is not None
            and rec.meta(f"exports-files:{outdir.resolve()}") == json.dumps(_file_stats(outdir)))


def mark_done(rec: RecordStore, fp: str, outdir: Path | None, void_stats: dict | None) -> None:
    with rec.tx() as db:
        rec.set_meta("fingerprint", fp, db)
        if outdir is not None:
            outdir = Path(outdir)
            rec.set_meta(f"exports:{outdir.resolve()}", fp, db)
            rec.set_meta(f"exports-files:{outdir.resolve()}", json.dumps(_file_stats(outdir)), db)
            rec.set_meta(f"void:{outdir.resolve()}", json.dumps(void_stats, sort_keys=True), db)


def void_text_of(state: dict) -> str:
    return void_text(state["void"])


def export_files() -> tuple[str, ...]:
    return EXPORT_FILES
