"""The one place the code names RDF terms.

``DIP`` is a closed namespace: ``DIP.Meeting`` works, ``DIP.Meting`` raises
``AttributeError`` at import or first use instead of writing a wrong IRI.
A test checks that every term listed here is declared in
``ontology/dipkg.ttl`` and the other way round.
"""
from __future__ import annotations

from pathlib import Path

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

__all__ = ["DIP", "ID", "WD", "SCHEMA", "PROV", "DCTERMS", "SKOS", "OWL", "RDF", "RDFS", "XSD",
           "DIP_NS", "ID_NS", "WD_NS", "CAMEO_NS", "PLOVER_NS", "PREFIXES", "entity_iri",
           "cameo_concept", "plover_concept", "ONTOLOGY_DIR", "JSONLD_CONTEXT"]

#: the ontology, concept schemes, SHACL shapes, JSON-LD context and named queries
ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"

DIP_NS = "https://w3id.org/dipkg/ontology#"
ID_NS = "https://w3id.org/dipkg/id/"
WD_NS = "http://www.wikidata.org/entity/"
CAMEO_NS = "https://w3id.org/dipkg/cameo/"
PLOVER_NS = "https://w3id.org/dipkg/plover/"


class DIP(DefinedNamespace):
    """dipkg ontology terms (``https://w3id.org/dipkg/ontology#``)."""

    _NS = Namespace(DIP_NS)
    _fail = True

    # classes: entities
    Person: URIRef
    Leader: URIRef
    Country: URIRef
    Organization: URIRef
    Place: URIRef
    City: URIRef
    # classes: events
    Event: URIRef
    Meeting: URIRef
    Summit: URIRef
    Visit: URIRef
    PhoneCall: URIRef
    AgreementSigning: URIRef
    Statement: URIRef
    # classes: provenance and facts
    Article: URIRef
    Evidence: URIRef
    Quantity: URIRef
    # object properties (the spine contract)
    participant: URIRef
    metWith: URIRef
    heldIn: URIRef
    leaderOf: URIRef
    memberOf: URIRef
    locatedIn: URIRef
    partOf: URIRef
    organizer: URIRef
    # data properties (the spine contract)
    startDate: URIRef
    endDate: URIRef
    # added terms
    status: URIRef
    ordinal: URIRef
    cameoCode: URIRef
    ploverCode: URIRef
    role: URIRef
    evidence: URIRef
    sentence: URIRef
    charStart: URIRef
    charEnd: URIRef
    rule: URIRef
    confidence: URIRef
    sourceCount: URIRef
    topic: URIRef
    quote: URIRef
    speaker: URIRef
    amount: URIRef
    unit: URIRef
    currency: URIRef
    year: URIRef
    measure: URIRef
    concerns: URIRef
    rubric: URIRef
    isoCode: URIRef
    # links from an event to its CAMEO / PLOVER SKOS concepts (ontology/cameo.ttl, plover.ttl)
    participantsIncomplete: URIRef
    cameoConcept: URIRef
    ploverConcept: URIRef


ID = Namespace(ID_NS)
WD = Namespace(WD_NS)
SCHEMA = Namespace("https://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
OWL = Namespace("http://www.w3.org/2002/07/owl#")
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")

#: prefixes bound in every export, in this order
PREFIXES = {
    "dip": DIP_NS,
    "id": ID_NS,
    "wd": WD_NS,
    "cameo": CAMEO_NS,
    "plover": PLOVER_NS,
    "schema": str(SCHEMA),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "skos": str(SKOS),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
}

_OBJECT_TERMS = {
    "dip": ("participant", "metWith", "heldIn", "leaderOf", "memberOf", "locatedIn", "partOf", "organizer",
            "speaker", "concerns", "evidence", "cameoConcept", "ploverConcept"),
    "prov": ("wasDerivedFrom",), "owl": ("sameAs",),
}
_TYPED_TERMS = {
    "dip": {"startDate": "xsd:date", "endDate": "xsd:date", "charStart": "xsd:integer",
            "charEnd": "xsd:integer", "ordinal": "xsd:integer", "sourceCount": "xsd:integer",
            "confidence": "xsd:decimal", "amount": "xsd:decimal", "year": "xsd:gYear",
            "participantsIncomplete": "xsd:boolean"},
    "schema": {"datePublished": "xsd:date", "url": "xsd:anyURI"},
}
_PLAIN_TERMS = {
    "dip": ("status", "cameoCode", "ploverCode", "role", "sentence", "rule", "topic", "quote", "unit",
            "currency", "measure", "rubric", "isoCode"),
    "rdfs": ("label",), "skos": ("altLabel",), "schema": ("headline", "inLanguage"),
    "dcterms": ("source",), "rdf": ("subject", "predicate", "object"),
}


def _jsonld_context() -> dict:
    ctx: dict = dict(PREFIXES)
    for prefix, names in _OBJECT_TERMS.items():
        ctx.update({n: {"@id": f"{prefix}:{n}", "@type": "@id"} for n in names})
    for prefix, terms in _TYPED_TERMS.items():
        ctx.update({n: {"@id": f"{prefix}:{n}", "@type": t} for n, t in terms.items()})
    for prefix, names in _PLAIN_TERMS.items():
        ctx.update({n: {"@id": f"{prefix}:{n}"} for n in names})
    assert all(isinstance(ctx[p], str) for p in PREFIXES), "a term shadows a prefix"
    return dict(sorted(ctx.items()))


#: the published JSON-LD context (``ontology/context.jsonld``), embedded in ``graph.jsonld``
JSONLD_CONTEXT = _jsonld_context()


def entity_iri(local_id: str) -> URIRef:
    """The IRI of a node from its local id (``"person/xi-jinping"``)."""
    return URIRef(ID_NS + local_id)


def cameo_concept(code: str) -> URIRef:
    """The SKOS concept of a CAMEO code (``"042"`` -> ``cameo:042``, see ontology/cameo.ttl)."""
    return URIRef(CAMEO_NS + code)


def plover_concept(code: str) -> URIRef:
    """The SKOS concept of a PLOVER code (``"CONSULT:visit"`` -> ``plover:CONSULT-visit``)."""
    return URIRef(PLOVER_NS + code.replace(":", "-", 1))
