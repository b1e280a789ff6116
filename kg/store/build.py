"""A store build: the pipeline's stages over the store.

A build reads its inputs (a file whose bytes are those read before is not parsed again: its
articles come from the store), extracts only the articles the store does not hold (new text,
or records of another extractor version), and commits each batch of records in one SQLite
transaction (a killed build keeps every batch it committed and nothing half-written).

When the build only added articles and the merge index is in step with the records, the new
records are merged unit by unit through the index (:mod:`kg.merge.incremental`): only the named
graphs that can change are made (:mod:`kg.rdf.triples`), only those whose digest changed are
replaced in the RDF store, and the sorted exports are spliced (:mod:`kg.rdf.splice`) from each
concerned subject's old record and the change in the replaced graphs; VoID figures follow
the same delta; the page and the GraphML, views of the whole graph, are made by a helper
process from the index meanwhile. Otherwise (first build, re-extracted or moved articles, an
interrupted build) every stored record is merged again, the index rebuilt, and only the named
graphs whose digest changed replaced. A named graph depends only on what its article
contributes and the merge decisions about the nodes it names (see kg.rdf.triples). The RDF
side is marked dirty before it is touched and clean after: a build killed in between leaves a
dirty mark, and the next build merges everything and rebuilds the RDF store from the records.
When neither the corpus nor the extractor changed, the build stops after reading the inputs.
"""
from __future__ import annotations

import dataclasses
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ..atomic import Streamed
from ..errors import InputError
from ..extract.parallel import extract_many, unique_articles
from ..merge import merge_extractions
from ..merge.incremental import MergeIndex
from ..merge.readback import article_loader, full_records
from ..model import Article, Extraction, to_json
from ..pipeline import KnowledgeGraph
from ..rdf.triples import emit
from ..vocab import ID_NS
from .exports import (
    export_files,
    exports_in_step,
    mark_done,
    spliced_exports,
    void_text_of,
)
from .rdfstore import RDF_LAYOUT, RDFUpdate, update_rdf, update_rdf_graphs
from .records import (
    EXTRACTOR_VERSION,
    RecordStore,
    article_json,
    held_locks,
    read_inputs,
    store_lock,
)
from .views import ViewsHelper

__all__ = ["build_store", "StoreBuild"]


@dataclass
class StoreBuild:
    """What a store build did."""

    result: object  # kg.build.KnowledgeGraph (records of every stored article), or None when unchanged
    errors: list[InputError] = field(default_factory=list)
    read: int = 0  # articles read from the inputs
    extracted: int = 0  # articles extracted in this run
    skipped: int = 0  # articles whose stored records were reused
    articles: int = 0  # articles in the store's graph
    graphs_replaced: int = 0  # named graphs rewritten in the RDF store
    exports_spliced: bool = False  # the sorted RDF exports were spliced, not written whole
    incremental: bool = False  # merged unit by unit (kg.merge.incremental), not the whole corpus again
    counts: dict = field(default_factory=dict)  # entities, events, relations, quantities of the graph
    unchanged: bool = False  # nothing to do: graph and exports were already up to date
    exports: list[Path] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)


def build_store(paths: Iterable[str | os.PathLike], store: str | os.PathLike, outdir: str | os.PathLike | None = None,
                jobs: int | None = None, progress: bool | None = None, scheduler=None, refresh: bool = False,
                batch: int = 32) -> StoreBuild:
    """Add the articles under ``paths`` to the store at ``store``; update its RDF and the exports in ``outdir``.

    The store's graph is every article it holds (inputs accumulate across builds).
    ``refresh``: extract every input again even when its record is current.
    """
    path = Path(store)
    t0 = time.perf_counter()
    timings: dict[str, float] = {}
    for fh in held_locks.pop(path.resolve(), []):  # our own earlier reads (their stores are done with)
        fh.close()
    with store_lock(path, True, "a build"):
        rec = RecordStore(path)
        views: ViewsHelper | None = None
        try:
            rec.check_index()
            articles, errors = read_inputs(rec, paths)
            articles = unique_articles(articles)
            known = rec.known()
            fp_start = rec.fingerprint()
            todo, moved = [], []
            for a in articles:
                version, source, art_json = known.get(a.id, (None, None, None))
                if refresh or version != EXTRACTOR_VERSION:
                    todo.append(a)
                elif art_json == article_json(a):
                    continue  # unchanged: the stored record stands
                elif art_json == to_json(dataclasses.replace(a, source=source)):
                    moved.append(dataclasses.replace(rec.get(a.id), article=a))  # same article, read from elsewhere
                else:
                    todo.append(a)  # same text, other metadata (a date changes relative dates): extract again
            timings["read"] = time.perf_counter() - t0
            # only new articles, the merge index in step with the records and a clean RDF store:
            # the build will merge unit by unit (kg.merge.incremental) and rewrite only what changes
            incremental = bool(todo) and not refresh and not moved and all(a.id not in known for a in todo) \
                and rec.meta("fingerprint") == fp_start and rec.meta("index_fingerprint") == fp_start \
                and rec.meta("rdf_state") == "clean" and rec.meta("rdf_layout") == RDF_LAYOUT
            if incremental and outdir is not None and exports_in_step(rec, Path(outdir), fp_start):
                # the page and the GraphML are views of the whole graph: a helper reads it now
                views = ViewsHelper(path, timings)
            if moved:
                rec.put_many(moved)
            pending: list[Extraction] = []
            fresh: list[Extraction] = []

            def on_result(article: Article, res) -> None:
                if isinstance(res, InputError):
                    errors.append(res)
                    return
                pending.append(res)
                fresh.append(res)
                if len(pending) >= batch:
                    rec.put_many(pending)
                    pending.clear()

            t = time.perf_counter()
            extract_many(todo, jobs=jobs, progress=progress, scheduler=scheduler, on_result=on_result)
            if pending:
                rec.put_many(pending)
            timings["extract"] = time.perf_counter() - t
            errors = sorted(errors, key=lambda e: e.source)
            out = StoreBuild(None, errors, read=len(articles), extracted=len(todo), skipped=len(articles) - len(todo),
                             articles=rec.count(), timings=timings)
            fp = rec.fingerprint()
            exports_key = f"exports:{Path(outdir).resolve()}" if outdir is not None else None
            exports_ok = exports_key is None or (
                rec.meta(exports_key) == fp and all((Path(outdir) / n).is_file() for n in export_files()))
            if rec.meta("fingerprint") == fp and rec.meta("rdf_state") == "clean" and exports_ok \
                    and rec.meta("rdf_layout") == RDF_LAYOUT:
                out.unchanged = True
                timings["total"] = time.perf_counter() - t0
                return out
            if incremental and fresh and _incremental(path, rec, fresh, fp, outdir, out, views):
                timings["total"] = time.perf_counter() - t0
                return out
            if views is not None:
                views.close()  # not needed: the full merge writes the exports itself
            _full(path, rec, fp, outdir, errors, out)
            timings["total"] = time.perf_counter() - t0
            return out
        finally:
            if views is not None:
                views.close()
            rec.close()


def _full(path: Path, rec: RecordStore, fp: str, outdir, errors, out: StoreBuild) -> None:
    """Merge every stored record, index the merge, update the RDF store and the exports."""
    timings = out.timings
    t = time.perf_counter()
    records = list(rec.extractions(slim=True))
    timings["load"] = time.perf_counter() - t
    t = time.perf_counter()
    result = KnowledgeGraph(merge_extractions(records), errors)
    out.result = result
    timings["merge"] = time.perf_counter() - t
    t = time.perf_counter()
    index = MergeIndex(rec.db)  # creates its tables (outside the transaction: executescript commits)
    with rec.tx() as db:
        index.rebuild(records, result.records)
        rec.set_meta("index_fingerprint", fp, db)
    del records
    timings["index"] = time.perf_counter() - t
    out.counts = _counts(result.records)
    t = time.perf_counter()
    triples = result.triples
    timings["triples"] = time.perf_counter() - t
    t = time.perf_counter()
    before = rec.meta("fingerprint")
    update = RDFUpdate()
    exporting = outdir is not None and bool(result.records.articles)
    try:
        if before != fp or rec.meta("rdf_state") != "clean" or rec.meta("rdf_layout") != RDF_LAYOUT:
            update = update_rdf(path, rec, triples, background=exporting)
            out.graphs_replaced = update.count
        timings["rdf_store"] = time.perf_counter() - t
        if exporting:
            t = time.perf_counter()
            outdir = Path(outdir)
            # splice the exports when they are the ones this store wrote at its previous
            # state (same bytes on disk) and the RDF update was incremental; else write them
            # whole (meanwhile a rebuilt RDF store loads in the background)
            if update.count and not update.rebuilt and exports_in_step(rec, outdir, before):
                others = {"graph.html": result.html, "graph.graphml": Streamed(result._graphml_to),
                          "void.ttl": result.void}
                out.exports = spliced_exports(outdir, triples, update, others, timings)
                out.exports_spliced = True
            else:
                out.exports = result.write(outdir, timings=timings)
            timings["exports"] = time.perf_counter() - t
    finally:
        t = time.perf_counter()
        update.finish()
        if update.rebuilt and exporting:
            timings["rdf_store_wait"] = time.perf_counter() - t
    mark_done(rec, fp, outdir if exporting else None, result.void_stats if exporting else None)


def _counts(records) -> dict:
    return {"entity": len(records.entities), "event": len(records.events), "relation": len(records.relations),
            "quantity": len(records.quantities)}


def _incremental(path: Path, rec: RecordStore, fresh: list[Extraction], fp: str, outdir, out: StoreBuild,
                 views: "ViewsHelper | None") -> bool:
    """Add the records of new articles through the merge index (kg.merge.incremental): the RDF
    store and the sorted exports change only in the named graphs and subjects concerned.
    False (nothing changed) when the index declines; the caller then merges everything."""
    timings = out.timings
    t = time.perf_counter()
    index = MergeIndex(rec.db)
    rec.db.execute("BEGIN IMMEDIATE")
    try:
        delta = index.add(fresh, article_loader(rec.db))
        if delta is None:
            rec.db.execute("ROLLBACK")
            return False
        # the RDF store is marked dirty in the same transaction: a build killed before it is
        # clean again merges everything next time
        rec.set_meta("index_fingerprint", fp)
        rec.set_meta("rdf_state", "dirty")
        rec.db.execute("COMMIT")
    except BaseException:
        rec.db.execute("ROLLBACK")
        raise
    out.incremental = True
    out.counts = delta.counts
    timings["merge"] = time.perf_counter() - t
    outdir = Path(outdir) if outdir is not None else None
    spliceable = outdir is not None and exports_in_step(rec, outdir, rec.meta("fingerprint"))
    if spliceable:  # the helper makes the page and the GraphML meanwhile
        views = views or ViewsHelper(path, timings)
        views.send(delta.changed, [x.article.id for x in fresh])
    try:
        t = time.perf_counter()
        known = {i for (i,) in rec.db.execute("SELECT id FROM articles WHERE version=?", (EXTRACTOR_VERSION,))}
        triples = emit(delta.closure, known=known)
        names = {f"<{ID_NS}article/{a}>" for a in delta.affected}
        triples.graphs = {n: triples.graphs.get(n, []) for n in names}
        timings["triples"] = time.perf_counter() - t
        t = time.perf_counter()
        update = update_rdf_graphs(path, rec, triples)
        out.graphs_replaced = update.count
        timings["rdf_store"] = time.perf_counter() - t
        t = time.perf_counter()
        void = None
        if spliceable:
            void = json.loads(rec.meta(f"void:{outdir.resolve()}"))
            if update.count:
                state: dict = {"void_old": void, "store_path": path}
                others = {"graph.html": views.export("graph.html"), "graph.graphml": views.export("graph.graphml"),
                          "void.ttl": lambda: void_text_of(state)}
                out.exports = spliced_exports(outdir, triples, update, others, timings, state)
                void = state["void"]
            out.exports_spliced = True
        elif outdir is not None:  # exports elsewhere or changed by hand: written whole from the index
            result = KnowledgeGraph(full_records(rec.db, EXTRACTOR_VERSION))
            out.exports = result.write(outdir, timings=timings)
            void = result.void_stats
        if outdir is not None:
            timings["exports"] = time.perf_counter() - t
    finally:
        if views is not None:
            views.close()
    mark_done(rec, fp, outdir, void)
    return True


def describe(path: str | os.PathLike) -> dict:
    """Counts of a store (for ``kg build`` output and tests)."""
    rec = RecordStore(path, create=False)
    try:
        return {"articles": rec.count(), "graphs": rec.db.execute("SELECT COUNT(*) FROM graphs").fetchone()[0],
                "rdf_state": rec.meta("rdf_state"), "fingerprint": rec.meta("fingerprint")}
    finally:
        rec.close()
