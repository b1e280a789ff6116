"""GraphML: the deterministic, streamed writer (``kg build``'s ``graph.graphml``) and its reader,
and the decoding of list and dict attributes stored as JSON strings, which every reader of
:mod:`kg.graph.formats` shares.

GraphML holds scalars only: list and dict attributes (``evidence``, ``sources``, ``aliases``,
``merged_from``, ...) are JSON strings there, decoded again by :func:`read_graphml`.
"""
from __future__ import annotations

import io
import json
import os
import re
from pathlib import Path

import networkx as nx

from ..atomic import write_atomic
from ..errors import InputError

__all__ = ["graphml_text", "write_graphml_to", "write_graphml", "read_graphml", "JSON_ATTRS"]

#: attributes that are lists or dicts in the networkx graph (JSON strings in GraphML/GEXF)
JSON_ATTRS = ("evidence", "sources", "aliases", "topics", "merged_from", "events", "dates")


def _decode(d: dict) -> None:
    for k in JSON_ATTRS:
        v = d.get(k)
        if isinstance(v, str) and v[:1] in "[{":
            try:
                d[k] = json.loads(v)
            except ValueError:
                pass


def _decode_all(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    for _, d in G.nodes(data=True):
        _decode(d)
    for _, _, d in G.edges(data=True):
        _decode(d)
    arts = G.graph.get("articles")
    if isinstance(arts, str):
        try:
            G.graph["articles"] = json.loads(arts)
        except ValueError:
            G.graph["articles"] = {}
    for k in ("node_default", "edge_default"):
        G.graph.pop(k, None)
    return G

# ---------------------------------------------------------------- GraphML


def graphml_text(G: nx.MultiDiGraph, max_evidence: int | None = None) -> str:
    """The GraphML text of ``G`` (what ``kg build`` writes as ``graph.graphml``, with
    ``max_evidence``: see :func:`write_graphml_to`)."""
    buf = io.StringIO(newline="")
    write_graphml_to(G, buf, max_evidence=max_evidence)
    return buf.getvalue()


_GRAPHML_HEAD = ('<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
                 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                 'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
                 'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml(text: str, attr: bool = False) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if attr:
        text = text.replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")
    return _XML_BAD.sub("\ufffd", text)


def _graphml_value(v) -> tuple[str, str]:
    """(GraphML attr.type, text) of a value; lists and dicts as JSON strings."""
    if isinstance(v, bool):
        return "boolean", "true" if v else "false"
    if isinstance(v, int):
        return "long", str(v)
    if isinstance(v, float):
        return "double", repr(v)
    if isinstance(v, (list, dict)):
        return "string", json.dumps(v, ensure_ascii=False, sort_keys=True)
    return "string", "" if v is None else str(v)


def write_graphml_to(G: nx.MultiDiGraph, fh, max_evidence: int | None = None) -> None:
    """Stream ``G`` as GraphML into a text file, deterministically: keys sorted (graph, node,
    edge attributes by name), nodes sorted, edges sorted by (source, target, key); list and dict
    attributes as JSON strings (:func:`read_graphml` decodes them); a key holding mixed types is
    a string. ``max_evidence``: keep the first so many items of each ``evidence`` list and put
    the full count in ``evidence_count`` (``kg build``'s ``graph.graphml`` keeps 10 per node
    and edge: Gephi or yEd cannot open the hundreds of megabytes of sentences a 10,000-article
    graph carries; the RDF exports keep every item)."""
    def attrs(d: dict) -> dict:
        ev = d.get("evidence")
        if max_evidence is not None and isinstance(ev, list) and len(ev) > max_evidence:
            d = dict(d, evidence=ev[:max_evidence], evidence_count=len(ev))
        return d

    nodes = sorted(G.nodes)
    edges = sorted(G.edges(keys=True), key=lambda e: (e[0], e[1], str(e[2])))
    types: dict[tuple[str, str], set] = {}
    for n, d in G.graph.items():
        types.setdefault(("graph", n), set()).add(_graphml_value(d)[0])
    for n in nodes:
        for k, v in attrs(G.nodes[n]).items():
            types.setdefault(("node", k), set()).add(_graphml_value(v)[0])
    for u, v, key in edges:
        for k, x in attrs(G.edges[u, v, key]).items():
            types.setdefault(("edge", k), set()).add(_graphml_value(x)[0])
    order = {"graph": 0, "node": 1, "edge": 2}
    ids: dict[tuple[str, str], str] = {}
    out = [_GRAPHML_HEAD]
    for i, (where, name) in enumerate(sorted(types, key=lambda t: (order[t[0]], t[1]))):
        ts = types[(where, name)]
        typ = ts.pop() if len(ts) == 1 else ("double" if ts <= {"long", "double"} else "string")
        ids[(where, name)] = f"d{i}"
        out.append(f'  <key id="d{i}" for="{where}" attr.name={_quote(name)} attr.type="{typ}" />\n')
    out.append('  <graph edgedefault="directed">\n')

    def data(where: str, d: dict, indent: str) -> str:
        return "".join(f'{indent}<data key="{ids[(where, k)]}">{_xml(_graphml_value(v)[1])}</data>\n'
                       for k, v in sorted(d.items()))

    out.append(data("graph", G.graph, "    "))
    fh.write("".join(out))
    buf: list[str] = []
    for n in nodes:
        buf.append(f"    <node id={_quote(str(n))}>\n{data('node', attrs(G.nodes[n]), '      ')}    </node>\n")
        if len(buf) >= 500:
            fh.write("".join(buf))
            buf.clear()
    for u, v, key in edges:
        buf.append(f"    <edge source={_quote(str(u))} target={_quote(str(v))} id={_quote(str(key))}>\n"
                   f"{data('edge', attrs(G.edges[u, v, key]), '      ')}    </edge>\n")
        if len(buf) >= 500:
            fh.write("".join(buf))
            buf.clear()
    buf.append("  </graph>\n</graphml>\n")
    fh.write("".join(buf))


def _quote(text: str) -> str:
    return '"' + _xml(text, attr=True) + '"'


def write_graphml(G: nx.MultiDiGraph, path: str | os.PathLike) -> Path:
    """Write ``G`` as GraphML; list and dict attributes become JSON strings."""
    write_atomic(path, graphml_text(G))
    return Path(path)


def read_graphml(path: str | os.PathLike) -> nx.MultiDiGraph:
    """A ``graph.graphml`` export read back as a MultiDiGraph, its JSON-string attributes decoded."""
    try:
        G = nx.read_graphml(path, force_multigraph=True)
    except Exception as exc:  # ElementTree, networkx and OS errors alike
        raise InputError(str(path), f"not a readable GraphML file ({exc})") from None
    if not G.is_directed():
        G = nx.MultiDiGraph(G)
    return _decode_all(G)
