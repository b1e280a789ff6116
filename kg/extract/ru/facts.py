"""Facts beyond events: statements, topics, quantities, memberships and locations."""
from __future__ import annotations

import hashlib
import re

from ...kinds import met_with_kinds
from ...model import Evidence, Quantity, Relation
from ..context import Context
from ..drafts import Draft
from .dates import find_year
from .lexicon import CURRENCIES, MEASURES, SCALES, STATEMENT_VERBS, TOPIC_VERBS, TOPICS

__all__ = ["find_statements", "attach_topics", "find_quantities", "chair_relations"]

_VERB_ALT = "|".join(sorted({"сказал", "заявил", "отметил", "подчеркнул", "сообщил", "добавил",
                             "указал", "заверил", "пояснил", "признал", "напомнил", "констатировал"}))
# «...», — сказал Токаев.   /  «...» — заявил он.
_QUOTE_THEN_SPEAKER = re.compile(
    r"«(?P<q>[^«»]{8,3000})»\s*,?\s*[—–-]\s*(?P<v>(?:" + _VERB_ALT + r")[аи]?)\s+(?P<who>[^.,!?\n]{1,80})")


def _sent_of(ctx: Context, offset: int):
    for s in ctx.sents:
        if s.start <= offset < s.end:
            return s
    return None


def _speaker_in(ctx: Context, start: int, end: int) -> str | None:
    for m in sorted(ctx.mentions, key=lambda m: m.start):
        if start <= m.start < end and m.type in ("Person", "Leader"):
            return m.entity
    return None


def find_statements(ctx: Context) -> None:
    text = ctx.article.text
    out: list[Draft] = []
    used: set[int] = set()
    for m in _QUOTE_THEN_SPEAKER.finditer(text):
        who_start = m.start("who")
        speaker = _speaker_in(ctx, who_start, m.end("who"))
        s = _sent_of(ctx, who_start)
        if speaker is None or s is None:
            continue
        d = Draft(kind="Statement", sent=s.index, trigger=m.group("v"))
        d.participants[speaker] = "speaker"
        d.quote = " ".join(m.group("q").split())
        d.start = ctx.article.date
        d.evidence.append(Evidence(ctx.article.id, text[m.start(): m.end()], m.start(), m.end(),
                                   "ru.statement.quote"))
        out.append(d)
        used.add(s.index)
    # «X заявил, что ...» and «..., отметил X»
    for s in ctx.sents:
        if s.index in used:
            continue
        for t in s.tokens:
            if t.lemma not in STATEMENT_VERBS or t.pos != "VERB":
                continue
            subject = after_verb = None
            for m in ctx.in_sent(s.index, ("Person", "Leader")):
                if subject is None and s.parsed and any(
                        s.tokens[k].head == t.i and s.tokens[k].rel.startswith("nsubj") for k in m.tokens):
                    subject = m.entity
                if after_verb is None and m.first == t.i + 1:
                    after_verb = m.entity
            if subject is None and not s.parsed:
                subject = _subject_before(ctx, s, t.i)
            mm = re.match(r"\s*,\s*что\s+(.+)$", s.text[t.end - s.start:], re.S)
            before = s.text[: t.start - s.start].rstrip()
            if mm and (subject or after_verb):
                # «X заявил, что ...»
                speaker, quote = subject or after_verb, mm.group(1)
            elif after_verb and before.endswith(","):
                # «..., отметил X»: the reported clause comes first
                speaker, quote = after_verb, before.rstrip(",")
            else:
                continue
            quote = " ".join(quote.split()).rstrip(".")
            if len(quote) < 10:
                continue
            d = Draft(kind="Statement", sent=s.index, trigger=t.text)
            d.participants[speaker] = "speaker"
            d.quote = quote
            d.start = ctx.article.date
            d.evidence.append(ctx.evidence(s, t.start, t.end, "ru.statement.reported"))
            out.append(d)
            break
    ctx.drafts.extend(out)


def _subject_before(ctx: Context, s, i: int) -> str | None:
    """In a sentence the parser did not see: the person named in the nominative
    nearest before the verb at i («Президент Казахстана Касым-Жомарт Токаев заявил,
    что ...», «Он отметил», «Александр Брод, в свою очередь, сказал»), with no other
    finite verb, subordinate clause or quotation between."""
    best = None
    for m in ctx.in_sent(s.index, ("Person", "Leader")):
        if max(m.tokens) < i and s.tokens[m.first].feats.get("Case") == "Nom" \
                and not any(_breaks_subject(s.tokens[k]) for k in range(max(m.tokens) + 1, i)):
            best = m.entity
    return best


def _breaks_subject(t) -> bool:
    return (t.text in ";:«»\"" or t.lemma in ("что", "который", "чтобы")
            or (t.pos in ("VERB", "AUX") and t.feats.get("VerbForm") == "Fin"))


def attach_topics(ctx: Context) -> None:
    """Topics discussed («обсудили ... торговли, энергетики ...») go to the nearest
    preceding meeting, visit or call in the article."""
    talks = [d for d in ctx.drafts if d.kind in met_with_kinds()]
    if not talks:
        return
    for s in ctx.sents:
        lemmas = [t.lemma for t in s.tokens]
        if not set(lemmas) & TOPIC_VERBS:
            continue
        topics = {TOPICS[lm] for lm in lemmas if lm in TOPICS}
        if not topics:
            continue
        before = [d for d in talks if d.sent <= s.index] or talks
        prefer = {"Meeting": 3, "PhoneCall": 2, "Visit": 1, "Summit": 0}
        target = max(before, key=lambda d: (prefer[d.kind], d.sent))
        target.topics |= topics
        target.evidence.append(ctx.evidence(s, s.start, s.end, "ru.event.topics", 0.9))


_NUMBER = re.compile(r"(?P<n>\d+(?:[ \u00a0]\d{3})*(?:[.,]\d+)?)\s*(?P<scale>трлн|млрд|млн|тыс|триллион\w*|миллиард\w*|миллион\w*|тысяч\w*)?\.?\s*(?P<cur>доллар\w*|долл\.?|евро|рубл\w*|руб\.?|юан\w*|тенге|\$|€)", re.I)


def find_quantities(ctx: Context) -> None:
    """Money figures with a measure word in the same sentence («товарооборот ... 44 млрд долларов»)."""
    out: dict[tuple, Quantity] = {}
    bilateral = _main_pair(ctx, ctx.drafts)
    for s in ctx.sents:
        lemmas = {t.lemma for t in s.tokens}
        measure = next((MEASURES[lm] for lm in sorted(lemmas) if lm in MEASURES), None)
        if measure is None:
            continue
        for m in _NUMBER.finditer(s.text):
            amount = float(m.group("n").replace(" ", "").replace("\u00a0", "").replace(",", "."))
            scale = (m.group("scale") or "").lower()
            factor = next((v for k, v in SCALES.items() if scale.startswith(k)), 1.0)
            cur = m.group("cur").lower()
            currency = next((v for k, v in CURRENCIES.items() if cur.startswith(k)), None)
            countries = sorted({x.entity for x in ctx.in_sent(s.index, ("Country",))})
            if len(countries) < 2 and bilateral:
                countries = sorted(set(countries) | set(bilateral))
            year = find_year(s.text, ctx.article.date)
            qualifier = "record" if "рекордный" in lemmas or "рекорд" in lemmas else ""
            ev = ctx.evidence(s, s.start + m.start(), s.start + m.end(), "ru.quantity.money")
            key = (measure, amount * factor, currency)
            prev = out.get(key)
            if prev is not None:
                year = prev.year or year
                qualifier = prev.qualifier or qualifier
                countries = sorted(set(prev.concerns) | set(countries))
                evs = tuple(sorted(set(prev.evidence + (ev,))))
            else:
                evs = (ev,)
            qid = "quantity/" + hashlib.sha256(f"{ctx.article.id}|{key}".encode()).hexdigest()[:16]
            out[key] = Quantity(id=qid, measure=measure, amount=amount * factor, currency=currency,
                                unit=currency or "", year=year, concerns=tuple(countries),
                                qualifier=qualifier, evidence=evs)
    ctx.quantities.extend(out[k] for k in sorted(out, key=str))


def _main_pair(ctx: Context, events: list[Draft]) -> list[str]:
    """The two countries of the article's main bilateral meeting (through its leaders)."""
    for d in events:
        if d.kind in ("Meeting", "Visit", "PhoneCall") and len(d.participants) == 2:
            countries = []
            for p in sorted(d.participants):
                of = sorted(o for o in ctx.roles.get(p, ()) if o.startswith("country/"))
                if of:
                    countries.append(of[0])
            if len(countries) == 2:
                return countries
    return []


def chair_relations(ctx: Context) -> None:
    """«председательство Китая в ШОС»: the chair is a member of the organization."""
    for s in ctx.sents:
        for t in s.tokens:
            if t.lemma != "председательство":
                continue
            country = org = None
            for m in ctx.in_sent(s.index, ("Country", "Organization")):
                if m.first <= t.i:
                    continue
                if m.type == "Country" and country is None and org is None:
                    country = m.entity
                elif m.type == "Organization" and org is None:
                    org = m.entity
            if country and org:
                ev = ctx.evidence(s, t.start, t.end, "ru.member.chairmanship")
                ctx.relations.append(Relation(country, "memberOf", org, evidence=(ev,)))
