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
from typing import Callable, Iterable

from .errors import InputError, KGError
from .export import EXPORT_FILES, write_all_atomic
from .extract import extract
from .ingest import read_paths
from .model import Article, Extraction
from .records import Records, merge_extractions

__all__ = ["build", "build_articles", "KnowledgeGraph"]


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
    def rdf(self):
        from .rdf import to_rdf

        return to_rdf(self.records)

    def turtle(self) -> str:
        from .rdf import serialize

        return serialize(self.rdf, "turtle")

    def jsonld(self) -> str:
        from .rdf import serialize

        return serialize(self.rdf, "json-ld")

    def ntriples(self) -> str:
        from .rdf import serialize

        return serialize(self.rdf, "nt")

    def trig(self) -> str:
        """TriG: one named graph per article (graph IRI = the article IRI)."""
        from .rdf import serialize

        return serialize(self.rdf, "trig")

    def void(self) -> str:
        """A VoID/DCAT description of the dataset (Turtle)."""
        from .dataset import void_description

        return void_description(self.rdf)

    def html(self, title: str = "dipkg graph") -> str:
        from .viz import to_html

        return to_html(self.networkx, title=title)

    def graphml(self) -> str:
        import networkx as nx

        from .graph import graphml_ready

        return "\n".join(nx.generate_graphml(graphml_ready(self.networkx))) + "\n"

    def write(self, outdir: str | os.PathLike = "exports") -> list[Path]:
        """Write the exports (``kg.export.EXPORT_FILES``) atomically; returns their paths."""
        out = Path(outdir)
        makers: dict[str, Callable[[], str]] = {
            "graph.ttl": self.turtle, "graph.jsonld": self.jsonld,
            "graph.html": self.html, "graph.graphml": self.graphml,
            "graph.nt": self.ntriples, "graph.trig": self.trig, "void.ttl": self.void,
        }
        # issue 10: all exports staged as temporary files first, then renamed together;
        # leftovers of a killed run are removed (kg/export.write_all_atomic)
        return write_all_atomic(out, {name: makers[name] for name in EXPORT_FILES})


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
