"""The one place the code names RDF terms: every namespace once, the closed dipkg vocabulary,
the class hierarchy, and where the published ontology files are.

``DIP`` is a closed namespace: ``DIP.Meeting`` works, ``DIP.Meting`` raises
``AttributeError`` at import or first use instead of writing a wrong IRI. Its classes are the
entity classes below plus every event kind of :mod:`kg.kinds`; :func:`dip_term` also knows a
kind registered later. A test checks that every term is declared in ``ontology/dipkg.ttl``
and the other way round.

The ontology, SHACL shapes, JSON-LD context and named queries ship inside the package
(``kg/ontology`` is the top-level ``ontology/`` folder, linked, so the published files and the
packaged ones are the same files); read them through :func:`ontology_file`.
"""
from __future__ import annotations

import importlib.resources
from pathlib import Path

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from . import kinds

__all__ = ["DIP", "ID", "WD", "SCHEMA", "PROV", "DCTERMS", "SKOS", "OWL", "RDF", "RDFS", "XSD",
           "DIP_NS", "ID_NS", "WD_NS", "CAMEO_NS", "PLOVER_NS", "SCHEMA_NS", "PROV_NS", "DCTERMS_NS",
           "SKOS_NS", "OWL_NS", "RDF_NS", "RDFS_NS", "XSD_NS", "VOID_NS", "DCAT_NS", "GEO_NS", "GEO", "SH_NS",
           "SPARQL_RESULTS_NS", "PREFIXES", "ENTITY_CLASSES", "superclasses", "dip_term", "entity_iri",
           "cameo_concept", "plover_concept", "ontology_file", "ONTOLOGY_DIR", "JSONLD_CONTEXT", "sparql_prefixes"]

# ---------------------------------------------------------------- namespaces (each spelled once)

DIP_NS = "https://w3id.org/dipkg/ontology#"
ID_NS = "https://w3id.org/dipkg/id/"
CAMEO_NS = "https://w3id.org/dipkg/cameo/"
PLOVER_NS = "https://w3id.org/dipkg/plover/"
WD_NS = "http://www.wikidata.org/entity/"
SCHEMA_NS = "https://schema.org/"
PROV_NS = "http://www.w3.org/ns/prov#"
DCTERMS_NS = "http://purl.org/dc/terms/"
SKOS_NS = "http://www.w3.org/2004/02/skos/core#"
OWL_NS = "http://www.w3.org/2002/07/owl#"
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS_NS = "http://www.w3.org/2000/01/rdf-schema#"
XSD_NS = "http://www.w3.org/2001/XMLSchema#"
VOID_NS = "http://rdfs.org/ns/void#"
DCAT_NS = "http://www.w3.org/ns/dcat#"
#: W3C Basic Geo (WGS84) vocabulary: geo:lat and geo:long of countries and cities, decimal degrees
GEO_NS = "http://www.w3.org/2003/01/geo/wgs84_pos#"
SH_NS = "http://www.w3.org/ns/shacl#"
#: the XML namespace of SPARQL query results (the endpoint's XML answers)
SPARQL_RESULTS_NS = "http://www.w3.org/2005/sparql-results#"

# ---------------------------------------------------------------- the closed dipkg vocabulary

#: entity classes and their dip: superclasses (event kinds and theirs are in kg.kinds)
ENTITY_CLASSES: dict[str, tuple[str, ...]] = {
    "Person": (), "Leader": ("Person",), "Country": (), "Organization": (), "Place": (), "City": ("Place",),
}
_OTHER_CLASSES = ("Event", "Article", "Evidence", "Quantity")
_PROPERTIES = (
    # object properties (the spine contract)
    "participant", "metWith", "heldIn", "leaderOf", "memberOf", "locatedIn", "partOf", "organizer",
    # data properties (the spine contract)
    "startDate", "endDate",
    # added terms
    "status", "ordinal", "cameoCode", "ploverCode", "role", "evidence", "sentence", "charStart", "charEnd",
    "rule", "confidence", "sourceCount", "topic", "quote", "speaker", "amount", "unit", "currency", "year",
    "measure", "concerns", "rubric", "isoCode", "participantsIncomplete",
    # links from an event to its CAMEO / PLOVER SKOS concepts (ontology/cameo.ttl, plover.ttl)
    "cameoConcept", "ploverConcept",
)


def _closed_namespace(name: str, ns: str, terms) -> type:
    """A DefinedNamespace class with exactly these terms (rdflib reads them from annotations)."""
    return type(name, (DefinedNamespace,), {"__annotations__": {t: URIRef for t in terms},
                                            "_NS": Namespace(ns), "_fail": True,
                                            "__doc__": f"dipkg ontology terms ({ns})."})


DIP = _closed_namespace("DIP", DIP_NS, (*ENTITY_CLASSES, *_OTHER_CLASSES, *kinds.names(), *_PROPERTIES))

ID = Namespace(ID_NS)
WD = Namespace(WD_NS)
SCHEMA = Namespace(SCHEMA_NS)
PROV = Namespace(PROV_NS)
DCTERMS = Namespace(DCTERMS_NS)
SKOS = Namespace(SKOS_NS)
OWL = Namespace(OWL_NS)
RDF = Namespace(RDF_NS)
RDFS = Namespace(RDFS_NS)
XSD = Namespace(XSD_NS)
GEO = Namespace(GEO_NS)

#: prefixes bound in every export, in this order
PREFIXES = {
    "dip": DIP_NS, "id": ID_NS, "wd": WD_NS, "cameo": CAMEO_NS, "plover": PLOVER_NS, "schema": SCHEMA_NS,
    "prov": PROV_NS, "dcterms": DCTERMS_NS, "skos": SKOS_NS, "owl": OWL_NS, "rdf": RDF_NS, "rdfs": RDFS_NS,
    "xsd": XSD_NS, "geo": GEO_NS,
}


def sparql_prefixes() -> str:
    """``PREFIX`` lines for every prefix of :data:`PREFIXES`, for queries written with them."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


def dip_term(name: str) -> URIRef:
    """``dip:NAME`` for a term of the closed vocabulary or any registered event kind."""
    if name in kinds.KINDS:
        return URIRef(DIP_NS + name)
    return getattr(DIP, name)


def superclasses(cls: str) -> tuple[str, ...]:
    """The dip: superclasses of an entity class or event kind (materialised in every export)."""
    if cls in ENTITY_CLASSES:
        return ENTITY_CLASSES[cls]
    row = kinds.KINDS.get(cls)
    return row.superclasses if row else ()


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
    "geo": {"lat": "xsd:decimal", "long": "xsd:decimal"},
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


# ---------------------------------------------------------------- the published files

#: the ontology folder inside the package (a link to the top-level ``ontology/`` in a checkout)
ONTOLOGY_DIR = Path(str(importlib.resources.files("kg") / "ontology"))


def ontology_file(name: str) -> Path:
    """A published file: ``dipkg.ttl``, ``shapes.ttl``, ``context.jsonld``, ``queries/NAME.rq``."""
    return ONTOLOGY_DIR / name
