"""``kg push``: send the graph to a SPARQL 1.1 store, one named graph per article.

Two standard protocols, so any store that speaks them will do (Oxigraph server,
Virtuoso, GraphDB, Amazon Neptune, Apache Jena Fuseki, Stardog, ...):

* **Graph Store HTTP Protocol** (``--graph-store URL``): ``PUT URL?graph=<article IRI>``
  with the graph's N-Triples replaces that graph whole (big graphs: PUT the first
  100,000 triples, POST the rest).
* **SPARQL 1.1 Update** (``--endpoint URL``): ``DROP SILENT GRAPH <g>`` then
  ``INSERT DATA { GRAPH <g> { ... } }`` in chunks of at most 1,000 triples (Virtuoso
  and rdflib's update store fail or crawl above that).

Either way re-pushing an article replaces its graph, so a store never holds two copies.
The graph names are the article IRIs (``https://w3id.org/dipkg/id/article/<id>``), as in
the TriG export; triples no article supports (none in a normal build) go to the default
graph. From a store made by ``kg build --store``, only the graphs that changed since the
last push to the same URL are sent (``--all`` sends every one).
"""
from __future__ import annotations

import base64
import hashlib
import os
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..errors import KGError
from ..extract.parallel import Progress
from ..rdf.rdflib_io import ox_term, partition_by_article
from ..store import RecordStore, is_store
from .query import load_store

__all__ = ["push", "PushError", "PushReport", "named_graphs", "UPDATE_CHUNK", "GSP_CHUNK"]

UPDATE_CHUNK = 1000
GSP_CHUNK = 100_000


class PushError(KGError):
    pass


@dataclass
class PushReport:
    graphs: int = 0  # named graphs sent
    triples: int = 0
    requests: int = 0
    skipped: int = 0  # graphs unchanged since the last push (stores only)


def named_graphs(source: str | os.PathLike) -> Iterator[tuple[str, list]]:
    """(graph IRI, '' for the default graph; pyoxigraph triples) of an export or a store."""
    import pyoxigraph as ox

    path = Path(source)
    store = load_store(path)
    names = sorted(n.value for n in store.named_graphs())
    if names:
        for name in names:
            yield name, [q.triple for q in store.quads_for_pattern(None, None, None, ox.NamedNode(name))]
        default = [q.triple for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())]
        if default:
            yield "", default
        return
    # a file without named graphs (graph.ttl, graph.nt, graph.jsonld): split it by article as the TriG export does
    from rdflib import Graph

    g = Graph()
    fmt = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".rdf": "xml"}.get(path.suffix.lower(), "turtle")
    g.parse(str(path), format=fmt)
    for name, triples in sorted(partition_by_article(g).items(), key=lambda kv: "" if kv[0] is None else str(kv[0])):
        yield ("" if name is None else str(name)), [ox.Triple(ox_term(s), ox_term(p), ox_term(o)) for s, p, o in triples]


def _nt(triples: list) -> bytes:
    import pyoxigraph as ox

    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)


def _digest(triples: list) -> str:
    return hashlib.sha256(b"".join(sorted(_nt(triples).splitlines(keepends=True)))).hexdigest()


class _Http:
    def __init__(self, user: str | None, password: str | None, timeout: float):
        self.timeout = timeout
        handlers = []
        self.auth_header = None
        if user is not None:
            mgr = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            mgr.add_password(None, "http://", user, password or "")
            mgr.add_password(None, "https://", user, password or "")
            # Basic goes pre-emptively (Neptune behind a proxy, GraphDB, Fuseki); Digest on challenge (Virtuoso)
            self.auth_header = "Basic " + base64.b64encode(f"{user}:{password or ''}".encode()).decode()
            handlers.append(urllib.request.HTTPDigestAuthHandler(mgr))
        self.opener = urllib.request.build_opener(*handlers)
        self.requests = 0

    def send(self, method: str, url: str, body: bytes, ctype: str) -> None:
        req = urllib.request.Request(url, data=body, method=method, headers={"Content-Type": ctype})
        if self.auth_header:
            req.add_header("Authorization", self.auth_header)
        self.requests += 1
        try:
            with self.opener.open(req, timeout=self.timeout) as resp:
                resp.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read(300).decode("utf-8", "replace").strip().splitlines()
            raise PushError(f"{method} {url}: HTTP {exc.code} {exc.reason}"
                            + (f" ({detail[0]})" if detail else "")) from None
        except (urllib.error.URLError, OSError) as exc:
            raise PushError(f"{method} {url}: {getattr(exc, 'reason', exc)}") from None


def _gsp_url(base: str, graph: str) -> str:
    sep = "&" if "?" in base else "?"
    if graph == "":
        return base + sep + "default"
    return base + sep + "graph=" + urllib.parse.quote(graph, safe="")


def _push_gsp(http: _Http, url: str, graph: str, triples: list) -> None:
    for k in range(0, max(len(triples), 1), GSP_CHUNK):
        http.send("PUT" if k == 0 else "POST", _gsp_url(url, graph), _nt(triples[k:k + GSP_CHUNK]),
                  "application/n-triples")


def _push_update(http: _Http, url: str, graph: str, triples: list) -> None:
    target = f"GRAPH <{graph}>" if graph else ""
    drop = f"DROP SILENT GRAPH <{graph}>" if graph else "DROP SILENT DEFAULT"
    chunks = [triples[k:k + UPDATE_CHUNK] for k in range(0, len(triples), UPDATE_CHUNK)] or [[]]
    for n, chunk in enumerate(chunks):
        body = _nt(chunk).decode("utf-8")
        data = f"INSERT DATA {{ {target} {{\n{body}}} }}" if target else f"INSERT DATA {{\n{body}}}"
        if n == 0:
            data = f"{drop} ;\n{data}"
        http.send("POST", url, data.encode("utf-8"), "application/sparql-update")


def push(source: str | os.PathLike, endpoint: str | None = None, graph_store: str | None = None,
         user: str | None = None, password: str | None = None, timeout: float = 120.0, all_graphs: bool = False,
         progress: bool | None = None) -> PushReport:
    """Send every named graph of ``source`` (an export or a ``--store`` folder) to a SPARQL store.

    With ``graph_store`` the Graph Store Protocol is used, else SPARQL Update to ``endpoint``.
    """
    if not graph_store and not endpoint:
        raise PushError("give --endpoint (SPARQL Update) or --graph-store (Graph Store Protocol)")
    target = graph_store or endpoint
    http = _Http(user, password, timeout)
    report = PushReport()
    rec = RecordStore(source, create=False) if is_store(source) else None
    try:
        sent = {}
        if rec is not None and not all_graphs:
            rec.db.execute("CREATE TABLE IF NOT EXISTS pushed (target TEXT, iri TEXT, digest TEXT, "
                           "PRIMARY KEY (target, iri))")
            sent = dict(rec.db.execute("SELECT iri, digest FROM pushed WHERE target=?", (target,)))
        graphs = list(named_graphs(source))
        bar = Progress(len(graphs), progress, desc="pushing")
        try:
            for name, triples in graphs:
                digest = _digest(triples) if rec is not None else None
                if digest is not None and sent.get(name) == digest:
                    report.skipped += 1
                    bar.update(1)
                    continue
                if graph_store:
                    _push_gsp(http, graph_store, name, triples)
                else:
                    _push_update(http, endpoint, name, triples)
                report.graphs += 1
                report.triples += len(triples)
                if rec is not None:
                    with rec.tx() as db:
                        db.execute("CREATE TABLE IF NOT EXISTS pushed (target TEXT, iri TEXT, digest TEXT, "
                                   "PRIMARY KEY (target, iri))")
                        db.execute("INSERT OR REPLACE INTO pushed VALUES (?, ?, ?)", (target, name, digest))
                bar.update(1)
        finally:
            bar.close()
    finally:
        if rec is not None:
            rec.close()
    report.requests = http.requests
    return report
