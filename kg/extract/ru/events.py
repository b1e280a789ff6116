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

from ..context import Context, M
from ..drafts import Draft, merge_drafts
from .dates import find_dates
from .lexicon import (
    AGREEMENT_OBJECTS,
    CANCELLED_CUES,
    DENIAL_CUES,
    EVENT_TRIGGERS,
    FACILITY_NOUNS,
    HOST_VERBS,
    INVITATIONS,
    MODAL_VERBS,
    PARTNER_TRIGGERS,
    PHONE_CUES,
    PLANNED_CUES,
    REFUSAL_CUES,
    SPORTS_CUES,
    TEMPORAL_PREPS,
)
from .nlp import Sentence, models
from .roles import is_subject as _is_subject

__all__ = ["find_events"]


def _is_trigger(s: Sentence, i: int, ctx: Context | None = None) -> str | None:
    t = s.tokens[i]
    if t.lemma in HOST_VERBS and t.pos == "VERB" and ctx is not None:
        # «Обама принимает Саркози»: hosting a person is a meeting
        # a person in the accusative after the verb (the parser often misattaches the
        # object: «принимает в Белом доме своего коллегу Николя Саркози»)
        for m in ctx.in_sent(s.index, ("Person", "Leader")):
            if m.first <= i:
                continue
            toks = [s.tokens[k] for k in m.tokens]
            heads = [s.tokens[t.head] for t in toks if t.rel == "appos" and 0 <= t.head < len(s.tokens)]
            if any(t.feats.get("Case") == "Acc" for t in toks + heads):
                return "Meeting"
        return None
    kind = EVENT_TRIGGERS.get(t.lemma)
    if kind is None and t.lemma in PARTNER_TRIGGERS and t.pos == "VERB" and ctx is not None \
            and _has_partner(ctx, s, i):
        kind = PARTNER_TRIGGERS[t.lemma]
        if kind == "Meeting" and any(x.lemma in PHONE_CUES for x in s.tokens):
            return "PhoneCall"  # «обсудили по телефону»
        if t.lemma == "связаться" and not any(x.lemma in PHONE_CUES for x in s.tokens):
            return None  # «связался с ним» by letter or through an aide: no call said
        return kind
    if kind is None:
        return None
    if t.lemma in ("встреча", "встретиться", "встречаться", "посетить") and {x.lemma for x in s.tokens} & SPORTS_CUES:
        return None  # a match and its spectators, not diplomacy
    window = {x.lemma for x in s.tokens[max(0, i - 3): i + 4]}
    if kind == "PhoneCall" and not window & PHONE_CUES:
        return None
    if kind == "Meeting" and window & PHONE_CUES:
        return "PhoneCall"
    if kind == "AgreementSigning" and not {x.lemma for x in s.tokens} & AGREEMENT_OBJECTS:
        return None
    if kind == "Visit" and t.lemma in ("прибыть", "прибывать", "прилететь"):
        # arriving is a visit only somewhere: «прибыл в Пекин», «В Пекин прибыл президент»
        if not any(x.lemma in ("в", "во") for x in s.tokens[i + 1: i + 3]) \
                and not any(x.lemma in ("в", "во") for x in s.tokens[max(0, i - 3): i]):
            return None
    # «75-летие встречи на Эльбе», «годовщина саммита»: a commemoration, not an event
    if any(x.lemma.endswith("летие") or x.lemma == "годовщина" for x in s.tokens[max(0, i - 3): i]):
        return None
    return kind


def _has_partner(ctx: Context, s: Sentence, i: int) -> bool:
    """Verb i has a person to meet or call: a phrase after «с» or in the dative among its
    dependents that holds a person («позвонил президенту Турции Эрдогану»), or two
    persons as its subject («Путин и Си обсудили»)."""
    kids = _children(s)
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
        elif _has_case(s, kids, c, ("с", "со")) or (
                t.feats.get("Case") == "Dat" and t.rel in ("iobj", "obl", "obj")
                and not any(s.tokens[g].rel == "case" for g in kids.get(c, ()))):
            return True
    return subjects >= 2


def _status(ctx: Context, s: Sentence, i: int, start: str | None, ignore: frozenset = frozenset()) -> str:
    """happened / planned / cancelled / denied, from negation, cue words and tense.

    The tense of the trigger (or of the verb governing it) decides between
    happened and planned; cue words («планирует», «предстоящий») only when
    there is no finite verb to tell.
    """
    lset = {t.lemma for t in s.tokens} - ignore
    neg_before = lambda k: k > 0 and s.tokens[k - 1].lemma == "не"  # noqa: E731
    if _cue_governs(s, i, DENIAL_CUES - ignore, hops=3):
        return "denied"
    for k, t in enumerate(s.tokens):
        if t.lemma == "состояться" and neg_before(k):
            return "cancelled"
    if _cue_governs(s, i, CANCELLED_CUES - ignore, hops=1):
        return "cancelled"
    trig = s.tokens[i]
    if trig.pos == "VERB" and neg_before(i):
        return "denied" if trig.feats.get("Tense") == "Past" else "cancelled"
    if any(t.head == i and t.rel == "amod" and t.lemma in PLANNED_CUES for t in s.tokens):
        return "planned"  # «до запланированного визита», «предстоящие переговоры»
    tense = _governing_tense(s, i)
    if i + 2 < len(s.tokens) and s.tokens[i + 1].text == "," and s.tokens[i + 2].lemma == "который":
        # «разрешили встречу, которая пройдет в понедельник»: the clause about the event tells
        relative = [s.tokens[k] for k in _clause(s, i + 2) if s.tokens[k].pos in ("VERB", "AUX")]
        if any(x.feats.get("Tense") == "Fut" for x in relative):
            tense = "Fut"
    if tense == "Fut":
        return "planned"
    if tense is None and lset & PLANNED_CUES:
        return "planned"
    if start and ctx.article.date and start > ctx.article.date:
        return "planned"
    return "happened"


def _cue_governs(s: Sentence, i: int, cues, hops: int = 2) -> bool:
    """A status cue bears on the trigger at i: it is above it in the tree («отменил
    визит», «отмена встречи», «опроверг сообщения о переговорах») or modifies it
    («отложенная встреча»). A cue elsewhere in the sentence is about something else
    («подписали соглашение о взаимной отмене виз»); an event something is moved to
    («перенести выборы на следующую встречу») is not the one moved."""
    toks = s.tokens
    if any(toks[c].head == i and toks[c].rel in ("amod", "acl") and toks[c].lemma in cues for c in range(len(toks))):
        return True
    if any(toks[c].head == i and toks[c].rel == "case" and toks[c].lemma == "на" for c in range(len(toks))):
        return False
    k, n = toks[i].head, 0
    while 0 <= k < len(toks) and n < hops:
        if toks[k].lemma in cues:
            return True
        k, n = toks[k].head, n + 1
    return False


def _governing_tense(s: Sentence, i: int) -> str | None:
    """Tense of the trigger if a finite verb, else of the nearest verb above it in
    the tree; a modal verb on the way («может посетить») makes it future."""
    k, hops, came_by = i, 0, ""
    while 0 <= k < len(s.tokens) and hops < 4:
        t = s.tokens[k]
        if k != i and t.lemma in MODAL_VERBS and (t.lemma not in INVITATIONS or came_by in ("xcomp", "acl", "obj")):
            # an invitation makes future what it invites to («пригласил посетить»), not the
            # talks in which it was made («в телефонном разговоре пригласил»)
            return "Fut"
        if t.pos in ("VERB", "AUX") and t.feats.get("Tense"):
            return t.feats["Tense"]
        k, came_by = t.head, t.rel
        hops += 1
    return None


#: nouns that may stand between «в» and a place name: «в её родном штате Аризона»
PLACE_NOUNS = {"город", "столица", "штат", "провинция", "область", "регион", "район", "край", "село",
               "поселок", "деревня", "страна", "республика", "округ", "остров", "курорт"}


def _governed_by_v(ctx: Context, s: Sentence, m: M) -> bool:
    """«в Пекине», «во Франции», «в столице Чехии Праге», «в её родном штате Аризона»:
    «в/во» before the name, over at most four modifiers, place nouns or genitive names;
    «на» before a place that is neither a city nor a country, or after a place noun."""
    k = m.first - 1
    while k >= 0 and m.first - k <= 5:
        t = s.tokens[k]
        if t.lemma in ("в", "во"):
            return True
        if t.lemma == "на" and (m.type == "Place" or k < m.first - 1):
            return True  # «на Красной площади», «на реке Эльба», «на острове Роббен»
        other = ctx.mention_at_token(s.index, k)
        if not (t.pos in ("ADJ", "DET", "PRON", "NUM") or t.lemma in PLACE_NOUNS
                or (other is not None and other.type in ("City", "Country", "Place"))):
            return False
        k -= 1
    return False


def _place(ctx: Context, s: Sentence, i: int, exclude: set[str]) -> str | None:
    """Where the event at trigger i happened: a place governed by «в» in its sentence,
    in the trigger's clause first, the nearest first (a city preferred by CITY_BONUS
    tokens over a country or region: «в Китае ... в Тяньцзине»). A place
    that ends a title before a name («с полпредом в СКФО Александром Хлопониным»,
    «посол Италии в Грузии Виторио Сандали») is the office's, not the event's."""
    clause = _clause(s, i)
    found = []
    for m in ctx.in_sent(s.index, ("City", "Country", "Place")):
        if m.entity in exclude or not _governed_by_v(ctx, s, m):
            continue
        nxt = max(m.tokens) + 1
        after = ctx.mention_at_token(s.index, nxt)
        if after is not None and after.type in ("Person", "Leader") and s.tokens[nxt].text[:1].isupper() \
                and s.tokens[m.first].feats.get("Case") != "Acc" and i not in range(m.first - 3, m.first):
            continue  # a title: «полпредом в СКФО Хлопониным», not «визита в Израиль Путин»
        if m.first not in clause and not _about_the_event(s, i, m.first):
            continue  # «переговоры об освобождении пленных, которые находятся на Донбассе»
        # the nearest wins, but a city a few words further beats a country or a region
        found.append((m.first not in clause, abs(m.first - i) + (0 if m.type == "City" else CITY_BONUS), m.entity))
    return min(found)[2] if found else None


#: verbs that say an event takes place («саммит, который пройдет во Владивостоке»)
HAPPEN_VERBS = {"пройти", "проходить", "состояться", "проводиться", "открыться", "начаться", "завершиться"}


def _about_the_event(s: Sentence, i: int, k: int) -> bool:
    """False when token k is in a relative clause («, который ...») about something
    else than the event at trigger i: its antecedent is not the trigger, and it does not
    say that something takes place («саммита АТЭС, который пройдет во Владивостоке»)."""
    c = _clause(s, k)
    first = c.start
    if first >= 2 and s.tokens[first].lemma == "который":
        return first - 2 == i or any(s.tokens[j].lemma in HAPPEN_VERBS for j in c)
    return True


#: how many tokens further a city may be than a country or region and still be chosen
CITY_BONUS = 6


def _visited_facility(ctx: Context, s: Sentence, i: int) -> str | None:
    """«посетил в императорском дворе святилище богини Аматэрасу»: the object of a visit
    verb headed by a facility noun and naming which one, as a place of its own (the
    noun phrase: the noun, its adjectives and the genitives after it)."""
    from natasha.norm import inflect_word

    toks = s.tokens
    for c in range(len(toks)):
        t = toks[c]
        if t.head != i or t.rel != "obj" or t.lemma not in FACILITY_NOUNS:
            continue
        first = c
        while first > 0 and toks[first - 1].head == c and toks[first - 1].rel in ("amod", "det"):
            first -= 1
        last = c
        while last + 1 < len(toks) and toks[last + 1].text not in _CLAUSE_BREAKS and toks[last + 1].pos != "ADP" \
                and toks[last + 1].pos not in ("VERB", "CCONJ") and toks[last + 1].feats.get("Case") in ("Gen", None):
            last += 1
        if not any(x.text[:1].isupper() for x in toks[c + 1: last + 1]):
            continue  # «посетил тюрьму», «другие святилища»: no name says which one
        surface = s.text[toks[first].start - s.start: toks[last].end - s.start]
        vocab = models()["morph_vocab"]
        words = [inflect_word(vocab, x) if k <= c else x.text for k, x in enumerate(toks[first: last + 1], first)]
        normal = " ".join(words)
        ev = ctx.evidence(s, toks[first].start, toks[last].end, "ru.event.visit.facility", 0.8)
        return ctx.table.add_unlinked(normal, "Place", ev, surface)
    return None


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
            drafts.append(_draft(ctx, s, i, kind))
    ctx.drafts.extend(merge_drafts(drafts, ctx.article.date))


def _children(s: Sentence) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for t in s.tokens:
        out.setdefault(t.head, []).append(t.i)
    return out


def _has_case(s: Sentence, kids: dict[int, list[int]], k: int, preps: tuple[str, ...]) -> bool:
    return any(s.tokens[c].rel == "case" and s.tokens[c].lemma in preps for c in kids.get(k, ()))


def _linked(s: Sentence, i: int) -> set[int]:
    """Tokens tied to trigger i by syntax: its subject (or its governing verb's),
    «с»-phrases, genitive dependents of a trigger noun, and their conjuncts,
    appositions and name parts."""
    toks, kids = s.tokens, _children(s)
    anchors = [i]
    t = toks[i]
    if t.pos != "VERB" and 0 <= t.head < len(toks):
        anchors.append(t.head)  # «провел переговоры», «на встрече ... отметил»
        h = toks[t.head]
        if h.pos != "VERB" and 0 <= h.head < len(toks) and toks[h.head].pos == "VERB":
            anchors.append(h.head)  # «принял приглашение участвовать в саммите»
    # a verb sharing its subject with the verb it is conjoined to: «поблагодарил ... и подтвердил участие»
    for a in list(anchors):
        if toks[a].pos == "VERB" and toks[a].rel == "conj" and 0 <= toks[a].head < len(toks) \
                and not any(toks[c].rel.startswith("nsubj") for c in kids.get(a, ())):
            anchors.append(toks[a].head)
    seeds: set[int] = set()
    if t.rel == "xcomp" and 0 <= t.head < len(toks) and toks[t.head].pos == "VERB":
        # «пригласил премьер-министра посетить США»: the object of the verb above does it,
        # else its subject («решил посетить»)
        above = kids.get(t.head, ())
        objects = [c for c in above if toks[c].rel in ("obj", "iobj")]
        seeds.update(objects or [c for c in above if toks[c].rel.startswith("nsubj")])
    for a in anchors:
        for c in kids.get(a, ()):
            rel = toks[c].rel
            if rel.startswith("nsubj") or rel == "obl:agent":
                seeds.add(c)
                if toks[c].lemma == "который" and toks[a].rel == "acl:relcl" and 0 <= toks[a].head < len(toks):
                    seeds.add(toks[a].head)  # «Обама, который в телефонном разговоре ...»
            elif a != i and rel in ("obj", "iobj") and toks[a].pos == "VERB":
                seeds.add(c)  # «в телефонном разговоре поздравил Мигеля»
            elif rel in ("obl", "nmod", "obj", "iobj") and _has_case(s, kids, c, ("с", "со")):
                seeds.add(c)
            elif a == i and rel == "nmod" and toks[c].feats.get("Case") == "Gen":
                seeds.add(c)  # «встреча Путина и Си»
            elif a == i and rel == "det" and toks[c].lemma in ("его", "её", "ее", "свой"):
                seeds.add(c)  # «его встреча с ...»: the possessive's person (kg.extract.ru.roles)
            elif a == i and rel in ("obj", "iobj") and toks[a].pos == "VERB":
                seeds.add(c)  # «посетил Обаму»? kept only if a person (see caller)
            elif a == i and rel == "obl" and toks[a].pos == "VERB" and toks[c].feats.get("Case") == "Dat" \
                    and not any(toks[g].rel == "case" for g in kids.get(c, ())):
                seeds.add(c)  # «позвонил Эрдогану»
    out: set[int] = set()
    stack = list(seeds)
    while stack:
        k = stack.pop()
        if k in out:
            continue
        out.add(k)
        for c in kids.get(k, ()):
            if toks[c].rel in ("conj", "appos", "flat:name", "flat") and c not in out:
                stack.append(c)
    return out


def _participants(ctx: Context, s: Sentence, i: int, kind: str, guessed: set[str] | None = None) -> list[M]:
    """The persons of sentence s tied to the trigger at i; those a surface fallback chose (no
    parse tie) are also added to ``guessed``."""
    persons = ctx.in_sent(s.index, ("Person", "Leader"))
    tied = _linked(s, i)
    tied |= _named_in_descriptors(s, tied)
    tied |= _relative_antecedents(ctx, s, tied)
    if s.tokens[i].pos == "NOUN":
        tied |= _genitive_list(ctx, s, i)
    chosen = [m for m in persons if set(m.tokens) & tied]
    # «посетит тюрьму, в которой находился Мандела»: a relative clause is about its antecedent
    chosen = [m for m in chosen if not _in_other_relative_clause(s, i, m.first)]
    if kind in ("Meeting", "PhoneCall") and not any(_is_subject(s, m) for m in chosen):
        # «на встречу с Виктором прибудут его дочь Лиза и мать Раиса»: when the parser
        # found no subject, the names in the nominative in the trigger's clause are the
        # other side
        clause = _clause(s, i)
        extra = [m for m in persons if m not in chosen and m.first in clause and _nominative(s, m)]
        chosen += extra
        if guessed is not None:
            guessed.update(m.entity for m in extra)
    # the fallback below does not reach into another subordinate clause («..., что он
    # намерен передать власть сыну — принцу Тамиму» is not the other side of the meeting)
    others = [m for m in persons if m.entity not in {c.entity for c in chosen} and not _subordinated(s, i, m.first)]
    if kind in ("Meeting", "PhoneCall") and len({m.entity for m in chosen}) == 1 \
            and len({m.entity for m in others}) == 1 and all(_free_argument(s, m) for m in others):
        # one side tied by syntax, one other person in the sentence who is nobody
        # else's agent or attribute: the other side (the parser often misattaches «с»-phrases)
        chosen = chosen + others
        if guessed is not None:
            guessed.update(m.entity for m in others)
    return chosen


#: words that open a subordinate clause after a comma
SUBORDINATORS = {"что", "чтобы", "который", "если", "когда", "где", "хотя", "поскольку", "потому"}


def _subordinated(s: Sentence, i: int, k: int) -> bool:
    """A subordinate clause opens after trigger i and before token k («, что ...», «, в
    которой ...»). The other way round («Он сообщил, что во время встречи с ...») the
    one who reports is often the one who met."""
    a, b = i, k
    for j in range(a + 1, b + 1):
        if s.tokens[j - 1].text == "," and (s.tokens[j].lemma in SUBORDINATORS or (
                j + 1 <= b and s.tokens[j].pos == "ADP" and s.tokens[j + 1].lemma == "который")):
            return True
    return False


def _in_other_relative_clause(s: Sentence, i: int, k: int) -> bool:
    """Token k is in a relative clause («, который ...», «, в которой ...») and the
    trigger at i is not."""
    c = _clause(s, k)
    opener = s.tokens[c.start: c.start + 2]
    return i not in c and any(t.lemma == "который" for t in opener)


def _nominative(s: Sentence, m: M) -> bool:
    return s.tokens[m.first].feats.get("Case") == "Nom"


#: punctuation that closes a clause for the surface rules below
_CLAUSE_BREAKS = {",", ";", ":", "—", "–", "«", "»", "(", ")", "\"", "!", "?"}


def _clause(s: Sentence, i: int) -> range:
    """Token indexes of the stretch around token i between two clause breaks."""
    a = i
    while a > 0 and s.tokens[a - 1].text not in _CLAUSE_BREAKS:
        a -= 1
    b = i
    while b + 1 < len(s.tokens) and s.tokens[b + 1].text not in _CLAUSE_BREAKS:
        b += 1
    return range(a, b + 1)


def _named_in_descriptors(s: Sentence, tied: set[int]) -> set[int]:
    """«с заместителем министра иностранных дел Грузии Александром Налбандовым»: the
    parser hangs the name on the nearest noun («министра»); an apposition in the case
    of a tied noun, anywhere below it, names that noun."""
    toks, kids = s.tokens, _children(s)
    out: set[int] = set()
    for k in tied:
        case = toks[k].feats.get("Case")
        if toks[k].pos != "NOUN" or not case:
            continue
        stack, seen = list(kids.get(k, ())), set()
        while stack:
            c = stack.pop()
            if c in seen or c == k:
                continue
            seen.add(c)
            if toks[c].rel == "appos" and toks[c].feats.get("Case") == case:
                out.add(c)
            if toks[c].rel in ("nmod", "appos", "flat:name", "flat", "amod", "conj"):
                stack.extend(kids.get(c, ()))
    return out


def _relative_antecedents(ctx: Context, s: Sentence, tied: set[int]) -> set[int]:
    """«Барак Обама, который в телефонном разговоре пригласил ...»: a tied «который»
    stands for the name right before its comma, whatever the parser made of it."""
    out: set[int] = set()
    for k in tied:
        if s.tokens[k].lemma == "который" and k >= 2 and s.tokens[k - 1].text == ",":
            m = ctx.mention_at_token(s.index, k - 2)
            if m is not None:
                out.update(m.tokens)
    return out


def _genitive_list(ctx: Context, s: Sentence, i: int) -> set[int]:
    """«встречи А.Вебера и канцлера ФРГ А.Меркель»: the names in the genitive right
    after a trigger noun, over «и» and genitive descriptors, up to anything else."""
    out: set[int] = set()
    k = i + 1
    while k < len(s.tokens):
        m = ctx.mention_at_token(s.index, k)
        t = s.tokens[k]
        if m is not None:
            if m.type in ("Person", "Leader") and s.tokens[m.first].feats.get("Case") in ("Gen", None):
                out.update(m.tokens)
            k = max(m.tokens) + 1
            continue
        if t.lemma == "и" or (t.pos in ("NOUN", "ADJ", "PROPN") and t.feats.get("Case") == "Gen"):
            k += 1
            continue
        break
    return out


def _free_argument(s: Sentence, m: M) -> bool:
    """Not the agent of another verb, and not a genitive attribute of another noun
    («с семьей бывшего президента ЮАР Нельсона Манделы»)."""
    head_rels = {s.tokens[k].rel for k in m.tokens if s.tokens[k].head not in m.tokens}
    return not head_rels & {"obl:agent", "nmod", "nsubj:pass"} and s.tokens[m.first].feats.get("Case") != "Gen"


def _draft(ctx: Context, s: Sentence, i: int, kind: str) -> Draft:
    t = s.tokens[i]
    d = Draft(kind=kind, sent=s.index, trigger=t.text)
    if kind == "Summit" and any(x.lemma in TEMPORAL_PREPS for x in s.tokens[max(0, i - 2): i]):
        # «накануне саммита ШОС»: the summit is named, nothing else in the sentence is about it
        d.reference = True
        d.organizer = _organizer(ctx, s, i)
        d.place = _place(ctx, s, i, set())  # «до саммита АТЭС, который пройдет во Владивостоке»
        d.status = "planned" if ctx.article.date else "happened"
        d.evidence.append(ctx.evidence(s, t.start, t.end, f"ru.event.{kind.lower()}.reference", 0.6))
        return d
    persons = _participants(ctx, s, i, kind, d.guessed)
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
        tied = _linked(s, i)
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
        d.place = _visited_facility(ctx, s, i)
    if d.place is None and kind != "PhoneCall":
        # a call joins two places: a place in its sentence is where something else happened
        d.place = _place(ctx, s, i, place_exclude)
    dates = find_dates(s.text, ctx.article.date)
    if dates:
        # the date expression nearest to the trigger
        rel = t.start - s.start
        best = min(dates, key=lambda x: abs(x.start - rel))
        d.start, d.end = best.begin, best.finish
        d.dated_by_text = True
    d.status = _status(ctx, s, i, d.start, ignore=REFUSAL_CUES if refusal else frozenset())
    if not d.start and d.status == "happened":
        d.start = ctx.article.date
    if kind in ("Meeting", "Visit", "PhoneCall") and any(x.lemma in ("полях", "поле", "рамка") for x in s.tokens):
        d.parts_of.add(-1)  # marks "on the sidelines of" a summit in the article; resolved in _merge
    d.evidence.append(ctx.evidence(s, t.start, t.end, f"ru.event.{kind.lower()}"))
    return d


def _roles_for(kind: str, s: Sentence, i: int, persons: list[M]) -> dict[str, str]:
    """host/guest for visits and «принимать»; signatory for signings."""
    if kind == "AgreementSigning":
        return {m.entity: "signatory" for m in persons}
    roles: dict[str, str] = {}
    trig = s.tokens[i]
    for m in persons:
        rels = {s.tokens[k].rel for k in m.tokens}
        subj = any(r.startswith("nsubj") for r in rels)
        if trig.lemma in HOST_VERBS:
            roles[m.entity] = "host" if subj else "guest"
        elif kind == "Visit" and subj:
            roles[m.entity] = "guest"
    return roles
