"""Offices and who holds them: leader-of from role phrases, role coreference, actors.

«Chinese President Xi Jinping», «Kazakhstan's President Tokayev», «the
President of the People's Republic of China Hu Jintao», «Hu Jintao, the
President of China», «Tokayev, Kazakhstan's president,» give ``leaderOf``. A
role phrase without a name («the Kazakh leader said», «the Prime Minister of
India») then refers to the holder the article names, or, failing that, the one
the knowledge base knows on the article's date. A country adjective or
possessive before an official or a group («Ukrainian lawmakers», «Iraq's
national security advisor») makes the country an actor of the sentence.
"""
from __future__ import annotations

from ...model import Relation
from ..descriptors import add_group_mentions, add_members, add_sides
from .context import EnContext, M
from .lexicon import GROUP_NOUNS, LEADER_ROLES, ROLE_BLOCKERS, ROLE_NOUNS
from .nlp import Sentence

__all__ = ["find_roles", "resolve_role_mentions", "resolve_group_mentions", "find_actors", "resolve_pronouns",
           "role_phrases"]

_MULTI = sorted((tuple(k.replace("-", " - ").split()) for k in ROLE_NOUNS), key=len, reverse=True)
_MULTI += [tuple(k.split()) for k in ROLE_NOUNS if "-" in k]
_OFTYPES = ("Country", "Organization")
_PERSON = ("Person", "Leader")


_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _w in _MULTI:
    _BY_FIRST.setdefault(_w[0], []).append(_w)


def _role_at(s: Sentence, i: int) -> tuple[int, str] | None:
    for words in _BY_FIRST.get(s.tokens[i].lower, ()):
        j = i + len(words)
        if j <= len(s.tokens) and all(s.tokens[i + k].lower == w for k, w in enumerate(words)):
            key = " ".join(words).replace(" - ", "-")
            return j, ROLE_NOUNS.get(key, ROLE_NOUNS.get(" ".join(words), "minister"))
    return None


def _mention_ending(ctx: EnContext, s: Sentence, tok: int, types) -> M | None:
    if tok < 0:
        return None
    m = ctx.mention_at_token(s.index, tok)
    return m if m is not None and m.last == tok and m.type in types else None


def _mention_starting(ctx: EnContext, s: Sentence, tok: int, types) -> M | None:
    if tok >= len(s.tokens):
        return None
    m = ctx.mention_at_token(s.index, tok)
    return m if m is not None and m.first == tok and m.type in types else None


def _adjective(ctx: EnContext, s: Sentence, i: int) -> str | None:
    """The country (or organization) of an adjective at token i: «Chinese», «Kazakh», «US»."""
    if i < 0:
        return None
    t = s.tokens[i]
    if not t.text[:1].isupper():
        return None
    m = _mention_ending(ctx, s, i, _OFTYPES)
    if m is not None and m.first == i:
        return m.entity
    hits = ctx.kb.adjective(t.text)
    countries = [e for e in hits if e.type == "Country"]
    if len(countries) == 1:
        return countries[0].id
    if not countries and len(hits) == 1:
        return hits[0].id
    return None


def role_phrases(ctx: EnContext, s: Sentence):
    """(start tok, end tok, role, of-entity or None, role token) for each role phrase of a sentence."""
    i = 0
    toks = s.tokens
    while i < len(toks):
        r = _role_at(s, i)
        if not r:
            i += 1
            continue
        j, role = r
        if i > 0 and toks[i - 1].lower.strip("-") in ROLE_BLOCKERS or (j < len(toks) and toks[j].lower == "-"):
            i = j
            continue
        start, end, of = i, j, None
        adj = _adjective(ctx, s, i - 1)
        if adj:
            of, start = adj, i - 1
        elif i >= 2 and toks[i - 1].lower in ("'s", "’s"):
            m = _mention_ending(ctx, s, i - 2, _OFTYPES)
            if m is not None:
                of, start = m.entity, m.first
        if of is None and j < len(toks) and toks[j].lower == "of":
            k = j + 1 + (1 if j + 1 < len(toks) and toks[j + 1].lower == "the" else 0)
            m = _mention_starting(ctx, s, k, _OFTYPES)
            if m is not None:
                of, end = m.entity, m.last + 1
        if start > 0 and toks[start - 1].lower in ("the", "a", "an"):
            if start >= 2 and toks[start - 2].lower.strip("-") in ROLE_BLOCKERS:
                i = j
                continue
            start -= 1
        yield start, end, role, of, i
        i = max(j, end)


def _person_after(ctx: EnContext, s: Sentence, end: int) -> M | None:
    m = _mention_starting(ctx, s, end, _PERSON)
    if m is None and end < len(s.tokens) and s.tokens[end].text == ",":
        m = _mention_starting(ctx, s, end + 1, _PERSON)
    return m


def _person_before(ctx: EnContext, s: Sentence, start: int) -> M | None:
    if start >= 2 and s.tokens[start - 1].text == ",":
        return _mention_ending(ctx, s, start - 2, _PERSON)
    return None


def find_roles(ctx: EnContext) -> None:
    """Explicit leader-of: the role phrase next to a name, in both orders."""
    for s in ctx.sents:
        for start, end, role, of, _ in role_phrases(ctx, s):
            if of is None or role not in LEADER_ROLES:
                continue
            person = _person_after(ctx, s, end) or _person_before(ctx, s, start)
            if person is None:
                continue
            a = min(s.tokens[start].start, person.start)
            b = max(s.tokens[end - 1].end, person.end)
            ev = ctx.evidence(s, a, b, "en.role.apposition")
            ctx.relations.append(Relation(person.entity, "leaderOf", of, evidence=(ev,)))
            ctx.roles.setdefault(person.entity, set()).add(of)
            ctx.titles.setdefault(person.entity, set()).add(role)
            ctx.table.set_type(person.entity, "Leader")
            person.type = "Leader"


def resolve_role_mentions(ctx: EnContext) -> None:
    """A role phrase with no name refers to the office holder named in the article or the KB."""
    day = ctx.article.date
    for s in ctx.sents:
        for start, end, role, of, rtok in role_phrases(ctx, s):
            if of is None or role not in LEADER_ROLES:
                continue
            if _person_after(ctx, s, end) is not None or _person_before(ctx, s, start) is not None:
                continue
            inside = ctx.mention_at_token(s.index, rtok)
            if inside is not None and inside.type in _PERSON:
                continue
            if end < len(s.tokens) and s.tokens[end].text[:1].isupper() and s.tokens[end].pos != "PUNCT":
                continue  # «President Michel Suleiman»: a name the rules did not take
            holders = sorted(p for p, ofs in ctx.roles.items() if of in ofs)
            rule = "en.coref.role"
            if len(holders) != 1 and day is None:
                holders = []  # no date, no office holder from the base: «the President» of 2004 is not today's
            elif len(holders) != 1:
                wanted = {role} if role != "leader" else ctx.kb.leader_roles(of)
                kb_holders = sorted({o.person for o in ctx.kb.holders(of, day, wanted)})
                if not kb_holders and role == "leader":
                    kb_holders = sorted({o.person for o in ctx.kb.holders(of, day, {"head_of_government"})})
                holders, rule = kb_holders, "en.coref.role.kb"
            a, b = s.tokens[start].start, s.tokens[end - 1].end
            text = s.text[a - s.start: b - s.start]
            if len(holders) != 1:
                if of.startswith("country/"):
                    # an office we cannot name still makes its country an actor («the US leader»)
                    ctx.actors.append(M(s.index, a, b, text, "Country", of, tuple(range(start, end)),
                                        "en.actor.role", kb_id=of))
                continue
            pid = holders[0]
            ctx.table.set_type(pid, "Leader")
            ctx.add_reference(s, a, b, pid, tuple(range(start, end)), rule, 0.8, "Leader")
            ev = ctx.evidence(s, a, b, rule, 0.8)
            if rule.endswith(".kb"):
                ctx.relations.append(Relation(pid, "leaderOf", of, evidence=(ev,)))
                ctx.roles.setdefault(pid, set()).add(of)


def _plural(word: str) -> str:
    return word[:-1] + "ies" if word.endswith("y") and word[-2:-1] not in "aeiou" else word + "s"


#: plural role phrases («presidents», «prime ministers», «heads of state») -> role, first word -> phrases
_PLURALS: dict[tuple[str, ...], str] = {}
for _k, _role in ROLE_NOUNS.items():
    _w = _k.split()
    _at = 0 if len(_w) > 2 and _w[1] == "of" else len(_w) - 1  # «heads of state», «prime ministers»
    _PLURALS[tuple(_w[:_at] + [_plural(_w[_at])] + _w[_at + 1:])] = _role
_PLURAL_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _p in sorted(_PLURALS, key=len, reverse=True):
    _PLURAL_FIRST.setdefault(_p[0], []).append(_p)


def _plural_role_at(s: Sentence, i: int) -> tuple[int, str] | None:
    for words in _PLURAL_FIRST.get(s.tokens[i].lower, ()):
        j = i + len(words)
        if j <= len(s.tokens) and all(s.tokens[i + k].lower == w for k, w in enumerate(words)):
            return j, _PLURALS[words]
    return None


def _country_list(ctx: EnContext, s: Sentence, k: int, step: int) -> tuple[list[str], int]:
    """Countries named one after another from token k (step 1: «Russia, China and India»; step
    -1: adjectives before a noun, «Russian and Chinese»), and the token after the last one."""
    out, toks = [], s.tokens
    while 0 <= k < len(toks):
        if step > 0:
            m = _mention_starting(ctx, s, k, ("Country",))
            if m is not None:
                out.append(m.entity)
                k = m.last + 1
                continue
        else:
            adj = _adjective(ctx, s, k)
            if adj and adj.startswith("country/"):
                out.insert(0, adj)
                k -= 1
                continue
        if toks[k].lower in ("and", ",") and out:
            k += step
            continue
        break
    return list(dict.fromkeys(out)), k


def resolve_group_mentions(ctx: EnContext) -> None:
    """A plural role phrase naming countries ("the presidents of Russia and France", "the Russian
    and Chinese leaders") stands for each country's holder; one counted as two that names no
    one ("the two leaders", "both sides") for the office holders named just before
    (kg.extract.descriptors)."""
    for s in ctx.sents:
        i = 0
        while i < len(s.tokens):
            hit = _plural_role_at(s, i)
            if hit is None or hit[1] not in LEADER_ROLES:
                i += 1
                continue
            j, role = hit
            first, end = i, j
            countries, k = _country_list(ctx, s, i - 1, -1)
            if len(countries) >= 2:
                first = k + 1
            elif j < len(s.tokens) and s.tokens[j].lower == "of":
                countries, end = _country_list(ctx, s, j + 1 + (s.tokens[j + 1].lower == "the" if j + 1 < len(s.tokens) else 0), 1)
            if len(countries) >= 2:
                roles = {"head_of_state", "head_of_government"} if role == "leader" else {role}
                add_group_mentions(ctx, s, first, end, countries, roles, "en",
                                   leader=role == "leader")
            elif _group_org(ctx, s, i, j):
                # "G7 leaders", "the leaders of the SCO": the members' leaders the article names
                org, first, end = _group_org(ctx, s, i, j)
                add_members(ctx, s, first, end, org, "en")
            elif i > 0 and s.tokens[i - 1].lower in _TWO:
                # "the two leaders", "both presidents": the office holders named just before
                add_sides(ctx, s, i - 1, j, set(LEADER_ROLES) - {"foreign_minister"} if role == "leader" else {role},
                          2, "en")
            i = max(j, end)
        for t in s.tokens:  # "the two sides", "both sides"
            if t.lower == "sides" and t.i > 0 and s.tokens[t.i - 1].lower in _TWO:
                add_sides(ctx, s, t.i - 1, t.i + 1, None, 2, "en")


_TWO = {"two", "both"}


def _group_org(ctx: EnContext, s: Sentence, i: int, j: int) -> tuple[str, int, int] | None:
    """(organization, first token, end token) of a plural office named by its organization:
    before it ("G7 leaders") or after «of (the)» ("the leaders of the SCO")."""
    m = _mention_ending(ctx, s, i - 1, ("Organization",))
    if m is not None:
        return m.entity, m.first, j
    k = j + 1 + (j + 1 < len(s.tokens) and s.tokens[j + 1].lower == "the")
    if j < len(s.tokens) and s.tokens[j].lower == "of":
        m = _mention_starting(ctx, s, k, ("Organization",))
        if m is not None:
            return m.entity, i, m.last + 1
    return None


_MODIFIERS = {"national", "security", "senior", "top", "foreign", "defence", "defense", "interior", "chief",
              "military", "government", "state", "official", "peace", "trade", "finance", "special",
              "economy", "economic", "high-level", "high", "level", "ranking", "high-ranking", "exiled",
              "two", "three", "several", "many", "some", "local", "regional", "young", "new", "former"}


def find_actors(ctx: EnContext) -> None:
    """Countries standing for their officials or groups: «Ukrainian lawmakers», «Iraq's ... advisor»,
    «the US commander», «ministers from the Georgian government»."""
    for s in ctx.sents:
        toks = s.tokens
        for i, t in enumerate(toks):
            if not t.text[:1].isupper() or t.pos == "PUNCT":
                continue
            m = _mention_ending(ctx, s, i, ("Country",))
            k = i + 1
            if m is not None and k < len(toks) and toks[k].lower in ("'s", "’s"):
                k += 1
            of = m.entity if m is not None else None
            if of is None:
                if ctx.mention_at_token(s.index, i) is not None:
                    continue
                hits = [e for e in ctx.kb.adjective(t.text) if e.type == "Country"]
                if len(hits) != 1:
                    continue
                of = hits[0].id
            found = False
            for _ in range(4):
                if k >= len(toks):
                    break
                if toks[k].lower in GROUP_NOUNS and not (k + 1 < len(toks) and toks[k + 1].lower in GROUP_NOUNS):
                    found = True
                    break
                if toks[k].lower not in _MODIFIERS and toks[k].lower not in GROUP_NOUNS:
                    break
                k += 1
            if not found:
                continue
            if _mention_starting(ctx, s, k + 1, _PERSON) is not None:
                continue  # «Kazakh Foreign Minister X»: the person is the participant
            if m is not None:
                ctx.actors.append(m)
            else:
                ev = ctx.evidence(s, t.start, t.end, "en.actor.adjective", 0.8)
                entry = ctx.kb.get(of)
                ctx.table.add_linked(entry, ev, t.text)
                am = M(s.index, t.start, t.end, t.text, "Country", of, (i,), "en.actor.adjective",
                       normal=entry.name_en, kb_id=of)
                ctx.mentions.append(am)
                ctx.actors.append(am)


_PRONOUNS = {"he", "she"}


def resolve_pronouns(ctx: EnContext) -> None:
    """A subject pronoun («He said») is the person who was last a subject (the first person
    named early in a sentence), else the last person named."""
    last_subject: str | None = None
    last_person: str | None = None
    for s in ctx.sents:
        persons = ctx.in_sent(s.index, _PERSON)
        for t in s.tokens:
            if t.lower in _PRONOUNS and (t.i == 0 or s.tokens[t.i - 1].text in (",", "\"", "“", "”", "''", ";")
                                         or _after_opening_phrase(s, t.i, persons)):
                target = last_subject or last_person
                if target is not None and not _gender_ok(ctx, target, t.lower):
                    target = last_person if last_person != target and _gender_ok(ctx, last_person, t.lower) else None
                if target is None:
                    continue
                ctx.add_reference(s, t.start, t.end, target, (t.i,), "en.coref.pronoun", 0.7)
        if persons:
            if persons[0].first <= 6:
                last_subject = persons[0].entity
            last_person = persons[-1].entity


#: words that open a sentence with an adverbial phrase before its subject («During the visit he ...»)
_OPENERS = {"during", "on", "in", "at", "after", "later", "then", "there", "afterwards", "earlier", "before"}


def _after_opening_phrase(s, i: int, persons) -> bool:
    """«During the visit he held talks», «On Tuesday she said»: a subject pronoun after a
    short opening phrase (at most five words, no person named in it, no comma needed)."""
    return 0 < i <= 5 and s.tokens[0].lower in _OPENERS and not any(m.first < i for m in persons)


def _gender_ok(ctx: EnContext, pid: str | None, pronoun: str) -> bool:
    entry = ctx.kb.get(pid) if pid else None
    g = entry.attrs.get("gender", "") if entry is not None else ""
    return not g or (g == "m") == (pronoun == "he")
