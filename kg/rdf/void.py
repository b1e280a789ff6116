"""A VoID and DCAT description of the dataset (``void.ttl``): sizes, classes, properties,
the period the events cover, and the distributions (the export files).

The figures are counted in one pass over the triples (:func:`void_stats`), or updated from the
named graphs a store build replaced (:func:`void_stats_update`).
"""
from __future__ import annotations

import hashlib
from collections import Counter
from typing import Iterable

from ..vocab import (
    DCAT_NS,
    DCTERMS_NS,
    DIP_NS,
    ID_NS,
    PREFIXES,
    PROV_NS,
    RDFS_NS,
    SCHEMA_NS,
    SKOS_NS,
    VOID_NS,
    XSD_NS,
)
from .terms import DIP_ARTICLE, A, iri, literal, parse_literal

__all__ = ["void_stats", "void_stats_update", "void_text", "DATASET_IRI"]

DATASET_IRI = ID_NS + "dataset"
_DIP_START = iri(DIP_NS + "startDate")


_VOID_HEAD = f"""@prefix void: <{VOID_NS}> .
@prefix dcat: <{DCAT_NS}> .
@prefix dcterms: <{DCTERMS_NS}> .
@prefix xsd: <{XSD_NS}> .
@prefix rdfs: <{RDFS_NS}> .
@prefix prov: <{PROV_NS}> .

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
             f"    void:vocabulary <{DIP_NS}> , <{SCHEMA_NS}> ,",
             f"        <{PROV_NS}> , <{SKOS_NS}> ;",
             f"    dcterms:conformsTo <{DIP_NS[:-1]}> ;",
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
    return "x-" + hashlib.sha256(iri_text.encode()).hexdigest()[:12]
