"""The vocabulary module and the ontology agree; a misspelled term fails loudly."""
from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import OWL, RDF

from kg.vocab import DIP, DIP_NS

ONTOLOGY = Path(__file__).parent.parent / "ontology" / "dipkg.ttl"


def declared() -> set[str]:
    g = rdflib.Graph().parse(ONTOLOGY)
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    return {str(s)[len(DIP_NS):] for k in kinds for s in g.subjects(RDF.type, k) if str(s).startswith(DIP_NS)}


def test_vocab_matches_ontology():
    in_code = {name for name in DIP.__annotations__}
    assert in_code == declared()


def test_vocab_misspelled_term_raises():
    with pytest.raises(AttributeError):
        DIP.Meting  # noqa: B018


def test_vocab_every_dip_term_in_exports_is_declared(fixture_graph):
    g = rdflib.Graph().parse(fixture_graph / "graph.ttl")
    used = {str(t)[len(DIP_NS):] for triple in g for t in triple if isinstance(t, rdflib.URIRef)
            and str(t).startswith(DIP_NS)}
    assert used and used <= declared()
