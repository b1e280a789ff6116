"""rdflib graphs in and out: the Python API's ``result.rdf`` and graphs read from files.

The exports never go through rdflib (it is slow and large at a few million triples); these
functions convert between rdflib terms and the N-Triples terms of :mod:`kg.rdf.terms`, and
write an rdflib graph with the exports' own writers, so its text is what a build writes.
"""
from __future__ import annotations

from typing import Iterable

from ..merge.records import Records
from ..vocab import PREFIXES
from .terms import iri, literal, parse_literal
from .triples import emit, partition
from .void import void_stats, void_text
from .writers import text_of, write_jsonld, write_ntriples, write_trig, write_turtle

__all__ = ["to_rdf", "serialize", "from_rdflib", "to_rdflib", "partition_by_article", "to_trig", "to_ntriples",
           "void_description", "ox_term"]


def _nt_term(t) -> str:
    from rdflib import BNode, URIRef

    if isinstance(t, URIRef):
        return iri(str(t))
    if isinstance(t, BNode):
        return "_:" + str(t)
    return literal(str(t), t.language, str(t.datatype) if t.datatype is not None else None)


def from_rdflib(g) -> set[tuple[str, str, str]]:
    """The triples of an rdflib graph as N-Triples terms."""
    return {(_nt_term(s), _nt_term(p), _nt_term(o)) for s, p, o in g}


def _rdflib_term(term: str, cache: dict):
    from rdflib import BNode, Literal, URIRef

    out = cache.get(term)
    if out is None:
        if term[0] == "<":
            out = URIRef(term[1:-1])
        elif term[0] == "_":
            out = BNode(term[2:])
        else:
            lex, lang, datatype = parse_literal(term)
            out = Literal(lex, lang=lang, datatype=URIRef(datatype) if datatype else None, normalize=False)
        if term[0] != '"':
            cache[term] = out
    return out


def to_rdflib(triples: Iterable[tuple[str, str, str]]):
    """An rdflib graph of triples of N-Triples terms, with the export prefixes bound."""
    from rdflib import Graph

    g = Graph(bind_namespaces="none")
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    cache: dict = {}
    for s, p, o in triples:
        g.add((_rdflib_term(s, cache), _rdflib_term(p, cache), _rdflib_term(o, cache)))
    return g


def _graphs_of(triples: Iterable[tuple[str, str, str]]) -> list[tuple[str | None, list]]:
    parts = partition(triples)
    return [(name, sorted(set(parts[name]))) for name in sorted(parts, key=lambda n: "" if n is None else n)]


def partition_by_article(g) -> dict:
    """The triples of an rdflib graph by the article whose named graph holds them (``None``: the
    default graph), by the rules of :mod:`kg.rdf.triples`."""
    cache: dict = {}
    out = {}
    for name, triples in partition(from_rdflib(g)).items():
        key = None if name is None else _rdflib_term(name, cache)
        out[key] = [tuple(_rdflib_term(x, cache) for x in t) for t in triples]
    return out


def to_trig(g) -> str:
    """TriG of an rdflib graph: one named graph per article, by :func:`partition_by_article`."""
    return text_of(lambda fh: write_trig(fh, _graphs_of(from_rdflib(g))))


def to_ntriples(g) -> str:
    """N-Triples of an rdflib graph, one triple a line, lines sorted."""
    return text_of(lambda fh: write_ntriples(fh, sorted(from_rdflib(g))))


def void_description(g) -> str:
    """VoID/DCAT Turtle of an rdflib graph."""
    return void_text(void_stats(sorted(from_rdflib(g))))


def ox_term(term):
    """The pyoxigraph term of an rdflib term (used by kg.push for foreign graphs)."""
    import pyoxigraph as ox
    from rdflib import BNode, URIRef

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype is not None:
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))


def to_rdf(rec: Records):
    """The records as an rdflib graph (the triples of :func:`kg.rdf.triples.emit`)."""
    return to_rdflib(emit(rec, partition=False).union)


def serialize(g, fmt: str) -> str:
    """Deterministic text of an rdflib graph: ``turtle``, ``nt``, ``json-ld``, ``trig`` (per
    article), written as a build writes its exports."""
    triples = sorted(from_rdflib(g))
    if fmt == "turtle":
        return text_of(lambda fh: write_turtle(fh, triples))
    if fmt == "nt":
        return text_of(lambda fh: write_ntriples(fh, triples))
    if fmt == "trig":
        return to_trig(g)
    if fmt == "json-ld":
        return text_of(lambda fh: write_jsonld(fh, triples))
    raise ValueError(f"unknown RDF format {fmt!r}")
