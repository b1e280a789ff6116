"""Graph exports other tools read, and readers that bring them back into networkx.

=========== ================================= ==========================================
format      writer / reader                   read by
=========== ================================= ==========================================
GraphML     :func:`write_graphml` / ``read_``  yEd, Cytoscape, Gephi, networkx, igraph
GEXF 1.2    :func:`write_gexf` / ``read_``     Gephi, networkx
node-link   :func:`write_nodelink` / ``read_`` d3.js, networkx (``node_link_graph``)
Neo4j CSV   :func:`write_neo4j` / ``read_``    ``neo4j-admin database import full``
=========== ================================= ==========================================

Every writer takes the :func:`kg.graph.to_networkx` graph (or one read back)
and writes deterministically: nodes and edges sorted, attributes sorted, so the
same graph gives the same bytes. GraphML and GEXF hold scalars only: list and
dict attributes (``evidence``, ``sources``, ``aliases``, ``merged_from``, ...)
are JSON strings there, decoded again by the readers.

GEXF: an edge's ``type`` attribute is GEXF's own (directed/undirected), so the
predicate travels as ``relation`` and comes back as ``type``; each edge's GEXF
id is ``source|key|target``.

Neo4j: a folder with ``nodes.csv`` and ``relationships.csv`` for the bulk
importer, with default settings (``,`` separator, ``"`` quotes, ``;`` inside
arrays, no multi-line fields)::

    neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv neo4j

Nodes: ``id:ID`` (the graph's node id), ``:LABEL`` (the type, its superclasses
and the category, e.g. ``Leader;Person;Entity``), then properties typed in the
header (``confidence:double``, ``source_count:long``, ``start_date:date``, ``aliases:string[]``, ...).
Relationships: ``:START_ID``, ``:END_ID``, ``:TYPE`` (the predicate in upper
snake case: ``MET_WITH``, ``PARTICIPANT``, ``HELD_IN``), then the properties,
among them ``predicate`` (``metWith``) and ``key``. Line breaks in text
become spaces and ``;`` inside array items becomes ``,``; evidence lists are
JSON strings.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

import networkx as nx

from ..atomic import write_atomic
from ..errors import InputError
from ..vocab import superclasses
from .convert import graphml_ready

__all__ = [
    "FORMATS",
    "write_graphml", "read_graphml",
    "write_gexf", "read_gexf",
    "write_nodelink", "read_nodelink",
    "write_neo4j", "read_neo4j",
    "write", "neo4j_type",
]

#: ``kg export --format`` values and the file (or folder) each writes by default
FORMATS = {"graphml": "graph.graphml", "gexf": "graph.gexf", "nodelink": "graph.json", "neo4j": "neo4j"}

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


# ---------------------------------------------------------------- GEXF


def write_gexf(G: nx.MultiDiGraph, path: str | os.PathLike) -> Path:
    """Write ``G`` as GEXF 1.2 for Gephi (edge ``type`` travels as ``relation``)."""
    H = graphml_ready(G)
    for u, v, k, d in H.edges(keys=True, data=True):
        if "type" in d:
            d["relation"] = d.pop("type")
        d["id"] = f"{u}|{k}|{v}"
    H.graph.pop("articles", None)  # GEXF has no graph attributes; see H.graph in the node-link export
    buf = io.BytesIO()
    nx.write_gexf(H, buf, encoding="utf-8", prettyprint=True)
    write_atomic(path, buf.getvalue())
    return Path(path)


def read_gexf(path: str | os.PathLike) -> nx.MultiDiGraph:
    """A GEXF export read back as the MultiDiGraph it came from (keys, ``type``, lists)."""
    H = nx.read_gexf(path, node_type=str)
    G = nx.MultiDiGraph()
    for n, d in sorted(H.nodes(data=True)):
        G.add_node(n, **d)
    for u, v, d in H.edges(data=True):
        d = dict(d)
        eid = d.pop("id", "")
        d.pop("key", None)
        d.pop("networkx_key", None)
        if "relation" in d:
            d["type"] = d.pop("relation")
        # the id is source|key|target; metWith keys (metWith|event/...) hold a "|" themselves
        key = "|".join(eid.split("|")[1:-1]) if eid.count("|") >= 2 else d.get("type")
        G.add_edge(u, v, key=key, **d)
    return _decode_all(G)


# ---------------------------------------------------------------- node-link JSON


def write_nodelink(G: nx.MultiDiGraph, path: str | os.PathLike) -> Path:
    """Write ``G`` as node-link JSON (``nodes``, ``edges`` with ``source``, ``target``, ``key``)."""
    H = nx.MultiDiGraph()
    H.graph.update(G.graph)
    for n in sorted(G.nodes):
        H.add_node(n, **G.nodes[n])
    for u, v, k, d in sorted(G.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        H.add_edge(u, v, key=k, **d)
    data = nx.node_link_data(H, edges="edges")
    write_atomic(path, json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n")
    return Path(path)


def read_nodelink(path: str | os.PathLike) -> nx.MultiDiGraph:
    """A node-link JSON export read back."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")


# ---------------------------------------------------------------- Neo4j CSV

_NEO4J_HEADER = re.compile(
    r"^(?:[A-Za-z_][A-Za-z0-9_]*)?"
    r"(?::(?:ID|LABEL|START_ID|END_ID|TYPE|IGNORE|int|long|float|double|boolean|byte|short|char|string|"
    r"date|localtime|time|localdatetime|datetime|duration|point)(?:\[\])?)?$")


def neo4j_type(predicate: str) -> str:
    """A predicate as a Neo4j relationship type: ``metWith`` -> ``MET_WITH``.

    >>> neo4j_type("heldIn"), neo4j_type("participant")
    ('HELD_IN', 'PARTICIPANT')
    """
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", predicate).upper()


def _clean(text: str) -> str:
    return re.sub(r"[\r\n\u2028\u2029]+", " ", text)


_DATE_ATTRS = ("start_date", "end_date", "date")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _columns(dicts: list[dict], skip: set[str]) -> list[tuple[str, str]]:
    """(property, neo4j type) for every attribute, typed by the values it takes."""
    kinds: dict[str, set[str]] = {}
    for d in dicts:
        for k, v in d.items():
            if k in skip or v is None:
                continue
            if k in _DATE_ATTRS and isinstance(v, str) and (not v or _ISO_DATE.match(v)):
                t = "date"
            elif isinstance(v, bool):
                t = "boolean"
            elif isinstance(v, int):
                t = "long"
            elif isinstance(v, float):
                t = "double"
            elif isinstance(v, (list, tuple)) and all(isinstance(x, str) for x in v) and k != "evidence":
                t = "string[]"
            else:
                t = "string"
            kinds.setdefault(k, set()).add(t)
    cols = []
    for k in sorted(kinds):
        ts = kinds[k]
        t = ts.pop() if len(ts) == 1 else ("double" if ts <= {"long", "double"} else "string")
        cols.append((k, t))
    return cols


def _cell(v, t: str) -> str:
    if v is None:
        return ""
    if t == "string[]":
        return ";".join(_clean(str(x)).replace(";", ",") for x in v)
    if t == "boolean":
        return "true" if v else "false"
    if t in ("long", "double"):
        return "" if v == "" else repr(v) if isinstance(v, float) else str(v)
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False, sort_keys=True)
    return _clean(str(v))


def _labels(d: dict) -> str:
    typ = d.get("type") or "Node"
    labels = [typ, *superclasses(typ)]
    if d.get("category"):
        labels.append(str(d["category"]).capitalize())
    return ";".join(dict.fromkeys(re.sub(r"[^A-Za-z0-9_]", "_", x) for x in labels))


def _csv_text(header: list[str], rows: list[list[str]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def write_neo4j(G: nx.MultiDiGraph, folder: str | os.PathLike) -> list[Path]:
    """Write ``nodes.csv`` and ``relationships.csv`` for ``neo4j-admin database import``."""
    out = Path(folder)
    nodes = sorted(G.nodes)
    ncols = _columns([G.nodes[n] for n in nodes], skip={"id"})
    header = ["id:ID", ":LABEL"] + [f"{k}:{t}" for k, t in ncols]
    rows = [[str(n), _labels(G.nodes[n])] + [_cell(G.nodes[n].get(k), t) for k, t in ncols] for n in nodes]
    write_atomic(out / "nodes.csv", _csv_text(header, rows))
    edges = sorted(G.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2])))
    ecols = _columns([{**d, "key": k} for _, _, k, d in edges], skip={"type", "predicate"})
    header = [":START_ID", ":END_ID", ":TYPE", "predicate:string"] + [f"{k}:{t}" for k, t in ecols]
    rows = []
    for u, v, k, d in edges:
        pred = str(d.get("type") or str(k).split("|", 1)[0])
        full = {**d, "key": k}
        rows.append([str(u), str(v), neo4j_type(pred), pred] + [_cell(full.get(c), t) for c, t in ecols])
    write_atomic(out / "relationships.csv", _csv_text(header, rows))
    return [out / "nodes.csv", out / "relationships.csv"]


def _parse(value: str, t: str):
    if t.endswith("[]"):
        return [x for x in value.split(";")] if value else []
    if value == "":
        return None
    if t in ("long", "int"):
        return int(value)
    if t in ("double", "float"):
        return float(value)
    if t == "boolean":
        return value == "true"
    return value


def read_neo4j(folder: str | os.PathLike) -> nx.MultiDiGraph:
    """The Neo4j CSV pair read back; raises ``ValueError`` on a malformed header or a dangling id."""
    folder = Path(folder)
    G = nx.MultiDiGraph()
    with open(folder / "nodes.csv", encoding="utf-8", newline="") as fh:
        rows = csv.reader(fh)
        header = next(rows)
        _check_header(header, required=("id:ID", ":LABEL"))
        for row in rows:
            d = {}
            for h, val in zip(header, row):
                name, _, t = h.partition(":")
                if t in ("ID", "LABEL"):
                    continue
                parsed = _parse(val, t or "string")
                if parsed is not None:
                    d[name] = parsed
            G.add_node(row[header.index("id:ID")], labels=row[header.index(":LABEL")].split(";"), **d)
    with open(folder / "relationships.csv", encoding="utf-8", newline="") as fh:
        rows = csv.reader(fh)
        header = next(rows)
        _check_header(header, required=(":START_ID", ":END_ID", ":TYPE"))
        for row in rows:
            d = {}
            for h, val in zip(header, row):
                name, _, t = h.partition(":")
                if t in ("START_ID", "END_ID", "TYPE"):
                    continue
                parsed = _parse(val, t or "string")
                if parsed is not None:
                    d[name] = parsed
            u, v = row[header.index(":START_ID")], row[header.index(":END_ID")]
            for end in (u, v):
                if end not in G:
                    raise ValueError(f"relationships.csv: {end!r} is not a node of nodes.csv")
            d["type"] = d.pop("predicate", row[header.index(":TYPE")])
            d["neo4j_type"] = row[header.index(":TYPE")]
            G.add_edge(u, v, key=d.pop("key", d["type"]), **d)
    for n, d in G.nodes(data=True):
        _decode(d)
    for _, _, d in G.edges(data=True):
        _decode(d)
    return G


def _check_header(header: list[str], required: tuple[str, ...]) -> None:
    for h in header:
        if not _NEO4J_HEADER.match(h):
            raise ValueError(f"not a Neo4j import header field: {h!r}")
    for r in required:
        if r not in header:
            raise ValueError(f"missing header field {r!r}")
    if len(set(h.partition(":")[0] for h in header if h.partition(":")[0])) != \
            len([h for h in header if h.partition(":")[0]]):
        raise ValueError("duplicate property in header")


# ---------------------------------------------------------------- dispatch


def write(G: nx.MultiDiGraph, fmt: str, out: str | os.PathLike) -> list[Path]:
    """Write ``G`` in ``fmt`` (a key of :data:`FORMATS`) to ``out`` (a folder for ``neo4j``)."""
    if fmt == "graphml":
        return [write_graphml(G, out)]
    if fmt == "gexf":
        return [write_gexf(G, out)]
    if fmt == "nodelink":
        return [write_nodelink(G, out)]
    if fmt == "neo4j":
        return write_neo4j(G, out)
    raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
