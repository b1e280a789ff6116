"""GraphML, GEXF, node-link JSON and Neo4j CSV exports, each read back."""
from __future__ import annotations

import csv
import doctest
import re

import networkx as nx
import pytest

from kg.graph import formats as graph_io
from kg.graph import graphml as graph_graphml
from kg.graph import neo4j as graph_neo4j
from kg.analysis import example_graph

NEO4J_FIELD = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*:(string|long|double|date|boolean)(\[\])?$|^(id:ID|:LABEL|"
                         r":START_ID|:END_ID|:TYPE)$")


@pytest.fixture(scope="module")
def G(corpus12):
    return corpus12.networkx


def _scalars(d):
    return {k: v for k, v in d.items() if v not in ("", None, [], 0)}


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "nodelink"])
def test_graph_io_file_formats_read_back_equal(G, tmp_path, fmt):
    path = tmp_path / graph_io.FORMATS[fmt]
    graph_io.write(G, fmt, path)
    H = getattr(graph_io, f"read_{fmt}")(path)
    assert sorted(H.nodes) == sorted(G.nodes)
    assert sorted(H.edges(keys=True)) == sorted(G.edges(keys=True))
    for n in G.nodes:
        assert _scalars(H.nodes[n]) == _scalars(G.nodes[n]), n
    for u, v, k, d in G.edges(keys=True, data=True):
        assert _scalars(H[u][v][k]) == _scalars(d), (u, v, k)
    # and networkx's own readers take the files as they are
    if fmt == "gexf":
        raw = nx.read_gexf(path)
        assert raw.number_of_edges() == G.number_of_edges()
        assert {d["relation"] for *_, d in raw.edges(data=True)} >= {"participant", "metWith", "heldIn"}


def test_graph_io_outputs_are_deterministic(G, tmp_path):
    for fmt in graph_io.FORMATS:
        a, b = tmp_path / f"a_{fmt}", tmp_path / f"b_{fmt}"
        pa = graph_io.write(G, fmt, a)
        pb = graph_io.write(G, fmt, b)
        assert [p.read_bytes() for p in pa] == [p.read_bytes() for p in pb]


def test_graph_io_neo4j_csv_headers_and_endpoints(G, tmp_path):
    out = tmp_path / "neo4j"
    paths = graph_io.write_neo4j(G, out)
    assert [p.name for p in paths] == ["nodes.csv", "relationships.csv"]
    with open(out / "nodes.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    header, nodes = rows[0], rows[1:]
    assert header[:2] == ["id:ID", ":LABEL"]
    assert all(NEO4J_FIELD.match(h) for h in header), header
    assert "confidence:double" in header and "start_date:date" in header and "aliases:string[]" in header
    ids = [r[0] for r in nodes]
    assert len(ids) == len(set(ids)) == G.number_of_nodes()
    labels = dict(zip(ids, (r[1] for r in nodes)))
    assert labels["person/vladimir-putin"] == "Leader;Person;Entity"
    assert all(len(r) == len(header) for r in nodes)
    with open(out / "relationships.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    header, rels = rows[0], rows[1:]
    assert header[:3] == [":START_ID", ":END_ID", ":TYPE"]
    assert all(NEO4J_FIELD.match(h) for h in header), header
    assert len(rels) == G.number_of_edges()
    assert all(r[0] in labels and r[1] in labels for r in rels)
    assert {r[2] for r in rels} >= {"PARTICIPANT", "MET_WITH", "HELD_IN", "LEADER_OF", "PART_OF", "CONCERNS"}
    assert all(re.fullmatch(r"[A-Z_]+", r[2]) for r in rels)
    # no field spans lines (the importer's default)
    assert "\n" not in "".join(c for r in rels for c in r)
    H = graph_io.read_neo4j(out)
    assert sorted(H.edges(keys=True)) == sorted(G.edges(keys=True))
    ev = "event/" + next(n.split("/", 1)[1] for n, d in G.nodes(data=True) if d.get("type") == "Summit")
    assert H.nodes[ev]["source_count"] == G.nodes[ev]["source_count"]
    assert H.nodes[ev]["evidence"] == G.nodes[ev]["evidence"]


def test_graph_io_neo4j_reader_rejects_dangling_relationship(tmp_path):
    out = tmp_path / "bad"
    out.mkdir()
    (out / "nodes.csv").write_text("id:ID,:LABEL,label:string\na,Node,A\n", encoding="utf-8")
    (out / "relationships.csv").write_text(":START_ID,:END_ID,:TYPE\na,b,KNOWS\n", encoding="utf-8")
    with pytest.raises(ValueError, match="not a node"):
        graph_io.read_neo4j(out)
    (out / "relationships.csv").write_text(":START_ID,:END_ID,:TYPE,bad field\na,a,KNOWS,x\n", encoding="utf-8")
    with pytest.raises(ValueError, match="header"):
        graph_io.read_neo4j(out)


def test_graph_io_example_graph_survives_every_format(tmp_path):
    E = example_graph()
    for fmt in graph_io.FORMATS:
        p = tmp_path / f"x_{fmt}"
        graph_io.write(E, fmt, p)
        H = getattr(graph_io, f"read_{fmt}")(p)
        assert H.nodes["event/astana-talks"]["merged_from"] == E.nodes["event/astana-talks"]["merged_from"]
        assert H.nodes["event/astana-talks"]["confidence"] == 0.978


def test_graph_io_doctests():
    # the formats live in kg.graph.graphml and kg.graph.neo4j; kg.graph.formats re-exports them
    results = [doctest.testmod(mod) for mod in (graph_io, graph_graphml, graph_neo4j)]
    failed, attempted = sum(r.failed for r in results), sum(r.attempted for r in results)
    assert attempted and not failed
