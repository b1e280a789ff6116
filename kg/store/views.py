"""The page and the GraphML of a store's whole graph, made by a helper process from the merge
index while a build goes on (reading the graph while the build reads and extracts), or here
when the helper fails.
"""
from __future__ import annotations

import io
import os
import sqlite3
import time
from pathlib import Path

from ..atomic import Streamed
from ..merge.readback import full_records, update_records
from ..pipeline import KnowledgeGraph
from .records import EXTRACTOR_VERSION


class ViewsHelper:
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
    """The helper process of :class:`ViewsHelper`: read the whole graph from the merge index (one
    read transaction: the index as it is before the build adds its articles), wait for what
    the build changed (or None: not needed), read that again, and write ``graph.html`` and
    (in a forked child, beside it) ``graph.graphml`` into ``folder``, each through a temporary
    name."""
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
