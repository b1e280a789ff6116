"""An embedded, persistent store: ``kg build --store DIR``.

Layout of ``DIR``::

    records.sqlite   one row per article: id (hash of the normalised text), source, the
                     extractor version and the Extraction as JSON (kg.model.to_json);
                     the digest of each named graph in the RDF store; the input files
                     read before (source, content hash, their articles); meta (corpus
                     fingerprint, state of the RDF store, exports written, their VoID
                     figures); and the merge index, tables ix_* (kg/incremental.py)
    oxigraph/        pyoxigraph's on-disk store (RocksDB): one named graph per article
                     (graph IRI = the article IRI), as in the TriG export
    .views/          the page and GraphML a helper process makes during a build
    .lock            flock: one writer (a build) or many readers (query, serve)

A build reads its inputs (a file whose bytes are those read before is not parsed again: its
articles come from the store), extracts only the articles the store does not hold (new text,
or records of another extractor version), and commits each batch of records in one SQLite
transaction (a killed build keeps every batch it committed and nothing half-written).

When the build only added articles and the merge index is in step with the records, the new
records are merged unit by unit through the index (:mod:`kg.incremental`): only the named
graphs that can change are made (:mod:`kg.triples`), only those whose digest changed are
replaced in the RDF store, and the sorted exports are spliced (:mod:`kg.splice`) from each
concerned subject's old record and the change in the replaced graphs; VoID figures follow
the same delta; the page and the GraphML, views of the whole graph, are made by a helper
process from the index meanwhile. Otherwise (first build, re-extracted or moved articles, an
interrupted build) every stored record is merged again, the index rebuilt, and only the named
graphs whose digest changed replaced. A named graph depends only on what its article
contributes and the merge decisions about the nodes it names (see kg/triples.py). The RDF
side is marked dirty before it is touched and clean after: a build killed in between leaves a
dirty mark, and the next build merges everything and rebuilds the RDF store from the records.
When neither the corpus nor the extractor changed, the build stops after reading the inputs.

Why SQLite for the records and the index: one file, in the standard library, transactional
(atomic batches and crash recovery for free), indexed lookups by article, node and merge
unit for 100,000 articles without 100,000 small files, and readable by any tool
(``sqlite3 records.sqlite``).
"""
from __future__ import annotations

import dataclasses
import fcntl
import hashlib
import io
import json
import os
import sqlite3
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from .errors import InputError, KGError
from .export import Streamed
from .model import Article, Extraction, decode_extraction, from_json, to_json
from .vocab import ID_NS

__all__ = ["RecordStore", "StoreError", "build_store", "is_store", "open_rdf_store", "StoreBuild",
           "EXTRACTOR_VERSION"]

_SCHEMA = 1


def _extractor_version() -> str:
    from . import __version__

    return f"{__version__}/{_SCHEMA}"


EXTRACTOR_VERSION = _extractor_version()


class StoreError(KGError):
    pass


def is_store(path: str | os.PathLike) -> bool:
    p = Path(path)
    return p.is_dir() and (p / "records.sqlite").is_file()


@contextmanager
def _flock(path: Path, exclusive: bool, what: str):
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"{path}: cannot create the store ({exc.strerror or exc})") from None
    fh = open(path / ".lock", "a+")
    try:
        try:
            fcntl.flock(fh, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreError(f"{path}: the store is in use ({what} needs it "
                             f"{'alone' if exclusive else 'without a build running'})") from None
        yield
    finally:
        fh.close()


#: shared locks this process holds on stores it opened for reading (released when it ends,
#: or when this process itself starts a build on the same store)
_held_locks: dict[Path, list] = {}


def _hold_shared(path: Path):
    fh = open(path / ".lock", "a+")
    try:
        fcntl.flock(fh, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        fh.close()
        raise StoreError(f"{path}: a build is writing the store; query it when the build is done") from None
    return fh


def open_rdf_store(path: str | os.PathLike):
    """The store's RDF (an Oxigraph store, read-only), for ``kg query`` and ``kg serve``."""
    import pyoxigraph as ox

    path = Path(path)
    _held_locks.setdefault(path.resolve(), []).append(_hold_shared(path))
    rec = RecordStore(path, create=False)
    try:
        if rec.meta("rdf_state") != "clean":
            raise StoreError(f"{path}: the RDF store is incomplete (a build was interrupted); "
                             "run kg build --store again")
    finally:
        rec.close()
    return ox.Store.read_only(str(path / "oxigraph"))


class RecordStore:
    """The per-article records (SQLite)."""

    def __init__(self, path: str | os.PathLike, create: bool = True):
        self.path = Path(path)
        db = self.path / "records.sqlite"
        if not create and not db.is_file():
            raise StoreError(f"{self.path}: not a dipkg store (no records.sqlite)")
        self.path.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(db, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        with self.tx():
            self.db.execute("CREATE TABLE IF NOT EXISTS articles (id TEXT PRIMARY KEY, source TEXT NOT NULL, "
                            "version TEXT NOT NULL, article TEXT NOT NULL, extraction TEXT NOT NULL, "
                            "added REAL NOT NULL)")
            self.db.execute("CREATE TABLE IF NOT EXISTS graphs (iri TEXT PRIMARY KEY, digest TEXT NOT NULL)")
            self.db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
            self.db.execute("CREATE TABLE IF NOT EXISTS files (source TEXT PRIMARY KEY, digest TEXT NOT NULL, "
                            "version TEXT NOT NULL, articles TEXT NOT NULL, stat TEXT NOT NULL DEFAULT '')")
            if "stat" not in {r[1] for r in self.db.execute("PRAGMA table_info(files)")}:  # a store made before
                self.db.execute("ALTER TABLE files ADD COLUMN stat TEXT NOT NULL DEFAULT ''")

    def check_index(self) -> None:
        """Drop the merge index (kg/incremental.py) when it has another layout: the next full merge makes it again."""
        from .incremental import INDEX_VERSION, MergeIndex

        if self.meta("index_version") != INDEX_VERSION:
            with self.tx() as db:
                MergeIndex.drop(db)
                self.set_meta("index_fingerprint", None, db)
                self.set_meta("index_version", INDEX_VERSION, db)

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def tx(self):
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # --- meta
    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str | None, db=None) -> None:
        (db or self.db).execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    # --- articles
    def known(self) -> dict[str, tuple[str, str, str]]:
        """Article id -> (extractor version, source, article JSON)."""
        return {r[0]: r[1:] for r in self.db.execute("SELECT id, version, source, article FROM articles")}

    def put_many(self, extractions: Iterable[Extraction]) -> None:
        """Store records, all in one transaction."""
        now = time.time()
        rows = [(x.article.id, x.article.source, EXTRACTOR_VERSION, to_json(x.article), to_json(x), now)
                for x in extractions]
        with self.tx() as db:
            db.executemany("INSERT OR REPLACE INTO articles(id, source, version, article, extraction, added) "
                           "VALUES (?, ?, ?, ?, ?, ?)", rows)

    def get(self, article_id: str) -> Extraction | None:
        row = self.db.execute("SELECT extraction FROM articles WHERE id=?", (article_id,)).fetchone()
        return from_json(Extraction, row[0]) if row else None

    def extractions(self, slim: bool = False) -> Iterator[Extraction]:
        """Every current record, by article id. ``slim``: without mentions and article text
        (what merging and the graphs read: a tenth of the memory)."""
        import json

        for (text,) in self.db.execute("SELECT extraction FROM articles WHERE version=? ORDER BY id",
                                       (EXTRACTOR_VERSION,)):
            yield decode_extraction(json.loads(text), mentions=not slim, article_text=not slim)

    # --- input files read before
    def files(self) -> dict[str, tuple[str, str, str]]:
        """Source -> (content digest, JSON list of its articles, size:mtime when read), for the current version."""
        return {r[0]: (r[1], r[2], r[3]) for r in self.db.execute(
            "SELECT source, digest, articles, stat FROM files WHERE version=?", (EXTRACTOR_VERSION,))}

    def put_files(self, rows: list[tuple[str, str, str, str]]) -> None:
        with self.tx() as db:
            db.executemany("INSERT OR REPLACE INTO files(source, digest, version, articles, stat) VALUES (?, ?, ?, ?, ?)",
                           [(src, dig, EXTRACTOR_VERSION, arts, st) for src, dig, arts, st in rows])

    def fingerprint(self) -> str:
        """Changes whenever a current record is added, replaced or its article changes."""
        h = hashlib.sha256(EXTRACTOR_VERSION.encode())
        for aid, source, added in self.db.execute(
                "SELECT id, source, added FROM articles WHERE version=? ORDER BY id", (EXTRACTOR_VERSION,)):
            h.update(f"{aid}\t{source}\t{added!r}\n".encode())
        return h.hexdigest()

    def count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM articles WHERE version=?", (EXTRACTOR_VERSION,)).fetchone()[0]


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
    incremental: bool = False  # merged unit by unit (kg/incremental.py), not the whole corpus again
    counts: dict = field(default_factory=dict)  # entities, events, relations, quantities of the graph
    unchanged: bool = False  # nothing to do: graph and exports were already up to date
    exports: list[Path] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)


#: how named graphs are cut and written (kg/triples.py); a store made under another layout
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
class _RDFUpdate:
    """What :func:`_update_rdf` did: graphs written or removed (IRIs, '' for the default graph),
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


def _update_rdf(path: Path, rec: RecordStore, triples, background: bool = False) -> _RDFUpdate:
    """Replace the named graphs of the Oxigraph store whose digest changed.

    ``background``: a rebuild loads in a thread (Oxigraph's loader releases the GIL) while the
    caller writes the exports; :meth:`_RDFUpdate.finish` waits for it and marks the store clean.
    """
    import pyoxigraph as ox

    names = {("" if name is None else name[1:-1]): name for name in triples.graphs}
    new = {iri: triples.digest(name) for iri, name in names.items()}
    dirty = rec.meta("rdf_state") != "clean" or rec.meta("rdf_layout") != RDF_LAYOUT
    old = {} if dirty else dict(rec.db.execute("SELECT iri, digest FROM graphs"))
    changed = sorted(iri for iri, d in new.items() if old.get(iri) != d)
    gone = sorted(iri for iri in old if iri not in new)
    if not changed and not gone and not dirty:
        return _RDFUpdate()
    with rec.tx() as db:
        rec.set_meta("rdf_state", "dirty", db)
    store = ox.Store(str(path / "oxigraph"))
    update = _RDFUpdate()
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
                # the records of the sorted exports that may change (kg/splice.py)
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


def _file_stats(outdir: Path) -> dict[str, list[int]]:
    out = {}
    for name in _export_files():
        try:
            st = (outdir / name).stat()
        except OSError:
            continue
        out[name] = [st.st_size, st.st_mtime_ns]
    return out


def _spliced_exports(outdir: Path, tr, update: _RDFUpdate, others: dict, timings: dict,
                     void_state: dict | None = None) -> list[Path]:
    """The exports after an incremental update: the sorted RDF exports spliced (only the records
    of subjects the replaced graphs held before or hold now, and the replaced graphs of the
    TriG, are written anew: kg/splice.py); ``others`` make the rest (page, GraphML, VoID).

    Without ``void_state``, ``tr`` holds every triple of those subjects (a full merge). With
    it (an incremental merge), ``tr`` holds the replaced graphs only, and a subject's new
    record is its old one (read from the old ``graph.nt``) changed as its triples in the
    replaced graphs changed (:func:`kg.incremental.spliced_records`); the VoID figures are
    updated from the old and new records (``void_old`` in, ``void`` out:
    :func:`kg.dataset.void_stats_update`) instead of counted over every triple."""
    from . import dataset
    from .splice import LAYOUTS, old_records

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
        from .incremental import spliced_records

        old_g: dict[str, set] = {}
        new_g: dict[str, set] = {}
        for t3 in update.old_triples:
            old_g.setdefault(t3[0], set()).add(t3)
        for iri in update.changed:
            for t3 in tr.graph(term[iri]):
                new_g.setdefault(t3[0], set()).add(t3)
        subjects = set(old_g) | set(new_g)
        head = dataset.export_head("graph.nt").encode("utf-8")
        old = old_records(outdir / "graph.nt", head, LAYOUTS["graph.nt"], sorted(subjects))
        before = {s: {_nt_triple(line) for line in old[s].decode("utf-8").splitlines() if line} for s in subjects}
        changed = {f"<{iri}>" for iri in update.changed}
        after = spliced_records(before, old_g, new_g, lambda ts: _held_elsewhere(void_state["store_path"], ts, changed))
        timings["export:records-delta"] = time.perf_counter() - t
        t = time.perf_counter()
        void_state["void"] = dataset.void_stats_update(
            void_state["void_old"], before, after, lambda objs: _objects_elsewhere(void_state["store_path"], objs, subjects))
        timings["export:void-delta"] = time.perf_counter() - t
    return _write_spliced(outdir, tr, term, after, sorted(set(update.changed) | set(update.gone)), others, timings)


def _write_spliced(outdir: Path, tr, term: dict, records: dict[str, set], graphs: list[str], others: dict,
                   timings: dict) -> list[Path]:
    """Write the exports: the sorted RDF ones spliced with the new ``records`` (subject -> its
    triples; none: the subject is gone) and, in the TriG, the new ``graphs``; ``others`` as they are."""
    from . import dataset
    from .export import write_all_atomic
    from .splice import LAYOUTS, splice

    t = time.perf_counter()
    order = sorted(records)
    recs = dataset.Records()
    edits = {}
    for name, fn in (("graph.nt", recs.nt), ("graph.ttl", recs.ttl), ("graph.jsonld", recs.jsonld)):
        edits[name] = [(s, fn(sorted(records[s])).encode("utf-8") if records[s] else b"") for s in order]
    edits["graph.trig"] = [("" if iri == "" else f"<{iri}>",
                            recs.trig(term[iri], tr.graph(term[iri])).encode("utf-8") if iri in term else b"")
                           for iri in graphs]
    timings["export:records"] = time.perf_counter() - t

    def spliced(name: str) -> Streamed:
        head = dataset.export_head(name).encode("utf-8")
        return Streamed(lambda fh: splice(outdir / name, head, LAYOUTS[name], edits[name], fh), binary=True)

    makers = {name: spliced(name) for name in LAYOUTS}
    makers.update(others)
    # the page and the GraphML last: a helper process may still be making them
    order = sorted(_export_files(), key=lambda n: n in ("graph.html", "graph.graphml"))
    written = write_all_atomic(outdir, {name: makers[name] for name in order}, timings=timings)
    return sorted(written, key=lambda p: _export_files().index(p.name))


def _ox_term(t: str):
    """The pyoxigraph term of an N-Triples term."""
    import pyoxigraph as ox

    from .triples import parse_literal

    if t[0] == "<":
        return ox.NamedNode(t[1:-1])
    if t.startswith("_:"):
        return ox.BlankNode(t[2:])
    lex, lang, dt = parse_literal(t)
    return ox.Literal(lex, language=lang) if lang else ox.Literal(lex, datatype=ox.NamedNode(dt)) if dt \
        else ox.Literal(lex)


def _held_elsewhere(path: Path, triples: set, graphs: set[str]) -> set:
    """Those of ``triples`` that a named graph of the RDF store other than ``graphs`` holds."""
    import pyoxigraph as ox

    store = ox.Store.read_only(str(path / "oxigraph"))
    found = set()
    for t in triples:
        for q in store.quads_for_pattern(_ox_term(t[0]), _ox_term(t[1]), _ox_term(t[2]), None):
            # checked again: pyoxigraph 0.5 may match a numeric literal in a pattern by prefix
            if str(q.graph_name) not in graphs and _nt_of(q) == t:
                found.add(t)
                break
    return found


def _nt_triple(line: str) -> tuple[str, str, str]:
    """An N-Triples line of kg.dataset's writer -> its three terms."""
    s, p, rest = line.split(" ", 2)
    return s, p, rest[:-2]


def _objects_elsewhere(path: Path, objects: set, subjects: set) -> set:
    """Those of ``objects`` (N-Triples terms) that a triple of the RDF store whose subject is
    not one of ``subjects`` has as its object."""
    import pyoxigraph as ox

    store = ox.Store.read_only(str(path / "oxigraph"))
    found = set()
    for o in objects:
        for q in store.quads_for_pattern(None, None, _ox_term(o), None):
            # checked again: pyoxigraph 0.5 may match a numeric literal in a pattern by prefix
            # (an object-only pattern for "255"^^xsd:integer also yields 256, 473, ...)
            if str(q.subject) not in subjects and _nt_of(q)[2] == o:
                found.add(o)
                break
    return found


def _article(text: str) -> Article:
    """An :class:`Article` from its JSON (``kg.model.from_json``, faster)."""
    from .model import decode_record

    return decode_record(Article, json.loads(text))


def _article_json(a: Article) -> str:
    """``kg.model.to_json(a)`` for this one flat record, faster (a store build compares thousands)."""
    return json.dumps(a.__dict__, ensure_ascii=False, sort_keys=True)


#: a file modified this recently before it was read is read again next time, whatever its size and time
RACY_SECONDS = 2.0


def _read_inputs(rec: RecordStore, paths) -> tuple[list[Article], list[InputError]]:
    """What :func:`kg.ingest.read_paths` reads, but a file read before (same source, same
    extractor version) is not parsed again when its bytes are the same (SHA-256): its articles
    come from the store. As make and git do, a file whose size and modification time are those
    it had when read is not even read; a time within :data:`RACY_SECONDS` of the read is not
    trusted (the file may change again within the same clock tick). Files that gave an error
    are read every time (their errors are reported)."""
    import json

    from .ingest import MAX_BYTES, input_files, read_bytes, read_file

    cache = rec.files()
    articles: list[Article] = []
    errors: list[InputError] = []
    fresh: list[tuple[str, str, str, str]] = []
    now = time.time()
    for item in input_files(paths):
        if isinstance(item, InputError):
            errors.append(item)
            continue
        source = str(item)
        hit = cache.get(source)
        try:
            st = item.stat()
            if st.st_size > MAX_BYTES:
                raise OSError
            stamp = f"{st.st_size}:{st.st_mtime_ns}" if st.st_mtime < now - RACY_SECONDS else ""
            if hit is not None and stamp and hit[2] == stamp:
                articles.extend(_article(a) for a in json.loads(hit[1]))
                continue
            data = item.read_bytes()
        except OSError:  # too large or unreadable: the reader says why
            for x in read_file(item):
                (errors if isinstance(x, InputError) else articles).append(x)
            continue
        digest = hashlib.sha256(data).hexdigest()
        if hit is not None and hit[0] == digest:
            articles.extend(_article(a) for a in json.loads(hit[1]))
            if stamp != hit[2]:  # the same bytes, touched: known by their stamp next time
                fresh.append((source, digest, hit[1], stamp))
            continue
        got = list(read_bytes(data, source, item.suffix.lower()))
        if got and not any(isinstance(x, InputError) for x in got):
            fresh.append((source, digest, json.dumps([to_json(a) for a in got], ensure_ascii=False), stamp))
        for x in got:
            (errors if isinstance(x, InputError) else articles).append(x)
    if fresh:
        rec.put_files(fresh)
    return articles, errors


def build_store(paths: Iterable[str | os.PathLike], store: str | os.PathLike, outdir: str | os.PathLike | None = None,
                jobs: int | None = None, progress: bool | None = None, scheduler=None, refresh: bool = False,
                batch: int = 32) -> StoreBuild:
    """Add the articles under ``paths`` to the store at ``store``; update its RDF and the exports in ``outdir``.

    The store's graph is every article it holds (inputs accumulate across builds).
    ``refresh``: extract every input again even when its record is current.
    """
    from .parallel import extract_many, unique_articles

    path = Path(store)
    t0 = time.perf_counter()
    timings: dict[str, float] = {}
    for fh in _held_locks.pop(path.resolve(), []):  # our own earlier reads (their stores are done with)
        fh.close()
    with _flock(path, True, "a build"):
        rec = RecordStore(path)
        views: _Views | None = None
        try:
            rec.check_index()
            articles, errors = _read_inputs(rec, paths)
            articles = unique_articles(articles)
            known = rec.known()
            fp_start = rec.fingerprint()
            todo, moved = [], []
            for a in articles:
                version, source, art_json = known.get(a.id, (None, None, None))
                if refresh or version != EXTRACTOR_VERSION:
                    todo.append(a)
                elif art_json == _article_json(a):
                    continue  # unchanged: the stored record stands
                elif art_json == to_json(dataclasses.replace(a, source=source)):
                    moved.append(dataclasses.replace(rec.get(a.id), article=a))  # same article, read from elsewhere
                else:
                    todo.append(a)  # same text, other metadata (a date changes relative dates): extract again
            timings["read"] = time.perf_counter() - t0
            # only new articles, the merge index in step with the records and a clean RDF store:
            # the build will merge unit by unit (kg/incremental.py) and rewrite only what changes
            incremental = bool(todo) and not refresh and not moved and all(a.id not in known for a in todo) \
                and rec.meta("fingerprint") == fp_start and rec.meta("index_fingerprint") == fp_start \
                and rec.meta("rdf_state") == "clean" and rec.meta("rdf_layout") == RDF_LAYOUT
            if incremental and outdir is not None and _exports_in_step(rec, Path(outdir), fp_start):
                # the page and the GraphML are views of the whole graph: a helper reads it now
                views = _Views(path, timings)
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
                rec.meta(exports_key) == fp and all((Path(outdir) / n).is_file() for n in _export_files()))
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
    from .build import KnowledgeGraph
    from .incremental import MergeIndex
    from .records import merge_extractions

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
    update = _RDFUpdate()
    exporting = outdir is not None and bool(result.records.articles)
    try:
        if before != fp or rec.meta("rdf_state") != "clean" or rec.meta("rdf_layout") != RDF_LAYOUT:
            update = _update_rdf(path, rec, triples, background=exporting)
            out.graphs_replaced = update.count
        timings["rdf_store"] = time.perf_counter() - t
        if exporting:
            t = time.perf_counter()
            outdir = Path(outdir)
            # splice the exports when they are the ones this store wrote at its previous
            # state (same bytes on disk) and the RDF update was incremental; else write them
            # whole (meanwhile a rebuilt RDF store loads in the background)
            if update.count and not update.rebuilt and _exports_in_step(rec, outdir, before):
                others = {"graph.html": result.html, "graph.graphml": Streamed(result._graphml_to),
                          "void.ttl": result.void}
                out.exports = _spliced_exports(outdir, triples, update, others, timings)
                out.exports_spliced = True
            else:
                out.exports = result.write(outdir, timings=timings)
            timings["exports"] = time.perf_counter() - t
    finally:
        t = time.perf_counter()
        update.finish()
        if update.rebuilt and exporting:
            timings["rdf_store_wait"] = time.perf_counter() - t
    _done(rec, fp, outdir if exporting else None, result.void_stats if exporting else None)


def _counts(records) -> dict:
    return {"entity": len(records.entities), "event": len(records.events), "relation": len(records.relations),
            "quantity": len(records.quantities)}


def _exports_in_step(rec: RecordStore, outdir: Path, fp: str | None) -> bool:
    """Whether the exports in ``outdir`` are the ones this store wrote at state ``fp``, untouched since."""
    key = f"exports:{outdir.resolve()}"
    return (fp is not None and rec.meta(key) == fp and rec.meta(f"void:{outdir.resolve()}") is not None
            and rec.meta(f"exports-files:{outdir.resolve()}") == json.dumps(_file_stats(outdir)))


def _done(rec: RecordStore, fp: str, outdir: Path | None, void_stats: dict | None) -> None:
    with rec.tx() as db:
        rec.set_meta("fingerprint", fp, db)
        if outdir is not None:
            outdir = Path(outdir)
            rec.set_meta(f"exports:{outdir.resolve()}", fp, db)
            rec.set_meta(f"exports-files:{outdir.resolve()}", json.dumps(_file_stats(outdir)), db)
            rec.set_meta(f"void:{outdir.resolve()}", json.dumps(void_stats, sort_keys=True), db)


def _incremental(path: Path, rec: RecordStore, fresh: list[Extraction], fp: str, outdir, out: StoreBuild,
                 views: "_Views | None") -> bool:
    """Add the records of new articles through the merge index (kg/incremental.py): the RDF
    store and the sorted exports change only in the named graphs and subjects concerned.
    False (nothing changed) when the index declines; the caller then merges everything."""
    from .build import KnowledgeGraph
    from .incremental import MergeIndex, _article_loader, full_records
    from .triples import emit

    timings = out.timings
    t = time.perf_counter()
    index = MergeIndex(rec.db)
    rec.db.execute("BEGIN IMMEDIATE")
    try:
        delta = index.add(fresh, _article_loader(rec.db))
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
    spliceable = outdir is not None and _exports_in_step(rec, outdir, rec.meta("fingerprint"))
    if spliceable:  # the helper makes the page and the GraphML meanwhile
        views = views or _Views(path, timings)
        views.send(delta.changed, [x.article.id for x in fresh])
    try:
        t = time.perf_counter()
        known = {i for (i,) in rec.db.execute("SELECT id FROM articles WHERE version=?", (EXTRACTOR_VERSION,))}
        triples = emit(delta.closure, known=known)
        names = {f"<{ID_NS}article/{a}>" for a in delta.affected}
        triples.graphs = {n: triples.graphs.get(n, []) for n in names}
        timings["triples"] = time.perf_counter() - t
        t = time.perf_counter()
        update = _update_rdf_graphs(path, rec, triples)
        out.graphs_replaced = update.count
        timings["rdf_store"] = time.perf_counter() - t
        t = time.perf_counter()
        void = None
        if spliceable:
            void = json.loads(rec.meta(f"void:{outdir.resolve()}"))
            if update.count:
                state: dict = {"void_old": void, "store_path": path}
                others = {"graph.html": views.export("graph.html"), "graph.graphml": views.export("graph.graphml"),
                          "void.ttl": lambda: _void_text(state)}
                out.exports = _spliced_exports(outdir, triples, update, others, timings, state)
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
    _done(rec, fp, outdir, void)
    return True


class _Views:
    """``graph.html`` and ``graph.graphml`` of the whole graph, made by a helper process from the
    merge index while the build goes on (:func:`make_views`): it reads the graph as the index
    holds it while this process reads and extracts, then the nodes the new articles change
    (:meth:`send`), and writes both views; made here if the helper fails."""

    NAMES = ("graph.html", "graph.graphml")

    def __init__(self, path: Path, timings: dict):
        import multiprocessing

        self.path, self.timings = path, timings
        self.folder = path / ".views"
        self.folder.mkdir(exist_ok=True)
        for name in self.NAMES:
            (self.folder / name).unlink(missing_ok=True)
        # spawned, not forked: this process holds RocksDB, BLAS and SQLite state a fork must not share
        ctx = multiprocessing.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=make_views, args=(str(path), str(self.folder), child),
                                name="dipkg-views", daemon=True)
        self.proc.start()
        child.close()
        self.sent = self.closed = False
        self.ok: bool | None = None

    def send(self, changed, articles) -> None:
        """Tell the helper what the build changed in the index (committed); it then writes the views."""
        self.started = time.perf_counter()
        try:
            self.conn.send((sorted(changed), sorted(articles)))
            self.sent = True
        except OSError:  # the helper is gone: the views are made here
            self.ok = False

    def wait(self) -> bool:
        if self.ok is None:
            if not self.sent:
                self.ok = False
                return False
            self.proc.join()
            self.ok = self.proc.exitcode == 0 and all((self.folder / n).is_file() for n in self.NAMES)
            self.timings["views"] = time.perf_counter() - self.started
        return self.ok

    def export(self, name: str) -> Streamed:
        def write(fh) -> None:
            import shutil

            if self.wait():
                with open(self.folder / name, "rb") as src:
                    shutil.copyfileobj(src, fh, 1 << 20)
            else:  # the helper failed: made here
                graph = self._graph()
                fh.write((graph.html() if name == "graph.html" else _text_of(graph._graphml_to)).encode("utf-8"))

        return Streamed(write, binary=True)

    def _graph(self):
        from .build import KnowledgeGraph
        from .incremental import full_records

        if getattr(self, "graph", None) is None:
            db = sqlite3.connect(self.path / "records.sqlite")
            try:
                self.graph = KnowledgeGraph(full_records(db, EXTRACTOR_VERSION))
            finally:
                db.close()
        return self.graph

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        if not self.sent:
            try:
                self.conn.send(None)  # not needed after all
            except OSError:
                pass
        if self.proc.is_alive():
            self.proc.terminate()
        self.proc.join()
        self.conn.close()
        for name in self.NAMES:
            (self.folder / name).unlink(missing_ok=True)


def _text_of(write) -> str:
    buf = io.StringIO()
    write(buf)
    return buf.getvalue()


def make_views(store: str, folder: str, conn) -> None:
    """The helper process of :class:`_Views`: read the whole graph from the merge index (one
    read transaction: the index as it is before the build adds its articles), wait for what
    the build changed (or None: not needed), read that again, and write ``graph.html`` and
    (in a forked child, beside it) ``graph.graphml`` into ``folder``, each through a temporary
    name."""
    from .build import KnowledgeGraph
    from .incremental import full_records, update_records

    db = sqlite3.connect(f"file:{Path(store) / 'records.sqlite'}?mode=ro", uri=True, isolation_level=None)
    try:
        db.execute("BEGIN")
        records = full_records(db, EXTRACTOR_VERSION)
        db.execute("COMMIT")
        try:
            msg = conn.recv()
        except EOFError:  # the build is gone
            return
        if msg is None:
            return
        db.execute("BEGIN")
        update_records(records, db, EXTRACTOR_VERSION, *msg)
        db.execute("COMMIT")
    finally:
        db.close()
    graph = KnowledgeGraph(records)
    graph.networkx  # made once, before the fork: both views read it
    # the GraphML in a forked child (this helper holds no thread or database), the page here
    pid = os.fork() if hasattr(os, "fork") else -1
    if pid == 0:
        code = 1
        try:
            _write_view(folder, "graph.graphml", lambda: _text_of(graph._graphml_to))
            code = 0
        finally:
            os._exit(code)
    _write_view(folder, "graph.html", graph.html)
    if pid < 0 or os.waitpid(pid, 0)[1] != 0:
        _write_view(folder, "graph.graphml", lambda: _text_of(graph._graphml_to))


def _write_view(folder: str, name: str, text) -> None:
    tmp = Path(folder) / (name + ".part")
    tmp.write_text(text(), encoding="utf-8")
    os.replace(tmp, Path(folder) / name)


def _void_text(state: dict) -> str:
    from .dataset import void_text

    return void_text(state["void"])


_XSD_DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"


def _nt_of(q) -> tuple[str, str, str]:
    """A quad of the RDF store as kg.triples writes the triple: Oxigraph keeps decimals in
    canonical form (1.0 as 1), kg.triples writes them with a decimal point."""
    from .triples import _decimal_lex, literal

    o = q.object
    text = str(o)
    if getattr(o, "datatype", None) is not None and o.datatype.value == _XSD_DECIMAL:
        text = literal(_decimal_lex(float(o.value)), datatype=_XSD_DECIMAL)
    return str(q.subject), str(q.predicate), text


def _update_rdf_graphs(path: Path, rec: RecordStore, triples) -> _RDFUpdate:
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
    update = _RDFUpdate(changed=changed)
    if changed:
        store = ox.Store(str(path / "oxigraph"))
        try:
            for iri in changed:
                graph = ox.NamedNode(iri)
                update.old_triples.extend(_nt_of(q) for q in store.quads_for_pattern(None, None, None, graph))
                store.remove_graph(graph)
            store.load(_NQuads((names[iri], triples.graph(names[iri])) for iri in changed), ox.RdfFormat.N_QUADS)
            store.flush()
        finally:
            del store
    with rec.tx() as db:
        db.executemany("INSERT OR REPLACE INTO graphs(iri, digest) VALUES (?, ?)", [(i, new[i]) for i in changed])
        rec.set_meta("rdf_state", "clean", db)
    return update


def _export_files() -> tuple[str, ...]:
    from .export import EXPORT_FILES

    return EXPORT_FILES


def describe(path: str | os.PathLike) -> dict:
    """Counts of a store (for ``kg build`` output and tests)."""
    rec = RecordStore(path, create=False)
    try:
        return {"articles": rec.count(), "graphs": rec.db.execute("SELECT COUNT(*) FROM graphs").fetchone()[0],
                "rdf_state": rec.meta("rdf_state"), "fingerprint": rec.meta("fingerprint")}
    finally:
        rec.close()


def cli_build(args, err) -> int:
    """``kg build --store DIR``: the command's output and exit codes."""
    import sys

    outdir = None if args.no_exports else args.output
    res = build_store(args.inputs, args.store, outdir=outdir, jobs=args.jobs, progress=args.progress,
                      scheduler=args.scheduler, refresh=args.refresh)
    for e in res.errors:
        err(str(e))
    if not res.articles:
        err("no article could be read; nothing written")
        return 2
    head = (f"{res.read} articles read: {res.extracted} extracted, {res.skipped} unchanged; "
            f"store {args.store}: {res.articles} articles")
    if res.unchanged:
        print(head + "; graph and exports up to date")
    else:
        n = res.counts
        print(head + f", {n['entity']} entities, {n['event']} events, {n['relation']} relations; "
              f"{res.graphs_replaced} named graphs replaced" + (" (incremental merge)" if res.incremental else "")
              + (" -> " + ", ".join(str(p) for p in res.exports) if res.exports else ""))
    if res.errors:
        print(f"{len(res.errors)} input(s) failed (listed above)", file=sys.stderr)
        return 1
    return 0
