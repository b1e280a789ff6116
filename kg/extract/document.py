"""Document-level events: one article's reports of the same talks joined, and talks placed in
the visit they belong to. Language-neutral: a step both languages list after their
``find_events`` (the drafts of a sentence are already joined by :func:`~kg.extract.drafts.merge_drafts`).

News names one encounter several times: the headline, the lead, the body («переговоры
продолжались три часа», "the talks ended"), often one side per mention: «Путин провел
переговоры в Пекине» ... «Си Цзиньпин назвал встречу ...». Two mentions of talks of a kind
that needs two sides (a meeting, a call: ``min_participants`` in :mod:`kg.kinds`) which each
name at most one person, with compatible dates, places and status, are one event when the
article leaves no doubt: together they name at most two persons.

A report that only says who attended an event («Во встрече приняли участие X и Y», a draft's
``attendance``) adds them to the last event of that kind told in the two sentences before.

A visit and the talks held during it stay two events (a visit has a guest and a host and
lasts days; its talks are one encounter): the talks are ``partOf`` the visit (as they are of a
summit) when the article reports one visit on compatible dates and places, and talks reported
near it that name one other side take the visit's guest, with the rule ``doc.visit.guest``;
talks reported near it that name no place were held where the visit was (``doc.visit.place``),
when both happened (or both are planned) and the talks belong to nothing else (not «на полях саммита»).
"""
from __future__ import annotations

from ..kinds import two_sided
from ..model import Evidence
from .context import Context
from .drafts import Draft, absorb, compatible_dates

__all__ = ["join_events"]

_PERSONS = ("Person", "Leader")
#: talks take the visit's guest only when reported this close to the visit (sentences apart):
#: further on, an article about a visit also tells of other encounters (an anniversary, 1981)
GUEST_SENTENCES = 3
#: who attended («Во встрече приняли участие …») joins the event of that kind told this close before
ATTENDANCE_SENTENCES = 2


def _persons(ctx: Context, d: Draft) -> set[str]:
    return {p for p, role in d.participants.items() if ctx.type_of(p) in _PERSONS and role != "declined"}


def _places_agree(ctx: Context, a: str | None, b: str | None) -> bool:
    if not a or not b or a == b:
        return True
    return ctx.kb.located_in(a) == b or ctx.kb.located_in(b) == a


def _agree(ctx: Context, a: Draft, b: Draft) -> bool:
    return (a.status == b.status and compatible_dates(a, b) and _places_agree(ctx, a.place, b.place)
            and not a.reference and not b.reference)


def join_events(ctx: Context) -> None:
    """Join the one-sided reports of two-sided talks, then place talks in the article's visit."""
    drafts = ctx.drafts
    joined: list[Draft] = []
    for d in drafts:
        told = next((o for o in reversed(joined) if o.kind == d.kind and 0 <= d.sent - o.sent <= ATTENDANCE_SENTENCES
                     and _agree(ctx, o, d)), None) if d.attendance else None
        if told is not None:
            absorb(told, d)  # «… встреча Медведева с членами палаты. Во встрече приняли участие X и Y»
            continue
        if two_sided(d.kind) and len(_persons(ctx, d)) <= 1:
            host = next((o for o in joined if o.kind == d.kind and len(_persons(ctx, o)) <= 1
                         and len(_persons(ctx, o) | _persons(ctx, d)) == 2 and _agree(ctx, o, d)), None)
            if host is not None and _unambiguous(ctx, drafts, d.kind):
                absorb(host, d)
                continue
        joined.append(d)
    joined = _join_unnamed(ctx, joined)
    visits = [k for k, d in enumerate(joined) if d.kind == "Visit" and not d.reference]
    if len(visits) == 1:
        visit = joined[visits[0]]
        guests = _persons(ctx, visit)
        for d in joined:
            if d is visit or not two_sided(d.kind) or d.kind == "PhoneCall" or not _agree(ctx, visit, d):
                continue
            d.parts_of.add(visits[0])
            near = abs(d.sent - visit.sent) <= GUEST_SENTENCES
            if near and d.place is None and visit.place and d.status == visit.status in ("happened", "planned") \
                    and not d.parts_of - {visits[0]}:
                # «прибыл с визитом в Пекин. В ходе визита провёл переговоры»: held where the visit is
                d.place = visit.place
                first = visit.evidence[0]
                d.evidence.append(Evidence(first.article_id, first.sentence, first.start, first.end,
                                           "doc.visit.place", 0.7))
            if near and len(guests) == 1 and len(_persons(ctx, d) | guests) == 2 and len(_persons(ctx, d)) == 1:
                (guest,) = guests
                d.participants.setdefault(guest, "guest")
                first = visit.evidence[0]
                d.evidence.append(Evidence(first.article_id, first.sentence, first.start, first.end,
                                           "doc.visit.guest", 0.7))
    ctx.drafts[:] = joined


def _join_unnamed(ctx: Context, drafts: list[Draft]) -> list[Draft]:
    """A report of talks that names no one («Переговоры в Пекине» in a headline, before the
    body names the sides) is the article's one report of that kind that names someone, when
    there is exactly one and they agree. (A nameless report after a named one was joined to it
    sentence by sentence already.)"""
    out = list(drafts)
    for d in drafts:
        if not two_sided(d.kind) or d.participants or d.reference:
            continue
        named = [o for o in out if o is not d and o.kind == d.kind and o.participants]
        if len(named) == 1 and _agree(ctx, named[0], d):
            absorb(named[0], d)
            out.remove(d)
    return out


def _unambiguous(ctx: Context, drafts: list[Draft], kind: str) -> bool:
    """The article's reports of this kind name at most two persons in all: the two sides."""
    return len(set().union(*(_persons(ctx, d) for d in drafts if d.kind == kind))) <= 2
