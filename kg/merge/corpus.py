"""The corpus merge: per-article extractions -> one set of :class:`~kg.merge.records.Records`.

Entities merge by id after unlinked names are tied (:mod:`kg.merge.entities`); events
through coreference (:mod:`kg.merge.events`); relations by (subject, predicate, object) and
quantities by (measure, amount, currency, countries), pooling evidence. Every merge is
recorded in :attr:`Records.merges` with its reason; everything is sorted, so the same inputs
in any order give the same records.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Iterable

from ..model import Entity, Extraction, Quantity, Relation, sorted_evidence
from .entities import fold_entities, resolve_unlinked
from .events import corefer_events, remap_event
from .records import Merge, Records

__all__ = ["merge_extractions"]


def merge_extractions(extractions: Iterable[Extraction]) -> Records:
    rec = Records()
    xs: list[Extraction] = []
    for x in sorted(extractions, key=lambda x: (x.article.id, x.article.source)):
        if x.article.id in rec.articles:
            continue  # the same article read twice: keep the first source in sorted order
        rec.articles[x.article.id] = x.article
        xs.append(x)
    entity_map = resolve_unlinked(xs, rec)
    by_id: dict[str, list[Entity]] = {}
    for x in xs:
        for e in x.entities:
            by_id.setdefault(entity_map.get(e.id, e.id), []).append(e)
    for eid, es in by_id.items():
        rec.entities[eid] = fold_entities(eid, es)
    events = [remap_event(ev, entity_map) for x in xs for ev in x.events]
    event_map = corefer_events(events, rec)
    by_key: dict[tuple[str, str, str], list[Relation]] = {}
    for r in (r for x in xs for r in x.relations):
        s = event_map.get(r.subject, entity_map.get(r.subject, r.subject))
        o = event_map.get(r.object, entity_map.get(r.object, r.object))
        if s != o:
            by_key.setdefault((s, r.predicate, o), []).append(r)
    for key, rs in by_key.items():
        rec.relations[key] = fold_relations(key, rs)
    _merge_quantities([q for x in xs for q in x.quantities], entity_map, rec)
    rec.merges.sort()
    return rec


def fold_relations(key: tuple[str, str, str], rs: list[Relation]) -> Relation:
    """The reports of one relation (subject, predicate, object after merging), in article order:
    the first report's dates unless it has none, evidence pooled."""
    first = replace(rs[0], subject=key[0], object=key[2])
    if len(rs) == 1:
        return first
    start, end = first.start_date, first.end_date
    # evidence pooled in a set and sorted once: thousands of repeats of one relation (a 1 MB
    # article, issue 10) stay linear
    evidence = set(first.evidence)
    for r in rs[1:]:
        start, end = start or r.start_date, end or r.end_date
        evidence.update(r.evidence)
    return replace(first, start_date=start, end_date=end, evidence=sorted_evidence(evidence))


def quantity_key(q: Quantity, m: dict[str, str]) -> tuple:
    """What makes two reported figures one: measure, amount, currency, year and the countries."""
    return (q.measure, q.amount, q.currency, q.year, tuple(sorted({m.get(c, c) for c in q.concerns})))


def fold_quantities(key: tuple, qs: list[Quantity]) -> tuple[Quantity, list[Merge]]:
    """The reports of one figure, sorted by id: the first one's id and fields, the first
    qualifier given, evidence pooled; a merge for each later report."""
    first = replace(qs[0], concerns=key[4])
    if len(qs) == 1:
        return first, []
    merges = []
    evidence = set(first.evidence)
    qualifier = first.qualifier
    for q in qs[1:]:
        evidence.update(q.evidence)
        qualifier = qualifier or q.qualifier
        merges.append(Merge(first.id, (first.id, q.id), "same figure, measure, year and countries"))
    return replace(first, qualifier=qualifier, evidence=sorted_evidence(evidence)), merges


def _merge_quantities(qs: list[Quantity], m: dict[str, str], rec: Records) -> None:
    by_key: dict[tuple, list[Quantity]] = {}
    for q in sorted(qs, key=lambda q: q.id):
        by_key.setdefault(quantity_key(q, m), []).append(q)
    for key, group in by_key.items():
        q, merges = fold_quantities(key, group)
        rec.merges.extend(merges)
        rec.quantities[q.id] = q
