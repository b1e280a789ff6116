"""Events from trigger words: kind, participants, roles, place, dates, status, CAMEO/PLOVER.

A trigger opens an event in its sentence: «met», «held talks», «summit»,
«visited», «arrived in», «phone call», «spoke by phone», «called» (a person),
«signed/ratified an agreement». Participants are the persons of the sentence
(names, role phrases, pronouns), the countries standing as actors («Ukrainian
lawmakers»), and when no one is named, the countries and organizations of the
sentence («The US, Russia and Switzerland met»). The place is a city (else a
country) after «in»/«at» (and «to» for visits); dates come from the sentence,
else the article's date for an event that happened; status from modal verbs,
negation and cue words. Reports of one event inside an article are merged with
the Russian pipeline's rules (:func:`kg.extract.drafts.merge_drafts`).

CAMEO codes refine the per-kind defaults of the table in :mod:`kg.kinds`
where the text says so: 042 make a visit, 043 host a visit, 046 negotiate
(«talks», «negotiations»), 036 express intent to meet («plans to meet»),
057 sign or ratify a formal agreement, 051 endorse one.
"""
from __future__ import annotations

from dataclasses import dataclass

from ...kinds import KINDS
from ...model import Event
from ..drafts import Draft, draft_event, merge_drafts
from .context import EnContext, M
from .dates import find_dates
from .lexicon import (
    AGREEMENT_OBJECTS,
    EVENT_TRIGGERS,
    PHONE_CUES,
    TEMPORAL_PREPS,
)
from .nlp import Sentence
from .status import status, window

__all__ = ["EnDraft", "find_events", "to_events"]

_PERSON = ("Person", "Leader")
_OFFICIALS = {"minister", "ministers", "delegation", "president", "counterpart", "leader", "leaders", "prime",
              "king", "queen", "envoy", "envoys", "officials", "ambassador", "chancellor", "premier", "emir",
              "secretary", "secretary-general", "foreign", "head", "heads", "guests", "crown", "sultan",
              "vice", "deputy", "his", "her", "their", "the", "a", "an"}


@dataclass
class EnDraft(Draft):
    cameo: str | None = None
    plover: str | None = None
    intent: bool = False


def _mention_in(ctx: EnContext, s: Sentence, a: int, b: int, types) -> M | None:
    for k in range(max(0, a), min(b, len(s.tokens))):
        m = ctx.mention_at_token(s.index, k)
        if m is not None and m.type in types:
            return m
    return None


def _discussion(ctx: EnContext, s: Sentence, i: int) -> tuple[str, str | None] | None:
    """«discussed» is talks only with a partner: a person after «with» («discussed trade with
    Xi»), or two sides as its subject («Erdogan and Putin discussed …», «The presidents of
    Russia and France discussed …»); a phone cue anywhere in the sentence makes it a call."""
    toks = s.tokens
    after = [x.lower for x in toks[i + 1: i + 12]]
    partner = "with" in after and _mention_in(ctx, s, i + 1 + after.index("with"), i + 14, _PERSON) is not None
    if not partner:
        start = i
        while start > 0 and toks[start - 1].lower not in (",", ";", ":", ".", "that", "who", "which"):
            start -= 1  # the subject stretch before the verb, within its clause
        sides = {m.entity for m in ctx.in_sent(s.index, _PERSON) + ctx.actors_in(s.index)
                 if start <= m.first < i}
        partner = len(sides) >= 2 and "and" in {x.lower for x in toks[start:i]}
    if not partner:
        return None
    return ("PhoneCall", None) if {x.lower for x in toks} & PHONE_CUES else ("Meeting", "040")


def _trigger(ctx: EnContext, s: Sentence, i: int) -> tuple[str, str | None] | None:
    """(kind, cameo or None for the kind's default) if token i opens an event."""
    toks = s.tokens
    t = toks[i]
    lem = t.lemma
    low = t.lower
    kind = EVENT_TRIGGERS.get(lem) or EVENT_TRIGGERS.get(low)
    if kind is None:
        return None
    nxt = [x.lower for x in toks[i + 1: i + 5]]
    win = set(window(s, i, 3, 3))
    phone = bool(win & PHONE_CUES) or ("video" in win and ("call" in win or "link" in win))
    if any(x in ("anniversary", "commemoration", "anniversaries") for x in window(s, i, 4, 0)):
        return None
    if lem in ("meet", "meeting"):
        if phone:
            return "PhoneCall", None
        if low == "meeting" and nxt[:1] == ["place"]:
            return None
        return "Meeting", None
    if low in ("talks", "negotiation", "negotiations") or lem == "negotiate":
        if phone:
            return "PhoneCall", None
        return "Meeting", "046"
    if lem == "discuss" or (lem == "exchange" and nxt[:1] in (["views"], ["opinions"])):
        return _discussion(ctx, s, i)
    if lem == "exchange":
        return None  # «exchanged prisoners»
    if lem in ("consultation", "consult", "confer"):
        return ("Meeting", "040") if "with" in nxt[:3] or low == "consultations" else None
    if lem in ("lunch", "dine", "dinner", "luncheon", "breakfast"):
        return ("Meeting", "040") if "with" in nxt or "hosted" in win else None
    if kind == "Summit":
        return "Summit", None
    if lem == "visit":
        return "Visit", "042"
    if lem == "arrive":
        if any(x in ("in", "at") for x in nxt[:2]) and _mention_in(ctx, s, i + 1, i + 5, ("City", "Country")):
            return "Visit", "042"
        return None
    if lem in ("trip", "tour", "travel", "fly"):
        if low in ("travel", "fly") and not (i > 0 and toks[i - 1].lower in ("to", "will", "would", "'ll", "shall")):
            return None  # «bans on travel to Canada»
        if any(x in ("to", "of") for x in nxt[:2]) and _mention_in(ctx, s, i + 1, i + 5, ("City", "Country")):
            return "Visit", "042"
        return None
    if lem == "attend":
        if nxt[:1] == ["for"]:
            return None  # «ministers attended for Argentina»
        if any(EVENT_TRIGGERS.get(x) in ("Summit", "Meeting") for x in nxt[:4]):
            return None  # «attend a summit»: the summit is the event
        if _mention_in(ctx, s, i + 1, i + 6, ("City", "Country")):
            return "Visit", "042"
        return None
    if lem in ("host", "receive", "welcome"):
        k = i + 1
        if k < len(toks) and toks[k].lower == "by" and i > 0 and toks[i - 1].lower in _PASSIVE_AUX \
                and _mention_in(ctx, s, k + 1, k + 8, _PERSON) and _mention_in(ctx, s, max(0, i - 8), i, _PERSON):
            return "Visit", "043"  # «Clinton was received by President Thein Sein»
        if k < len(toks) and _country_adjective(ctx, toks[k]):
            k += 1  # «hosted Iranian President Mahmoud Ahmadinejad»
        if k < len(toks) and (toks[k].lower in _OFFICIALS or _mention_in(ctx, s, k, k + 1, _PERSON)):
            while k < len(toks) and toks[k].lower in _OFFICIALS:
                k += 1
            if k > i + 1 and toks[k - 1].lower not in ("the", "a", "an", "his", "her", "their") \
                    or _mention_in(ctx, s, k, k + 3, _PERSON + ("Country",)):
                return "Visit", "043"
        return None
    if kind == "PhoneCall":
        if lem == "call":
            if low in ("so-called",) or (nxt[:1] and nxt[0] in ("for", "on", "upon", "it", "off", "them", "him",
                                                                  "her", "out", "in", "the", "a")):
                if not phone and not (nxt[:1] == ["with"]):
                    return None
            if phone or nxt[:1] == ["with"] or (i > 0 and toks[i - 1].lower in ("a", "the") and "with" in nxt):
                return "PhoneCall", None
            if t.lemma == "call" and low != "call" and _mention_in(ctx, s, i + 1, i + 3, _PERSON):
                return "PhoneCall", None
            return None
        if lem in ("phone", "telephone"):
            if low in ("phoned", "telephoned") or nxt[:1] in (["call"], ["conversation"], ["talks"]):
                return "PhoneCall", None
            return None
        if lem in ("conversation", "speak", "talk"):
            return ("PhoneCall", None) if phone else None
        if lem == "videoconference":
            return "PhoneCall", None
        return None
    if kind == "AgreementSigning":
        after = [x.lower for x in toks[i + 1: i + 9]]
        before = [x.lower for x in toks[max(0, i - 5): i]]
        objs = set(after) | (set(before) if low in ("signed", "ratified", "endorsed", "approved") else set())
        if not objs & AGREEMENT_OBJECTS:
            return None
        if lem in ("endorse", "approve"):
            return "AgreementSigning", "051"
        if lem in ("reach", "strike", "conclude", "seal") and not set(after[:4]) & AGREEMENT_OBJECTS:
            return None
        return "AgreementSigning", "057"
    return None


_PASSIVE_AUX = {"was", "were", "is", "are", "been", "be"}


def _country_adjective(ctx: EnContext, t) -> bool:
    return t.text[:1].isupper() and any(e.type == "Country" for e in ctx.kb.adjective(t.text))


def _place(ctx: EnContext, s: Sentence, i: int, kind: str, exclude: set[str]) -> str | None:
    """A city (else a country) after «in»/«at» (and «to» or a direct object for visits),
    nearest after the trigger first, then before it."""
    actor_starts = {(m.start) for m in ctx.actors if m.sent == s.index}
    preps = {"in", "at"} | ({"to"} if kind == "Visit" else set())
    cands = []
    for m in ctx.in_sent(s.index, ("City", "Country")):
        if m.entity in exclude or m.start in actor_starts:
            continue
        k = m.first
        prev = [s.tokens[j].lower for j in range(max(0, k - 2), k)]
        direct = kind == "Visit" and 0 < k - i <= 3 and s.tokens[i].lemma in ("visit", "attend")
        if not (set(prev) & preps or direct):
            continue
        if k + 1 < len(s.tokens) and s.tokens[m.last + 1:m.last + 2] and s.tokens[m.last + 1].lower in ("'s",):
            continue
        dist = k - i if k > i else 1000 + (i - k)
        cands.append((0 if m.type == "City" else 1, dist, m.entity))
    if not cands:
        return None
    # the nearest after the trigger; a city beats a country at the same side
    after = [c for c in cands if c[1] < 1000]
    pool = after or cands
    return min(pool, key=lambda c: (c[0], c[1]))[2]


def _organizer(ctx: EnContext, s: Sentence, i: int) -> str | None:
    for k in list(range(i - 1, max(-1, i - 4), -1)) + list(range(i + 1, min(i + 5, len(s.tokens)))):
        m = ctx.mention_at_token(s.index, k)
        if m is not None and m.type == "Organization":
            return m.entity
    return None


def _ordinal(s: Sentence, i: int) -> int | None:
    for t in s.tokens[max(0, i - 4): i]:
        low = t.lower
        if low[:-2].isdigit() and low[-2:] in ("st", "nd", "rd", "th"):
            return int(low[:-2])
    return None


def find_events(ctx: EnContext) -> None:
    drafts: list[EnDraft] = []
    for s in ctx.sents:
        for i in range(len(s.tokens)):
            trig = _trigger(ctx, s, i)
            if trig is None:
                continue
            d = _draft(ctx, s, i, *trig)
            if any(o.sent == d.sent and o.kind == d.kind and o.participants == d.participants for o in drafts):
                continue  # «These meetings follow a historic meeting»: one event per sentence and kind
            drafts.append(d)
    ctx.drafts.extend(merge_drafts(drafts, ctx.article.date))


def _draft(ctx: EnContext, s: Sentence, i: int, kind: str, cameo: str | None) -> EnDraft:
    t = s.tokens[i]
    d = EnDraft(kind=kind, sent=s.index, trigger=t.text, cameo=cameo)
    before = [x.lower for x in s.tokens[max(0, i - 3): i]]
    if kind in ("Summit", "Meeting") and t.lemma in ("summit", "meeting", "talks") and (
            set(before) & TEMPORAL_PREPS or (before[-3:-1] == ["eve", "of"])):
        if not ("during" in before or "sidelines" in before):  # «during the NATO summit» happens
            d.reference = True
            d.organizer = _organizer(ctx, s, i)
            d.status = "planned" if ctx.article.date else "happened"
            d.evidence.append(ctx.evidence(s, t.start, t.end, f"en.event.{kind.lower()}.reference", 0.6))
            return d
    persons = ctx.in_sent(s.index, _PERSON)
    actors = ctx.actors_in(s.index)
    roles = _roles_for(kind, cameo, s, i, persons)
    # «X and Y also attended the meeting»: who attended an event the article told before
    after = s.tokens[i + 1].lower if i + 1 < len(s.tokens) else ""
    took_part = {x.lemma for x in s.tokens[max(0, i - 4): i]} & {"attend", "participate"} or "in" in before
    d.attendance = bool(t.lower in ("meeting", "talks") and before[-1:] == ["the"] and took_part
                        and after not in ("with", "of", "between"))
    if kind == "Visit" and "during" in before and persons:
        # «During the visit he held talks with Putin», «X held talks with Y during a visit to
        # Z»: the visit frames what its sentence tells; the sentence's first person is the
        # visitor, the others are whom the visitor met there, the hosts
        roles = {m.entity: ("guest" if k == 0 else "host") for k, m in enumerate(persons)}
    for m in persons:
        d.participants.setdefault(m.entity, roles.get(m.entity, "participant"))
    for m in actors:
        if m.entity not in d.participants:
            d.participants[m.entity] = roles.get(m.entity, "participant")
    organizer = _organizer(ctx, s, i) if kind in ("Summit", "Meeting") else None
    if organizer:
        d.organizer = organizer
    if kind == "Summit":
        d.ordinal = _ordinal(s, i)
    own = {o for p in d.participants for o in ctx.roles.get(p, ())} | set(d.participants)
    d.place = _place(ctx, s, i, kind, set(d.participants))
    place_country = ctx.kb.located_in(d.place) if d.place else None
    if not d.participants:
        # talks between countries («The US, Russia and Switzerland met»)
        for m in ctx.in_sent(s.index, ("Country", "Organization")):
            if m.entity not in (d.place, d.organizer) and not (kind == "Summit" and m.type == "Organization"):
                d.participants.setdefault(m.entity, "signatory" if kind == "AgreementSigning" else "participant")
    elif len(d.participants) == 1 and kind in ("Meeting", "PhoneCall", "AgreementSigning"):
        # «Bush ... meet with exiled dissidents from Myanmar»
        for m in ctx.in_sent(s.index, ("Country", "Organization")):
            if m.first > i and m.entity not in own and m.entity not in (d.place, place_country, d.organizer):
                d.participants.setdefault(m.entity, "signatory" if kind == "AgreementSigning" else "participant")
                break
    d.status, d.intent = status(ctx, s, i)
    dates = find_dates(s.text, ctx.article.date, future=d.status == "planned")
    rel = t.start - s.start
    if dates:
        day = ctx.article.date
        if day and d.status == "planned":
            dates = [x for x in dates if x.begin >= day]  # «after September 11, 2001» does not date a plan
        elif day and d.status == "happened" and any(x.begin <= day for x in dates):
            dates = [x for x in dates if x.begin <= day]
    if dates:
        best = min(dates, key=lambda x: abs(x.start - rel))
        d.start, d.end = best.begin, best.finish
        d.dated_by_text = True
    if d.status == "happened" and d.dated_by_text and ctx.article.date and d.start and d.start > ctx.article.date:
        d.status = "planned"
    if not d.start and d.status == "happened":
        d.start = ctx.article.date
    if kind in ("Meeting", "Visit", "PhoneCall") and "sidelines" in {x.lower for x in s.tokens}:
        d.parts_of.add(-1)
    if d.intent and kind in ("Meeting", "Visit", "Summit", "PhoneCall"):
        d.cameo = "036"
    d.evidence.append(ctx.evidence(s, t.start, t.end, f"en.event.{kind.lower()}"))
    return d


def _roles_for(kind: str, cameo: str | None, s: Sentence, i: int, persons: list[M]) -> dict[str, str]:
    """guest/host for visits (the subject visits; «hosted»/«received» swap them); signatory for signings."""
    if kind == "AgreementSigning":
        return {m.entity: "signatory" for m in persons}
    roles: dict[str, str] = {}
    if kind == "Visit":
        hosting = cameo == "043"
        invite = next((k for k in range(i - 1, max(-1, i - 7), -1) if s.tokens[k].lemma == "invite"), None)
        passive = i > 0 and s.tokens[i - 1].lower in _PASSIVE_AUX
        for m in persons:
            before = m.last < i
            by = m.first > 0 and s.tokens[m.first - 1].lower == "by"
            if invite is not None and not hosting:
                # «Obama invited Medvedev to visit Washington»: the invited visits, who invites hosts
                roles[m.entity] = "guest" if invite < m.first < i else "host" if m.last < invite else "participant"
            elif hosting and passive:  # «Clinton was received by Myanmar President Thein Sein»
                roles[m.entity] = "host" if any(x.lower == "by" for x in s.tokens[i + 1: m.first]) else "guest"
            elif hosting:
                roles[m.entity] = "host" if before and not by else "guest"
            elif before and not by:
                roles[m.entity] = "guest"
            elif by:
                roles[m.entity] = "host"
    return roles


_PLOVER = {"036": "CONSULT", "042": "CONSULT:visit", "043": "CONSULT:visit", "046": "CONSULT",
           "051": "AGREE", "057": "AGREE"}


def to_events(ctx: EnContext) -> list[Event]:
    events = []
    for d in ctx.drafts:
        cameo, plover = KINDS[d.kind].cameo, KINDS[d.kind].plover
        code = getattr(d, "cameo", None)
        if code and d.kind != "Summit" or code == "036":
            cameo, plover = code, _PLOVER.get(code, plover)
            if code == "040" and d.kind == "PhoneCall":
                plover = KINDS["PhoneCall"].plover
        events.append(draft_event(ctx.article.id, d, cameo, plover))
    return events
