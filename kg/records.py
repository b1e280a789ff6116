"""Merging per-article extractions into one set of records (the corpus view).

* **Entities** merge by id: a knowledge-base id is the same in every article
  and language. Unlinked entities carry an article-scoped id; two of them
  merge only when their names are the same full name (two words or more for
  persons), their types agree, and their articles share a linked neighbour
  (both name the same country, say). An unlinked «Иванов» in two unrelated
  articles stays two people.
* **Events** reported by several articles merge when they are of the same
  kind, their participants overlap, their dates are compatible (within
  :data:`DATE_WINDOW_DAYS`, or overlapping ranges) and their places agree (same
  place, one unknown, or a city inside the other's country). Distinct
  meetings of the same two leaders on different days stay distinct.
* **Relations and quantities** merge by (subject, predicate, object) and by
  (measure, amount, currency, countries), pooling evidence.

Every merge is recorded in :attr:`Records.merges` with the reason, so users
can ask why two mentions became one node. Everything is sorted, so the same
inputs in any order give the same records.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Iterable

from .model import Article, Entity, Event, Extraction, Participant, Quantity, Relation

__all__ = ["Records", "Merge", "merge_extractions", "METWITH_KINDS", "DATE_WINDOW_DAYS"]

#: event kinds whose (happened) participants have met
METWITH_KINDS = ("Meeting", "Summit", "Visit", "PhoneCall")
#: reports of one event may date it differently by this much (publication lag, time zones)
DATE_WINDOW_DAYS = 1


@dataclass(frozen=True, order=True)
class Merge:
    """Why ``merged`` ids became the node ``into``."""

    into: str
    merged: tuple[str, ...]
    reason: str


@dataclass
class Records:
    articles: dict[str, Article] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    relations: dict[tuple[str, str, str], Relation] = field(default_factory=dict)
    quantities: dict[str, Quantity] = field(default_factory=dict)
    merges: list[Merge] = field(default_factory=list)

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

    def merges_of(self, node_id: str) -> list[Merge]:
        return [m for m in self.merges if m.into == node_id]


_TYPE_RANK = {"Leader": 0, "Person": 1, "Country": 0, "City": 0, "Organization": 0, "Place": 2}


def _merge_entity(a: Entity, b: Entity) -> Entity:
    typ = a.type if _TYPE_RANK.get(a.type, 5) <= _TYPE_RANK.get(b.type, 5) else b.type
    return replace(a, type=typ,
                   label_en=a.label_en or b.label_en, label_ru=a.label_ru or b.label_ru,
                   wikidata=a.wikidata or b.wikidata,
                   aliases=tuple(sorted((set(a.aliases) | set(b.aliases)) - {a.label_en, a.label_ru} - {""})),
                   evidence=tuple(sorted(set(a.evidence) | set(b.evidence))))


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # the smaller id represents the group: stable whatever the order
            lo, hi = sorted((ra, rb))
            self.parent[hi] = lo


def merge_extractions(extractions: Iterable[Extraction]) -> Records:
    rec = Records()
    xs: list[Extraction] = []
    for x in sorted(extractions, key=lambda x: (x.article.id, x.article.source)):
        if x.article.id in rec.articles:
            continue  # the same article read twice: keep the first source in sorted order
        rec.articles[x.article.id] = x.article
        xs.append(x)
    entity_map = _resolve_unlinked(xs, rec)
    for x in xs:
        for e in x.entities:
            e = replace(e, id=entity_map.get(e.id, e.id))
            rec.entities[e.id] = _merge_entity(rec.entities[e.id], e) if e.id in rec.entities else e
    events = [_remap_event(ev, entity_map) for x in xs for ev in x.events]
    event_map = _corefer_events(events, rec)
    pooled: dict[tuple[str, str, str], set] = {}  # evidence of relations seen more than once
    for r in (r for x in xs for r in x.relations):
        s = event_map.get(r.subject, entity_map.get(r.subject, r.subject))
        o = event_map.get(r.object, entity_map.get(r.object, r.object))
        if s == o:
            continue
        key = (s, r.predicate, o)
        old = rec.relations.get(key)
        if old is not None:
            # evidence pooled in a set and sorted once below: thousands of repeats of one
            # relation (a 1 MB article, issue 10) stay linear
            pooled.setdefault(key, set(old.evidence)).update(r.evidence)
            r = replace(old, start_date=old.start_date or r.start_date, end_date=old.end_date or r.end_date)
        else:
            r = replace(r, subject=s, object=o)
        rec.relations[key] = r
    for key, evs in pooled.items():
        rec.relations[key] = replace(rec.relations[key], evidence=tuple(sorted(evs)))
    _merge_quantities([q for x in xs for q in x.quantities], entity_map, rec)
    rec.merges.sort()
    return rec


# ------------------------------------------------------------------ entities


def _name_key(e: Entity) -> str:
    from .kb import normalize

    return normalize(e.label_ru or e.label_en)


def _resolve_unlinked(xs: list[Extraction], rec: Records) -> dict[str, str]:
    """Article-scoped ids of the same unlinked entity -> one id, when context ties them."""
    linked_by_article = {x.article.id: {e.id for e in x.entities if e.kb_id} for x in xs}
    candidates: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for x in xs:
        for e in x.entities:
            if e.kb_id or "~" not in e.id:
                continue
            key = _name_key(e)
            base = "Person" if e.type in ("Person", "Leader") else e.type
            if base == "Person" and len(key.split()) < 2:
                continue  # a bare surname is too weak to tie two articles
            candidates.setdefault((base, key), []).append((e.id, x.article.id))
    uf = _UnionFind()
    reasons: dict[str, str] = {}
    for (base, key), items in sorted(candidates.items()):
        for i, (a, art_a) in enumerate(items):
            for b, art_b in items[i + 1:]:
                shared = sorted(linked_by_article[art_a] & linked_by_article[art_b])
                if shared:
                    uf.union(a, b)
                    reasons[uf.find(a)] = f"same {base.lower()} name «{key}» and shared context {shared[0]}"
    mapping: dict[str, str] = {}
    groups: dict[str, list[str]] = {}
    for x in uf.parent:
        groups.setdefault(uf.find(x), []).append(x)
    for root, members in sorted(groups.items()):
        if len(members) < 2:
            continue
        new = root.split("~", 1)[0] + "~" + "+".join(sorted(m.split("~", 1)[1] for m in members))[:40]
        for m in members:
            mapping[m] = new
        rec.merges.append(Merge(new, tuple(sorted(members)), reasons.get(root, "same name and context")))
    return mapping


# ------------------------------------------------------------------ events


def _remap_event(ev: Event, m: dict[str, str]) -> Event:
    if not m:
        return ev
    parts = {}
    for p in ev.participants:
        eid = m.get(p.entity, p.entity)
        parts[eid] = p.role if parts.get(eid, "participant") == "participant" else parts[eid]
    return replace(ev, participants=tuple(sorted(Participant(k, v) for k, v in parts.items())),
                   place=m.get(ev.place, ev.place) if ev.place else None,
                   organizer=m.get(ev.organizer, ev.organizer) if ev.organizer else None)


def _day(s: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(s) if s else None
    except ValueError:
        return None


def _dates_compatible(a: Event, b: Event) -> bool:
    a0, b0 = _day(a.start_date), _day(b.start_date)
    if a0 is None or b0 is None:
        return True
    a1, b1 = _day(a.end_date) or a0, _day(b.end_date) or b0
    window = dt.timedelta(days=DATE_WINDOW_DAYS)
    return a0 - window <= b1 and b0 - window <= a1


def _places_compatible(a: Event, b: Event, rec: Records) -> bool:
    if not a.place or not b.place or a.place == b.place:
        return True
    from .kb import load

    kb = load()
    return kb.located_in(a.place) == b.place or kb.located_in(b.place) == a.place


def _same_event(a: Event, b: Event, rec: Records) -> str | None:
    """The reason two reports are one event, or None."""
    if a.kind != b.kind or a.kind == "Statement":
        return None
    if not _dates_compatible(a, b) or not _places_compatible(a, b, rec):
        return None
    if a.kind == "Summit":
        if a.organizer and a.organizer == b.organizer:
            return f"same summit organizer {a.organizer}, compatible dates"
        if a.ordinal and a.ordinal == b.ordinal and a.place and a.place == b.place:
            return "same ordinal and place"
        return None
    pa, pb = {p.entity for p in a.participants}, {p.entity for p in b.participants}
    shared = pa & pb
    # one shared participant (one report names only one side) is enough only when both reports
    # are dated: undated one-person reports otherwise chain every meeting of a leader into one
    one_side = shared and (pa <= pb or pb <= pa) and len(pa | pb) >= 2 and a.start_date and b.start_date
    if len(shared) >= 2 or one_side:
        return f"same {a.kind.lower()}: participants {', '.join(sorted(shared))}, compatible dates and place"
    return None


_STATUS_RANK = {"happened": 3, "cancelled": 2, "denied": 1, "planned": 0}


def _combine(events: list[Event]) -> Event:
    base = events[0]
    parts: dict[str, str] = {}
    for e in events:
        for p in e.participants:
            if parts.get(p.entity, "participant") == "participant":
                parts[p.entity] = p.role
    # a text-given date range beats a single date; the earliest start otherwise
    dated = [e for e in events if e.start_date]
    ranged = [e for e in dated if e.end_date]
    src = ranged[0] if ranged else (min(dated, key=lambda e: e.start_date) if dated else base)
    places = sorted({e.place for e in events if e.place}, key=lambda p: (not p.startswith("city/"), p))
    status = max((e.status for e in events), key=lambda s: _STATUS_RANK.get(s, 0))
    return replace(
        base, participants=tuple(sorted(Participant(k, v) for k, v in parts.items())),
        place=places[0] if places else None, start_date=src.start_date, end_date=src.end_date,
        status=status, organizer=next((e.organizer for e in events if e.organizer), None),
        ordinal=next((e.ordinal for e in events if e.ordinal), None),
        topics=tuple(sorted({t for e in events for t in e.topics})),
        evidence=tuple(sorted({x for e in events for x in e.evidence})))


def _corefer_events(events: list[Event], rec: Records) -> dict[str, str]:
    events = sorted(events, key=lambda e: e.id)
    uf = _UnionFind()
    reason: dict[frozenset, str] = {}
    by_kind: dict[str, list[Event]] = {}
    for e in events:
        uf.find(e.id)
        by_kind.setdefault(e.kind, []).append(e)
    members: dict[str, list[Event]] = {e.id: [e] for e in events}
    for kind, group in sorted(by_kind.items()):
        for i, a in enumerate(group):
            arts_a = {x.article_id for x in a.evidence}
            for b in group[i + 1:]:
                if arts_a & {x.article_id for x in b.evidence}:
                    continue  # one article's events were already merged by its extractor
                why = _same_event(a, b, rec)
                if why:
                    ra, rb = uf.find(a.id), uf.find(b.id)
                    if ra != rb and not all(_dates_compatible(x, y) and _places_compatible(x, y, rec)
                                            for x in members[ra] for y in members[rb]):
                        continue  # an undated report must not chain meetings on different days
                    uf.union(a.id, b.id)
                    reason[frozenset((a.id, b.id))] = why
                    root = uf.find(a.id)
                    members[root] = members.pop(ra) + members.pop(rb) if ra != rb else members[ra]
    groups: dict[str, list[Event]] = {}
    for e in events:
        groups.setdefault(uf.find(e.id), []).append(e)
    mapping: dict[str, str] = {}
    for root, members in sorted(groups.items()):
        merged = _combine(sorted(members, key=lambda e: e.id))
        merged = replace(merged, id=root)
        rec.events[root] = merged
        for m in members:
            mapping[m.id] = root
        if len(members) > 1:
            why = sorted({r for pair, r in reason.items() if pair <= {m.id for m in members}})
            rec.merges.append(Merge(root, tuple(sorted(m.id for m in members)), "; ".join(why)))
    return mapping


# ------------------------------------------------------------------ quantities


def _merge_quantities(qs: list[Quantity], m: dict[str, str], rec: Records) -> None:
    by_key: dict[tuple, Quantity] = {}
    for q in sorted(qs, key=lambda q: q.id):
        concerns = tuple(sorted({m.get(c, c) for c in q.concerns}))
        key = (q.measure, q.amount, q.currency, q.year, concerns)
        old = by_key.get(key)
        if old is None:
            by_key[key] = replace(q, concerns=concerns)
        else:
            by_key[key] = replace(old, qualifier=old.qualifier or q.qualifier,
                                  evidence=tuple(sorted(set(old.evidence) | set(q.evidence))))
            rec.merges.append(Merge(old.id, (old.id, q.id), "same figure, measure, year and countries"))
    for q in by_key.values():
        rec.quantities[q.id] = q
