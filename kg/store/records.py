"""The store's records: one SQLite file (``records.sqlite``) with a row per article (the
Extraction as JSON), the digests of the RDF store's named graphs, the input files read
before, and meta; the lock that lets one build or many readers in.

Why SQLite: one file, in the standard library, transactional (atomic batches and crash
recovery for free), indexed lookups by article, node and merge unit for 100,000 articles
without 100,000 small files, and readable by any tool (``sqlite3 records.sqlite``).
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import sqlite3
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

from .. import __version__
from ..errors import InputError, KGError
from ..ingest import MAX_BYTES, input_files, read_bytes, read_file
from ..merge.incremental import MergeIndex
from ..merge.units import INDEX_VERSION
from ..model import (
    Article,
    Extraction,
    decode_extraction,
    decode_record,
    from_json,
    to_json,
)

__all__ = ["RecordStore", "StoreError", "is_store", "open_rdf_store", "EXTRACTOR_VERSION"]

_SCHEMA = 1


def _extractor_version() -> str:
    return f"{__version__}/{_SCHEMA}"


EXTRACTOR_VERSION = _extractor_version()


class StoreError(KGError):
    pass


def is_store(path: str | os.PathLike) -> bool:
    p = Path(path)
    return p.is_dir() and (p / "records.sqlite").is_file()


@contextmanager
def store_lock(path: Path, exclusive: bool, what: str):
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
held_locks: dict[Path, list] = {}


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
    held_locks.setdefault(path.resolve(), []).append(_hold_shared(path))
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
        """Drop the merge index (kg.merge.incremental) when it has another layout: the next full merge makes it again."""
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


def _article(text: str) -> Article:
    """An :class:`Article` from its JSON (``kg.model.from_json``, faster)."""
    return decode_record(Article, json.loads(text))


def article_json(a: Article) -> str:
    """``kg.model.to_json(a)`` for this one flat record, faster (a store build compares thousands)."""
    return json.dumps(a.__dict__, ensure_ascii=False, sort_keys=True)


#: a file modified this recently before it was read is read again next time, whatever its size and time
RACY_SECONDS = 2.0


def read_inputs(rec: RecordStore, paths) -> tuple[list[Article], list[InputError]]:
    """What :func:`kg.ingest.read_paths` reads, but a file read before (same source, same
    extractor version) is not parsed again when its bytes are the same (SHA-256): its articles
    come from the store. As make and git do, a file whose size and modification time are those
    it had when read is not even read; a time within :data:`RACY_SECONDS` of the read is not
    trusted (the file may change again within the same clock tick). Files that gave an error
    are read every time (their errors are reported)."""
    import json

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
