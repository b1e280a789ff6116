"""Writing the RDF: Turtle, N-Triples, JSON-LD, TriG with one named graph per article, and a
VoID/DCAT description of the dataset.

The writers take triples of N-Triples terms (:mod:`kg.triples`) and stream text into a file,
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

The functions that take an rdflib graph (``to_trig``, ``to_ntriples``, ``void_description``,
``partition_by_article``) convert it first; they serve graphs read from files and the Python API.
"""
from __future__ import annotations

import io
import json
import re
from collections import Counter
from typing import Callable, Iterable, TextIO

from .triples import (A, DIP_ARTICLE, XSD_NS, iri, literal, nt_line, parse_literal, partition)
from .vocab import ID_NS, JSONLD_CONTEXT, PREFIXES

__all__ = ["partition_by_article", "to_trig", "to_ntriples", "void_description", "DATASET_IRI",
           "write_ntriples", "write_turtle", "write_trig", "write_jsonld", "void_stats", "void_text",
           "from_rdflib", "to_rdflib", "text_of", "export_head", "Records", "trig_block"]

DATASET_IRI = ID_NS + "dataset"
_DIP_START = "<https://w3id.org/dipkg/ontology#startDate>"

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
    """The fixed text before the first record of an export (see :mod:`kg.splice`)."""
    if name == "graph.nt":
        return ""
    if name == "graph.jsonld":
        return _jsonld_head()
    return _head(True) + "\n"


class Records:
    """The record of one subject (one named graph for TriG) in each sorted export, as
    :mod:`kg.splice` replaces them: the text the full writers give for it."""

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


# ------------------------------------------------------------------ VoID

_VOID_HEAD = """@prefix void: <http://rdfs.org/ns/void#> .
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .

# VoID and DCAT description of the dataset; relative IRIs (<graph.ttl>) name the
# files next to this one.
"""

_DISTRIBUTIONS = (
    ("graph.ttl", "text/turtle", "Turtle"), ("graph.nt", "application/n-triples", "N-Triples"),
    ("graph.jsonld", "application/ld+json", "JSON-LD (context: ontology/context.jsonld, embedded)"),
    ("graph.trig", "application/trig", "TriG, one named graph per article"),
    ("graph.graphml", "application/graphml+xml", "GraphML (networkx view)"),
    ("graph.html", "text/html", "interactive HTML view"),
)


def void_stats(triples: Iterable[tuple[str, str, str]]) -> dict:
    """The figures :func:`void_text` prints, from distinct triples (and, for
    :func:`void_stats_update`, how often each start date occurs)."""
    n = 0
    subjects, objects = set(), set()
    classes, props = Counter(), Counter()
    dates: Counter = Counter()
    articles: list[str] = []
    for s, p, o in triples:
        n += 1
        subjects.add(s)
        objects.add(o)
        props[p] += 1
        if p == A:
            classes[o] += 1
            if o == DIP_ARTICLE:
                articles.append(s[1:-1])
        elif p == _DIP_START:
            dates[_date_value(o)] += 1
    return _stats(n, sum(1 for s in subjects if s[0] == "<"), len(subjects), len(objects),
                  {c[1:-1]: k for c, k in classes.items()}, {p[1:-1]: k for p, k in props.items()},
                  dates, sorted(articles)[:3])


def _date_value(o: str) -> str:
    return parse_literal(o)[0] if o[0] == '"' else o[1:-1]


def _stats(n, entities, subjects, objects, classes, props, dates: Counter, examples) -> dict:
    ds = sorted(d for d, k in dates.items() if k > 0)
    return {"triples": n, "entities": entities, "subjects": subjects, "objects": objects,
            "classes": {c: k for c, k in classes.items() if k}, "properties": {p: k for p, k in props.items() if k},
            "dates": ds[:1] + ds[-1:], "date_counts": {d: dates[d] for d in ds}, "examples": examples}


def void_stats_update(st: dict, before: dict[str, set], after: dict[str, set], objects_elsewhere) -> dict:
    """:func:`void_stats` of a graph whose records (all triples of a subject) changed from
    ``before`` to ``after`` (subject -> its triples; every other subject's triples unchanged).
    ``objects_elsewhere(objs)``: those of some objects that the unchanged subjects' triples use."""
    n, ents, subs = st["triples"], st["entities"], st["subjects"]
    classes, props = Counter(st["classes"]), Counter(st["properties"])
    dates = Counter(st["date_counts"])
    examples = set(st["examples"])
    for subject in set(before) | set(after):
        old, new = before.get(subject, set()), after.get(subject, set())
        if bool(old) != bool(new):
            step = 1 if new else -1
            subs += step
            ents += step if subject[0] == "<" else 0
        n += len(new) - len(old)
        for triples, step in ((old, -1), (new, 1)):
            for s, p, o in triples:
                props[p[1:-1]] += step
                if p == A:
                    classes[o[1:-1]] += step
                    if o == DIP_ARTICLE and step > 0:
                        examples.add(s[1:-1])
                elif p == _DIP_START:
                    dates[_date_value(o)] += step
    objs_old = {t[2] for ts in before.values() for t in ts}
    objs_new = {t[2] for ts in after.values() for t in ts}
    # an object the changed records gain or lose counts unless unchanged records use it too
    moved = objs_old ^ objs_new
    elsewhere = objects_elsewhere(moved) if moved else set()
    objects = st["objects"] + len((objs_new - objs_old) - elsewhere) - len((objs_old - objs_new) - elsewhere)
    return _stats(n, ents, subs, objects, classes, props, dates, sorted(examples)[:3])


def _lit(value) -> str:
    if isinstance(value, int):
        return literal(str(value), datatype=XSD_NS + "integer")
    return literal(str(value))


def void_text(st: dict) -> str:
    """Turtle text of a void:Dataset / dcat:Dataset with counts and partitions."""
    ds = f"<{DATASET_IRI}>"
    classes, props = st["classes"], st["properties"]
    lines = [_VOID_HEAD, f"{ds} a void:Dataset , dcat:Dataset ;",
             '    dcterms:title "dipkg: diplomatic events extracted from news"@en ,',
             '        "dipkg: дипломатические события из новостей"@ru ;',
             "    dcterms:license <https://creativecommons.org/licenses/by/4.0/> ;",
             "    void:vocabulary <https://w3id.org/dipkg/ontology#> , <https://schema.org/> ,",
             "        <http://www.w3.org/ns/prov#> , <http://www.w3.org/2004/02/skos/core#> ;",
             "    dcterms:conformsTo <https://w3id.org/dipkg/ontology> ;",
             f"    void:uriSpace {_lit(ID_NS)} ;",
             f"    void:triples {st['triples']} ;",
             f"    void:entities {st['entities']} ;",
             f"    void:distinctSubjects {st['subjects']} ;",
             f"    void:properties {len(props)} ;",
             f"    void:distinctObjects {st['objects']} ;",
             f"    void:classes {len(classes)} ;",
             "    void:exampleResource " + " , ".join(f"<{a}>" for a in st["examples"]) + " ;"
             if st["examples"] else "",
             "    void:dataDump " + " , ".join(f"<{n}>" for n, _, _ in _DISTRIBUTIONS[:4]) + " ;",
             "    dcat:distribution " + " , ".join(f"<{DATASET_IRI}/{n}>" for n, _, _ in _DISTRIBUTIONS) + " ;"]
    dates = st["dates"]
    if dates:
        lines.append(f"    dcterms:temporal <{DATASET_IRI}/period> ;")
    lines.append("    void:classPartition " + " , ".join(
        f"<{DATASET_IRI}/class/{_local(c)}>" for c in sorted(classes)) + " ;")
    lines.append("    void:propertyPartition " + " , ".join(
        f"<{DATASET_IRI}/property/{_local(p)}>" for p in sorted(props)) + " .")
    lines = [x for x in lines if x]
    lines.append("")
    for name, mime, title in _DISTRIBUTIONS:
        lines += [f"<{DATASET_IRI}/{name}> a dcat:Distribution ;", f"    dcterms:title {_lit(title)} ;",
                  f"    dcat:mediaType <https://www.iana.org/assignments/media-types/{mime}> ;",
                  f"    dcat:downloadURL <{name}> .", ""]
    if dates:
        lines += [f"<{DATASET_IRI}/period> a dcterms:PeriodOfTime ;",
                  f'    dcat:startDate "{dates[0]}"^^xsd:date ;', f'    dcat:endDate "{dates[-1]}"^^xsd:date .', ""]
    for c in sorted(classes):
        lines += [f"<{DATASET_IRI}/class/{_local(c)}> void:class <{c}> ;",
                  f"    void:entities {classes[c]} .", ""]
    for p in sorted(props):
        lines += [f"<{DATASET_IRI}/property/{_local(p)}> void:property <{p}> ;",
                  f"    void:triples {props[p]} .", ""]
    return "\n".join(lines)


def _local(iri_text: str) -> str:
    """A readable, IRI-safe partition name: ``dip-Meeting``, ``rdf-type``."""
    for prefix, ns in PREFIXES.items():
        if iri_text.startswith(ns):
            return f"{prefix}-{iri_text[len(ns):]}"
    import hashlib

    return "x-" + hashlib.sha256(iri_text.encode()).hexdigest()[:12]


# ------------------------------------------------------------------ rdflib graphs

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


def text_of(write: Callable[[TextIO], None]) -> str:
    buf = io.StringIO(newline="")
    write(buf)
    return buf.getvalue()


def _graphs_of(triples: Iterable[tuple[str, str, str]]) -> list[tuple[str | None, list]]:
    parts = partition(triples)
    return [(name, sorted(set(parts[name]))) for name in sorted(parts, key=lambda n: "" if n is None else n)]


def partition_by_article(g) -> dict:
    """The triples of an rdflib graph by the article whose named graph holds them (``None``: the
    default graph), by the rules of :mod:`kg.triples`."""
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


def _ox(term):
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
