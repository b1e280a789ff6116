"""Who takes part in an event, from the parse of the trigger's sentence (Russian).

:func:`participants` returns the persons tied to a trigger: its subject (or the subject of the
verb that governs a trigger noun), «с»-phrases, genitive dependents of a trigger noun, their
conjuncts and appositions; the persons named inside a role phrase tied so; the antecedent of
«который». Where the parse ties no one it falls back on the surface (the names in the
nominative in the trigger's clause, or the one other free person of the sentence) and marks
those as guessed, for the learned linker to check (:mod:`.linking`). :mod:`.events` opens the
events and calls it.
"""
from __future__ import annotations

from ..context import Context, M
from .lexicon import PARTICIPATION_CUES
from .nlp import Sentence
from .roles import is_subject as _is_subject

__all__ = ["CLAUSE_BREAKS", "SUBORDINATORS", "children", "clause_range", "has_case", "linked", "participants",
           "phrase_of", "takes_part", "verb_above"]


def children(s: Sentence) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for t in s.tokens:
        out.setdefault(t.head, []).append(t.i)
    return out


def has_case(s: Sentence, kids: dict[int, list[int]], k: int, preps: tuple[str, ...]) -> bool:
    return any(s.tokens[c].rel == "case" and s.tokens[c].lemma in preps for c in kids.get(k, ()))


def linked(s: Sentence, i: int) -> set[int]:
    """Tokens tied to trigger i by syntax: its subject (or its governing verb's),
    «с»-phrases, genitive dependents of a trigger noun, and their conjuncts,
    appositions and name parts."""
    toks, kids = s.tokens, children(s)
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
    if t.pos == "NOUN":
        # «Переговоры, которые провели в Москве Путин и Эрдоган, …»: a relative clause about
        # the trigger noun tells who took part
        anchors += [c for c in kids.get(i, ()) if toks[c].rel == "acl:relcl" and toks[c].pos == "VERB"]
    # «прибыл в Анкару, где провел переговоры»: a «где» clause with no subject of its own
    # is done by the subject of the verb above the place it hangs on
    for a in list(anchors):
        if toks[a].pos == "VERB" and toks[a].rel == "acl:relcl" \
                and any(toks[c].lemma in ("где", "куда") for c in kids.get(a, ())) \
                and not any(toks[c].rel.startswith("nsubj") for c in kids.get(a, ())):
            above = verb_above(toks, toks[a].head)
            if above >= 0:
                anchors.append(above)
    seeds: set[int] = set()
    if t.pos == "VERB" and t.rel == "acl" and t.feats.get("VerbForm") == "Part" and t.feats.get("Voice") != "Pass" \
            and 0 <= t.head < len(toks):
        seeds.add(t.head)  # «Эрдоган, прибывший в Москву, ...»: an active participle's noun does it
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
            elif a == i and rel == "nmod" and toks[c].lemma == "участие" and has_case(s, kids, c, ("с", "со")):
                # «совещание с участием вице-премьеров Сечина и Жукова»
                seeds.update(g for g in kids.get(c, ()) if toks[g].rel == "nmod" and toks[g].feats.get("Case") == "Gen")
            elif rel in ("obl", "nmod", "obj", "iobj") and has_case(s, kids, c, ("с", "со")):
                seeds.add(c)
            elif (a == i or (a == t.head and t.rel.startswith("nsubj"))) and rel in ("obl", "nmod") \
                    and has_case(s, kids, c, ("между",)):
                seeds.add(c)  # «переговоры между Лавровым и Блинкеном», «Между X и Y состоялась встреча»
            elif a == i and rel == "nmod" and toks[c].feats.get("Case") == "Gen":
                seeds.add(c)  # «встреча Путина и Си»
            elif a == i and rel == "det" and toks[c].lemma in ("его", "её", "ее", "свой"):
                seeds.add(c)  # «его встреча с ...»: the possessive's person (kg.extract.ru.roles)
            elif a == i and t.pos == "NOUN" and rel in ("iobj", "obl", "nmod") and toks[c].feats.get("Case") == "Dat" \
                    and not any(toks[g].rel == "case" for g in kids.get(c, ())):
                seeds.add(c)  # «нанес визит президенту Ливии»: whom the visit is to
            elif a == i and rel in ("obj", "iobj") and toks[a].pos == "VERB":
                seeds.add(c)  # «посетил Обаму»? kept only if a person (see caller)
            elif a == i and rel == "obl" and toks[a].pos == "VERB" and toks[c].feats.get("Case") == "Dat" \
                    and not any(toks[g].rel == "case" for g in kids.get(c, ())):
                seeds.add(c)  # «позвонил Эрдогану»
    return phrase_of(s, kids, seeds)


def phrase_of(s: Sentence, kids: dict[int, list[int]], roots) -> set[int]:
    """The tokens of the phrases at ``roots`` with their conjuncts, appositions and name parts
    («с Моди, Си и Эрдоганом» from «Моди»)."""
    out: set[int] = set()
    stack = list(roots)
    while stack:
        k = stack.pop()
        if k in out:
            continue
        out.add(k)
        stack += [c for c in kids.get(k, ()) if s.tokens[c].rel in ("conj", "appos", "flat:name", "flat")]
    return out


def takes_part(s: Sentence, kids: dict[int, list[int]], v: int) -> bool:
    """Token v says someone takes part: «участвовать», «присутствовать», «выступить», or
    «принять» with «участие» under it."""
    lemma = s.tokens[v].lemma
    return lemma in PARTICIPATION_CUES or (
        lemma == "принять" and any(s.tokens[c].lemma == "участие" for c in kids.get(v, ())))


def verb_above(toks, k: int) -> int:
    """The nearest verb (a participle too) at or above token k of a sentence's tokens; -1
    when none."""
    seen = set()
    while 0 <= k < len(toks) and k not in seen:
        if toks[k].pos == "VERB":
            return k
        seen.add(k)
        k = toks[k].head
    return -1


def participants(ctx: Context, s: Sentence, i: int, kind: str, guessed: set[str] | None = None) -> list[M]:
    """The persons of sentence s tied to the trigger at i; those a surface fallback chose (no
    parse tie) are also added to ``guessed``."""
    persons = ctx.in_sent(s.index, ("Person", "Leader"))
    tied = linked(s, i)
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
        clause = clause_range(s, i)
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
    trigger at i is not, nor is the clause about it («Переговоры, которые провели Путин и
    Эрдоган, …»)."""
    c = clause_range(s, k)
    opener = s.tokens[c.start: c.start + 2]
    about_trigger = any(s.tokens[j].rel == "acl:relcl" and s.tokens[j].head == i for j in c)
    return i not in c and any(t.lemma == "который" for t in opener) and not about_trigger


def _nominative(s: Sentence, m: M) -> bool:
    return s.tokens[m.first].feats.get("Case") == "Nom"


#: punctuation that closes a clause for the surface rules below
CLAUSE_BREAKS = {",", ";", ":", "—", "–", "«", "»", "(", ")", "\"", "!", "?"}


def clause_range(s: Sentence, i: int) -> range:
    """Token indexes of the stretch around token i between two clause breaks."""
    a = i
    while a > 0 and s.tokens[a - 1].text not in CLAUSE_BREAKS:
        a -= 1
    b = i
    while b + 1 < len(s.tokens) and s.tokens[b + 1].text not in CLAUSE_BREAKS:
        b += 1
    return range(a, b + 1)


def _named_in_descriptors(s: Sentence, tied: set[int]) -> set[int]:
    """«с заместителем министра иностранных дел Грузии Александром Налбандовым»: the
    parser hangs the name on the nearest noun («министра»); an apposition in the case
    of a tied noun, anywhere below it, names that noun."""
    toks, kids = s.tokens, children(s)
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
