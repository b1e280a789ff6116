"""SPARQL over an export, through pyoxigraph (fast, spec-conformant).

``run_query(path_or_graph, sparql)`` returns a :class:`Table` (SELECT/ASK) that
prints as an aligned text table, CSV or JSON.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

from ..errors import QueryError
from ..store import is_store, open_rdf_store

__all__ = ["Table", "load_store", "run_query", "FORMATS"]

FORMATS = ("table", "csv", "json")
_RDF_FORMATS = {".ttl": "text/turtle", ".nt": "application/n-triples", ".jsonld": "application/ld+json",
                ".trig": "application/trig", ".nq": "application/n-quads", ".rdf": "application/rdf+xml"}


@dataclass
class Table:
    columns: list[str]
    rows: list[list[str | None]]

    def to_text(self) -> str:
        if not self.columns:
            return ""
        cells = [self.columns] + [[v if v is not None else "" for v in r] for r in self.rows]
        widths = [min(60, max(len(str(c[i])) for c in cells)) for i in range(len(self.columns))]
        lines = []
        for n, row in enumerate(cells):
            lines.append("  ".join(str(v)[:60].ljust(w) for v, w in zip(row, widths)).rstrip())
            if n == 0:
                lines.append("  ".join("-" * w for w in widths))
        return "\n".join(lines) + "\n"

    def to_csv(self) -> str:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(self.columns)
        w.writerows([[v if v is not None else "" for v in r] for r in self.rows])
        return buf.getvalue()

    def to_json(self) -> str:
        return json.dumps([dict(zip(self.columns, r)) for r in self.rows], ensure_ascii=False, indent=1) + "\n"

    def render(self, fmt: str) -> str:
        return {"table": self.to_text, "csv": self.to_csv, "json": self.to_json}[fmt]()


def load_store(path: str | Path):
    """An in-memory Oxigraph store holding the RDF file at ``path``."""
    import pyoxigraph as ox

    path = Path(path)
    if path.is_dir():  # issue 9: a store made by kg build --store (kg.store), queried in place
        if is_store(path):
            return open_rdf_store(path)
    mime = _RDF_FORMATS.get(path.suffix.lower())
    if mime is None:
        raise QueryError(f"{path}: unknown RDF file type (use {', '.join(sorted(_RDF_FORMATS))})")
    store = ox.Store()
    try:
        with path.open("rb") as fh:
            store.bulk_load(fh, ox.RdfFormat.from_media_type(mime))
    except OSError as exc:
        raise QueryError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except SyntaxError as exc:
        raise QueryError(f"{path}: not valid RDF ({exc})") from None
    return store


def _term(t) -> str | None:
    if t is None:
        return None
    import pyoxigraph as ox

    if isinstance(t, ox.Literal):
        return t.value
    if isinstance(t, ox.NamedNode):
        return t.value
    return str(t)


def run_query(source, sparql: str) -> Table:
    """Run a SELECT or ASK query on a store or an RDF file."""
    import pyoxigraph as ox

    store = source if isinstance(source, ox.Store) else load_store(source)
    try:
        # a TriG export keeps each article in its named graph: query their union by default
        result = store.query(sparql, use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax error: {exc}") from None
    except OSError as exc:
        raise QueryError(f"SPARQL evaluation error: {exc}") from None
    if isinstance(result, bool) or type(result).__name__ == "QueryBoolean":
        return Table(["ask"], [["true" if bool(result) else "false"]])
    if isinstance(result, ox.QuerySolutions):
        cols = [v.value for v in result.variables]
        return Table(cols, [[_term(sol[c]) for c in cols] for sol in result])
    # CONSTRUCT / DESCRIBE: triples as rows
    return Table(["subject", "predicate", "object"],
                 [[_term(t.subject), _term(t.predicate), _term(t.object)] for t in result])
