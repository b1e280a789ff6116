"""Group phrases: who «президенты России и Франции», «лидеры двух стран» or «стороны» are (Russian).

Three kinds, each resolved by :mod:`kg.extract.descriptors` (the language-neutral part):

- a plural office naming its countries («президенты России и Франции», «российский и
  китайский лидеры») stands for each country's holder of that office;
- a plural office of an organization («лидеры G7», «лидеры стран ШОС») stands for the member
  countries' office holders the article names (never the knowledge base's: memberships change
  and the base does not date them);
- a group naming no one: a plural office with no country («главы государств», «лидеры»), one
  counted as two («два лидера», «лидеры двух стран», «глав правительств обеих стран»), or the
  sides of talks («стороны», «собеседники»), stands for the office holders the article named
  in its sentence or just before (:func:`kg.extract.descriptors.sides`): «Меркель и Саркози
  договорились ... Стороны встречались три часа».
"""
from __future__ import annotations

from ..context import Context
from ..descriptors import add_group_mentions, add_members, add_sides
from .lexicon import EVENT_TRIGGERS, LEADER_ROLES
from .lexicon import TWO_WORDS as _TWO
from .nlp import Sentence
from .roles import office_roles, plural, role_at, role_phrases

__all__ = ["resolve_group_mentions"]

#: «двух стран», «обоих государств» after an office: one holder in each of two countries
_LANDS = {"страна", "государство"}
#: the sides of talks, named by no office
_SIDES = {"сторона", "собеседник"}


def resolve_group_mentions(ctx: Context) -> None:
    """Mentions for the members of every group phrase of the article (see the module docstring)."""
    for s in ctx.sents:
        named: set[int] = set()
        phrases = list(role_phrases(ctx, s))
        for start, end, role, _of in phrases:
            if role == "minister" or not plural(s, start, end):
                continue
            noun = start if role_at(s, start) else start + 1
            role_end = role_at(s, noun)[0]
            countries = _group_countries(ctx, s, noun, role_end)
            if len(countries) < 2:
                continue
            named.add(noun)
            while start > 0 and (s.tokens[start - 1].pos == "ADJ" or s.tokens[start - 1].lemma == "и"):
                start -= 1  # the whole phrase: «российский и китайский лидеры»
            last = role_end
            while last < len(s.tokens) and last < end + 12 and (
                    s.tokens[last].lemma in ("и", ",") or (ctx.mention_at_token(s.index, last) is not None
                                                           and ctx.mention_at_token(s.index, last).type == "Country")):
                last += 1
            add_group_mentions(ctx, s, start, last, countries, office_roles(s, noun, role, countries[0]), "ru",
                               leader=role == "leader")
        for start, end, role, of in phrases:
            if role in LEADER_ROLES and plural(s, start, end) and start not in named and not _of_body(s, start):
                org = of if of and of.startswith("org/") else _organization_after(ctx, s, end)
                if org and add_members(ctx, s, start, _phrase_end(ctx, s, end), org, "ru"):
                    named.add(start)
        for first, end, roles, count in _unnamed_groups(ctx, s, phrases, named):
            add_sides(ctx, s, first, end, roles, count, "ru")


def _of_body(s: Sentence, start: int) -> bool:
    """«Совет глав государств ОДКБ»: the office names a body, not people who act; a
    gathering of them («саммит лидеров G7») still has them as its participants."""
    if start < 1:
        return False
    before = s.tokens[start - 1]
    return before.pos in ("NOUN", "PROPN") and before.lemma not in EVENT_TRIGGERS \
        and s.tokens[start].feats.get("Case") == "Gen"


def _organization_after(ctx: Context, s: Sentence, end: int) -> str | None:
    """«лидеры стран G7»: the organization after «стран» that ends a plural office."""
    if end + 1 < len(s.tokens) and s.tokens[end].lemma == "страна":
        m = ctx.mention_at_token(s.index, end + 1)
        if m is not None and m.type == "Organization" and m.first == end + 1:
            return m.entity
    return None


def _phrase_end(ctx: Context, s: Sentence, end: int) -> int:
    if end < len(s.tokens) and s.tokens[end].lemma == "страна":
        m = ctx.mention_at_token(s.index, end + 1)
        return m.last + 1 if m is not None else end
    return end


def _unnamed_groups(ctx: Context, s: Sentence, phrases: list, named: set[int]):
    """(first token, end token, offices or None, count or None) of each group of sentence s
    (its role ``phrases``) that names no one."""
    toks = s.tokens
    for start, end, role, of in phrases:
        if of is not None or start in named or ctx.mention_at_token(s.index, start) is not None:
            continue
        if end < len(toks) and ctx.mention_at_token(s.index, end) is not None \
                and ctx.mention_at_token(s.index, end).type in ("Person", "Leader"):
            continue  # «президенты Путин и Си»: named right there
        if start > 0 and toks[start - 1].lemma == "в" and toks[start].feats.get("Case") in ("Nom", "Acc"):
            continue  # «кандидат в президенты»
        two = start > 0 and toks[start - 1].lemma in _TWO
        if end + 1 < len(toks) and toks[end].lemma in _TWO and toks[end + 1].lemma in _LANDS:
            two, end = True, end + 2  # «лидеры двух стран»
        elif end < len(toks) and toks[end].pos in ("NOUN", "ADJ", "PROPN") and toks[end].feats.get("Case") == "Gen":
            continue  # «руководители соседних регионов»: heads of something the article does not name as a country
        if not (two or plural(s, start, end)):
            continue
        first = start - 1 if start > 0 and toks[start - 1].lemma in _TWO else start
        yield first, end, _offices(role), 2 if two else None
    for t in toks:
        if t.lemma not in _SIDES or t.feats.get("Number") != "Plur" or _prepositional(s, t.i):
            continue
        if t.i + 1 < len(toks) and toks[t.i + 1].pos in ("NOUN", "PROPN") and toks[t.i + 1].feats.get("Case") == "Gen":
            continue  # «стороны конфликта», «собеседники РБК»: not the sides of these talks
        first = t.i - 1 if t.i > 0 and toks[t.i - 1].lemma in _TWO else t.i
        yield first, t.i + 1, None, 2


def _offices(role: str) -> set[str]:
    """The offices an unnamed group of ``role`` may hold: «лидеры» any that leads a country."""
    if role == "leader":
        return set(LEADER_ROLES) - {"foreign_minister"}
    if role in ("minister", "foreign_minister"):
        return {"minister", "foreign_minister"}
    return {role}


def _prepositional(s: Sentence, i: int) -> bool:
    """«со стороны», «с обеих сторон», «по обе стороны»: a preposition before the word, not the sides."""
    k = i - 1
    if k >= 0 and s.tokens[k].lemma in _TWO | {"один", "другой", "этот", "та", "тот"}:
        k -= 1
    return k >= 0 and s.tokens[k].pos == "ADP"


def _group_countries(ctx: Context, s: Sentence, start: int, end: int) -> list[str]:
    """The countries a plural role phrase names: conjoined adjectives before it («российский и
    китайский лидеры») or conjoined names after it («президенты России и Франции»)."""
    out: list[str] = []
    k = start - 1
    while k >= 0:  # adjectives, right to left, over «и» and commas
        t = s.tokens[k]
        if t.pos == "ADJ":
            hits = [e for e in ctx.kb.adjective(t.lemma) if e.type == "Country"]
            if len(hits) != 1:
                break
            out.insert(0, hits[0].id)
        elif t.lemma not in ("и", ","):
            break
        k -= 1
    k = end
    while k < len(s.tokens):  # names, left to right
        m = ctx.mention_at_token(s.index, k)
        if m is not None and m.type == "Country":
            out.append(m.entity)
            k = m.last + 1
        elif s.tokens[k].lemma in ("и", ",") and out:
            k += 1
        else:
            break
    return list(dict.fromkeys(out))
