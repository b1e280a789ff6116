"""Records -> RDF under the dipkg ontology, without rdflib on the build path.

* :mod:`kg.rdf.terms`     N-Triples terms (``<iri>``, ``"text"@en``) and the fixed terms
* :mod:`kg.rdf.triples`   :func:`emit`: the triples of the records and each article's named graph
* :mod:`kg.rdf.named_graphs` :class:`RDFTriples` (all triples, each article's graph, digests), ``partition``
* :mod:`kg.rdf.writers`   Turtle, N-Triples, TriG, JSON-LD writers (streamed, sorted, deterministic)
* :mod:`kg.rdf.void`      the VoID/DCAT description
* :mod:`kg.rdf.splice`    sorted exports rewritten record by record (the store's updates)
* :mod:`kg.rdf.shapes`    the SHACL shapes of the event kinds, made from :mod:`kg.kinds`
* :mod:`kg.rdf.rdflib_io` rdflib graphs in and out (the Python API)

The contract (see README): every node has ``rdf:type`` for its class and each ``dip:``
superclass, ``rdfs:label`` with language tags and ``skos:altLabel`` aliases; linked entities
``owl:sameAs`` their Wikidata entity; events are ``prov:wasDerivedFrom`` their articles. Each
relation triple is also reified (``rdf:Statement``) so SPARQL can reach its evidence. No blank
nodes: every IRI is minted from stable ids, so exports are byte-identical for the same input.
"""
from __future__ import annotations

from .rdflib_io import serialize, to_rdf
from .triples import RDFTriples, emit

__all__ = ["emit", "RDFTriples", "to_rdf", "serialize"]
