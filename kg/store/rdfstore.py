"""The store's RDF: an Oxigraph store on disk (``oxigraph/``) holding one named graph per
article, kept in step with the records by graph digests.

Only the named graphs whose digest changed are replaced. The store is marked dirty before it
is touched and clean after: a build killed in between leaves the mark, and the next build
rebuilds the RDF from the records.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ..rdf.terms import decimal_lex, literal, parse_literal
from ..vocab import XSD_NS
from .records import RecordStore

#: how named graphs are cut and written (kg.rdf.triples); a store made under another layout
#: has its RDF rebuilt once
RDF_LAYOUT = "2"


class _NQuads(io.RawIOBase):
    """A readable stream of N-Quads made on the fly (pyoxigraph's loader reads it in chunks)."""

    def __init__(self, graphs: Iterable[tuple[str | None, list]]):
        self.parts = self._lines(graphs)
        self.part = memoryview(b"")

    @staticmethod
    def _lines(graphs):
        for name, triples in graphs:
            tail = " .\n" if name is None else f" {name} .\n"
            for k in range(0, len(triples), 2000):
                yield "".join(f"{s} {p} {o}{tail}" for s, p, o in triples[k:k + 2000]).encode("utf-8")

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        while not len(self.part):
            nxt = next(self.parts, None)
            if nxt is None:
                return 0
            self.part = memoryview(nxt)
        n = min(len(b), len(self.part))
        b[:n] = self.part[:n]
        self.part = self.part[n:]
        return n


@dataclass
class RDFUpdate:
    """What :func:`update_rdf` did: graphs written or removed (IRIs, '' for the default graph),
    and, unless the store was rebuilt, the subjects the replaced graphs held before."""

    changed: list[str] = field(default_factory=list)
    gone: list[str] = field(default_factory=list)
    rebuilt: bool = False
    old_subjects: set = field(default_factory=set)
    old_triples: list = field(default_factory=list)  # (incremental merge) the replaced graphs' triples before
    pending: object = None  # a rebuild still loading in the background: call finish()

    @property
    def count(self) -> int:
        return len(self.changed) + len(self.gone)

    def finish(self) -> None:
        """Wait for a background load; then the store is flushed and marked clean."""
        if self.pending is not None:
            pending, self.pending = self.pending, None
            pending()


def update_rdf(path: Path, rec: RecordStore, triples, background: bool = False) -> RDFUpdate:
    """Replace the named graphs of the Oxigraph store whose digest changed.

    ``background``: a rebuild loads in a thread (Oxigraph's loader releases the GIL) while the
    caller writes the exports; :meth:`RDFUpdate.finish` waits for it and marks the store clean.
    """
    import pyoxigraph as ox

    names = {("" if name is None else name[1:-1]): name for name in triples.graphs}
    new = {iri: triples.digest(name) for iri, name in names.items()}
    dirty = rec.meta("rdf_state") != "clean" or rec.meta("rdf_layout") != RDF_LAYOUT
    old = {} if dirty else dict(rec.db.execute("SELECT iri, digest FROM graphs"))
    changed = sorted(iri for iri, d in new.items() if old.get(iri) != d)
    gone = sorted(iri for iri in old if iri not in new)
    if not changed and not gone and not dirty:
        return RDFUpdate()
    with rec.tx() as db:
        rec.set_meta("rdf_state", "dirty", db)
    store = ox.Store(str(path / "oxigraph"))
    update = RDFUpdate()
    try:
        # rebuilt when interrupted before, new, or when most of a large store changed (one bulk
        # load is faster than removing graph by graph)
        rebuild = dirty or (len(changed) + len(gone) > len(new) // 2 and len(new) > 100)
        if rebuild:
            store.clear()
            changed, gone = sorted(new), []
        else:
            for iri in gone + changed:
                graph = ox.DefaultGraph() if iri == "" else ox.NamedNode(iri)
                # the subjects the graph held (IRIs and blank nodes print as in N-Triples):
                # the records of the sorted exports that may change (kg.rdf.splice)
                update.old_subjects.update(str(q.subject) for q in store.quads_for_pattern(None, None, None, graph))
                if iri == "":
                    store.clear_graph(graph)
                else:
                    store.remove_graph(graph)
        # the changed graphs as N-Quads (not transactional itself: the dirty mark covers it); a
        # few graphs go through an ordinary transactional load, a rebuild through the bulk loader
        quads = _NQuads((names[iri], triples.graph(names[iri])) for iri in changed)
        update.changed, update.gone, update.rebuilt = changed, gone, rebuild
        if rebuild and background:
            update.pending = _load_in_background(path, rec, store, quads, new)
            return update
        if rebuild or sum(len(triples.graphs[names[i]]) for i in changed) > 100_000:
            store.bulk_load(quads, ox.RdfFormat.N_QUADS)
        else:
            store.load(quads, ox.RdfFormat.N_QUADS)
        store.flush()
    finally:
        del store
    _mark_clean(rec, new)
    return update


def _mark_clean(rec: RecordStore, digests: dict[str, str]) -> None:
    with rec.tx() as db:
        db.execute("DELETE FROM graphs")
        db.executemany("INSERT INTO graphs(iri, digest) VALUES (?, ?)", sorted(digests.items()))
        rec.set_meta("rdf_state", "clean", db)
        rec.set_meta("rdf_layout", RDF_LAYOUT, db)


def _load_in_background(path: Path, rec: RecordStore, store, quads: "_NQuads", digests: dict[str, str]):
    """Write the N-Quads to a file in the store, bulk-load it in a thread; return the function
    that waits for the load, flushes, removes the file and marks the store clean."""
    import threading

    import pyoxigraph as ox

    tmp = path / ".rebuild.nq"
    with open(tmp, "wb") as fh:
        for part in quads.parts:
            fh.write(part)
    error: list[BaseException] = []
    held = [store]  # dropped once loaded: the RocksDB lock goes with the last reference

    def load() -> None:
        try:
            held[0].bulk_load(path=str(tmp), format=ox.RdfFormat.N_QUADS)
            held[0].flush()
        except BaseException as exc:  # re-raised in the building thread by finish()
            error.append(exc)

    thread = threading.Thread(target=load, name="oxigraph-bulk-load", daemon=True)
    thread.start()
    del store

    def finish() -> None:
        thread.join()
        held.clear()
        tmp.unlink(missing_ok=True)
        if error:
            raise error.pop()
        _mark_clean(rec, digests)

    return finish


def nt_to_ox(t: str):
    """The pyoxigraph term of an N-Triples term."""
    import pyoxigraph as ox

    if t[0] == "<":
        return ox.NamedNode(t[1:-1])
    if t.startswith("_:"):
        return ox.BlankNode(t[2:])
    lex, lang, dt = parse_literal(t)
    return ox.Literal(lex, language=lang) if lang else ox.Literal(lex, datatype=ox.NamedNode(dt)) if dt \
        else ox.Literal(lex)


def held_elsewhere(path: Path, triples: set, graphs: set[str]) -> set:
    """Those of ``triples`` that a named graph of the RDF store other than ``graphs`` holds."""
    import pyoxigraph as ox

    store = ox.Store.read_only(str(path / "oxigraph"))
    found = set()
    for t in triples:
        for q in store.quads_for_pattern(nt_to_ox(t[0]), nt_to_ox(t[1]), nt_to_ox(t[2]), None):
            # checked again: pyoxigraph 0.5 may match a numeric literal in a pattern by prefix
            if str(q.graph_name) not in graphs and ox_to_nt(q) == t:
                found.add(t)
                break
    return found


def objects_elsewhere(path: Path, objects: set, subjects: set) -> set:
    """Those of ``objects`` (N-Triples terms) that a triple of the RDF store whose subject is
    not one of ``subjects`` has as its object."""
    import pyoxigraph as ox

    store = ox.Store.read_only(str(path / "oxigraph"))
    found = set()
    for o in objects:
        for q in store.quads_for_pattern(None, None, nt_to_ox(o), None):
            # checked again: pyoxigraph 0.5 may match a numeric literal in a pattern by prefix
            # (an object-only pattern for "255"^^xsd:integer also yields 256, 473, ...)
            if str(q.subject) not in subjects and ox_to_nt(q)[2] == o:
                found.add(o)
                break
    return found


_XSD_DECIMAL = XSD_NS + "decimal"


def ox_to_nt(q) -> tuple[str, str, str]:
    """A quad of the RDF store as kg.rdf.triples writes the triple: Oxigraph keeps decimals in
    canonical form (1.0 as 1), kg.rdf.triples writes them with a decimal point."""
    o = q.object
    text = str(o)
    if getattr(o, "datatype", None) is not None and o.datatype.value == _XSD_DECIMAL:
        text = literal(decimal_lex(float(o.value)), datatype=_XSD_DECIMAL)
    return str(q.subject), str(q.predicate), text


def update_rdf_graphs(path: Path, rec: RecordStore, triples) -> RDFUpdate:
    """Replace those of the named graphs of ``triples`` whose digest changed (the store is
    already marked dirty); then mark it clean."""
    import pyoxigraph as ox

    names = {name[1:-1]: name for name in triples.graphs}
    new = {iri: triples.digest(name) for iri, name in names.items()}
    old = {}
    for iri in new:
        row = rec.db.execute("SELECT digest FROM graphs WHERE iri=?", (iri,)).fetchone()
        if row:
            old[iri] = row[0]
    changed = sorted(iri for iri, d in new.items() if old.get(iri) != d)
    update = RDFUpdate(changed=changed)
    if changed:
        store = ox.Store(str(path / "oxigraph"))
        try:
            for iri in changed:
                graph = ox.NamedNode(iri)
                update.old_triples.extend(ox_to_nt(q) for q in store.quads_for_pattern(None, None, None, graph))
                store.remove_graph(graph)
            store.load(_NQuads((names[iri], triples.graph(names[iri])) for iri in changed), ox.RdfFormat.N_QUADS)
            store.flush()
        finally:
            del store
    with rec.tx() as db:
        db.executemany("INSERT OR REPLACE INTO graphs(iri, digest) VALUES (?, ?)", [(i, new[i]) for i in changed])
        rec.set_meta("rdf_state", "clean", db)
    return update
