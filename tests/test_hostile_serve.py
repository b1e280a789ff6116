"""kg serve under attack and load (issue 10): read-only whatever the spelling (updates, LOAD and
SERVICE refused, and nothing ever leaves the host), query timeout and result cap, request size
limits, idle clients dropped, bound to localhost by default; and a small concurrent load."""
from __future__ import annotations

import inspect
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from kg.sparql.serve import MAX_BODY, make_server


@pytest.fixture(scope="module")
def listener():
    """A local socket that records any connection: SERVICE or LOAD must never reach it."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen(16)
    s.settimeout(0.2)
    hits: list[bytes] = []
    stop = threading.Event()

    def accept():
        while not stop.is_set():
            try:
                c, _ = s.accept()
            except OSError:
                continue
            c.settimeout(1)
            try:
                hits.append(c.recv(2000) or b"(connected)")
            except OSError:
                hits.append(b"(connected)")
            c.close()

    t = threading.Thread(target=accept, daemon=True)
    t.start()
    yield s.getsockname()[1], hits
    stop.set()
    t.join(2)
    s.close()


@pytest.fixture(scope="module")
def endpoint(fixture_graph):
    server, pool = make_server(fixture_graph / "graph.ttl", port=0, timeout=2.0, limit=20, workers=2, quiet=True)
    server.RequestHandlerClass.timeout = 1.0  # idle clients dropped after 1 s here (30 s by default)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    pool.close()


def _url(server) -> str:
    host, port = server.server_address[:2]
    return f"http://{host}:{port}/sparql"


def _request(server, *, query=None, body=None, ctype=None, accept="application/sparql-results+json", timeout=30):
    url = _url(server) + ("?" + urllib.parse.urlencode({"query": query}) if query is not None else "")
    headers = {"Accept": accept}
    if ctype:
        headers["Content-Type"] = ctype
    req = urllib.request.Request(url, data=body, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read(), dict(r.headers)
    except urllib.error.HTTPError as err:
        return err.code, err.read(), dict(err.headers)


def _triples(server) -> bytes:
    status, body, _ = _request(server, query="SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert status == 200
    return body


def test_serve_binds_to_localhost_by_default(fixture_graph):
    assert inspect.signature(make_server).parameters["host"].default == "127.0.0.1"
    from kg.cli import make_parser

    assert make_parser().parse_args(["serve", "g.ttl"]).host == "127.0.0.1"
    server, pool = make_server(fixture_graph / "graph.ttl", port=0, workers=1, quiet=True)
    try:
        assert server.server_address[0] == "127.0.0.1"
    finally:
        server.server_close()
        pool.close()


def test_serve_refuses_updates_load_and_service_however_written(endpoint, listener):
    port, hits = listener
    evil = f"http://127.0.0.1:{port}"
    before = _triples(endpoint)
    attacks = [
        f"LOAD <{evil}/x.ttl>",
        f"load silent <{evil}/x.ttl> into graph <urn:g>",
        f"# a comment\nLOAD <{evil}/x.ttl>",
        "PREFIX e: <http://e/>\nBASE <http://b/>\n insert data { e:a e:b e:c }",
        "DELETE WHERE { ?s ?p ?o }",
        "CLEAR ALL",
        "DROP SILENT DEFAULT",
        "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
        f"SELECT * WHERE {{ ?s ?p ?o . service <{evil}/sparql> {{ ?a ?b ?c }} }}",
        f"SELECT * WHERE {{SERVICE SILENT<{evil}/>{{?a ?b ?c}}}}",
        f"SELECT * WHERE {{ SERVICE ?svc {{ ?a ?b ?c }} VALUES ?svc {{ <{evil}/> }} }}",
        f'SELECT * WHERE {{ ?s ?p "#" . SERVICE <{evil}/> {{ ?a ?b ?c }} }}',
        f"ASK {{ SERVICE\n<{evil}/> {{ ?a ?b ?c }} }}",
        f"CONSTRUCT {{ ?a ?b ?c }} WHERE {{ SERVICE <{evil}/> {{ ?a ?b ?c }} }}",
    ]
    for q in attacks:
        for how in ("get", "post", "form"):
            if how == "get":
                status, body, _ = _request(endpoint, query=q)
            elif how == "post":
                status, body, _ = _request(endpoint, body=q.encode(), ctype="application/sparql-query")
            else:
                status, body, _ = _request(endpoint, body=urllib.parse.urlencode({"query": q}).encode(),
                                           ctype="application/x-www-form-urlencoded")
            assert status == 403, (q, how, status, body)
    for body, ctype in ((urllib.parse.urlencode({"update": f"LOAD <{evil}/x>"}).encode(),
                         "application/x-www-form-urlencoded"),
                        (f"LOAD <{evil}/x>".encode(), "application/sparql-update")):
        assert _request(endpoint, body=body, ctype=ctype)[0] == 403
    url = _url(endpoint) + "?" + urllib.parse.urlencode({"update": "CLEAR ALL"})
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(url, timeout=10)
    assert err.value.code == 403
    time.sleep(0.3)
    assert hits == []  # nothing was fetched from anywhere
    assert _triples(endpoint) == before  # and the graph is unchanged


def test_serve_timeout_and_result_cap(endpoint):
    started = time.monotonic()
    status, body, _ = _request(endpoint, query="CONSTRUCT { ?a ?b ?i } WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
    assert status in (200, 503)  # a cut CONSTRUCT (the cap) or stopped at the timeout
    status, body, _ = _request(
        endpoint, query="SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }")
    assert status == 503 and b"timed out" in body
    assert time.monotonic() - started < 20
    status, body, headers = _request(endpoint, query="CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
                                     accept="application/n-triples")
    assert status == 200 and len(body.decode().strip().splitlines()) == 20
    assert headers["X-SPARQL-Truncated"].startswith("true")
    assert _request(endpoint, query="ASK { ?s ?p ?o }")[0] == 200  # still answering


def test_serve_request_size_limits(endpoint):
    host, port = endpoint.server_address[:2]
    # a body over the limit
    status, _, _ = _request(endpoint, body=b"query=" + b"x" * (MAX_BODY + 1), ctype="application/x-www-form-urlencoded")
    assert status == 413
    # a Content-Length that lies (a terabyte announced): refused at once, nothing read
    with socket.create_connection((host, port), timeout=10) as s:
        s.sendall(b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
                  b"Content-Length: 1000000000000\r\n\r\nSELECT")
        assert s.recv(100).startswith(b"HTTP/1.0 413")
    # an overlong URL
    status, _, _ = _request(endpoint, query="SELECT * WHERE { ?s ?p ?o } #" + "x" * 70000)
    assert status in (413, 414)
    # a client that connects and says nothing is dropped (1 s here, 30 s by default)
    with socket.create_connection((host, port), timeout=10) as s:
        started = time.monotonic()
        s.sendall(b"GET /spa")
        assert s.recv(100) == b""
        assert time.monotonic() - started < 8
    assert _request(endpoint, query="ASK { ?s ?p ?o }")[0] == 200


def test_serve_concurrent_clients(endpoint):
    """A small version of benchmarks/serve_load.py: 8 clients x 25 requests, no failure."""
    queries = ["SELECT ?s WHERE { ?s a <https://w3id.org/dipkg/ontology#Leader> }", "ASK { ?s ?p ?o }",
               "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"]

    def client(i):
        fails = 0
        for k in range(25):
            status, _, _ = _request(endpoint, query=queries[(i + k) % len(queries)])
            fails += status != 200
        return fails

    with ThreadPoolExecutor(8) as ex:
        assert sum(ex.map(client, range(8))) == 0
