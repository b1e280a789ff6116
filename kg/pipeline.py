"""The build: input paths -> articles -> extractions -> merged records -> a knowledge graph and
its exports. One path for every caller: ``kg.build`` (serial by default), ``kg build -j N`` and
``--scheduler`` (the same stages with the extraction spread over processes or a Dask cluster),
and the store build (:mod:`kg.store.build`, which runs these stages over its records).

    >>> import kg
    >>> result = kg.build(["examples/"])          # doctest: +SKIP
    >>> G = result.networkx                        # networkx.MultiDiGraph
    >>> g = result.rdf                             # rdflib.Graph
    >>> result.write("exports/")                   # graph.ttl, .jsonld, .html, .graphml, .nt, .trig, void.ttl

Stages: :func:`read_inputs` (:mod:`kg.ingest`), :func:`extract_articles`
(:mod:`kg.extract`, :mod:`kg.extract.parallel`), :func:`kg.merge.merge_extractions`, then the
views of :class:`KnowledgeGraph` (:mod:`kg.graph`, :mod:`kg.rdf`, :mod:`kg.views`).

Bad input never stops a batch: each failure is an :class:`~kg.errors.InputError` in
``result.errors`` naming the file and the reason.
"""
from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import networkx as nx

from .atomic import Streamed, write_all_atomic
from .errors import InputError
from .extract.parallel import extract_many, unique_articles
from .graph.convert import to_networkx
from .graph.formats import graphml_text, read_graphml, read_nodelink, write_graphml_to
from .ingest import read_paths
from .merge import Records, merge_extractions
from .model import Article, Extraction
from .rdf import writers
from .rdf.rdflib_io import to_rdflib
from .rdf.triples import emit
from .rdf.void import void_stats, void_text
from .rdf.writers import text_of
from .views.network import PAGE_MAX_NODES, to_html
from .views.overview import render_overview, use_overview

__all__ = ["build", "build_articles", "read_inputs", "extract_articles", "load_or_build", "KnowledgeGraph",
           "EXPORT_FILES", "GRAPHML_EVIDENCE"]

#: the exports of ``kg build``, by file name (the contract other tools rely on: the first four);
#: N-Triples, TriG (one named graph per article) and the VoID/DCAT description were added later
EXPORT_FILES = ("graph.ttl", "graph.jsonld", "graph.html", "graph.graphml", "graph.nt", "graph.trig", "void.ttl")
#: evidence items per node and edge in ``graph.graphml`` (the full count is in ``evidence_count``)
GRAPHML_EVIDENCE = 10


@dataclass
class KnowledgeGraph:
    """The result of a build: records, errors, and lazily made graph views."""

    records: Records
    errors: list[InputError] = field(default_factory=list)

    @functools.cached_property
    def networkx(self):
        return to_networkx(self.records)

    @functools.cached_property
    def triples(self):
        """The RDF as N-Triples terms, and each article's named graph (:class:`kg.rdf.triples.RDFTriples`)."""
        return emit(self.records)

    @functools.cached_property
    def sorted_triples(self) -> list:
        return self.triples.sorted()

    @functools.cached_property
    def rdf(self):
        """An rdflib graph of the triples (for the Python API; the exports do not use it)."""
        return to_rdflib(self.sorted_triples)

    def _text(self, write) -> str:
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
        """The figures of :meth:`void` (:func:`kg.writers.void_stats`)."""
        return void_stats(self.triples.union)

    def void(self) -> str:
        """A VoID/DCAT description of the dataset (Turtle)."""
        return void_text(self.void_stats)

    def _writer(self, name: str):
        if name == "graph.trig":
            tr = self.triples
            return lambda fh: writers.write_trig(fh, ((n, tr.graph(n)) for n in tr.names()))
        write = {"graph.ttl": writers.write_turtle, "graph.nt": writers.write_ntriples,
                 "graph.jsonld": writers.write_jsonld}[name]
        return lambda fh: write(fh, self.sorted_triples)

    def html(self, title: str = "dipkg graph") -> str:
        """The page of ``graph.html``: the overview above :data:`kg.views.overview.OVERVIEW_MIN_NODES`
        nodes, else the network page of the whole event graph."""
        if use_overview(self.networkx):
            return render_overview(self.networkx, title=title)
        return to_html(self.networkx, title=title, max_nodes=PAGE_MAX_NODES)

    def graphml(self) -> str:
        """GraphML of the networkx graph, at most ``GRAPHML_EVIDENCE`` evidence items per node and
        edge (see :func:`kg.graph.formats.write_graphml_to`)."""
        return graphml_text(self.networkx, max_evidence=GRAPHML_EVIDENCE)

    def _graphml_to(self, fh) -> None:
        write_graphml_to(self.networkx, fh, max_evidence=GRAPHML_EVIDENCE)

    def write(self, outdir: str | os.PathLike = "exports", timings: dict | None = None) -> list[Path]:
        """Write the exports (:data:`EXPORT_FILES`) atomically; returns their paths.
        ``timings``: a dict that gets the seconds each export took (``export:graph.ttl``, ...)."""
        out = Path(outdir)
        makers: dict[str, object] = {
            "graph.ttl": Streamed(self._writer("graph.ttl")), "graph.jsonld": Streamed(self._writer("graph.jsonld")),
            "graph.html": self.html, "graph.graphml": Streamed(self._graphml_to),
            "graph.nt": Streamed(self._writer("graph.nt")), "graph.trig": Streamed(self._writer("graph.trig")),
            "void.ttl": self.void,
        }
        # issue 10: all exports staged as temporary files first, then renamed together;
        # leftovers of a killed run are removed (kg.atomic.write_all_atomic)
        return write_all_atomic(out, {name: makers[name] for name in EXPORT_FILES}, timings=timings)


def read_inputs(paths: Iterable[str | os.PathLike]) -> tuple[list[Article], list[InputError]]:
    """Stage 1: every article in the files and folders of ``paths``, and the inputs that failed."""
    articles: list[Article] = []
    errors: list[InputError] = []
    for item in read_paths(paths):
        (errors if isinstance(item, InputError) else articles).append(item)
    return articles, errors


def extract_articles(articles: Iterable[Article], jobs: int | None = 1, progress: bool | None = None,
                     scheduler=None, on_result: Callable | None = None,
                     ) -> tuple[list[Extraction], list[InputError]]:
    """Stage 2: one extraction per distinct article (sorted by id), and the articles that failed.

    ``jobs``: local processes (1: in this process; None: every core); ``scheduler``: a Dask
    scheduler address or client. The result is the same for any of them."""
    extractions: list[Extraction] = []
    errors: list[InputError] = []
    for res in extract_many(unique_articles(articles), jobs=jobs, progress=progress, scheduler=scheduler,
                            on_result=on_result):
        (errors if isinstance(res, InputError) else extractions).append(res)
    return extractions, errors


def build_articles(articles: Iterable[Article], errors: list[InputError] | None = None, jobs: int | None = 1,
                   progress: bool | None = None, scheduler=None) -> KnowledgeGraph:
    """Stages 2 and 3 for articles already read (see :func:`read_inputs`)."""
    extractions, failed = extract_articles(articles, jobs=jobs, progress=progress, scheduler=scheduler)
    return KnowledgeGraph(merge_extractions(extractions), sorted([*(errors or ()), *failed], key=lambda e: e.source))


def build(paths: Iterable[str | os.PathLike], jobs: int | None = 1, progress: bool | None = None,
          scheduler=None) -> KnowledgeGraph:
    """Read every file and directory in ``paths`` and build one graph (``jobs``, ``scheduler``:
    see :func:`extract_articles`)."""
    articles, errors = read_inputs(paths)
    return build_articles(articles, errors, jobs=jobs, progress=progress, scheduler=scheduler)


def load_or_build(inputs: list[str | os.PathLike]) -> tuple[nx.MultiDiGraph, list[InputError], int]:
    """The graph of a command's inputs: one ``.graphml`` (or node-link ``.json``) export read back,
    or anything :func:`build` takes, built. Returns ``(G, input errors, article count)``."""
    if len(inputs) == 1 and str(inputs[0]).lower().endswith(".graphml"):
        G = read_graphml(inputs[0])
        return G, [], len(G.graph.get("articles") or {})
    if len(inputs) == 1 and str(inputs[0]).lower().endswith(".json") and Path(inputs[0]).is_file():
        G = read_nodelink(inputs[0])
        return G, [], len(G.graph.get("articles") or {})
    result = build(inputs)
    return result.networkx, list(result.errors), len(result.records.articles)
