"""Facts beyond events: statements, topics, quantities, and the KB's memberships and locations."""
from __future__ import annotations

import hashlib
import re

from ...kinds import met_with_kinds
from ...model import Evidence, Quantity, Relation
from .context import EnContext
from .dates import find_year
from .events import EnDraft
from .lexicon import CURRENCIES, MEASURES, SCALES, STATEMENT_VERBS, TOPIC_VERBS, TOPICS

__all__ = ["find_statements", "attach_topics", "find_quantities", "chair_relations"]

_PERSON = ("Person", "Leader")
_VERBS = r"said|says|added|stressed|noted|told|declared|stated|announced|warned|insisted|emphasi[sz]ed|underlined|explained|argued|asserted|affirmed|confirmed"
_OPEN, _CLOSE = "\"“`", "\"”'"
# "...," said Tokayev.  /  "...," Tokayev said.   /  “...”, he added.
_QUOTE_THEN_SPEAKER = re.compile(
    r"(?:[\"“]|``)(?P<q>[^\"“”]{8,3000}?)[,.!?]?\s*(?:[\"”]|'')\s*,?\s*"
    r"(?:(?P<v>" + _VERBS + r")\s+(?P<who>[^.,!?\n\"“”]{1,80})"
    r"|(?P<who2>[^.,!?\n\"“”]{1,80}?)\s+(?P<v2>" + _VERBS + r")\b)")
# Tokayev said: "..."   /   He told reporters, "..."
_SPEAKER_THEN_QUOTE = re.compile(
    r"(?P<who>[A-Z][^.!?\n\"“”]{0,80}?)\s+(?P<v>" + _VERBS + r")(?:\s+[a-z]+){0,2}\s*[:,]\s*"
    r"(?:[\"“]|``)(?P<q>[^\"“”]{8,3000}?)(?:[\"”]|'')")


def _sent_of(ctx: EnContext, offset: int):
    for s in ctx.sents:
        if s.start <= offset < s.end:
            return s
    return None


def _speaker_in(ctx: EnContext, start: int, end: int) -> str | None:
    for m in sorted(ctx.mentions, key=lambda m: m.start):
        if start <= m.start < end and m.type in _PERSON:
            return m.entity
    return None


def _statement(ctx: EnContext, s, speaker: str, verb: str, quote: str, ev: Evidence) -> EnDraft:
    d = EnDraft(kind="Statement", sent=s.index, trigger=verb)
    d.participants[speaker] = "speaker"
    d.quote = " ".join(quote.split()).strip(" ,.")
    d.start = ctx.article.date
    d.evidence.append(ev)
    return d


def find_statements(ctx: EnContext) -> None:
    text = ctx.article.text
    out: list[EnDraft] = []
    used: set[int] = set()
    for rx, rule in ((_QUOTE_THEN_SPEAKER, "en.statement.quote"), (_SPEAKER_THEN_QUOTE, "en.statement.quote")):
        for m in rx.finditer(text):
            who = "who" if m.group("who") else "who2"
            if not m.group(who):
                continue
            speaker = _speaker_in(ctx, m.start(who), m.end(who))
            s = _sent_of(ctx, m.start(who))
            if speaker is None or s is None or s.index in used:
                continue
            verb = m.group("v") or m.group("v2")
            ev = Evidence(ctx.article.id, text[m.start(): m.end()], m.start(), m.end(), rule)
            out.append(_statement(ctx, s, speaker, verb, m.group("q"), ev))
            used.add(s.index)
    # «X said (on Tuesday) that ...» and «..., X said.»
    for s in ctx.sents:
        if s.index in used:
            continue
        persons = ctx.in_sent(s.index, _PERSON)
        if not persons:
            continue
        for t in s.tokens:
            if t.lemma not in STATEMENT_VERBS or t.lower == t.lemma:
                continue  # base forms («to say», «a note») do not report
            subject = next((m for m in reversed(persons) if m.last < t.i and t.i - m.last <= 4
                            and all(x.pos != "PUNCT" for x in s.tokens[m.last + 1: t.i])), None)
            after = next((m for m in persons if m.first in (t.i + 1, t.i + 2) and
                          all(x.lower in ("the", "a") for x in s.tokens[t.i + 1: m.first])), None)
            rest = s.text[t.end - s.start:]
            before = s.text[: t.start - s.start].rstrip()
            quote = None
            if subject is not None:
                mm = re.match(r"\s*(?:(?:on|in|at|late|earlier)\s+\w+\s+)?(?:(?:reporters|journalists|the\s+\w+)\s+)?(?:that\s+)?(.{10,})$", rest, re.S)
                if mm and not rest.strip().startswith((":", "\"", "“")):
                    quote, speaker = mm.group(1), subject.entity
            if quote is None and after is not None and before.endswith(","):
                quote, speaker = before.rstrip(","), after.entity
            if quote is None and subject is not None and before.endswith(",") and t.i == subject.last + 1 \
                    and subject.first > 0 and s.tokens[subject.first - 1].text == ",":
                quote, speaker = s.text[: s.tokens[subject.first - 1].start - s.start], subject.entity
            if not quote:
                continue
            quote = quote.strip().strip("\"“”").rstrip(".")
            if len(quote) < 10:
                continue
            out.append(_statement(ctx, s, speaker, t.text, quote,
                                  ctx.evidence(s, t.start, t.end, "en.statement.reported")))
            used.add(s.index)
            break
    ctx.drafts.extend(out)


def attach_topics(ctx: EnContext) -> None:
    """Topics discussed («discussed trade, energy and security») go to the nearest preceding
    meeting, call or visit of the article."""
    talks = [d for d in ctx.drafts if d.kind in met_with_kinds()]
    if not talks:
        return
    for s in ctx.sents:
        lows = [t.lower for t in s.tokens]
        if not set(lows) & TOPIC_VERBS:
            continue
        k = min(i for i, w in enumerate(lows) if w in TOPIC_VERBS)
        topics = {TOPICS[w] for w in lows[k + 1:] if w in TOPICS}
        if not topics:
            continue
        same = [d for d in talks if d.sent == s.index]
        before = same or [d for d in talks if d.sent <= s.index] or talks
        prefer = {"Meeting": 3, "PhoneCall": 2, "Visit": 1, "Summit": 0}
        target = max(before, key=lambda d: (d.sent, prefer[d.kind])) if same else \
            max(before, key=lambda d: (prefer[d.kind], d.sent))
        target.topics |= topics
        target.evidence.append(ctx.evidence(s, s.start, s.end, "en.event.topics", 0.9))


_NUM = r"(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SCALE = r"(?:\s*(?P<scale>trillion|billion|million|thousand|bn|mln|tn|m|k)\b)?"
_MONEY = re.compile(
    r"(?P<pre>US\$|\$|€|£)\s?" + _NUM + _SCALE
    + r"|" + _NUM.replace("?P<n>", "?P<n2>") + _SCALE.replace("?P<scale>", "?P<scale2>")
    + r"\s+(?:US\s+|U\.S\.\s+)?(?P<cur>dollars?|euros?|yuan|renminbi|rubles?|roubles?|tenge|yen|pounds?|rupees?|USD|EUR|CNY|RUB|KZT)\b",
    re.I)


def find_quantities(ctx: EnContext) -> None:
    """Money figures with a measure word in the same sentence («trade ... reached $44 billion»)."""
    out: dict[tuple, Quantity] = {}
    bilateral = _main_pair(ctx, ctx.drafts)
    for s in ctx.sents:
        lows = [t.lower for t in s.tokens]
        measure = next((MEASURES[w] for w in lows if w in MEASURES), None)
        if measure is None:
            continue
        for m in _MONEY.finditer(s.text):
            num = m.group("n") or m.group("n2")
            amount = float(num.replace(",", ""))
            scale = (m.group("scale") or m.group("scale2") or "").lower()
            factor = SCALES.get(scale, 1.0)
            cur = (m.group("pre") or m.group("cur") or "").lower().rstrip("s") or "$"
            currency = CURRENCIES.get(cur) or CURRENCIES.get(cur + "s")
            countries = sorted({x.entity for x in ctx.in_sent(s.index, ("Country",))})
            if len(countries) < 2 and bilateral:
                countries = sorted(set(countries) | set(bilateral))
            year = find_year(s.text, ctx.article.date)
            qualifier = "record" if "record" in lows else ""
            ev = ctx.evidence(s, s.start + m.start(), s.start + m.end(), "en.quantity.money")
            key = (measure, amount * factor, currency)
            prev = out.get(key)
            evs: tuple = (ev,)
            if prev is not None:
                year = prev.year or year
                qualifier = prev.qualifier or qualifier
                countries = sorted(set(prev.concerns) | set(countries))
                evs = tuple(sorted(set(prev.evidence + (ev,))))
            qid = "quantity/" + hashlib.sha256(f"{ctx.article.id}|{key}".encode()).hexdigest()[:16]
            out[key] = Quantity(id=qid, measure=measure, amount=amount * factor, currency=currency,
                                unit=currency or "", year=year, concerns=tuple(countries),
                                qualifier=qualifier, evidence=evs)
    ctx.quantities.extend(out[k] for k in sorted(out, key=str))


def _main_pair(ctx: EnContext, events: list[EnDraft]) -> list[str]:
    """The two countries of the article's main bilateral meeting (through its leaders)."""
    for d in events:
        if d.kind in ("Meeting", "Visit", "PhoneCall") and len(d.participants) == 2:
            countries = []
            for p in sorted(d.participants):
                if p.startswith("country/"):
                    countries.append(p)
                    continue
                of = sorted(o for o in ctx.roles.get(p, ()) if o.startswith("country/"))
                if of:
                    countries.append(of[0])
            if len(countries) == 2:
                return countries
    return []


def chair_relations(ctx: EnContext) -> None:
    """«China's chairmanship of the SCO», «China, which chairs the SCO»: the chair is a member."""
    for s in ctx.sents:
        for t in s.tokens:
            if t.lower not in ("chairmanship", "presidency", "chairs", "chaired", "chairing"):
                continue
            country = org = None
            for m in ctx.in_sent(s.index, ("Country", "Organization")):
                if m.type == "Country" and m.last < t.i and t.i - m.last <= 3:
                    country = m.entity
                elif m.type == "Organization" and m.first > t.i and m.first - t.i <= 4 and org is None:
                    org = m.entity
            if country and org and org.startswith("org/"):
                ev = ctx.evidence(s, t.start, t.end, "en.member.chairmanship")
                ctx.relations.append(Relation(country, "memberOf", org, evidence=(ev,)))
