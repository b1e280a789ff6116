"""kg push into a real SPARQL server (Oxigraph's, from PyPI `oxigraph`), started here on loopback."""
from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kg.cli import main
from kg.sparql.query import run_query

OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
MEETINGS = """PREFIX dip: <https://w3id.org/dipkg/ontology#>
SELECT DISTINCT ?e ?x WHERE { ?e a dip:Event ; dip:participant ?x } ORDER BY ?e ?x"""
COUNT_GRAPHS = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    if not Path(OXIGRAPH).exists():
        pytest.fail("the oxigraph server binary is missing: pip install -e '.[test]' installs it")
    port = _free_port()
    proc = subprocess.Popen([OXIGRAPH, "serve", "--location", str(tmp_path / "db"), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/query?query=" + urllib.parse.quote("ASK {}"), timeout=1).read()
            break
        except OSError:
            time.sleep(0.1)
    else:
        proc.kill()
        pytest.fail("oxigraph server did not start")
    yield base
    proc.terminate()
    proc.wait(10)


def _remote(base: str, sparql: str) -> list[dict]:
    url = base + "/query?union-default-graph&query=" + urllib.parse.quote(sparql)
    req = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    data = json.load(urllib.request.urlopen(req, timeout=30))
    cols = data["head"]["vars"]
    return [[b.get(c, {}).get("value") for c in cols] for b in data["results"]["bindings"]]


def test_push_graph_store_same_answers_and_one_copy(server, fixture_graph, capsys):
    trig = fixture_graph / "graph.trig"
    local = run_query(trig, MEETINGS).rows
    assert local, "the fixture has events with participants"
    assert main(["push", str(trig), "--graph-store", server + "/store"]) == 0
    assert _remote(server, MEETINGS) == local
    n1 = _remote(server, COUNT_GRAPHS)[0][0]
    assert int(n1) == int(run_query(trig, COUNT_GRAPHS).rows[0][0])
    # pushing again replaces each article's graph: still one copy
    assert main(["push", str(trig), "--graph-store", server + "/store"]) == 0
    assert _remote(server, COUNT_GRAPHS)[0][0] == n1


def test_push_sparql_update_chunks_replace(server, fixture_graph, monkeypatch):
    import kg.sparql.push

    monkeypatch.setattr(kg.sparql.push, "UPDATE_CHUNK", 50)  # many chunks even for the small fixture
    trig = fixture_graph / "graph.trig"
    rep = kg.sparql.push.push(trig, endpoint=server + "/update")
    assert rep.requests > rep.graphs  # chunked
    local = run_query(trig, MEETINGS).rows
    assert _remote(server, MEETINGS) == local
    n1 = _remote(server, COUNT_GRAPHS)[0][0]
    kg.sparql.push.push(trig, endpoint=server + "/update")
    assert _remote(server, COUNT_GRAPHS)[0][0] == n1


def test_push_from_store_sends_only_changed_graphs(server, tmp_path, data_dir):
    from kg.sparql.push import push
    from kg.store import build_store

    store = tmp_path / "store"
    build_store([data_dir / "articles" / "talks_fixture.txt"], store, outdir=None, jobs=1, progress=False)
    first = push(store, graph_store=server + "/store")
    assert first.graphs >= 1 and first.skipped == 0
    assert _remote(server, MEETINGS) == run_query(store, MEETINGS).rows
    again = push(store, graph_store=server + "/store")
    assert again.graphs == 0 and again.skipped == first.graphs and again.requests == 0
