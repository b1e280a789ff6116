"""Events from trigger words: kind, participants, place, dates and status.

A trigger (a noun such as «переговоры», «саммит», «визит» or a verb such as
«встретиться», «посетить», «подписать») opens an event in its sentence. Its
participants are the persons of the sentence (names, role phrases and
pronouns resolved earlier); its place is a city (or country) governed by «в»;
its dates come from the sentence or, for an event that happened, the
article's date; its status from tense, negation and cue words. Reports of the
same event inside one article are merged.
"""
from __future__ import annotations

from dataclasses import replace

from ..context import Context, M
from ..drafts import Draft, merge_drafts
from .anaphora import participants_by_pronoun
from .dates import find_dates
from .lexicon import (
    AGREEMENT_OBJECTS,
    ARRIVAL_VERBS,
    EVENT_TRIGGERS,
    HOST_VERBS,
    PARTNER_OBJECTS,
    PARTNER_TRIGGERS,
    PHONE_CUES,
    REFUSAL_CUES,
    SPORTS_CUES,
    TEMPORAL_PREPS,
)
from .nlp import Sentence
from .participants import (
    children,
    has_case,
    linked,
    participants,
    phrase_of,
    takes_part,
)
from .places import dependent_place, place_of, visited_facility
from .roles import is_subject
from .status import status

__all__ = ["find_events"]


def _is_trigger(s: Sentence, i: int, ctx: Context | None = None) -> str | None:
    t = s.tokens[i]
    if t.lemma in HOST_VERBS and t.pos == "VERB" and ctx is not None:
        # «Обама принимает Саркози»: hosting a person is a meeting
        # a person in the accusative after the verb (the parser often misattaches the
        # object: «принимает в Белом доме своего коллегу Николя Саркози»)
        passive = t.feats.get("Voice") == "Pass"
        led = linked(s, i) if passive else set()
        for m in ctx.in_sent(s.index, ("Person", "Leader")):
            if m.first <= i:
                continue
            toks = [s.tokens[k] for k in m.tokens]
            heads = [s.tokens[t.head] for t in toks if t.rel == "appos" and 0 <= t.head < len(s.tokens)]
            if passive:
                # «Матвиенко была принята премьер-министром Путиным»: the agent hosts
                if any(x.feats.get("Case") == "Ins" for x in toks + heads) and set(m.tokens) & led:
                    return "Meeting"
            elif any(t.feats.get("Case") == "Acc" for t in toks + heads) or _hosted_genitive(s, i, m):
                return "Meeting"
            elif _leads_group(s, m):
                return "Meeting"  # «принял делегацию во главе с министром ...»
        return None
    kind = EVENT_TRIGGERS.get(t.lemma)
    if kind is None and t.lemma in PARTNER_TRIGGERS and t.pos == "VERB" and ctx is not None \
            and _has_partner(ctx, s, i):
        kind = PARTNER_TRIGGERS[t.lemma]
        if t.lemma in PARTNER_OBJECTS and not any(
                x.head == i and x.lemma in PARTNER_OBJECTS[t.lemma] for x in s.tokens):
            return None  # «обменялись пленными»
        if kind == "Meeting" and any(x.lemma in PHONE_CUES for x in s.tokens):
            return "PhoneCall"  # «обсудили по телефону»
        if t.lemma == "связаться" and not any(x.lemma in PHONE_CUES for x in s.tokens):
            return None  # «связался с ним» by letter or through an aide: no call said
        return kind
    if kind is None:
        return None
    f = t.feats
    if t.pos == "ADJ" or (f.get("VerbForm") == "Part" and f.get("Voice") == "Pass" and f.get("Tense") == "Pres"):
        return None  # «самого посещаемого здания», «обсуждаемый договор»: a property, not an event
    if t.lemma in ("встреча", "встретиться", "встречаться", "посетить") and {x.lemma for x in s.tokens} & SPORTS_CUES:
        return None  # a match and its spectators, not diplomacy
    window = {x.lemma for x in s.tokens[max(0, i - 3): i + 4]}
    # «провел встречу с Лукашенко по видеосвязи»: a phone cue the parse hangs on the trigger
    # or on its verb, however far
    window |= {x.lemma for x in s.tokens if x.lemma in PHONE_CUES and x.head in (i, t.head) and x.head >= 0}
    if kind == "PhoneCall" and not window & PHONE_CUES and t.lemma != "созвониться":
        return None
    if kind == "Meeting" and window & PHONE_CUES:
        return "PhoneCall"
    if kind == "AgreementSigning" and not {x.lemma for x in s.tokens} & AGREEMENT_OBJECTS:
        return None
    if kind == "Visit" and t.lemma in ARRIVAL_VERBS:
        # arriving is a visit only somewhere: «прибыл в Пекин», «В Пекин прибыл президент»
        if not any(x.lemma in ("в", "во") for x in s.tokens[i + 1: i + 3]) \
                and not any(x.lemma in ("в", "во") for x in s.tokens[max(0, i - 3): i]):
            return None
    # «75-летие встречи на Эльбе», «годовщина саммита»: a commemoration, not an event
    if any(x.lemma.endswith("летие") or x.lemma == "годовщина" for x in s.tokens[max(0, i - 3): i]):
        return None
    return kind


def _attended(s: Sentence, i: int) -> bool:
    """The trigger is a bare noun under a participation verb («Во встрече приняли участие …»,
    «На переговорах присутствовали …»): the event is one the article told before."""
    t, toks = s.tokens[i], s.tokens
    if t.pos != "NOUN" or not 0 <= t.head < len(toks) or not takes_part(s, children(s), t.head):
        return False
    return not any(x.head == i and x.rel in ("nmod", "acl", "acl:relcl") for x in toks)


def _leads_group(s: Sentence, m: M) -> bool:
    """The name leads a group the host received: «во главе с» stands just before it, with no
    punctuation between («делегацию во главе с министром иностранных дел Китая Ян Цзечи»)."""
    for j in range(max(0, m.first - 8), m.first - 2):
        if [x.lemma for x in s.tokens[j: j + 3]] == ["в", "глава", "с"]:
            return not any(x.pos == "PUNCT" for x in s.tokens[j + 3: m.first])
    return False


def _hosted_genitive(s: Sentence, i: int, m: M) -> bool:
    """«принял в Елисейском дворце Владимира Зеленского»: an animate masculine accusative
    reads as a genitive, and the parser hangs it on the place before it. The verb's own
    object in the genitive, or a genitive on the noun of the verb's «в/на» phrase."""
    toks = s.tokens
    inside = set(m.tokens)
    head = next((k for k in m.tokens if toks[k].head not in inside), m.first)
    if toks[head].feats.get("Case") != "Gen" or toks[head].feats.get("Animacy", "Anim") != "Anim":
        return False
    h = toks[head].head
    if h == i:
        return toks[head].rel in ("obj", "iobj")
    return 0 <= h < len(toks) and toks[h].head == i and toks[h].rel.startswith("obl") and h < head \
        and any(toks[c].head == h and toks[c].lemma in ("в", "на") for c in range(len(toks)))


def _has_partner(ctx: Context, s: Sentence, i: int) -> bool:
    """Verb i has a person to meet or call: a phrase after «с» or in the dative among its
    dependents that holds a person («позвонил президенту Турции Эрдогану»), or two
    persons as its subject («Путин и Си обсудили»)."""
    kids = children(s)
    people = {k for m in ctx.in_sent(s.index, ("Person", "Leader")) for k in m.tokens}
    subjects = 0
    for c in kids.get(i, ()):
        t = s.tokens[c]
        phrase, stack = set(), [c]
        while stack:  # the dependent's phrase: its name parts, appositions, attributes
            k = stack.pop()
            phrase.add(k)
            stack += [g for g in kids.get(k, ()) if s.tokens[g].rel in ("appos", "flat:name", "flat", "nmod", "conj")]
        if not phrase & people:
            continue
        if t.rel.startswith("nsubj"):
            subjects += 1 + sum(1 for k in phrase if s.tokens[k].rel == "conj")
        elif has_case(s, kids, c, ("с", "со")) or (
                t.feats.get("Case") == "Dat" and t.rel in ("iobj", "obl", "obj")
                and not any(s.tokens[g].rel == "case" for g in kids.get(c, ()))):
            return True
    return subjects >= 2


#: what frames a summit as the time of something else: «во время саммита», «в ходе саммита»,
#: «на саммите»
_DURING = {("во", "время"), ("в", "время"), ("в", "ход"), ("на",)}


def _within_summit(s: Sentence) -> bool:
    """The sentence puts its other events within a summit: on its sidelines («на полях», «в
    рамках») or during it («Во время саммита ШОС Путин встретился с Си», «на саммите»)."""
    toks = s.tokens
    if any(x.lemma in ("полях", "поле", "рамка") for x in toks):
        return True
    for k, t in enumerate(toks):
        if EVENT_TRIGGERS.get(t.lemma) != "Summit":
            continue
        j = k
        while j > 0 and toks[j - 1].pos == "ADJ":
            j -= 1  # «на юбилейном саммите»
        before = tuple(x.lemma for x in toks[max(0, j - 2): j])
        if before[-1:] == ("на",) or before in _DURING:
            return True
    return False


def _ordinal(s: Sentence, i: int) -> int | None:
    for t in s.tokens[max(0, i - 3): i]:
        digits = "".join(ch for ch in t.text.split("-")[0] if ch.isdigit())
        if digits and ("-" in t.text or t.pos == "ADJ"):
            return int(digits)
    return None


def _organizer(ctx: Context, s: Sentence, i: int) -> str | None:
    for k in range(i + 1, min(i + 4, len(s.tokens))):
        m = ctx.mention_at_token(s.index, k)
        if m is not None and m.type == "Organization":
            return m.entity
    return None


def find_events(ctx: Context) -> None:
    drafts: list[Draft] = []
    for s in ctx.sents:
        for i, t in enumerate(s.tokens):
            kind = _is_trigger(s, i, ctx)
            if kind is None:
                continue
            d = _draft(ctx, s, i, kind)
            if kind == "Visit" and t.lemma in ARRIVAL_VERBS and not d.participants:
                continue  # an arrival of nobody the article names is no visit
            drafts += _bilateral(ctx, s, i, d)
    participants_by_pronoun(ctx, drafts)
    ctx.drafts.extend(merge_drafts(drafts, ctx.article.date))


def _bilateral(ctx: Context, s: Sentence, i: int, d: Draft) -> list[Draft]:
    """«провел двусторонние встречи с Моди, Си и Эрдоганом», «встречи с X и Y»: meetings in
    the plural (or bilateral ones) with several partners are one meeting with each, not one
    meeting of all (Modi did not meet Xi there)."""
    t, toks = s.tokens[i], s.tokens
    if d.kind != "Meeting" or t.pos != "NOUN" or not (
            (t.feats.get("Number") == "Plur" and t.lemma != "переговоры")
            or any(x.head == i and x.lemma == "двусторонний" for x in toks)):
        return [d]
    kids = children(s)
    anchors = [i] + ([t.head] if 0 <= t.head < len(toks) and toks[t.head].pos == "VERB" else [])
    phrase = phrase_of(s, kids, [c for a in anchors for c in kids.get(a, ()) if has_case(s, kids, c, ("с", "со"))])
    partners = sorted({m.entity for m in ctx.in_sent(s.index, ("Person", "Leader"))
                       if set(m.tokens) & phrase and m.entity in d.participants})
    hosts = {p: r for p, r in d.participants.items() if p not in partners}
    if len(partners) < 2 or not hosts:
        return [d]
    out = []
    for p in partners:
        one = replace(d, participants={**hosts, p: d.participants[p]}, guessed=set(d.guessed) & ({p} | set(hosts)),
                      topics=set(d.topics), evidence=list(d.evidence), parts_of=set(d.parts_of))
        out.append(one)
    return out


def _draft(ctx: Context, s: Sentence, i: int, kind: str) -> Draft:
    t = s.tokens[i]
    d = Draft(kind=kind, sent=s.index, trigger=t.text)
    if kind == "Summit" and any(x.lemma in TEMPORAL_PREPS for x in s.tokens[max(0, i - 2): i]):
        # «накануне саммита ШОС»: the summit is named, nothing else in the sentence is about it
        d.reference = True
        d.organizer = _organizer(ctx, s, i)
        d.place = place_of(ctx, s, i, set())  # «до саммита АТЭС, который пройдет во Владивостоке»
        d.status = "planned" if ctx.article.date else "happened"
        d.evidence.append(ctx.evidence(s, t.start, t.end, f"ru.event.{kind.lower()}.reference", 0.6))
        return d
    persons = participants(ctx, s, i, kind, d.guessed)
    d.attendance = _attended(s, i)
    if t.lemma in HOST_VERBS:
        persons += [m for m in ctx.in_sent(s.index, ("Person", "Leader"))
                    if m.first > i and m not in persons and (_hosted_genitive(s, i, m) or _leads_group(s, m))]
    organizer = _organizer(ctx, s, i) if kind in ("Summit", "Meeting") else None
    role_of = _roles_for(kind, s, i, persons)
    refusal = kind == "Summit" and any(x.lemma in REFUSAL_CUES for x in s.tokens)
    if refusal:
        # «X отказался от участия в саммите»: X declines; the summit itself goes on
        for m in persons:
            if any(s.tokens[k].rel.startswith("nsubj") for k in m.tokens) or len(persons) == 1:
                role_of[m.entity] = "declined"
    for m in persons:
        d.participants.setdefault(m.entity, role_of.get(m.entity, "participant"))
    if organizer:
        d.organizer = organizer
    if kind == "Summit":
        d.ordinal = _ordinal(s, i)
    if not d.participants and kind in ("Meeting", "PhoneCall", "AgreementSigning"):
        # talks between countries («переговоры России и Китая»)
        tied = linked(s, i)
        for m in ctx.in_sent(s.index, ("Country",)):
            if set(m.tokens) & tied:
                d.participants.setdefault(m.entity, "participant")
    place_exclude = set(d.participants)
    if kind == "Visit" and t.pos == "VERB":
        # «посетил Москву»: the visited place is the object
        for m in ctx.in_sent(s.index, ("City", "Country", "Place")):
            if any(s.tokens[k].head == i and s.tokens[k].rel == "obj" for k in m.tokens):
                d.place = m.entity
                break
    if d.place is None and kind == "Visit" and t.pos == "VERB":
        d.place = visited_facility(ctx, s, i)
    if d.place is None and kind != "PhoneCall":
        # a call joins two places: a place in its sentence is where something else happened
        d.place = dependent_place(ctx, s, i, place_exclude) or place_of(ctx, s, i, place_exclude)
    dates = find_dates(s.text, ctx.article.date)
    if dates:
        # the date expression nearest to the trigger
        rel = t.start - s.start
        best = min(dates, key=lambda x: abs(x.start - rel))
        d.start, d.end = best.begin, best.finish
        d.dated_by_text = True
    d.status = status(ctx, s, i, d.start, ignore=REFUSAL_CUES if refusal else frozenset())
    if not d.start and d.status == "happened":
        d.start = ctx.article.date
    if kind in ("Meeting", "Visit", "PhoneCall") and _within_summit(s):
        d.parts_of.add(-1)  # marks "part of" the article's summit; resolved in kg.extract.pipeline.run
    d.evidence.append(ctx.evidence(s, t.start, t.end, f"ru.event.{kind.lower()}"))
    return d


def _visited_person(s: Sentence, i: int, m: M) -> bool:
    """The name is (in) a bare dative on the visit noun or on the verb it hangs on: whom the
    visit is to («нанес визит президенту Ливии Каддафи»)."""
    toks = s.tokens
    v = toks[i].head
    for k in m.tokens:
        h = k
        while 0 <= toks[h].head < len(toks) and toks[h].rel in ("appos", "flat:name", "flat") \
                and toks[h].head not in (i, v):
            h = toks[h].head
        bare = not any(x.head == h and x.rel == "case" for x in toks)
        if toks[h].head in (i, v) and toks[h].feats.get("Case") == "Dat" and bare \
                and toks[h].rel in ("iobj", "obl", "obj", "nmod"):
            return True
    return False


def _roles_for(kind: str, s: Sentence, i: int, persons: list[M]) -> dict[str, str]:
    """host/guest for visits and «принимать»; signatory for signings."""
    if kind == "AgreementSigning":
        return {m.entity: "signatory" for m in persons}
    roles: dict[str, str] = {}
    trig = s.tokens[i]
    for m in persons:
        subj = is_subject(s, m)
        if trig.lemma in HOST_VERBS:
            # the passive turns it round: «была принята Путиным»
            roles[m.entity] = "host" if subj != (trig.feats.get("Voice") == "Pass") else "guest"
        elif kind == "Visit" and (subj or (trig.pos == "NOUN" and any(
                s.tokens[k].head == i and s.tokens[k].rel == "nmod" and s.tokens[k].feats.get("Case") == "Gen"
                for k in m.tokens))):
            roles[m.entity] = "guest"  # «Моди посетил …», «визит Моди в Москву»
        elif kind == "Visit" and trig.rel.startswith("acl") and trig.head in m.tokens:
            roles[m.entity] = "guest"  # «с прибывшим в Москву Эрдоганом»
        elif kind == "Visit" and trig.pos == "NOUN" and _visited_person(s, i, m):
            roles[m.entity] = "host"  # «нанес визит президенту Ливии Каддафи»
    return roles
