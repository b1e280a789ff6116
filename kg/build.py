"""The library entry point: input paths -> a knowledge graph and its exports.

    >>> import kg
    >>> result = kg.build(["examples/"])          # doctest: +SKIP
    >>> G = result.networkx                        # networkx.MultiDiGraph
    >>> g = result.rdf                             # rdflib.Graph
    >>> result.write("exports/")                   # graph.ttl, .jsonld, .html, .graphml, .nt, .trig, void.ttl

Bad input never stops a batch: each failure is an :class:`~kg.errors.InputError`
in ``result.errors`` naming the file and the reason.
"""
from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .errors import InputError, KGError
from .export import EXPORT_FILES, Streamed, write_all_atomic
from .extract import extract
from .ingest import read_paths
from .model import Article, Extraction
from .records import Records, merge_extractions

__all__ = ["build", "build_articles", "KnowledgeGraph", "GRAPHML_EVIDENCE"]

#: evidence items per node and edge in ``graph.graphml`` (the full count is in ``evidence_count``)
GRAPHML_EVIDENCE = 10


@dataclass
class KnowledgeGraph:
    """The result of a build: records, errors, and lazily made graph views."""

    records: Records
    errors: list[InputError] = field(default_factory=list)

    @functools.cached_property
    def networkx(self):
        from .graph import to_networkx

        return to_networkx(self.records)

    @functools.cached_property
    def triples(self):
        """The RDF as N-Triples terms, and each article's named graph (:class:`kg.triples.RDFTriples`)."""
        from .triples import emit

        return emit(self.records)

    @functools.cached_property
    def sorted_triples(self) -> list:
        return self.triples.sorted()

    @functools.cached_property
    def rdf(self):
        """An rdflib graph of the triples (for the Python API; the exports do not use it)."""
        from .dataset import to_rdflib

        return to_rdflib(self.sorted_triples)

    def _text(self, write) -> str:
        from .dataset import text_of

        return text_of(write)

    def turtle(self) -> str:
        return self._text(self._writer("graph.ttl"))

    def jsonld(self) -> str:
        return self._text(self._writer("graph.jsonld"))

    def ntriples(self) -> str:
        return self._text(self._writer("graph.nt"))

    def trig(self) -> str:
        """TriG: one named graph per article (graph IRI = the article IRI)."""
        return self._text(self._writer("graph.trig"))

    @functools.cached_property
    def void_stats(self) -> dict:
        """The figures of :meth:`void` (:func:`kg.dataset.void_stats`)."""
        from .dataset import void_stats

        return void_stats(self.triples.union)

    def void(self) -> str:
        """A VoID/DCAT description of the dataset (Turtle)."""
        from .dataset import void_text

        return void_text(self.void_stats)

    def _writer(self, name: str):
        from . import dataset

        if name == "graph.trig":
            tr = self.triples
            return lambda fh: dataset.write_trig(fh, ((n, tr.graph(n)) for n in tr.names()))
        write = {"graph.ttl": dataset.write_turtle, "graph.nt": dataset.write_ntriples,
                 "graph.jsonld": dataset.write_jsonld}[name]
        return lambda fh: write(fh, self.sorted_triples)

    def html(self, title: str = "dipkg graph") -> str:
        from .viz import PAGE_MAX_NODES, to_html

        return to_html(self.networkx, title=title, max_nodes=PAGE_MAX_NODES)

    def graphml(self) -> str:
        """GraphML of the networkx graph, at most ``GRAPHML_EVIDENCE`` evidence items per node and
        edge (see :func:`kg.graph_io.write_graphml_to`)."""
        from .graph_io import graphml_text

        return graphml_text(self.networkx, max_evidence=GRAPHML_EVIDENCE)

    def _graphml_to(self, fh) -> None:
        from .graph_io import write_graphml_to

        write_graphml_to(self.networkx, fh, max_evidence=GRAPHML_EVIDENCE)

    def write(self, outdir: str | os.PathLike = "exports", timings: dict | None = None) -> list[Path]:
        """Write the exports (``kg.export.EXPORT_FILES``) atomically; returns their paths.
        ``timings``: a dict that gets the seconds each export took (``export:graph.ttl``, ...)."""
        out = Path(outdir)
        makers: dict[str, object] = {
            "graph.ttl": Streamed(self._writer("graph.ttl")), "graph.jsonld": Streamed(self._writer("graph.jsonld")),
            "graph.html": self.html, "graph.graphml": Streamed(self._graphml_to),
            "graph.nt": Streamed(self._writer("graph.nt")), "graph.trig": Streamed(self._writer("graph.trig")),
            "void.ttl": self.void,
        }
        # issue 10: all exports staged as temporary files first, then renamed together;
        # leftovers of a killed run are removed (kg/export.write_all_atomic)
        return write_all_atomic(out, {name: makers[name] for name in EXPORT_FILES}, timings=timings)


def build_articles(articles: Iterable[Article], errors: list[InputError] | None = None) -> KnowledgeGraph:
    """Extract from articles already read (see :func:`kg.ingest.read_paths`)."""
    errors = list(errors or [])
    extractions: list[Extraction] = []
    seen: set[str] = set()
    for a in sorted(articles, key=lambda a: (a.id, a.source)):
        if a.id in seen:
            continue
        seen.add(a.id)
        try:
            extractions.append(extract(a))
        except KGError as exc:
            errors.append(InputError(a.source, str(exc).split(": ", 1)[-1]))
        except Exception as exc:  # an extractor bug must not cost the rest of the batch
            errors.append(InputError(a.source, f"extraction failed ({type(exc).__name__}: {exc})"))
    return KnowledgeGraph(merge_extractions(extractions), sorted(errors, key=lambda e: e.source))


def build(paths: Iterable[str | os.PathLike]) -> KnowledgeGraph:
    """Read every file and directory in ``paths`` and build one graph."""
    articles: list[Article] = []
    errors: list[InputError] = []
    for item in read_paths(paths):
        (errors if isinstance(item, InputError) else articles).append(item)
    return build_articles(articles, errors)
