"""Writing the RDF: Turtle, N-Triples, JSON-LD, TriG with one named graph per article, and a
VoID/DCAT description of the dataset.

The writers take triples of N-Triples terms (:mod:`kg.rdf.terms`) and stream text into a file,
so a graph of millions of triples is written without rdflib and without holding the text in
memory. All deterministic: subjects, predicates, objects and graphs are written in sorted
order; the records never make blank nodes.

* ``graph.nt``: one triple a line, lines sorted (the line order is the order of the triples
  as tuples of terms: a term never continues with a character below the space that ends it).
* ``graph.ttl`` and each graph of ``graph.trig``: one block per subject, in the N-Triples order
  of subjects; ``rdf:type`` first, then the predicates in order, each object on its own line;
  IRIs under ``https://w3id.org/dipkg/id/`` relative to ``@base``, others as prefixed names
  when the local part is a plain name; integers, decimals and booleans bare; strings in
  N-Triples escapes (never a raw line break).
* ``graph.jsonld``: the published context (``ontology/context.jsonld``) and one node object a
  line in ``@graph``; a value the context's term would read with another type is written as
  an explicit value object.

The VoID description is :mod:`kg.rdf.void`; rdflib graphs are converted by :mod:`kg.rdf.rdflib_io`.
"""
from __future__ import annotations

import io
import json
import re
from typing import Callable, Iterable, TextIO

from ..vocab import ID_NS, JSONLD_CONTEXT, PREFIXES, XSD_NS
from .terms import A, nt_line, parse_literal

__all__ = ["write_ntriples", "write_turtle", "write_trig", "write_jsonld", "text_of", "export_head", "Records",
           "trig_block"]

# ------------------------------------------------------------------ terms

_NS_PREFIX = {ns: p for p, ns in PREFIXES.items() if p != "id"}
_LOCAL = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*")
# a relative reference that resolves to base + itself (no scheme, query, fragment, dot segments)
_RELATIVE = re.compile(r"[A-Za-z0-9_~+=-][A-Za-z0-9_~+=-]*(/[A-Za-z0-9_~+=-][A-Za-z0-9_~+=.-]*)*")
_INTEGER = re.compile(r"[+-]?[0-9]+")
_DECIMAL = re.compile(r"[+-]?[0-9]*\.[0-9]+")
_BARE = {XSD_NS + "integer": _INTEGER, XSD_NS + "decimal": _DECIMAL}


def _prefixed(value: str) -> str | None:
    cut = max(value.rfind("#"), value.rfind("/")) + 1
    prefix = _NS_PREFIX.get(value[:cut])
    if prefix is not None and _LOCAL.fullmatch(value[cut:]):
        return f"{prefix}:{value[cut:]}"
    return None


class _TurtleTerms:
    """N-Triples terms -> Turtle (prefixed names, relative ids, bare numbers), cached for IRIs."""

    def __init__(self) -> None:
        self.cache: dict[str, str] = {A: "a"}

    def __call__(self, term: str) -> str:
        out = self.cache.get(term)
        if out is not None:
            return out
        if term[0] == "<":
            value = term[1:-1]
            out = term
            if value.startswith(ID_NS):
                rel = value[len(ID_NS):]
                if _RELATIVE.fullmatch(rel) and "/." not in rel:
                    out = "<" + rel + ">"
            else:
                out = _prefixed(value) or term
            if len(self.cache) > 2_000_000:
                self.cache.clear()
            self.cache[term] = out
            return out
        if term[0] == '"' and term[-1] == ">":
            cut = term.rindex('"^^<')
            datatype, lex = term[cut + 4:-1], term[1:cut]
            bare = _BARE.get(datatype)
            if bare is not None and bare.fullmatch(lex):
                return lex
            if datatype == XSD_NS + "boolean" and lex in ("true", "false"):
                return lex
            short = _prefixed(datatype)
            return term[:cut + 3] + short if short else term
        return term


def _turtle_blocks(triples: Iterable[tuple[str, str, str]], fmt: _TurtleTerms) -> Iterable[str]:
    """Turtle text of sorted triples, one block per subject (each block ends with a blank line)."""
    subject = None
    preds: list[tuple[str, list[str]]] = []

    def block() -> str:
        preds.sort(key=lambda po: po[0] != A)  # rdf:type first, the others in order (stable)
        body = " ;\n    ".join(fmt(p) + " " + ",\n        ".join(fmt(o) for o in objs) for p, objs in preds)
        return fmt(subject) + " " + body + " .\n\n"

    for s, p, o in triples:
        if s != subject:
            if subject is not None:
                yield block()
            subject, preds = s, []
        if preds and preds[-1][0] == p:
            preds[-1][1].append(o)
        else:
            preds.append((p, [o]))
    if subject is not None:
        yield block()


def _head(base: bool) -> str:
    lines = [f"@base <{ID_NS}> .\n"] if base else []
    lines += [f"@prefix {k}: <{v}> .\n" for k, v in PREFIXES.items() if k != "id"]
    return "".join(lines)


def _chunked(fh: TextIO, parts: Iterable[str], size: int = 4000) -> None:
    buf: list[str] = []
    for part in parts:
        buf.append(part)
        if len(buf) >= size:
            fh.write("".join(buf))
            buf.clear()
    fh.write("".join(buf))


# ------------------------------------------------------------------ writers

def write_ntriples(fh: TextIO, triples: Iterable[tuple[str, str, str]]) -> None:
    """Sorted, distinct triples as N-Triples."""
    _chunked(fh, map(nt_line, triples))


def write_turtle(fh: TextIO, triples: Iterable[tuple[str, str, str]]) -> None:
    """Sorted, distinct triples as Turtle (``@base`` the id space, the export prefixes)."""
    fh.write(_head(True) + "\n")
    _chunked(fh, _turtle_blocks(triples, _TurtleTerms()), 500)


def write_trig(fh: TextIO, graphs: Iterable[tuple[str | None, list[tuple[str, str, str]]]]) -> None:
    """TriG: ``(graph IRI term or None, sorted triples)`` in graph order (the default graph first)."""
    fh.write(_head(True) + "\n")
    fmt = _TurtleTerms()
    for name, triples in graphs:
        fh.write(trig_block(name, triples, fmt))


def trig_block(name: str | None, triples: list[tuple[str, str, str]], fmt: "_TurtleTerms | None" = None) -> str:
    """One graph of the TriG export: ``<article/…> {`` or ``{``, its subjects, ``}`` and a blank line."""
    fmt = fmt or _TurtleTerms()
    parts = list(_turtle_blocks(triples, fmt))
    if parts:
        parts[-1] = parts[-1][:-1]  # no blank line before the closing brace
    return ("" if name is None else fmt(name) + " ") + "{\n" + "".join(parts) + "}\n\n"


class _JsonLD:
    """N-Triples terms -> JSON-LD node objects under the published context."""

    def __init__(self) -> None:
        self.prefixes = {k: v for k, v in PREFIXES.items()}
        self.terms: dict[str, tuple[str, str | None]] = {}  # predicate IRI -> (term, "@id" / datatype / None)
        for name, d in JSONLD_CONTEXT.items():
            if isinstance(d, dict):
                coerce = d.get("@type")
                self.terms[self.expand(d["@id"])] = (name, coerce if coerce in (None, "@id") else self.expand(coerce))
        self._compact: dict[str, str] = {}

    def expand(self, compact: str) -> str:
        prefix, _, local = compact.partition(":")
        return self.prefixes[prefix] + local if prefix in self.prefixes else compact

    def compact(self, value: str) -> str:
        out = self._compact.get(value)
        if out is None:
            if value.startswith(ID_NS) and value[len(ID_NS):] and not value[len(ID_NS):].startswith("/"):
                out = "id:" + value[len(ID_NS):]
            else:
                out = _prefixed(value) or value
            if len(self._compact) > 2_000_000:
                self._compact.clear()
            self._compact[value] = out
        return out

    def ref(self, term: str) -> str:
        return self.compact(term[1:-1]) if term[0] == "<" else term

    def value(self, term: str, coerce: str | None):
        if term[0] != '"':
            ref = self.ref(term)
            return ref if coerce == "@id" else {"@id": ref}
        lex, lang, datatype = parse_literal(term)
        if lang:
            return {"@language": lang, "@value": lex}
        if datatype is None:
            return lex if coerce is None else {"@value": lex}
        if datatype == coerce:
            return lex
        return {"@type": self.compact(datatype), "@value": lex}

    def node(self, subject: str, pairs: list[tuple[str, str]]) -> str:
        obj: dict = {"@id": self.ref(subject)}
        for p, o in pairs:
            if p == A:
                obj.setdefault("@type", []).append(self.ref(o))
                continue
            pv = p[1:-1]
            term = self.terms.get(pv)
            key, coerce = term if term else (self.compact(pv), None)
            obj.setdefault(key, []).append(self.value(o, coerce))
        for k, v in obj.items():
            if isinstance(v, list):
                if len(v) == 1:
                    obj[k] = v[0]
                else:
                    v.sort(key=lambda x: json.dumps(x, ensure_ascii=False, sort_keys=True))
        return json.dumps(obj, ensure_ascii=False, sort_keys=True)


def _jsonld_head() -> str:
    ctx = json.dumps(JSONLD_CONTEXT, ensure_ascii=False, indent=1, sort_keys=True).replace("\n", "\n ")
    return '{\n "@context": ' + ctx + ',\n "@graph": [\n'


def write_jsonld(fh: TextIO, triples: Iterable[tuple[str, str, str]]) -> None:
    """Sorted, distinct triples as JSON-LD: the embedded context, one node object a line."""
    fh.write(_jsonld_head())
    conv = _JsonLD()

    def nodes() -> Iterable[str]:
        subject, pairs, first = None, [], True
        for s, p, o in triples:
            if s != subject:
                if subject is not None:
                    yield ("  " if first else ",\n  ") + conv.node(subject, pairs)
                    first = False
                subject, pairs = s, []
            pairs.append((p, o))
        if subject is not None:
            yield ("  " if first else ",\n  ") + conv.node(subject, pairs)

    _chunked(fh, nodes(), 500)
    fh.write("\n ]\n}\n")


def export_head(name: str) -> str:
    """The fixed text before the first record of an export (see :mod:`kg.rdf.splice`)."""
    if name == "graph.nt":
        return ""
    if name == "graph.jsonld":
        return _jsonld_head()
    return _head(True) + "\n"


class Records:
    """The record of one subject (one named graph for TriG) in each sorted export, as
    :mod:`kg.rdf.splice` replaces them: the text the full writers give for it."""

    def __init__(self) -> None:
        self.fmt = _TurtleTerms()
        self.conv = _JsonLD()

    def nt(self, triples: list[tuple[str, str, str]]) -> str:
        return "".join(map(nt_line, triples))

    def ttl(self, triples: list[tuple[str, str, str]]) -> str:
        return "".join(_turtle_blocks(triples, self.fmt))

    def jsonld(self, triples: list[tuple[str, str, str]]) -> str:
        return "  " + self.conv.node(triples[0][0], [(p, o) for _, p, o in triples]) if triples else ""

    def trig(self, name: str | None, triples: list[tuple[str, str, str]]) -> str:
        return trig_block(name, triples, self.fmt)


def text_of(write: Callable[[TextIO], None]) -> str:
    buf = io.StringIO(newline="")
    write(buf)
    return buf.getvalue()
