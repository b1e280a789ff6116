"""Merging per-article extractions into one set of records (the corpus view).

* **Entities** merge by id: a knowledge-base id is the same in every article
  and language. Unlinked entities carry an article-scoped id; two of them
  merge only when their names are the same full name (two words or more for
  persons), their types agree, and their articles share a linked neighbour
  (both name the same country, say). An unlinked «Иванов» in two unrelated
  articles stays two people. Tied mentions take the smallest of their ids.
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

from .model import Article, Entity, Event, Extraction, Participant, Quantity, Relation, sorted_evidence

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


def _merge_entities(eid: str, es: list[Entity]) -> Entity:
    """The entities of one id, folded in article order: the best-ranked type (the first among
    equals), the first non-empty labels and Wikidata id, aliases pooled less the labels chosen,
    evidence pooled. One pass with sets: an entity named in thousands of articles is merged in
    linear time. Adding reports that agree with the merged labels, type and Wikidata id only
    adds aliases and evidence (kg/incremental.py relies on it)."""
    a = es[0] if es[0].id == eid else replace(es[0], id=eid)
    if len(es) == 1:
        return a
    typ, en, ru, wd = a.type, a.label_en, a.label_ru, a.wikidata
    aliases = set(a.aliases)
    evidence = set(a.evidence)
    for b in es[1:]:
        if _TYPE_RANK.get(typ, 5) > _TYPE_RANK.get(b.type, 5):
            typ = b.type
        aliases.update(b.aliases)
        en, ru, wd = en or b.label_en, ru or b.label_ru, wd or b.wikidata
        evidence.update(b.evidence)
    return replace(a, type=typ, label_en=en, label_ru=ru, wikidata=wd, aliases=tuple(sorted(aliases - {en, ru, ""})),
                   evidence=sorted_evidence(evidence))


def entity_agrees(merged: Entity, e: Entity) -> bool:
    """Whether folding ``e`` into ``merged`` (anywhere in the order) changes only its aliases
    and evidence: same labels, Wikidata id and knowledge-base id (or none), a type no better."""
    return ((not e.label_en or e.label_en == merged.label_en) and (not e.label_ru or e.label_ru == merged.label_ru)
            and (not e.wikidata or e.wikidata == merged.wikidata) and e.kb_id == merged.kb_id
            and (e.type == merged.type or _TYPE_RANK.get(e.type, 5) > _TYPE_RANK.get(merged.type, 5)))


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
    by_id: dict[str, list[Entity]] = {}
    for x in xs:
        for e in x.entities:
            by_id.setdefault(entity_map.get(e.id, e.id), []).append(e)
    for eid, es in by_id.items():
        rec.entities[eid] = _merge_entities(eid, es)
    events = [_remap_event(ev, entity_map) for x in xs for ev in x.events]
    event_map = _corefer_events(events, rec)
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


# ------------------------------------------------------------------ entities


def _name_key(e: Entity, _cache: dict[str, str] = {}) -> str:
    name = e.label_ru or e.label_en
    key = _cache.get(name)
    if key is None:
        from .kb import normalize

        if len(_cache) > 200_000:
            _cache.clear()
        key = _cache[name] = normalize(name)
    return key


def name_candidate(e: Entity) -> tuple[str, str] | None:
    """(base type, normalised name) of an unlinked entity that may merge across articles, or None."""
    if e.kb_id or "~" not in e.id:
        return None
    key = _name_key(e)
    base = "Person" if e.type in ("Person", "Leader") else e.type
    if base == "Person" and len(key.split()) < 2:
        return None  # a bare surname is too weak to tie two articles
    return base, key


def resolve_name_group(base: str, key: str, items: list[tuple[str, str]],
                       linked_by_article: dict[str, set[str]]) -> list[Merge]:
    """The groups (two or more) into which the mentions ``items`` ((entity id, article id), in
    article order) of one unlinked name fall: two are tied when their articles share a linked
    entity. Each group takes its smallest member's id, so adding a mention to a group keeps its
    id (and the named graphs of its articles) unless the newcomer's id is the smallest."""
    uf = _UnionFind()
    for a, _ in items:
        uf.find(a)
    # each mention joins the first mention sharing each of its linked entities (linear, where
    # testing every pair was quadratic in how often a name recurs)
    first_of: dict[str, int] = {}
    last_of: dict[str, int] = {}
    for i, (a, art) in enumerate(items):
        for c in linked_by_article[art]:
            first_of.setdefault(c, i)
            last_of[c] = i
    for i, (a, art) in enumerate(items):
        for c in linked_by_article[art]:
            if first_of[c] != i:
                uf.union(items[first_of[c]][0], a)
    # the reason names the context of the last tied pair (i, j) in pairwise order, i < j
    last_pair: dict[str, tuple[int, int]] = {}
    for i, (a, art) in enumerate(items):
        j = max((last_of[c] for c in linked_by_article[art]), default=-1)
        if j > i:
            last_pair[uf.find(a)] = (i, j)
    groups: dict[str, set[str]] = {}
    for a, _ in items:
        groups.setdefault(uf.find(a), set()).add(a)
    out = []
    for root, members in sorted(groups.items()):
        if len(members) < 2:
            continue
        if root in last_pair:
            i, j = last_pair[root]
            shared = sorted(linked_by_article[items[i][1]] & linked_by_article[items[j][1]])
            reason = f"same {base.lower()} name «{key}» and shared context {shared[0]}"
        else:
            reason = "same name and context"
        out.append(Merge(root, tuple(sorted(members)), reason))
    return out


def linked_ids(x: Extraction) -> set[str]:
    return {e.id for e in x.entities if e.kb_id}


def _resolve_unlinked(xs: list[Extraction], rec: Records) -> dict[str, str]:
    """Article-scoped ids of the same unlinked entity -> one id, when context ties them."""
    linked_by_article = {x.article.id: linked_ids(x) for x in xs}
    candidates: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for x in xs:
        for e in x.entities:
            cand = name_candidate(e)
            if cand is not None:
                candidates.setdefault(cand, []).append((e.id, x.article.id))
    mapping: dict[str, str] = {}
    merges: list[Merge] = []
    for (base, key), items in sorted(candidates.items()):
        for m in resolve_name_group(base, key, items, linked_by_article):
            for member in m.merged:
                mapping[member] = m.into
            merges.append(m)
    rec.merges.extend(sorted(merges))
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
        evidence=sorted_evidence(x for e in events for x in e.evidence))


def _span(e: Event) -> tuple[dt.date, dt.date] | None:
    """The event's days as :func:`_dates_compatible` reads them (None: undated or unreadable)."""
    d0 = _day(e.start_date)
    return None if d0 is None else (d0, _day(e.end_date) or d0)


def _close_in_time(items: list[tuple[int, tuple[dt.date, dt.date] | None]], out: set) -> None:
    """Add to ``out`` every pair (i, j), i < j, of ``items`` whose spans are within
    :data:`DATE_WINDOW_DAYS` of each other, or one of which is undated."""
    window = dt.timedelta(days=DATE_WINDOW_DAYS)
    undated = [i for i, sp in items if sp is None]
    dated = sorted((sp[0], sp[1], i) for i, sp in items if sp is not None)
    for i in undated:
        out.update((i, j) if i < j else (j, i) for j, _ in items if j != i)
    # sorted by start: a later start is compatible while it begins by the end + window
    for k, (s0, s1, i) in enumerate(dated):
        for t0, _, j in dated[k + 1:]:
            if t0 - window > s1:
                break
            out.add((i, j) if i < j else (j, i))


def _candidate_pairs(kind: str, group: list[Event]) -> list[tuple[int, int]]:
    """Pairs (i, j), i < j, of ``group`` (one kind, sorted by id) for which :func:`_same_event`
    can hold, in the order the pairwise loop meets them: a superset found through shared keys
    instead of every pair, so the merge stays near-linear in the number of events.

    Summits: the same organizer, or the same ordinal and place. Other kinds: two shared
    participants (with compatible dates), or one shared participant when both reports carry a
    date (compatible ones; a date that does not parse is compatible with any)."""
    out: set[tuple[int, int]] = set()
    if kind == "Summit":
        keys: dict[tuple, list[int]] = {}
        for i, e in enumerate(group):
            if e.organizer:
                keys.setdefault(("org", e.organizer), []).append(i)
            if e.ordinal and e.place:
                keys.setdefault(("ord", e.ordinal, e.place), []).append(i)
        for idx in keys.values():
            for k, i in enumerate(idx):
                out.update((i, j) for j in idx[k + 1:])
        return sorted(out)
    spans = [_span(e) for e in group]
    by_pair: dict[tuple[str, str], list[int]] = {}
    by_one: dict[str, list[int]] = {}
    for i, e in enumerate(group):
        ps = sorted({p.entity for p in e.participants})
        for k, p in enumerate(ps):
            for q in ps[k + 1:]:
                by_pair.setdefault((p, q), []).append(i)
        if e.start_date:
            for p in ps:
                by_one.setdefault(p, []).append(i)
    for idx in list(by_pair.values()) + list(by_one.values()):
        if len(idx) > 1:
            _close_in_time([(i, spans[i]) for i in idx], out)
    return sorted(out)


def _corefer_events(events: list[Event], rec: Records) -> dict[str, str]:
    """Reports of one event -> one event. Pairs are met in (i, j) order over the events of a
    kind sorted by id, as a plain pairwise loop would, but only the candidate pairs of
    :func:`_candidate_pairs` are tested; a merge of two groups is refused when any two of their
    reports disagree on dates or place (checked on distinct (dates, place) signatures)."""
    events = sorted(events, key=lambda e: e.id)
    uf = _UnionFind()
    reason: dict[str, set[str]] = {}  # first id of a merged pair -> reasons (grouped by root below)
    by_kind: dict[str, list[Event]] = {}
    for e in events:
        uf.find(e.id)
        by_kind.setdefault(e.kind, []).append(e)
    sigs: dict[str, set] = {e.id: {(e.start_date, e.end_date, e.place)} for e in events}
    for kind, group in sorted(by_kind.items()):
        if kind == "Statement":
            continue  # statements never merge (see _same_event)
        arts = [{x.article_id for x in e.evidence} for e in group]
        for i, j in _candidate_pairs(kind, group):
            a, b = group[i], group[j]
            if arts[i] & arts[j]:
                continue  # one article's events were already merged by its extractor
            why = _same_event(a, b, rec)
            if why:
                ra, rb = uf.find(a.id), uf.find(b.id)
                if ra != rb and not all(_sig_compatible(x, y, rec) for x in sigs[ra] for y in sigs[rb]):
                    continue  # an undated report must not chain meetings on different days
                uf.union(a.id, b.id)
                reason.setdefault(a.id, set()).add(why)
                root = uf.find(a.id)
                if ra != rb:
                    sigs[root] = sigs.pop(ra) | sigs.pop(rb)
    groups: dict[str, list[Event]] = {}
    for e in events:
        groups.setdefault(uf.find(e.id), []).append(e)
    why_of: dict[str, set[str]] = {}
    for first, whys in reason.items():
        why_of.setdefault(uf.find(first), set()).update(whys)
    mapping: dict[str, str] = {}
    for root, members in sorted(groups.items()):
        merged = _combine(sorted(members, key=lambda e: e.id))
        merged = replace(merged, id=root)
        rec.events[root] = merged
        for m in members:
            mapping[m.id] = root
        if len(members) > 1:
            rec.merges.append(Merge(root, tuple(sorted(m.id for m in members)), "; ".join(sorted(why_of.get(root, ())))))
    return mapping


def _sig_compatible(x: tuple, y: tuple, rec: Records) -> bool:
    """:func:`_dates_compatible` and :func:`_places_compatible` of two (start, end, place) signatures."""
    a = Event(id="", kind="", start_date=x[0], end_date=x[1], place=x[2])
    b = Event(id="", kind="", start_date=y[0], end_date=y[1], place=y[2])
    return _dates_compatible(a, b) and _places_compatible(a, b, rec)


# ------------------------------------------------------------------ quantities


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
