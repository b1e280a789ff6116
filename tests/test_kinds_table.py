"""The table of event kinds (kg/kinds.py) is the one place a kind is declared: the ontology,
the published SHACL shapes, RDF, the networkx graph, the analysis and the views follow it."""
from __future__ import annotations

import json
import re

import pytest
import rdflib
from rdflib.namespace import RDF, RDFS

from kg import kinds
from kg.analysis import who_met_whom
from kg.graph import to_networkx
from kg.merge import merge_extractions
from kg.model import Article, Entity, Event, Evidence, Extraction, Participant
from kg.rdf import emit
from kg.rdf.rdflib_io import to_rdflib
from kg.rdf.shapes import kind_shapes, published_text
from kg.sparql.validate import validate
from kg.views import node_styles, to_html
from kg.vocab import DIP_NS, ONTOLOGY_DIR, superclasses

NEGOTIATION = kinds.EventKind("Negotiation", "negotiation round", "раунд переговоров", "046", "CONSULT",
                              met_with=True, min_participants=2, color="#123456", shape="hexagon")


@pytest.fixture
def negotiation():
    kinds.register(NEGOTIATION)
    yield NEGOTIATION
    kinds.unregister(NEGOTIATION.name)


def _ev(rule: str = "ru.event.trigger") -> tuple[Evidence, ...]:
    return (Evidence("a1", "Стороны провели раунд переговоров.", 0, 10, rule),)


def _records(parts: tuple[str, ...]):
    persons = [Entity(p, "Person", p.split("/")[1].title(), "", None, (), None, _ev("ru.ner.natasha")) for p in parts]
    event = Event("event/round", "Negotiation", participants=tuple(Participant(p) for p in parts),
                  start_date="2026-03-02", evidence=_ev())
    x = Extraction(Article("a1", "Стороны провели раунд переговоров.", lang="ru", source="a1.txt"),
                   entities=tuple(persons), events=(event,))
    return merge_extractions([x])


def test_kinds_derived_lists_follow_the_table(negotiation):
    assert kinds.names()[-1] == "Negotiation"
    assert "Negotiation" in kinds.met_with_kinds() and "Statement" not in kinds.met_with_kinds()
    assert "Negotiation" in kinds.consult_or_agree_kinds()  # CAMEO 046: a consult code
    assert superclasses("Negotiation") == ("Event",)
    assert kinds.event_label("Negotiation", ["A", "B"], None, "2026-03-02") == "Negotiation round: A – B, 2026-03-02"


def test_kinds_new_kind_flows_to_rdf_graph_and_analysis(negotiation):
    rec = _records(("person/alpha", "person/beta"))
    g = to_rdflib(emit(rec).sorted())
    node = rdflib.URIRef("https://w3id.org/dipkg/id/event/round")
    assert {rdflib.URIRef(DIP_NS + "Negotiation"), rdflib.URIRef(DIP_NS + "Event")} <= set(g.objects(node, RDF.type))
    alpha, beta = (rdflib.URIRef(f"https://w3id.org/dipkg/id/person/{p}") for p in ("alpha", "beta"))
    assert (alpha, rdflib.URIRef(DIP_NS + "metWith"), beta) in g  # a met-with kind
    G = to_networkx(rec)
    assert G.nodes["event/round"]["type"] == "Negotiation"
    assert who_met_whom(G) == [("person/alpha", "person/beta", 1)]


def test_kinds_new_kind_flows_to_shacl(negotiation):
    assert "dipsh:Participants-Negotiation" in kind_shapes()
    good = to_rdflib(emit(_records(("person/alpha", "person/beta"))).sorted())
    conforms, text = validate(good)
    assert conforms, text
    # a happened round with one named side and no incompleteness mark breaks the kind's shape
    bad = to_rdflib(emit(_records(("person/alpha",))).sorted())
    bad.remove((None, rdflib.URIRef(DIP_NS + "participantsIncomplete"), None))
    conforms, text = validate(bad)
    assert not conforms and "negotiation round that happened needs at least 2 participants" in text


def test_kinds_new_kind_flows_to_the_view(negotiation):
    assert node_styles()["Negotiation"] == ("#123456", "hexagon", "Negotiation round")
    html = to_html(to_networkx(_records(("person/alpha", "person/beta"))))
    data = json.loads(re.search(r'<script type="application/json" id="data">(.*?)</script>', html, re.S).group(1))
    legend = {item["type"]: item for item in data["legend"]}
    assert legend["Negotiation"]["color"] == "#123456" and legend["Negotiation"]["name"] == "Negotiation round"


def test_kinds_published_shapes_are_current():
    """ontology/shapes.ttl holds the kind shapes of the table (python -m kg.rdf.shapes --write)."""
    assert (ONTOLOGY_DIR / "shapes.ttl").read_text(encoding="utf-8") == published_text()


def test_kinds_every_kind_is_declared_in_the_ontology():
    g = rdflib.Graph().parse(ONTOLOGY_DIR / "dipkg.ttl")
    for k in kinds.KINDS.values():
        cls = rdflib.URIRef(DIP_NS + k.name)
        assert {rdflib.URIRef(DIP_NS + s) for s in k.superclasses} <= set(g.objects(cls, RDFS.subClassOf)), k.name
        labels = {(str(lit), lit.language) for lit in g.objects(cls, RDFS.label)}
        assert {(k.label_en, "en"), (k.label_ru, "ru")} <= labels, k.name
