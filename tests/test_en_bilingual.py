"""A Russian and an English report of the same meeting (tests/data/bilingual/, written for
this test) built together: one graph, one meeting, the same leader nodes."""
from __future__ import annotations

import pytest

import kg
from kg.ingest import read_paths


@pytest.fixture(scope="module")
def bilingual(data_dir):
    return kg.build([data_dir / "bilingual"])


def test_en_routing_mixed_folder_builds_one_graph(bilingual, data_dir):
    langs = sorted(a.lang for a in read_paths([data_dir / "bilingual"]))
    assert langs == ["en", "ru"]
    assert not bilingual.errors
    G = bilingual.networkx
    assert len(G.graph["articles"]) == 2


def test_en_bilingual_one_meeting_two_sources_same_leaders(bilingual):
    G = bilingual.networkx
    meetings = [n for n, d in G.nodes(data=True) if d.get("type") == "Meeting"]
    assert len(meetings) == 1
    d = G.nodes[meetings[0]]
    assert d["source_count"] == 2
    leaders = {n for n, dd in G.nodes(data=True) if dd.get("type") in ("Leader", "Person")}
    assert leaders == {"person/vladimir-putin", "person/kassym-jomart-tokayev"}
    for pid in leaders:
        assert len(set(G.nodes[pid]["sources"])) == 2  # named in both languages, one node
    assert G.nodes["person/vladimir-putin"]["wikidata"] == "Q7747"
    assert d["start_date"] == "2025-11-12"
    participants = {v for _, v, k in G.out_edges(meetings[0], keys=True) if k == "participant"}
    assert participants >= leaders
