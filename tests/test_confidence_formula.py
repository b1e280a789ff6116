"""Confidence per fact from its evidence (kg/confidence.py), on graph attributes and in RDF."""
from __future__ import annotations

import doctest

import pytest
from rdflib import URIRef
from rdflib.namespace import RDF

import kg.merge.confidence as kc
from kg.merge.confidence import confidence, rule_weight
from kg.model import Evidence
from kg.vocab import DIP


def _ev(article, rule, conf=1.0):
    return Evidence(article, "s", 0, 1, rule, conf)


def test_confidence_rule_weights_direct_over_kb_over_coref():
    assert rule_weight("ru.ner.natasha") == rule_weight("en.event.meeting") == rule_weight("ru.role.apposition")
    assert rule_weight("ru.role.apposition") > rule_weight("kb.located_in") > rule_weight("ru.coref.surname")
    assert rule_weight("en.coref.role.kb") == rule_weight("en.coref.pronoun")


def test_confidence_grows_with_independent_articles_not_with_repeats():
    one = confidence([_ev("a", "ru.event.meeting")])
    same_article_twice = confidence([_ev("a", "ru.event.meeting"), _ev("a", "ru.event.topics", 0.9)])
    two = confidence([_ev("a", "ru.event.meeting"), _ev("b", "en.event.meeting")])
    many = confidence([_ev(str(i), "ru.event.meeting") for i in range(10)])
    assert one == same_article_twice == 0.85
    assert one < two < many == kc.MAX_CONFIDENCE
    assert confidence([]) == 0.0


def test_confidence_weak_rules_and_extractor_confidence_lower_it():
    assert confidence([_ev("a", "ru.coref.pronoun", 0.7)]) == round(0.6 * 0.7, 3)
    assert confidence([_ev("a", "ru.event.summit.reference", 0.6)]) == round(0.85 * 0.6, 3)
    # graph evidence dicts work as well as Evidence records
    assert confidence([{"article": "a", "rule": "kb.office", "confidence": 1.0}]) == kc.KB_WEIGHT


def test_confidence_doctests():
    failed, attempted = doctest.testmod(kc)
    assert attempted and not failed


def test_confidence_on_networkx_nodes_and_edges(corpus12):
    G = corpus12.networkx
    for n, d in G.nodes(data=True):
        assert 0 < d["confidence"] <= kc.MAX_CONFIDENCE, n
        assert d["confidence"] == confidence(d["evidence"])
        assert isinstance(d["merged_from"], list)
    for *_, d in G.edges(keys=True, data=True):
        assert 0 < d["confidence"] <= kc.MAX_CONFIDENCE
    events = {n: d for n, d in G.nodes(data=True) if d.get("category") == "event"}
    summit = next(d for d in events.values() if d["type"] == "Summit")
    statement = next(d for d in events.values() if d["type"] == "Statement")
    assert summit["confidence"] > statement["confidence"]  # six articles against one
    assert summit["merged_from"] and "summit" in summit["merged_from"][0]["reason"]
    assert statement["merged_from"] == []


def test_confidence_in_rdf_statements_and_events(corpus12):
    g = corpus12.rdf
    G = corpus12.networkx
    ev = next(n for n, d in G.nodes(data=True) if d.get("type") == "PhoneCall")
    node = URIRef("https://w3id.org/dipkg/id/" + ev)
    conf = g.value(node, DIP.confidence)
    assert str(conf.datatype).endswith("#decimal") and float(conf) == G.nodes[ev]["confidence"] == pytest.approx(0.978)
    facts = list(g.subjects(RDF.type, RDF.Statement))
    assert facts
    for f in facts:
        assert len(list(g.objects(f, DIP.confidence))) == 1
    # a participant fact of the call pools both articles
    fact = next(f for f in facts if g.value(f, RDF.subject) == node and g.value(f, RDF.predicate) == DIP.participant)
    assert float(g.value(fact, DIP.confidence)) == pytest.approx(0.978)
    # a knowledge-base fact named in one article only is weaker
    kb = next(f for f in facts if g.value(f, RDF.predicate) == DIP.locatedIn
              and str(g.value(f, RDF.subject)).endswith("city/tashkent"))
    assert float(g.value(kb, DIP.confidence)) == pytest.approx(1 - 0.3 ** 2)
