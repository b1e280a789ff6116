"""The ontology, its alignments, code schemes and JSON-LD context."""
from __future__ import annotations

import json
from pathlib import Path

import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.kinds import KINDS
from kg.vocab import DIP_NS, JSONLD_CONTEXT, cameo_concept, plover_concept

ONT = Path(__file__).parent.parent / "ontology"


def test_ontology_terms_have_labels_and_comments_in_en_and_ru():
    g = rdflib.Graph().parse(ONT / "dipkg.ttl")
    terms = {s for k in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
             for s in g.subjects(RDF.type, k) if str(s).startswith(DIP_NS)}
    assert len(terms) > 40
    for t in terms:
        for prop in (RDFS.label, RDFS.comment):
            langs = {o.language for o in g.objects(t, prop)}
            assert {"en", "ru"} <= langs, (t, prop)


def test_ontology_alignments():
    g = rdflib.Graph().parse(ONT / "dipkg.ttl")
    dip = rdflib.Namespace(DIP_NS)
    sem = rdflib.Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
    schema = rdflib.Namespace("https://schema.org/")
    wdt = rdflib.Namespace("http://www.wikidata.org/prop/direct/")
    wd = rdflib.Namespace("http://www.wikidata.org/entity/")
    assert (dip.metWith, RDF.type, OWL.SymmetricProperty) in g
    assert (dip.Event, RDFS.subClassOf, sem.Event) in g and (dip.Event, RDFS.subClassOf, schema.Event) in g
    assert {sem.hasActor, wdt.P710} <= set(g.objects(dip.participant, RDFS.subPropertyOf))
    assert {sem.hasPlace, schema.location, wdt.P276} <= set(g.objects(dip.heldIn, RDFS.subPropertyOf))
    assert {sem.hasBeginTimeStamp, schema.startDate} <= set(g.objects(dip.startDate, RDFS.subPropertyOf))
    assert schema.superEvent in set(g.objects(dip.partOf, RDFS.subPropertyOf))
    assert wdt.P463 in set(g.objects(dip.memberOf, RDFS.subPropertyOf))
    assert wd.P35 in set(g.objects(dip.leaderOf, SKOS.relatedMatch))
    assert wd.P585 in set(g.objects(dip.startDate, SKOS.closeMatch))


def test_ontology_code_schemes_cover_the_extractors():
    g = rdflib.Graph().parse(ONT / "cameo.ttl").parse(ONT / "plover.ttl")
    for cameo, plover in ((k.cameo, k.plover) for k in KINDS.values()):
        for concept, code in ((cameo_concept(cameo), cameo), (plover_concept(plover), plover)):
            assert (concept, RDF.type, SKOS.Concept) in g, code
            assert str(g.value(concept, SKOS.notation)) == code
    for code in ("010", "040", "042", "043", "046", "057", "05"):
        assert (cameo_concept(code), RDF.type, SKOS.Concept) in g
    assert g.value(plover_concept("CONSULT:third-party"), SKOS.broader) == plover_concept("CONSULT")
    for concept in g.subjects(RDF.type, SKOS.Concept):
        assert {o.language for o in g.objects(concept, SKOS.prefLabel)} == {"en", "ru"}


def test_ontology_published_context_is_the_one_in_code():
    published = json.loads((ONT / "context.jsonld").read_text(encoding="utf-8"))
    assert published == {"@context": JSONLD_CONTEXT}
    assert JSONLD_CONTEXT["participant"] == {"@id": "dip:participant", "@type": "@id"}
