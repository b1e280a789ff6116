"""The seed's expectations (shared/seed/EXPECTED.md), checked by SPARQL over
graph.ttl built through the CLI from our own fixture in the same layout."""
from __future__ import annotations

import pytest

from kg.evaluation.expected import CHECKS, PREFIXES, run_checks
from kg.sparql.query import run_query


@pytest.mark.parametrize("name", [c[0] for c in CHECKS])
def test_spine_expected_check(fixture_store, name):
    results = dict(run_checks(fixture_store))
    assert results[name], name


def test_spine_checks_can_fail(tmp_path):
    """The checks are not vacuous: an empty graph fails every positive one."""
    empty = tmp_path / "empty.ttl"
    empty.write_text("")
    results = run_checks(empty)
    assert sum(ok for _, ok in results) == sum(1 for c in CHECKS if not c[2])


def test_spine_exactly_two_persons(fixture_store):
    t = run_query(fixture_store, PREFIXES + "SELECT DISTINCT ?p WHERE { ?p a dip:Person }")
    assert len(t.rows) == 2


def test_spine_every_class_is_materialised(fixture_store):
    for sub, sup in (("Leader", "Person"), ("Meeting", "Event"), ("Summit", "Event"), ("City", "Place")):
        t = run_query(fixture_store, PREFIXES + f"ASK {{ ?x a dip:{sub} FILTER NOT EXISTS {{ ?x a dip:{sup} }} }}")
        assert t.rows == [["false"]], sub


def test_spine_networkx_every_node_and_edge_has_evidence(fixture_result):
    G = fixture_result.networkx
    assert G.number_of_nodes() > 5
    for n, d in G.nodes(data=True):
        assert d["evidence"], n
        for ev in d["evidence"]:
            text = fixture_result.records.articles[ev["article"]].text
            assert ev["sentence"] and 0 <= ev["start"] < ev["end"] <= len(text)
            assert ev["rule"]
    for u, v, k, d in G.edges(keys=True, data=True):
        assert d["evidence"], (u, v, k)
