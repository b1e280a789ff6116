"""kg build --store: records per article, unchanged articles skipped, new ones added, crash-safe."""
from __future__ import annotations

import shutil
import sqlite3

import pytest

import kg
import kg.atomic
import kg.extract.parallel
import kg.store.views
from kg.cli import main
from kg.sparql.query import run_query
from kg.store import StoreError, build_store, describe

from conftest import STORE_FIRST

ADDED = "11_en_tokayev_mirziyoyev_tashkent.txt"
EVENTS = """PREFIX dip: <https://w3id.org/dipkg/ontology#>
SELECT DISTINCT ?e ?x WHERE { ?e a dip:Event ; dip:participant ?x } ORDER BY ?e ?x"""


def test_store_skips_unchanged_adds_new_same_exports(tmp_path, corpus, data_dir):
    store, out = tmp_path / "store", tmp_path / "out"
    first = build_store([corpus], store, outdir=out, jobs=1, progress=False)
    assert (first.extracted, first.skipped, first.articles) == (3, 0, 3)
    assert (out / "graph.trig").read_text() == kg.build([corpus]).trig()
    assert describe(store)["rdf_state"] == "clean"

    again = build_store([corpus], store, outdir=out, jobs=1, progress=False)
    assert again.unchanged and again.extracted == 0 and again.skipped == 3

    shutil.copy(data_dir / "corpus12" / ADDED, corpus / ADDED)
    added = build_store([corpus], store, outdir=out, jobs=1, progress=False)
    assert (added.extracted, added.skipped, added.articles) == (1, 3, 4)
    assert added.incremental and added.exports_spliced  # merged through the index, exports spliced
    _same_exports(out, kg.build([corpus]), tmp_path / "serial")
    # the store answers queries in place, like the export
    assert run_query(store, EVENTS).rows == run_query(out / "graph.trig", EVENTS).rows
    assert 0 < added.graphs_replaced <= 4 + 1


def _same_exports(out, serial, where):
    """Every export of a store build is byte for byte the serial build's."""
    serial.write(where)
    for name in kg.pipeline.EXPORT_FILES:
        assert (out / name).read_bytes() == (where / name).read_bytes(), name


def test_store_adds_reports_of_stored_events_incrementally(tmp_path, corpus, data_dir):
    """Reports that merge with stored events, name stored entities and add met-with pairs go
    through the merge index; every export stays the serial build's, step after step."""
    store, out = tmp_path / "store", tmp_path / "out"
    build_store([corpus], store, outdir=out, jobs=1, progress=False)
    rest = sorted(p.name for p in (data_dir / "corpus12").iterdir() if p.name not in STORE_FIRST)
    for step, names in enumerate((rest[:3], rest[3:7], rest[7:])):
        for n in names:
            shutil.copy(data_dir / "corpus12" / n, corpus / n)
        res = build_store([corpus], store, outdir=out, jobs=1, progress=False)
        assert res.incremental and res.extracted == len(names), step
        _same_exports(out, kg.build([corpus]), tmp_path / f"serial{step}")
        assert run_query(store, EVENTS).rows == run_query(out / "graph.trig", EVENTS).rows
    # an index of another layout is dropped, and the next build merges everything and indexes again
    db = sqlite3.connect(store / "records.sqlite")
    db.execute("UPDATE meta SET value='0' WHERE key='index_version'")
    db.commit()
    db.close()
    talks = data_dir / "articles" / "talks_fixture.txt"
    res = build_store([corpus, talks], store, outdir=out, jobs=1, progress=False)
    assert not res.incremental and res.extracted == 1
    _same_exports(out, kg.build([corpus, talks]), tmp_path / "serial-last")
    res = build_store([corpus, talks, data_dir / "bilingual"], store, outdir=out, jobs=1, progress=False)
    assert res.incremental  # indexed again by the full merge
    _same_exports(out, kg.build([corpus, talks, data_dir / "bilingual"]), tmp_path / "serial-more")


def test_store_cli_query_on_store(tmp_path, corpus, capsys):
    store = tmp_path / "store"
    assert main(["build", str(corpus), "--store", str(store), "--no-exports", "-j", "1"]) == 0
    assert "3 extracted" in capsys.readouterr().out
    assert main(["build", str(corpus), "--store", str(store), "--no-exports", "-j", "1"]) == 0
    assert "0 extracted, 3 unchanged" in capsys.readouterr().out
    assert main(["query", str(store), "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
                 "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[1] == "3"


def test_store_killed_during_extraction_keeps_committed_records(tmp_path, corpus, monkeypatch):
    store = tmp_path / "store"
    real = kg.extract.parallel.extract_one
    calls = []

    def dying(article):
        calls.append(article.id)
        if len(calls) == 3:
            raise KeyboardInterrupt  # the build is killed while extracting the third article
        return real(article)

    monkeypatch.setattr(kg.extract.parallel, "extract_one", dying)
    with pytest.raises(KeyboardInterrupt):
        build_store([corpus], store, outdir=None, jobs=1, progress=False, batch=1)
    db = sqlite3.connect(store / "records.sqlite")
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 2
    db.close()
    with pytest.raises(StoreError):  # the RDF side was never completed: queries refuse it
        run_query(store, EVENTS)
    monkeypatch.setattr(kg.extract.parallel, "extract_one", real)
    res = build_store([corpus], store, outdir=None, jobs=1, progress=False)
    assert (res.extracted, res.skipped) == (1, 2)
    assert run_query(store, EVENTS).rows == run_query(_nt_file(tmp_path, corpus), EVENTS).rows


def test_store_killed_during_rdf_update_rebuilds_from_records(tmp_path, corpus, data_dir, monkeypatch):
    store = tmp_path / "store"
    build_store([corpus], store, outdir=None, jobs=1, progress=False)
    import pyoxigraph

    real_store = pyoxigraph.Store

    class Dying:  # the RDF update dies half-way (after clearing a graph, before writing it)
        def __init__(self, path):
            self.s = real_store(path)

        def __getattr__(self, name):
            return getattr(self.s, name)

        def bulk_load(self, data, *args, **kwargs):
            data.read(100)  # the first quads are made, then the build dies
            raise KeyboardInterrupt

        load = bulk_load

    monkeypatch.setattr(pyoxigraph, "Store", Dying)
    shutil.copy(data_dir / "corpus12" / ADDED, corpus / ADDED)
    with pytest.raises(KeyboardInterrupt):
        build_store([corpus], store, outdir=None, jobs=1, progress=False)
    monkeypatch.undo()
    assert describe(store)["rdf_state"] == "dirty"
    res = build_store([corpus], store, outdir=None, jobs=1, progress=False)
    assert res.extracted == 0 and not res.unchanged  # records reused; the RDF store rebuilt from them
    assert describe(store)["rdf_state"] == "clean"
    assert run_query(store, EVENTS).rows == run_query(_nt_file(tmp_path, corpus), EVENTS).rows


def _nt_file(tmp_path, corpus):
    path = tmp_path / "serial.nt"
    path.write_text(kg.build([corpus]).ntriples(), encoding="utf-8")
    return path


def test_store_served_in_place(tmp_path, data_dir):
    import json
    import threading
    import urllib.parse
    import urllib.request

    from kg.sparql.serve import make_server

    store = tmp_path / "store"
    build_store([data_dir / "articles" / "talks_fixture.txt"], store, outdir=None, jobs=1, progress=False)
    server, pool = make_server(store, port=0, workers=1, quiet=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        host, port = server.server_address[:2]
        url = f"http://{host}:{port}/sparql?query=" + urllib.parse.quote(EVENTS)
        data = json.load(urllib.request.urlopen(url, timeout=30))
        rows = [[b[c]["value"] for c in ("e", "x")] for b in data["results"]["bindings"]]
        assert rows and rows == run_query(store, EVENTS).rows
    finally:
        server.shutdown()
        pool.close()


def test_store_killed_during_background_rebuild_is_rebuilt_next_time(tmp_path, corpus, monkeypatch):
    """A first build loads the RDF store in a thread while it writes the exports; a load that
    dies leaves the store dirty, the build fails, and the next build rebuilds it."""
    import pyoxigraph

    real_store = pyoxigraph.Store

    class Dying:
        def __init__(self, path):
            self.s = real_store(path)

        def __getattr__(self, name):
            return getattr(self.s, name)

        def bulk_load(self, *args, **kwargs):
            raise KeyboardInterrupt

    monkeypatch.setattr(pyoxigraph, "Store", Dying)
    store, out = tmp_path / "store", tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):
        build_store([corpus], store, outdir=out, jobs=1, progress=False)
    monkeypatch.undo()
    assert describe(store)["rdf_state"] == "dirty"
    with pytest.raises(StoreError):
        run_query(store, EVENTS)
    res = build_store([corpus], store, outdir=out, jobs=1, progress=False)
    assert res.extracted == 0 and not res.unchanged and describe(store)["rdf_state"] == "clean"
    assert run_query(store, EVENTS).rows == run_query(out / "graph.trig", EVENTS).rows
    assert not (store / ".rebuild.nq").exists()


def test_store_views_made_here_when_the_helper_fails(tmp_path, corpus, data_dir, monkeypatch):
    """The page and GraphML of an incremental build come from a helper process; when it fails
    they are made in the build's own process, and are the same."""
    store, out = tmp_path / "store", tmp_path / "out"
    build_store([corpus], store, outdir=out, jobs=1, progress=False)
    real_wait = kg.store.views.ViewsHelper.wait

    def failed(self):
        real_wait(self)
        self.ok = False
        return False

    monkeypatch.setattr(kg.store.views.ViewsHelper, "wait", failed)
    shutil.copy(data_dir / "corpus12" / ADDED, corpus / ADDED)
    res = build_store([corpus], store, outdir=out, jobs=1, progress=False)
    assert res.incremental and res.exports_spliced
    _same_exports(out, kg.build([corpus]), tmp_path / "serial")
    assert not any((store / ".views").iterdir())  # the helper's files are gone


def test_store_reads_only_files_whose_size_or_time_changed(tmp_path, corpus, monkeypatch):
    """Like make and git: a file whose size and modification time are those it had when read is
    not read again; a touched file is hashed (same bytes: nothing extracted); a changed one is
    read and extracted."""
    import os
    import time
    from pathlib import Path

    store = tmp_path / "store"
    old = time.time() - 3600
    for f in corpus.iterdir():
        os.utime(f, (old, old))
    build_store([corpus], store, outdir=None, jobs=1, progress=False)
    reads: list[str] = []
    real = Path.read_bytes

    def spy(self):
        reads.append(self.name)
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", spy)
    assert build_store([corpus], store, outdir=None, jobs=1, progress=False).unchanged
    assert reads == []
    touched = corpus / STORE_FIRST[0]
    os.utime(touched, (old + 60, old + 60))
    assert build_store([corpus], store, outdir=None, jobs=1, progress=False).unchanged
    assert reads == [touched.name]  # hashed once: the same bytes
    assert build_store([corpus], store, outdir=None, jobs=1, progress=False).unchanged
    assert reads == [touched.name]  # and known by its new time since
    changed = corpus / STORE_FIRST[2]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nЕщё одна строка.\n", encoding="utf-8")
    res = build_store([corpus], store, outdir=None, jobs=1, progress=False)
    assert res.extracted == 1 and reads[-1] == changed.name
