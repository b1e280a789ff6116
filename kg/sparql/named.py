"""The library of named SPARQL queries in ``ontology/queries/*.rq``.

Each file starts with a header comment::

    # meetings-of: whom a person met, how often, first and last date
    # param person (iri): the person, e.g. person/xi-jinping or a full IRI
    # param from (date, default 0001-01-01): first start date

and uses its parameters as ``$name`` in the query body. :func:`render` replaces
each ``$name`` outside strings, IRIs and comments with a proper SPARQL term made
by pyoxigraph: IRIs are validated, literals escaped, dates checked; a value is
never pasted into the query text as given. The rendered text runs on any engine.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import QueryError
from ..vocab import ID_NS, ONTOLOGY_DIR, XSD_NS

__all__ = ["QUERY_DIR", "NamedQuery", "Param", "list_queries", "load", "render", "parse_params"]

QUERY_DIR = ONTOLOGY_DIR / "queries"
TYPES = ("iri", "date", "string", "integer", "decimal")

_HEAD = re.compile(r"#\s*([a-z0-9-]+)\s*:\s*(.+)")
_PARAM = re.compile(r"#\s*param\s+([A-Za-z_][A-Za-z0-9_]*)\s*\(\s*(\w+)\s*(?:,\s*default\s+([^)]*?))?\s*\)\s*:\s*(.*)")
# tokens that may contain a "$" we must not touch, and the placeholders themselves
_TOKENS = re.compile(r'''"""(?:[^"\\]|\\.|"(?!""))*"""|'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'|"(?:[^"\\\n]|\\.)*"'''
                     r"""|'(?:[^'\\\n]|\\.)*'|<[^<>"{}|^`\\\s]*>|#[^\n]*|\$([A-Za-z_][A-Za-z0-9_]*)""")


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    description: str
    default: str | None = None


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    text: str
    params: tuple[Param, ...] = field(default_factory=tuple)

    def usage(self) -> str:
        ps = " ".join(f"--param {p.name}=…" if p.default is None else f"[--param {p.name}=…]" for p in self.params)
        return f"{self.name} {ps}".rstrip()


def load(path: str | Path) -> NamedQuery:
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    description, params = "", []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        m = _PARAM.match(line)
        if m:
            name, typ, default, desc = m.groups()
            if typ not in TYPES:
                raise QueryError(f"{path.name}: parameter {name}: unknown type {typ!r} (use {', '.join(TYPES)})")
            params.append(Param(name, typ, desc.strip(), default.strip() if default else None))
            continue
        m = _HEAD.match(line)
        if m and not description and m.group(1) == path.stem:
            description = m.group(2).strip()
    return NamedQuery(path.stem, description, text, tuple(params))


def list_queries(directory: str | Path | None = None) -> dict[str, NamedQuery]:
    d = Path(directory) if directory else QUERY_DIR
    return {p.stem: load(p) for p in sorted(d.glob("*.rq"))}


def get(name: str, directory: str | Path | None = None) -> NamedQuery:
    queries = list_queries(directory)
    if name not in queries:
        raise QueryError(f"no named query {name!r} (known: {', '.join(queries) or 'none'})")
    return queries[name]


def parse_params(pairs: list[str] | None) -> dict[str, str]:
    """``["person=person/xi-jinping", ...]`` -> dict; a name given twice is an error."""
    out: dict[str, str] = {}
    for pair in pairs or []:
        name, sep, value = pair.partition("=")
        name = name.strip()
        if not sep or not name:
            raise QueryError(f"--param {pair!r}: use NAME=VALUE")
        if name in out:
            raise QueryError(f"--param {name} given twice")
        out[name] = value
    return out


def term(value: str, typ: str) -> str:
    """The SPARQL text of a parameter value as a term of its type; raises QueryError if invalid."""
    import pyoxigraph as ox

    if typ == "iri":
        iri = value.strip()
        if iri.startswith("<") and iri.endswith(">"):
            iri = iri[1:-1]
        if iri.startswith("id:"):
            iri = iri[3:]
        if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", iri):
            iri = ID_NS + iri  # a local id such as person/xi-jinping
        if re.search(r'[\s<>"{}|^`\\]', iri):
            raise QueryError(f"not a valid IRI: {value!r}")
        try:
            return str(ox.NamedNode(iri))
        except ValueError as exc:
            raise QueryError(f"not a valid IRI: {value!r} ({exc})") from None
    if typ == "date":
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            raise QueryError(f"not a date (YYYY-MM-DD): {value!r}")
        try:
            _dt.date.fromisoformat(value.strip())
        except ValueError:
            raise QueryError(f"not a valid date: {value!r}") from None
        return str(ox.Literal(value.strip(), datatype=ox.NamedNode(XSD_NS + "date")))
    if typ == "integer":
        if not re.fullmatch(r"[+-]?\d+", value.strip()):
            raise QueryError(f"not an integer: {value!r}")
        return str(ox.Literal(str(int(value)), datatype=ox.NamedNode(XSD_NS + "integer")))
    if typ == "decimal":
        if not re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)", value.strip()):
            raise QueryError(f"not a decimal number: {value!r}")
        return str(ox.Literal(value.strip(), datatype=ox.NamedNode(XSD_NS + "decimal")))
    if typ == "string":
        return str(ox.Literal(value))
    raise QueryError(f"unknown parameter type {typ!r}")


def render(query: NamedQuery, values: dict[str, str] | None = None) -> str:
    """The query text with every ``$param`` replaced by its value as a SPARQL term."""
    values = dict(values or {})
    known = {p.name: p for p in query.params}
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise QueryError(f"{query.name}: unknown parameter(s) {', '.join(unknown)} "
                         f"(parameters: {', '.join(known) or 'none'})")
    terms = {}
    for p in query.params:
        if p.name in values:
            terms[p.name] = term(values[p.name], p.type)
        elif p.default is not None:
            terms[p.name] = term(p.default, p.type)
        else:
            raise QueryError(f"{query.name}: missing --param {p.name}=… ({p.type}: {p.description})")

    def sub(m: re.Match) -> str:
        name = m.group(1)
        if name is None:
            return m.group(0)
        if name not in terms:
            raise QueryError(f"{query.name}: ${name} is used but not declared in the header")
        return terms[name]

    return _TOKENS.sub(sub, query.text)
