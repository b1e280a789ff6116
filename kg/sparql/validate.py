"""SHACL validation of an export against the shapes of ``ontology/shapes.ttl`` (pySHACL; the
shapes of the event kinds are made from the current table, see :mod:`kg.rdf.shapes`).

``validate(graph_or_path) -> (conforms, report_text)``; ``kg validate GRAPH``
prints the report and exits 0 when the graph conforms, 1 when it does not.
Types are materialised in the exports, so no inference runs.
"""
from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph

from ..errors import QueryError
from ..rdf.shapes import shapes_graph

__all__ = ["validate", "load_graph"]

_FORMATS = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld",
            ".trig": "trig", ".nq": "nquads", ".rdf": "xml", ".xml": "xml"}


def load_graph(path: str | Path) -> Graph:
    """An rdflib graph of the file; for TriG/N-Quads, the union of all its graphs."""
    path = Path(path)
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise QueryError(f"{path}: unknown RDF file type (use {', '.join(sorted(_FORMATS))})")
    try:
        if fmt in ("trig", "nquads"):
            ds = Dataset()
            ds.parse(path, format=fmt)
            g = Graph()
            for s, p, o, _ in ds.quads((None, None, None, None)):
                g.add((s, p, o))
            return g
        return Graph().parse(path, format=fmt)
    except OSError as exc:
        raise QueryError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except Exception as exc:  # rdflib raises many parser exception types
        raise QueryError(f"{path}: not valid RDF ({type(exc).__name__}: {exc})") from None


def validate(graph_or_path, shapes: str | Path | Graph | None = None) -> tuple[bool, str]:
    """Validate an rdflib graph or an RDF file; returns ``(conforms, report_text)``."""
    import pyshacl

    data = graph_or_path if isinstance(graph_or_path, Graph) else load_graph(graph_or_path)
    if isinstance(shapes, Graph):
        shacl = shapes
    else:
        shacl = Graph().parse(shapes, format="turtle") if shapes else shapes_graph()
    conforms, _report_graph, text = pyshacl.validate(
        data, shacl_graph=shacl, inference="none", abort_on_first=False, allow_warnings=False,
        advanced=False, meta_shacl=False)
    return bool(conforms), text
