"""Event coreference across articles: reports of one event merge when they are of the same
kind, their participants overlap, their dates are compatible (within
:data:`~kg.merge.records.DATE_WINDOW_DAYS`, or overlapping ranges) and their places agree
(same place, one unknown, or a city inside the other's country). Distinct meetings of the same
two leaders on different days stay distinct. Candidate pairs come through shared keys (a pair
of participants, an organizer), so the merge stays near-linear in the corpus.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

from ..kb import load
from ..model import Event, Participant, sorted_evidence
from .records import DATE_WINDOW_DAYS, Merge, Records, UnionFind


def remap_event(ev: Event, m: dict[str, str]) -> Event:
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
    kb = load()
    return kb.located_in(a.place) == b.place or kb.located_in(b.place) == a.place


def same_event(a: Event, b: Event, rec: Records) -> str | None:
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


def event_span(e: Event) -> tuple[dt.date, dt.date] | None:
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


def candidate_pairs(kind: str, group: list[Event]) -> list[tuple[int, int]]:
    """Pairs (i, j), i < j, of ``group`` (one kind, sorted by id) for which :func:`same_event`
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
    spans = [event_span(e) for e in group]
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


def corefer_events(events: list[Event], rec: Records) -> dict[str, str]:
    """Reports of one event -> one event. Pairs are met in (i, j) order over the events of a
    kind sorted by id, as a plain pairwise loop would, but only the candidate pairs of
    :func:`candidate_pairs` are tested; a merge of two groups is refused when any two of their
    reports disagree on dates or place (checked on distinct (dates, place) signatures)."""
    events = sorted(events, key=lambda e: e.id)
    uf = UnionFind()
    reason: dict[str, set[str]] = {}  # first id of a merged pair -> reasons (grouped by root below)
    by_kind: dict[str, list[Event]] = {}
    for e in events:
        uf.find(e.id)
        by_kind.setdefault(e.kind, []).append(e)
    sigs: dict[str, set] = {e.id: {(e.start_date, e.end_date, e.place)} for e in events}
    for kind, group in sorted(by_kind.items()):
        if kind == "Statement":
            continue  # statements never merge (see same_event)
        arts = [{x.article_id for x in e.evidence} for e in group]
        for i, j in candidate_pairs(kind, group):
            a, b = group[i], group[j]
            if arts[i] & arts[j]:
                continue  # one article's events were already merged by its extractor
            why = same_event(a, b, rec)
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
