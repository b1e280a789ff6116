"""An embedded, persistent store: ``kg build --store DIR``.

Layout of ``DIR``::

    records.sqlite   one row per article: id (hash of the normalised text), source, the
                     extractor version and the Extraction as JSON (kg.model.to_json);
                     plus the digest of each named graph in the RDF store, and meta
                     (corpus fingerprint, state of the RDF store, exports written)
    oxigraph/        pyoxigraph's on-disk store (RocksDB): one named graph per article
                     (graph IRI = the article IRI), as in the TriG export
    .lock            flock: one writer (a build) or many readers (query, serve)

A build reads its inputs, extracts only the articles the store does not hold (new text,
or records of another extractor version), commits each batch of records in one SQLite
transaction (a killed build keeps every batch it committed and nothing half-written),
then merges the records of every stored article (cross-article merging is global) and
replaces in the RDF store only the named graphs whose content changed. The RDF side is
marked dirty before it is touched and clean after: a build killed in between leaves a
dirty mark, and the next open rebuilds the RDF store from the records. When neither the
corpus nor the extractor changed, the build stops after reading the inputs.

Why SQLite for the records: one file, in the standard library, transactional (atomic
batches and crash recovery for free), an indexed lookup by id for 100,000 articles
without 100,000 small files, and readable by any tool (``sqlite3 records.sqlite``).
"""
from __future__ import annotations

import dataclasses
import fcntl
import hashlib
import os
import sqlite3
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from .errors import InputError, KGError
from .model import Article, Extraction, from_json, to_json

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

    def extractions(self) -> Iterator[Extraction]:
        """Every current record, by article id."""
        for (text,) in self.db.execute("SELECT extraction FROM articles WHERE version=? ORDER BY id",
                                       (EXTRACTOR_VERSION,)):
            yield from_json(Extraction, text)

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
    unchanged: bool = False  # nothing to do: graph and exports were already up to date
    exports: list[Path] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)


def _graph_digests(g) -> dict[str, tuple[str, list]]:
    """Named graph IRI ('' for the default graph) -> (digest, triples)."""
    from .dataset import partition_by_article

    out = {}
    for name, triples in partition_by_article(g).items():
        lines = sorted(f"{s.n3()} {p.n3()} {o.n3()}" for s, p, o in triples)
        out["" if name is None else str(name)] = (hashlib.sha256("\n".join(lines).encode()).hexdigest(), triples)
    return out


def _update_rdf(path: Path, rec: RecordStore, g) -> int:
    """Replace the changed named graphs of the Oxigraph store; returns how many were written."""
    import pyoxigraph as ox

    from .dataset import _ox

    new = _graph_digests(g)
    dirty = rec.meta("rdf_state") != "clean"
    old = {} if dirty else dict(rec.db.execute("SELECT iri, digest FROM graphs"))
    changed = [iri for iri, (d, _) in new.items() if old.get(iri) != d]
    gone = [iri for iri in old if iri not in new]
    if not changed and not gone and not dirty:
        return 0
    with rec.tx() as db:
        rec.set_meta("rdf_state", "dirty", db)
    store = ox.Store(str(path / "oxigraph"))
    try:
        if dirty or len(changed) + len(gone) > len(new) // 2:  # rebuild (interrupted before, new, or most changed)
            store.clear()
            changed, gone = list(new), []
        else:
            for iri in gone + changed:
                name = ox.DefaultGraph() if iri == "" else ox.NamedNode(iri)
                store.clear_graph(name) if iri == "" else store.remove_graph(name)
        # one bulk load of every changed graph (not transactional itself: the dirty mark covers it)
        store.bulk_extend(ox.Quad(_ox(s), _ox(p), _ox(o), ox.DefaultGraph() if iri == "" else ox.NamedNode(iri))
                          for iri in changed for s, p, o in new[iri][1])
        store.flush()
    finally:
        del store
    with rec.tx() as db:
        db.execute("DELETE FROM graphs")
        db.executemany("INSERT INTO graphs(iri, digest) VALUES (?, ?)", [(i, d) for i, (d, _) in new.items()])
        rec.set_meta("rdf_state", "clean", db)
    return len(changed) + len(gone)


def build_store(paths: Iterable[str | os.PathLike], store: str | os.PathLike, outdir: str | os.PathLike | None = None,
                jobs: int | None = None, progress: bool | None = None, scheduler=None, refresh: bool = False,
                batch: int = 32) -> StoreBuild:
    """Add the articles under ``paths`` to the store at ``store``; update its RDF and the exports in ``outdir``.

    The store's graph is every article it holds (inputs accumulate across builds).
    ``refresh``: extract every input again even when its record is current.
    """
    from .ingest import read_paths
    from .parallel import extract_many, unique_articles

    path = Path(store)
    t0 = time.perf_counter()
    timings: dict[str, float] = {}
    for fh in _held_locks.pop(path.resolve(), []):  # our own earlier reads (their stores are done with)
        fh.close()
    with _flock(path, True, "a build"):
        rec = RecordStore(path)
        try:
            articles, errors = [], []
            for item in read_paths(paths):
                (errors if isinstance(item, InputError) else articles).append(item)
            articles = unique_articles(articles)
            known = rec.known()
            todo, moved = [], []
            for a in articles:
                version, source, art_json = known.get(a.id, (None, None, None))
                if refresh or version != EXTRACTOR_VERSION:
                    todo.append(a)
                elif art_json == to_json(a):
                    continue  # unchanged: the stored record stands
                elif art_json == to_json(dataclasses.replace(a, source=source)):
                    moved.append(dataclasses.replace(rec.get(a.id), article=a))  # same article, read from elsewhere
                else:
                    todo.append(a)  # same text, other metadata (a date changes relative dates): extract again
            timings["read"] = time.perf_counter() - t0
            if moved:
                rec.put_many(moved)
            pending: list[Extraction] = []

            def on_result(article: Article, res) -> None:
                if isinstance(res, InputError):
                    errors.append(res)
                    return
                pending.append(res)
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
            if rec.meta("fingerprint") == fp and rec.meta("rdf_state") == "clean" and exports_ok:
                out.unchanged = True
                timings["total"] = time.perf_counter() - t0
                return out
            t = time.perf_counter()
            from .build import KnowledgeGraph
            from .records import merge_extractions

            result = KnowledgeGraph(merge_extractions(list(rec.extractions())), errors)
            out.result = result
            timings["merge"] = time.perf_counter() - t
            t = time.perf_counter()
            if rec.meta("fingerprint") != fp or rec.meta("rdf_state") != "clean":
                out.graphs_replaced = _update_rdf(path, rec, result.rdf)
                with rec.tx() as db:
                    rec.set_meta("fingerprint", fp, db)
            timings["rdf_store"] = time.perf_counter() - t
            if outdir is not None and result.records.articles:
                t = time.perf_counter()
                out.exports = result.write(outdir)
                with rec.tx() as db:
                    rec.set_meta(exports_key, fp, db)
                timings["exports"] = time.perf_counter() - t
            timings["total"] = time.perf_counter() - t0
            return out
        finally:
            rec.close()


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
        rec = res.result.records
        print(head + f", {len(rec.entities)} entities, {len(rec.events)} events, {len(rec.relations)} relations; "
              f"{res.graphs_replaced} named graphs replaced"
              + (" -> " + ", ".join(str(p) for p in res.exports) if res.exports else ""))
    if res.errors:
        print(f"{len(res.errors)} input(s) failed (listed above)", file=sys.stderr)
        return 1
    return 0
