"""The named graphs of a build: :class:`RDFTriples` (every triple, and the triples of each
article's named graph, as :func:`kg.rdf.triples.emit` makes them) and :func:`partition`, which
cuts any set of triples into the same named graphs by the rules in :mod:`kg.rdf.triples`."""
from __future__ import annotations

import hashlib
from collections import defaultdict
from typing import Iterable

from .terms import (
    DIP_ARTICLE,
    DIP_EVIDENCE,
    POOLED,
    PROV_DERIVED,
    RDF_OBJECT,
    RDF_PREDICATE,
    RDF_STATEMENT,
    RDF_SUBJECT,
    A,
)

__all__ = ["RDFTriples", "partition"]


class RDFTriples:
    """The RDF of a build: ``union`` (every triple) and ``graphs`` (named graph -> its triples;
    key: the article's IRI term, or None for the default graph). Use :meth:`graph` for a
    graph's sorted, distinct triples."""

    def __init__(self, union: set, graphs: dict):
        self.union = union
        self.graphs = graphs
        self._ready: set = set()

    def sorted(self) -> list[tuple[str, str, str]]:
        return sorted(self.union)

    def names(self) -> list[str | None]:
        """The graph names in TriG order (the default graph first)."""
        return sorted(self.graphs, key=lambda n: "" if n is None else n)

    def graph(self, name: str | None) -> list[tuple[str, str, str]]:
        """The sorted, distinct triples of one named graph."""
        if name not in self._ready:
            self.graphs[name] = sorted(set(self.graphs.get(name, ())))
            self._ready.add(name)
        return self.graphs[name]

    def digest(self, name: str | None) -> str:
        """SHA-256 of the graph's sorted N-Triples lines."""
        return hashlib.sha256("".join([f"{s} {p} {o} .\n" for s, p, o in self.graph(name)]).encode("utf-8")).hexdigest()

    def digests(self) -> dict[str, str]:
        """Named graph IRI (without brackets; '' for the default graph) -> digest of its triples."""
        return {("" if name is None else name[1:-1]): self.digest(name) for name in self.graphs}


def partition(triples: Iterable[tuple[str, str, str]]) -> dict[str | None, list[tuple[str, str, str]]]:
    """Triples (N-Triples terms) by named graph, by the rules of :mod:`kg.rdf.triples`' docstring
    (key: the article's IRI term, None for the default graph)."""
    triples = list(triples)
    articles = {s for s, p, o in triples if p == A and o == DIP_ARTICLE}
    arts: dict[str, set] = defaultdict(set)
    for a in articles:
        arts[a].add(a)
    statements: dict[str, list] = {}
    for s, p, o in triples:
        if p == PROV_DERIVED and o in articles:
            arts[s].add(o)
        elif p == A and o == RDF_STATEMENT:
            statements.setdefault(s, [None, None, None])
    for s, p, o in triples:
        if s in statements:
            if p == RDF_SUBJECT:
                statements[s][0] = o
            elif p == RDF_PREDICATE:
                statements[s][1] = o
            elif p == RDF_OBJECT:
                statements[s][2] = o
    from_evidence: dict[str, set] = defaultdict(set)
    for s, p, o in triples:
        if p == DIP_EVIDENCE and s in statements:
            from_evidence[s] |= arts.get(o, set())
    asserted: dict[tuple, set] = {}
    for f, spo in statements.items():
        arts[f] |= from_evidence.get(f, set())
        asserted.setdefault(tuple(spo), set()).update(from_evidence.get(f, set()))
    out: dict = defaultdict(list)
    for t in triples:
        s, p, o = t
        if p == DIP_EVIDENCE:
            where = arts.get(o) or arts.get(s)
        elif p == PROV_DERIVED and o in articles:
            where = (o,)
        elif p in POOLED:
            where = sorted(arts.get(s, ()))[:1]
        elif asserted.get(t):
            where = asserted[t]
        else:
            where = arts.get(s)
        for g in (where or (None,)):
            out[g].append(t)
    return dict(out)
