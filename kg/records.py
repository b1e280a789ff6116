"""Merging per-article extractions into one set of records (the corpus view).

Entities merge by id (a knowledge-base id is the same in every article and
language); events, relations and quantities merge by id / (subject,
predicate, object), pooling their evidence. Everything is sorted, so the same
inputs in any order give the same records.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Iterable

from .model import Article, Entity, Event, Extraction, Quantity, Relation

__all__ = ["Records", "merge_extractions", "METWITH_KINDS"]

#: event kinds whose (happened) participants have met
METWITH_KINDS = ("Meeting", "Summit", "Visit", "PhoneCall")


@dataclass
class Records:
    articles: dict[str, Article] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    relations: dict[tuple[str, str, str], Relation] = field(default_factory=dict)
    quantities: dict[str, Quantity] = field(default_factory=dict)

    def sorted_entities(self) -> list[Entity]:
        return [self.entities[k] for k in sorted(self.entities)]

    def sorted_events(self) -> list[Event]:
        return [self.events[k] for k in sorted(self.events)]

    def sorted_relations(self) -> list[Relation]:
        return [self.relations[k] for k in sorted(self.relations)]

    def sorted_quantities(self) -> list[Quantity]:
        return [self.quantities[k] for k in sorted(self.quantities)]

    def sorted_articles(self) -> list[Article]:
        return [self.articles[k] for k in sorted(self.articles)]


_TYPE_RANK = {"Leader": 0, "Person": 1, "Country": 0, "City": 0, "Organization": 0, "Place": 2}


def _merge_entity(a: Entity, b: Entity) -> Entity:
    typ = a.type if _TYPE_RANK.get(a.type, 5) <= _TYPE_RANK.get(b.type, 5) else b.type
    return replace(a, type=typ,
                   label_en=a.label_en or b.label_en, label_ru=a.label_ru or b.label_ru,
                   wikidata=a.wikidata or b.wikidata,
                   aliases=tuple(sorted(set(a.aliases) | set(b.aliases))),
                   evidence=tuple(sorted(set(a.evidence) | set(b.evidence))))


def merge_extractions(extractions: Iterable[Extraction]) -> Records:
    rec = Records()
    for x in sorted(extractions, key=lambda x: (x.article.id, x.article.source)):
        if x.article.id in rec.articles:
            continue  # the same article read twice: keep the first source in sorted order
        rec.articles[x.article.id] = x.article
        for e in x.entities:
            rec.entities[e.id] = _merge_entity(rec.entities[e.id], e) if e.id in rec.entities else e
        for ev in x.events:
            rec.events[ev.id] = ev
        for r in x.relations:
            key = (r.subject, r.predicate, r.object)
            old = rec.relations.get(key)
            if old is not None:
                r = replace(old, start_date=old.start_date or r.start_date, end_date=old.end_date or r.end_date,
                            evidence=tuple(sorted(set(old.evidence) | set(r.evidence))))
            rec.relations[key] = r
        for q in x.quantities:
            rec.quantities[q.id] = q
    return rec
