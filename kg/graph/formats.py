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

Neo4j: a folder with ``nodes.csv`` and ``relationships.csv`` for ``neo4j-admin database import``;
:mod:`kg.graph.neo4j` describes the columns.

This module holds GEXF, node-link JSON and :func:`write` (the dispatch by format name), and
re-exports the GraphML (:mod:`kg.graph.graphml`) and Neo4j (:mod:`kg.graph.neo4j`) readers and
writers, so every format is importable from here.
"""
from __future__ import annotations

import io
import json
import os
from pathlib import Path

import networkx as nx

from ..atomic import write_atomic
from .convert import graphml_ready
from .graphml import _decode_all, read_graphml, write_graphml
# re-exported: kg.pipeline imports them from here
from .graphml import graphml_text, write_graphml_to  # noqa: F401
from .neo4j import neo4j_type, read_neo4j, write_neo4j

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
