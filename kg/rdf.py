"""Records -> RDF under the dipkg ontology: the terms, and an rdflib graph for the Python API.

The contract (see README): every node has ``rdf:type`` for its class and each
``dip:`` superclass, ``rdfs:label`` with language tags and ``skos:altLabel``
aliases; linked entities ``owl:sameAs`` their Wikidata entity; events are
``prov:wasDerivedFrom`` their articles. Each relation triple is also reified
(``rdf:Statement``) so SPARQL can reach its evidence: the article, sentence,
character span, rule and confidence. No blank nodes: every IRI is minted from
stable ids, so exports are byte-identical for the same input.

The triples themselves are made by :mod:`kg.triples` (N-Triples terms, no rdflib) and
written by :mod:`kg.dataset`; :func:`to_rdf` turns them into an ``rdflib.Graph``.
"""
from __future__ import annotations

import hashlib

from rdflib import Graph, URIRef

from .model import Evidence
from .records import Records
from .vocab import ID

__all__ = ["to_rdf", "serialize", "article_iri", "evidence_iri"]


def article_iri(article_id: str) -> URIRef:
    return ID[f"article/{article_id}"]


def evidence_iri(ev: Evidence) -> URIRef:
    key = f"{ev.article_id}|{ev.start}|{ev.end}|{ev.rule}"
    return ID["evidence/" + hashlib.sha256(key.encode()).hexdigest()[:16]]


def _incomplete(ev) -> bool:
    """Fewer named participants than the kind implies: a meeting or call with one
    named side, or an event with no participant and no organizer."""
    if not ev.participants and not ev.organizer:
        return True
    return ev.kind in ("Meeting", "PhoneCall") and len(ev.participants) < 2


def to_rdf(rec: Records) -> Graph:
    """The records as an rdflib graph (the triples of :func:`kg.triples.emit`)."""
    from .dataset import to_rdflib
    from .triples import emit

    return to_rdflib(emit(rec, partition=False).union)


def serialize(g: Graph, fmt: str) -> str:
    """Deterministic text of an rdflib graph: ``turtle``, ``nt``, ``json-ld``, ``trig`` (per
    article), written by :mod:`kg.dataset` as a build writes its exports."""
    from . import dataset

    triples = sorted(dataset.from_rdflib(g))
    if fmt == "turtle":
        return dataset.text_of(lambda fh: dataset.write_turtle(fh, triples))
    if fmt == "nt":
        return dataset.text_of(lambda fh: dataset.write_ntriples(fh, triples))
    if fmt == "trig":
        return dataset.to_trig(g)
    if fmt == "json-ld":
        return dataset.text_of(lambda fh: dataset.write_jsonld(fh, triples))
    raise ValueError(f"unknown RDF format {fmt!r}")
