"""Event drafts: what a language's trigger rules find, before they become :class:`~kg.model.Event`
records. Shared by every language: the draft record, the joining of one article's reports of
the same event, event ids, and the draft -> event conversion.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from ..kinds import KINDS
from ..model import Event, Evidence, Participant

__all__ = ["Draft", "merge_drafts", "absorb", "same_event", "places_differ", "compatible_dates", "event_id",
           "draft_event", "to_events", "TALKS"]


@dataclass
class Draft:
    kind: str
    sent: int
    trigger: str
    participants: dict[str, str] = field(default_factory=dict)  # entity -> role
    place: str | None = None
    start: str | None = None
    end: str | None = None
    status: str = "happened"
    organizer: str | None = None
    ordinal: int | None = None
    topics: set[str] = field(default_factory=set)
    quote: str = ""
    evidence: list[Evidence] = field(default_factory=list)
    parts_of: set[int] = field(default_factory=set)  # draft indexes of the larger events
    dated_by_text: bool = False
    reference: bool = False  # only named as a time reference («накануне саммита»)
    #: named only as what people attended («Во встрече приняли участие …»): an event already told
    attendance: bool = False
    #: participants a surface fallback chose where the parse tied no one (the linker may veto them)
    guessed: set[str] = field(default_factory=set)


def compatible_dates(a: Draft, b: Draft) -> bool:
    if not (a.start and b.start):
        return True
    if not (a.dated_by_text and b.dated_by_text):
        return True
    a0, a1 = a.start, a.end or a.start
    b0, b1 = b.start, b.end or b.start
    return not (a1 < b0 or b1 < a0)


def places_differ(a: str | None, b: str | None) -> bool:
    """Two places that cannot be one event's: two cities, or two places neither a city (two
    countries). A city and a country may be one place (Tashkent in Uzbekistan)."""
    if not a or not b or a == b:
        return False
    return a.startswith("city/") == b.startswith("city/")


def same_event(a: Draft, b: Draft) -> bool:
    """Whether two drafts of one article report the same event."""
    if a.kind != b.kind or not compatible_dates(a, b):
        return False
    if a.kind == "Visit" and a.status != b.status and a.place and b.place and a.place != b.place \
            and a.place.split("/")[0] == b.place.split("/")[0]:
        return False  # in Tashkent now, invited to Samarkand later: two visits
    if a.kind != "Summit" and places_differ(a.place, b.place):
        return False  # Obama in Ireland, then in Poland: two visits, however alike their participants
    if a.kind == "Summit":
        return bool(a.organizer and a.organizer == b.organizer) or not (a.organizer and b.organizer)
    pa, pb = set(a.participants), set(b.participants)
    if not pa or not pb:
        return False
    return pa <= pb or pb <= pa or len(pa & pb) >= 2


TALKS = ("Meeting", "Visit", "PhoneCall")


def merge_drafts(drafts: list[Draft], article_date: str | None) -> list[Draft]:
    """The reports of one event inside one article joined into one draft (in article order)."""
    out: list[Draft] = []
    for d in drafts:
        if d.kind == "AgreementSigning" and not d.participants and not d.reference:
            # «президенты подписали соглашение», "the presidents signed": the signing
            # already reported, else the sides of the talks just reported
            signed = [o for o in out if o.kind == "AgreementSigning" and o.participants]
            if signed:
                signed[-1].evidence.extend(d.evidence)
                continue
            talks = [o for o in out if o.kind in TALKS + ("Summit",) and len(o.participants) >= 2]
            if talks:
                d.participants = {p: "signatory" for p in sorted(talks[-1].participants)}
                d.place = d.place or talks[-1].place
        if d.kind in TALKS and not d.participants and not d.reference:
            # «беседа состоялась в пятницу»: a definite mention of talks of that kind
            # already reported (a visit with no one named is not the phone call before it)
            prev = [o for o in out if o.kind == d.kind and o.participants]
            if prev and not places_differ(prev[-1].place, d.place):
                o = prev[-1]
                o.place = o.place or d.place
                if d.dated_by_text and not o.dated_by_text:
                    o.start, o.end, o.dated_by_text = d.start, d.end, True
                o.evidence.extend(d.evidence)
                continue
        for o in out:
            if same_event(o, d):
                absorb(o, d)
                break
        else:
            out.append(d)
    for o in out:
        # an event dated after the article cannot have happened yet
        if o.status == "happened" and o.dated_by_text and article_date and o.start and o.start > article_date:
            o.status = "planned"
    # a time reference to an event the article never reports stays out
    return [o for o in out if not (o.reference and not o.participants and o.kind != "Summit")]


def absorb(o: Draft, d: Draft) -> None:
    """Join draft ``d`` into ``o`` (an earlier report of the same event): participants (a named
    role beats "participant"), the more precise place and a date the text gives, organizer,
    ordinal, the most specific status (cancelled/denied over planned over happened), topics,
    evidence and the larger events it is part of. A participant stays guessed only if no
    report ties it."""
    o_tied, d_tied = set(o.participants) - o.guessed, set(d.participants) - d.guessed
    if o.reference and not d.reference:
        o.status, o.reference = d.status, False
        o.start, o.end, o.dated_by_text = d.start, d.end, d.dated_by_text
    for p, r in d.participants.items():
        if o.participants.get(p, "participant") == "participant":
            o.participants[p] = r
    if o.place is None or (d.place and o.place.startswith("country/") and d.place.startswith("city/")):
        o.place = d.place or o.place
    if d.dated_by_text and not o.dated_by_text:
        o.start, o.end, o.dated_by_text = d.start, d.end, True
    o.organizer = o.organizer or d.organizer
    o.ordinal = o.ordinal or d.ordinal
    rank = {"happened": 0, "planned": 1, "cancelled": 2, "denied": 3}
    if rank[d.status] > rank[o.status] and d.status in ("cancelled", "denied"):
        o.status = d.status
    o.topics |= d.topics
    o.evidence.extend(d.evidence)
    o.parts_of |= d.parts_of
    o.guessed = (o.guessed | d.guessed) - o_tied - d_tied


def event_id(article_id: str, d: Draft) -> str:
    key = "|".join([article_id, d.kind, str(d.sent), d.trigger, ",".join(sorted(d.participants))])
    return "event/" + hashlib.sha256(key.encode()).hexdigest()[:16]


def draft_event(article_id: str, d: Draft, cameo: str, plover: str) -> Event:
    """The :class:`~kg.model.Event` record of a draft (shared by every language)."""
    return Event(
        id=event_id(article_id, d), kind=d.kind, label="",
        participants=tuple(sorted(Participant(p, r) for p, r in d.participants.items())),
        place=d.place, start_date=d.start, end_date=d.end, status=d.status,
        organizer=d.organizer, ordinal=d.ordinal, cameo=cameo, plover=plover,
        trigger=d.trigger, topics=tuple(sorted(d.topics)), quote=d.quote,
        evidence=tuple(sorted(set(d.evidence))))


def to_events(ctx) -> list[Event]:
    """The drafts of an article as events, with the default CAMEO and PLOVER codes of their kind
    (:mod:`kg.kinds`); "on the sidelines" links become partOf relations in the driver."""
    return [draft_event(ctx.article.id, d, KINDS[d.kind].cameo, KINDS[d.kind].plover) for d in ctx.drafts]
