"""kg serve: a SPARQL 1.1 Protocol endpoint, queried by real clients (SPARQLWrapper, urllib)."""
from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from SPARQLWrapper import CSV, JSON, TSV, XML, SPARQLWrapper, TURTLE

from kg.sparql.serve import classify, make_server

PREFIX = "PREFIX dip: <https://w3id.org/dipkg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "


@pytest.fixture(scope="module")
def endpoint(fixture_graph):
    server, pool = make_server(fixture_graph / "graph.ttl", port=0, timeout=2.0, limit=50, workers=2, quiet=True)
    host, port = server.server_address[:2]
    assert host == "127.0.0.1"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}"
    server.shutdown()
    server.server_close()
    pool.close()


def _client(endpoint, fmt=JSON, method="GET"):
    c = SPARQLWrapper(endpoint + "/sparql")
    c.setReturnFormat(fmt)
    c.setMethod(method)
    return c


def test_serve_select_json_get_and_post(endpoint):
    for method in ("GET", "POST"):
        c = _client(endpoint, JSON, method)
        c.setQuery(PREFIX + 'SELECT ?name WHERE { ?p a dip:Leader ; rdfs:label ?name FILTER(lang(?name) = "en") } ORDER BY ?name')
        res = c.queryAndConvert()
        assert [b["name"]["value"] for b in res["results"]["bindings"]] == ["Kassym-Jomart Tokayev", "Xi Jinping"]
        assert res["results"]["bindings"][0]["name"]["xml:lang"] == "en"


def test_serve_content_negotiation(endpoint):
    q = PREFIX + "SELECT ?c WHERE { ?c a dip:Country } ORDER BY ?c"
    c = _client(endpoint, XML)
    c.setQuery(q)
    doc = c.queryAndConvert()  # an xml.dom document
    uris = [n.firstChild.data for n in doc.getElementsByTagName("uri")]
    assert uris == ["https://w3id.org/dipkg/id/country/cn", "https://w3id.org/dipkg/id/country/kz"]
    c = _client(endpoint, CSV)
    c.setQuery(q)
    assert c.queryAndConvert().decode().split("\r\n")[:3] == [
        "c", "https://w3id.org/dipkg/id/country/cn", "https://w3id.org/dipkg/id/country/kz"]
    c = _client(endpoint, TSV)
    c.setQuery(q)
    assert c.queryAndConvert().decode().splitlines()[:2] == ["?c", "<https://w3id.org/dipkg/id/country/cn>"]
    c = _client(endpoint, TURTLE)
    c.setQuery(PREFIX + "CONSTRUCT { ?c rdfs:label ?l } WHERE { ?c a dip:Country ; rdfs:label ?l }")
    import rdflib

    g = rdflib.Graph().parse(data=c.queryAndConvert().decode(), format="turtle")
    assert len(g) == 4
    c = _client(endpoint, JSON)
    c.setQuery(PREFIX + "ASK { ?p dip:metWith ?q }")
    assert c.queryAndConvert()["boolean"] is True


def test_serve_rdflib_as_client(endpoint):
    import rdflib
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    g = rdflib.Graph(SPARQLStore(endpoint + "/sparql", returnFormat="json"))
    rows = list(g.query(PREFIX + "SELECT ?e WHERE { ?e a dip:Meeting ; dip:heldIn <https://w3id.org/dipkg/id/city/tianjin> }"))
    assert len(rows) >= 1


def test_serve_updates_and_service_refused(endpoint):
    c = _client(endpoint, JSON, "POST")
    c.setQuery("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    with pytest.raises(Exception) as info:
        c.query()
    assert "403" in str(info.value) or "Unauthorized" in type(info.value).__name__
    for body, ctype in ((b"update=DROP+ALL", "application/x-www-form-urlencoded"),
                        (b"CLEAR DEFAULT", "application/sparql-update"),
                        (b"LOAD <http://example.org/x.ttl>", "application/sparql-query"),
                        (b"SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
                         "application/sparql-query")):
        req = urllib.request.Request(endpoint + "/sparql", data=body, headers={"Content-Type": ctype})
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(req, timeout=10)
        assert err.value.code == 403
        assert b"read-only" in err.value.read() or b"SERVICE" in body
    # the graph is unchanged
    c = _client(endpoint, JSON)
    c.setQuery("ASK { <urn:a> ?p ?o }")
    assert c.queryAndConvert()["boolean"] is False


def test_serve_runaway_query_stops_at_timeout(endpoint):
    # a cartesian product counted inside the engine: no row ever comes back on its own
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    started = time.monotonic()
    req = urllib.request.Request(endpoint + "/sparql?" + urllib.parse.urlencode({"query": q}))
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(req, timeout=30)
    elapsed = time.monotonic() - started
    assert err.value.code == 503 and b"timed out" in err.value.read()
    assert elapsed < 6, elapsed
    # the endpoint still answers afterwards
    c = _client(endpoint, JSON)
    c.setQuery("ASK { ?s ?p ?o }")
    assert c.queryAndConvert()["boolean"] is True


def test_serve_limits_and_errors(endpoint):
    # result limit: 50 rows at most, and the answer says it was truncated
    url = endpoint + "/sparql?" + urllib.parse.urlencode({"query": "SELECT * WHERE { ?s ?p ?o }"})
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})) as r:
        data = json.load(r)
        assert len(data["results"]["bindings"]) == 50 and r.headers["X-SPARQL-Truncated"].startswith("true")
    # request size limit
    req = urllib.request.Request(endpoint + "/sparql", data=b"query=" + b"x" * 70000,
                                 headers={"Content-Type": "application/x-www-form-urlencoded"})
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(req, timeout=10)
    assert err.value.code == 413
    # syntax error
    req = urllib.request.Request(endpoint + "/sparql?" + urllib.parse.urlencode({"query": "SELEKT nothing"}))
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(req, timeout=10)
    assert err.value.code == 400 and b"syntax" in err.value.read()


def test_serve_query_page_is_offline(endpoint):
    import re

    with urllib.request.urlopen(endpoint + "/") as r:
        page = r.read().decode()
        assert "default-src 'none'" in r.headers["Content-Security-Policy"]
    assert "<textarea" in page and "who-met-whom" in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page, re.I)
    assert "http://" not in page.replace("http://www.w3.org", "")


def test_serve_classify():
    assert classify("PREFIX x: <http://e/> INSERT DATA { x:a x:b x:c }") == "update"
    assert classify("# INSERT\nSELECT * WHERE { ?s ?p 'DELETE' }") == "query"
    assert classify("with <http://g> delete { ?s ?p ?o } where { ?s ?p ?o }") == "update"
    assert classify("SELECT * { SERVICE <http://x/> { ?s ?p ?o } }") == "service"


@pytest.fixture
def guarded(fixture_graph):
    """A server that counts the queries its workers run, answering also to the name dipkg.test."""
    server, pool = make_server(fixture_graph / "graph.ttl", port=0, timeout=2.0, workers=1, quiet=True,
                               allow_hosts=["dipkg.test"])
    runs = []
    real = pool.run
    pool.run = lambda job: runs.append(job["query"]) or real(job)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", runs
    server.shutdown()
    server.server_close()
    pool.close()


def _status(url, method="GET", headers=None):
    req = urllib.request.Request(url, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def test_serve_refuses_foreign_host_headers(guarded):
    """DNS rebinding: a page on evil.example resolving to 127.0.0.1 sends Host: evil.example."""
    base, runs = guarded
    url = base + "/sparql?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})
    status, _, body = _status(url, headers={"Host": "evil.example:" + base.rsplit(":", 1)[1]})
    assert status == 403 and b"evil.example" in body and runs == []
    assert _status(base + "/", headers={"Host": "evil.example"})[0] == 403  # the query page too
    for host in ("localhost", "127.0.0.1", "dipkg.test:8080", "[::1]:7878"):
        assert _status(url, headers={"Host": host})[0] == 200, host
    assert len(runs) == 4


def test_serve_head_answers_without_running_the_query(guarded):
    base, runs = guarded
    select = base + "/sparql?" + urllib.parse.urlencode({"query": "SELECT * WHERE { ?s ?p ?o }"})
    status, headers, body = _status(select, method="HEAD", headers={"Accept": "text/csv"})
    assert (status, body, runs) == (200, b"", [])
    assert headers["Content-Type"].startswith("text/csv")
    construct = base + "/sparql?" + urllib.parse.urlencode({"query": "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"})
    status, headers, _ = _status(construct, method="HEAD")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle") and runs == []
    update = base + "/sparql?" + urllib.parse.urlencode({"query": "DROP ALL"})
    assert _status(update, method="HEAD")[0] == 403
    assert _status(select)[0] == 200 and len(runs) == 1  # GET runs it
