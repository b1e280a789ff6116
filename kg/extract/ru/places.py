"""Where an event happened: the place of a trigger's sentence that syntax and the text
give to the event (kg.extract.ru.events calls these for each report of an event).

In order of trust: the object of a visit verb («посетил Москву») or the facility it names
(:func:`visited_facility`); a place the parser hangs on the trigger itself
(:func:`dependent_place`); else the nearest place governed by «в» in the trigger's clause
(:func:`place_of`), a city before a country, never one that ends an office title or belongs
to another verb's clause. The learned linker (:mod:`.linking`) fills a place none of these
finds.
"""
from __future__ import annotations

from ..context import Context, M
from .lexicon import FACILITY_NOUNS
from .nlp import Sentence, models
from .participants import CLAUSE_BREAKS, children, clause_range, has_case, verb_above

__all__ = ["PLACE_NOUNS", "HAPPEN_VERBS", "CITY_BONUS", "TOPIC_PREPS", "DISCUSSION_VERBS", "place_of",
           "dependent_place", "visited_facility", "in_topic"]


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


def place_of(ctx: Context, s: Sentence, i: int, exclude: set[str]) -> str | None:
    """Where the event at trigger i happened: a place governed by «в» in its sentence,
    in the trigger's clause first, the nearest first (a city preferred by CITY_BONUS
    tokens over a country or region: «в Китае ... в Тяньцзине»). A place
    that ends a title before a name («с полпредом в СКФО Александром Хлопониным»,
    «посол Италии в Грузии Виторио Сандали») is the office's, not the event's."""
    clause = clause_range(s, i)
    found = []
    for m in ctx.in_sent(s.index, ("City", "Country", "Place")):
        if m.entity in exclude or not _governed_by_v(ctx, s, m) or in_topic(s, i, m):
            continue
        if _in_title(ctx, s, i, m):
            continue
        if m.first not in clause and not _about_the_event(s, i, m.first):
            continue  # «переговоры об освобождении пленных, которые находятся на Донбассе»
        if not _same_verb(s, i, m):
            continue  # «встречалась с Яшиным, с которым появлялась на митингах в Москве»
        # the nearest wins, but a city a few words further beats a country or a region
        found.append((m.first not in clause, abs(m.first - i) + (0 if m.type == "City" else CITY_BONUS), m.entity))
    return min(found)[2] if found else None


def _in_title(ctx: Context, s: Sentence, i: int, m: M) -> bool:
    """A place that ends a title before a name: «с полпредом в СКФО Хлопониным», not
    «визита в Израиль Путин» (an accusative, or just after the trigger)."""
    nxt = max(m.tokens) + 1
    after = ctx.mention_at_token(s.index, nxt)
    # the office stands before the preposition: «В Анкаре Руденко провел …» opens no title
    k = m.first - 1
    while k >= 0 and s.tokens[k].pos in ("ADJ", "DET", "ADP"):
        k -= 1
    office = k >= 0 and s.tokens[k].pos in ("NOUN", "PROPN")
    if not (office and after is not None and after.type in ("Person", "Leader") and s.tokens[nxt].text[:1].isupper()
            and s.tokens[m.first].feats.get("Case") != "Acc" and i not in range(m.first - 3, m.first)):
        return False
    # the office and the name agree in case («послом Италии в Грузии Сандали»); «во время
    # саммита НАТО в Вильнюсе Джо Байден встретился»: a genitive noun and a nominative name
    while k > 0 and s.tokens[k].feats.get("Case") == "Gen" and s.tokens[k - 1].pos in ("NOUN", "PROPN", "ADJ"):
        k -= 1  # over the office's genitive complement («посол Италии»)
    office_case, name_case = s.tokens[k].feats.get("Case"), s.tokens[nxt].feats.get("Case")
    return not (office_case and name_case and office_case != name_case)


#: prepositions that make a phrase what an event is about («переговоры по Сирии»)
TOPIC_PREPS = ("о", "об", "обо", "по", "насчет", "насчёт", "относительно", "вокруг")
#: verbs whose object is what was discussed («обсудили ситуацию в Сирии»)
DISCUSSION_VERBS = frozenset({"обсудить", "обсуждать"})


def in_topic(s: Sentence, i: int, m: M) -> bool:
    """The place is inside what the event at trigger i is about, not where it happened:
    «обсудили ситуацию в Сирии», «переговоры о конфликте на Украине». Climbing the tree
    from the place to the trigger, a phrase governed by a topic preposition, or the
    object of a discussion verb, is passed. A city is the topic only when it is governed
    so itself («переговоры о Москве»): the parser hangs the city of the talks on their
    subject («подписали соглашение о границах в Худжанде»), and talks are about countries
    and regions more often than about cities."""
    toks = s.tokens
    kids = children(s)
    inside = set(m.tokens)
    k = next((j for j in m.tokens if toks[j].head not in inside), m.first)
    own = k
    seen: set[int] = set()
    while 0 <= k < len(toks) and k != i and k not in seen:
        seen.add(k)
        if k != own and m.type == "City":
            return False  # a city under another noun is mostly where: «соглашение о границах в Худжанде»
        if has_case(s, kids, k, TOPIC_PREPS):
            return True
        if toks[k].head == i and toks[k].rel == "obj" and toks[i].lemma in DISCUSSION_VERBS:
            return True
        k = toks[k].head
    return False


def dependent_place(ctx: Context, s: Sentence, i: int, exclude: set[str]) -> str | None:
    """A place the parser hangs on the trigger itself, which syntax says is the event's
    before any nearer one: «во время визита в Сингапур» (not the «в Лондоне» before
    it), «переговоры в столице Китая Пекине» (through a place noun). A genitive
    («при посещении Санкт-Петербурга») was tried and left out: on NEREL v1.1 train it
    added two places the gold does not give, one of them a visit that was banned."""
    toks = s.tokens
    kids = children(s)
    for m in ctx.in_sent(s.index, ("City", "Country", "Place")):
        if m.entity in exclude or _in_title(ctx, s, i, m):
            continue
        inside = set(m.tokens)
        for k in m.tokens:
            h = toks[k].head
            if h in inside or not 0 <= h < len(toks):
                continue
            node = k
            if h != i and toks[h].lemma in PLACE_NOUNS and toks[k].rel in ("appos", "flat", "nmod"):
                node = h  # «в столице Китая Пекине»: the place noun carries the preposition
            if toks[node].head != i:
                continue
            rel = toks[node].rel
            if rel.startswith(("obl", "nmod")) and has_case(s, kids, node, ("в", "во", "на")):
                return m.entity
    return None


def _same_verb(s: Sentence, i: int, m: M) -> bool:
    """Whether a place belongs to the clause of the event at trigger i: the nearest verb
    above the place is the trigger's own (the trigger, or the verb that governs a
    trigger noun: «провел переговоры в Пекине»). A place under another verb is that
    verb's: «…, с которым появлялась на митингах в Москве», «и призывал бойкотировать
    игры в Сочи», unless that verb says something takes place («саммит, который пройдет
    в …»). The parser misattaches places, so its word is taken only when the text agrees:
    the place stands in another clause or beyond another verb («Обама, находящийся с
    визитом в ЮАР, встретился в субботу в Йоханнесбурге»: the parser hangs the city on
    «находящийся»). Unparsed sentences, and a clause that points back to a place
    («прибыл в Пекин, где провел переговоры»), are not judged."""
    if not s.parsed:
        return True
    toks = s.tokens
    anchor = verb_above(s.tokens, i)
    if anchor < 0 or any(t.head == anchor and t.lemma in ("где", "там", "куда") for t in toks):
        return True
    inside = set(m.tokens)
    head = next((k for k in m.tokens if toks[k].head not in inside), m.first)
    verb = verb_above(s.tokens, toks[head].head)
    about_it = toks[verb].head == i and toks[verb].rel == "acl:relcl"  # «переговоры, которые провели в Москве»
    if verb in (anchor, -1) or toks[verb].lemma in HAPPEN_VERBS or about_it:
        return True  # «саммита, который пройдет во Владивостоке» is about the summit
    # the parser errs; believe it only when the text agrees: another clause, or a verb between
    lo, hi = sorted((i, m.first))
    return i in clause_range(s, m.first) and not any(t.pos == "VERB" for t in toks[lo + 1:hi])


#: verbs that say an event takes place («саммит, который пройдет во Владивостоке»)
HAPPEN_VERBS = {"пройти", "проходить", "состояться", "проводиться", "открыться", "начаться", "завершиться"}


def _about_the_event(s: Sentence, i: int, k: int) -> bool:
    """False when token k is in a relative clause («, который ...») about something
    else than the event at trigger i: its antecedent is not the trigger, and it does not
    say that something takes place («саммита АТЭС, который пройдет во Владивостоке»)."""
    c = clause_range(s, k)
    first = c.start
    if first >= 2 and s.tokens[first].lemma == "который":
        return first - 2 == i or any(s.tokens[j].lemma in HAPPEN_VERBS for j in c)
    return True


#: how many tokens further a city may be than a country or region and still be chosen
CITY_BONUS = 6


def visited_facility(ctx: Context, s: Sentence, i: int) -> str | None:
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
        while last + 1 < len(toks) and toks[last + 1].text not in CLAUSE_BREAKS and toks[last + 1].pos != "ADP" \
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
