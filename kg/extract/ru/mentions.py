"""Mentions: natasha NER spans and a knowledge-base scan, linked to entities.

NER finds names; the knowledge base corrects their types (NER calls «КНР» a
location and «США» sometimes an organization) and links them; a scan of
capitalised tokens NER missed catches abbreviations such as «БРИКС».
"""
from __future__ import annotations

import re
from typing import NamedTuple

from ...kb import normalize, word_forms
from ..context import Context, M
from ..entities import pick_match
from .nlp import models

__all__ = ["find_mentions"]

_NER_TYPE = {"PER": "Person", "LOC": "Place", "ORG": "Organization"}
_SCAN_TYPES = ("Country", "City", "Organization")
#: a word the knowledge base knows as one of these is no bare given name (a city may be: «Константина»)
_NOT_GIVEN = ("Person", "Country", "Organization")


class _Pending(NamedTuple):
    """A name span (NER's or the KB scan's) before it is linked or minted."""

    s: object  # the Sentence
    start: int
    end: int
    text: str
    normal: str
    mtype: str
    tokens: tuple[int, ...]
    rule: str
    matches: list


def find_mentions(ctx: Context) -> None:
    kb = ctx.kb
    linked_ctx: set[str] = set()
    # first pass: collect unambiguous links as context for the ambiguous ones
    pending = []
    for s in ctx.sents:
        covered: set[int] = set()
        for sp in s.spans:
            mtype = _NER_TYPE.get(sp.type, "Organization")
            matches = kb.lookup(sp.normal) or kb.lookup(sp.text)
            pending.append(_Pending(s, sp.start, sp.end, sp.text, sp.normal, mtype, sp.tokens, "ru.ner.natasha",
                                    matches))
            covered.update(sp.tokens)
        _scan(ctx, s, covered, pending)
    pending = _given_names(_consistent_types(pending))
    for item in pending:
        entry = pick_match(item.matches, item.mtype, allow_surname=True)
        if entry is not None:
            linked_ctx.add(entry.id)
            country = entry.attrs.get("country")
            if country:
                linked_ctx.add(country)
    surname_ok = _unique_surnames(pending)
    for normal in _surnames_of_others(pending):
        surname_ok[normal] = False
    for s, start, end, text, normal, mtype, toks, rule, matches in pending:
        entry = pick_match(matches, mtype, linked_ctx, allow_surname=surname_ok.get(normal, True))
        ev = ctx.evidence(s, start, end, rule)
        if entry is not None:
            eid = ctx.table.add_linked(entry, ev, text)
            ctx.mentions.append(M(s.index, start, end, text, entry.type, eid, toks, rule, normal, entry.id))
        else:
            if mtype == "Person" and not _plausible_person(normal):
                continue
            eid = ctx.table.add_unlinked(normal, mtype, ev, text)
            ctx.mentions.append(M(s.index, start, end, text, mtype, eid, toks, rule, normal, None))


def _consistent_types(pending: list[_Pending]) -> list[_Pending]:
    """One name, one type within an article. NER tags a bare word by its sentence
    alone: «Муром посетят ...» reads like a person's name, though the same article
    wrote «в Муроме», a place, before. A one-word span typed Person that no knowledge-
    base person matches takes the type the article gives the same word elsewhere as a
    place or an organization, when no span of the article uses it inside a person's name.
    """
    others: dict[str, str] = {}
    in_names: set[str] = set()
    for p in pending:
        words = p.normal.split()
        if p.mtype == "Person":
            if len(words) >= 2:
                for w in words:
                    in_names |= word_forms(w.lower())
        elif len(words) == 1 and not _kb_person(p):
            for f in word_forms(p.normal.lower()):
                others.setdefault(f, p.mtype)
    out = []
    for p in pending:
        if p.mtype == "Person" and len(p.normal.split()) == 1 and not _kb_person(p):
            forms = word_forms(p.normal.lower())
            found = sorted({others[f] for f in forms if f in others})
            if len(found) == 1 and not forms & in_names:
                p = p._replace(mtype=found[0])
        out.append(p)
    return out


def _kb_person(p: _Pending) -> bool:
    return any(m.entry.type == "Person" for m in p.matches)


def _given_names(pending: list[_Pending]) -> list[_Pending]:
    """A bare given name («Стивен стал встречаться с ...») is the person the article
    names in full with it: the only one, or, among several, the one the article names
    most often outside this sentence (a sentence seldom calls one person by full name
    and another by the same given name). A word that is also someone's surname is left
    to the surname rules; an initial, an adjective, or a country or organization the
    knowledge base knows («Эсватини») is no given name. The article's own naming
    comes before a knowledge-base surname («Павел» is also Petr Pavel's). The span keeps
    NER's place; its rule (``ru.coref.given_name``) says how it was resolved.
    """
    full: dict[str, list[_Pending]] = {}  # given-name form -> full-name spans
    surnames: set[str] = set()
    for p in pending:
        words = p.normal.split("(")[0].split()
        if p.mtype == "Person" and len(words) >= 2:
            for f in word_forms(words[0].lower()):
                full.setdefault(f, []).append(p)
            surnames |= word_forms(words[-1].lower())
    out = []
    for p in pending:
        forms = word_forms(p.normal.lower())
        if p.mtype == "Person" and len(p.normal.split()) == 1 and "." not in p.normal and p.tokens \
                and p.s.tokens[p.tokens[0]].pos != "ADJ" and not forms & surnames \
                and not any(m.entry.type in _NOT_GIVEN and m.kind != "surname" for m in p.matches):
            # each full-name span once, however many of its forms the given name shares
            named = list({id(q): q for f in sorted(forms & full.keys()) for q in full[f] if q.s is not p.s}.values())
            counts: dict[str, int] = {}
            for q in named:
                counts[_name_key(q.normal)] = counts.get(_name_key(q.normal), 0) + 1
            ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
            if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
                best = next(q for q in named if _name_key(q.normal) == ranked[0][0])
                p = p._replace(normal=best.normal, mtype="Person", rule="ru.coref.given_name", matches=best.matches)
        out.append(p)
    return out


def _name_key(normal: str) -> str:
    """One key for the inflections of a full name («Стивену Фраю», «Стивен Фрай»)."""
    return " ".join(min(word_forms(w.lower())) for w in normal.split("(")[0].split())


def _unique_surnames(pending: list[_Pending]) -> dict[str, bool]:
    """A bare surname links to a KB leader only when it names exactly one KB person."""
    out = {}
    for item in pending:
        normal, mtype, matches = item.normal, item.mtype, item.matches
        if mtype != "Person":
            continue
        persons = {m.entry.id for m in matches if m.entry.type == "Person" and m.kind == "surname"}
        out[normal] = len(persons) <= 1
    return out


def _surnames_of_others(pending: list[_Pending]) -> set[str]:
    """Bare surnames this article gives, in full, to someone the knowledge base does not know:
    «Джорджина Родригес ... Родригес» is she, not the KB's Delcy Rodríguez. The article's
    own naming comes first; such a surname links to no KB person by itself."""
    full: set[str] = set()
    for item in pending:
        normal, mtype, matches = item.normal, item.mtype, item.matches
        words = normal.split("(")[0].split()  # «Джорджина Родригес (Georgina Rodríguez)»
        if mtype == "Person" and len(words) >= 2 and pick_match(matches, mtype, set(), allow_surname=False) is None:
            full |= word_forms(words[-1].lower())
    out = set()
    for item in pending:
        normal, mtype = item.normal, item.mtype
        if mtype == "Person" and " " not in normal.strip() and word_forms(normal.lower()) & full:
            out.add(normal)
    return out


def _plausible_person(normal: str) -> bool:
    """NER sometimes tags all-caps headings or single letters as persons."""
    letters = [c for c in normal if c.isalpha()]
    if len(letters) < 2:
        return False
    return not (normal.isupper() and len(normal.split()) == 1 and len(normal) > 4)


def _scan(ctx: Context, s, covered: set[int], pending: list[_Pending]) -> None:
    """Capitalised n-grams NER missed that the knowledge base knows."""
    toks = s.tokens
    i = 0
    while i < len(toks):
        t = toks[i]
        if i in covered or not t.text[:1].isupper() or t.pos == "PUNCT":
            i += 1
            continue
        hit = None
        for n in (4, 3, 2, 1):
            j = i + n
            if j > len(toks) or any(k in covered for k in range(i, j)):
                continue
            surface = s.text[toks[i].start - s.start: toks[j - 1].end - s.start]
            if n == 1 and len(surface) < 2:
                continue
            if n == 1 and t.text.istitle() and i == 0 and t.pos not in ("PROPN",):
                continue  # a sentence-initial ordinary word
            types = _SCAN_TYPES + ("Person",) if n >= 2 else _SCAN_TYPES
            matches = [m for m in ctx.kb.lookup(surface, types=types) if m.kind in ("name", "alias")]
            if not matches and n == 1:
                matches = _leader_surname(ctx, s, t, surface)
            if matches:
                hit = (j, surface, matches)
                break
        if hit:
            j, surface, matches = hit
            mtype = {"Organization": "Organization", "Person": "Person"}.get(matches[0].entry.type, "Place")
            pending.append(_Pending(s, toks[i].start, toks[j - 1].end, surface, surface, mtype,
                                    tuple(range(i, j)), "ru.gazetteer.kb", matches))
            covered.update(range(i, j))
            i = j
        else:
            i += 1


def _leader_surname(ctx: Context, s, t, surface: str) -> list:
    """A surname alone that NER missed, mostly at a sentence start («Токаев прибыл в
    Пекин», «Эрдоган встретился с ...»), of exactly one knowledge-base person: the surname
    match, or nothing. Short words («Ким», «Мун», «Май»), Latin words, given names
    («апостолов Петра и Павла»), a word beside another capitalised word (a longer name)
    and words read as verbs or adjectives are left alone; whether the surname may link
    at all is decided with the article's other names (_unique_surnames,
    _surnames_of_others)."""
    if len(surface) < _MIN_SURNAME or not surface.istitle() or not _CYRILLIC.match(surface) \
            or t.pos in ("VERB", "ADJ", "ADV", "ADP", "PRON"):
        return []
    near = [k for k in (t.i - 1, t.i + 1) if 0 < k < len(s.tokens)]
    if any(s.tokens[k].text[:1].isupper() and s.tokens[k].text[:1].isalpha() for k in near):
        return []  # part of a longer name NER missed («Вирджинии Вульф»)
    found = [m for m in ctx.kb.lookup(surface, types=("Person",)) if m.kind == "surname"]
    if len({m.entry.id for m in found}) != 1 or _given_name_only(surface):
        return []  # the dictionary is asked only about a word the knowledge base knows
    return found


#: the shortest bare surname the scan looks up
_MIN_SURNAME = 5
_CYRILLIC = re.compile(r"[А-ЯЁ][а-яё-]+$")


def _given_name_only(word: str) -> bool:
    """Whether the dictionary reads the word as a given name and never as a surname."""
    tags = [p.tag for p in models()["morph_vocab"].parse(word.lower())]
    return any("Name" in g for g in tags) and not any("Surn" in g for g in tags)


def find_repeated_names(ctx: Context) -> None:
    """Surnames NER missed («Токаев поблагодарил...» at a sentence start) of persons
    the article has already named in full."""
    surnames: dict[str, str] = {}
    for m in ctx.mentions:
        if m.type not in ("Person", "Leader"):
            continue
        names = [m.normal or m.text]
        entry = ctx.kb.get(m.entity)
        if entry is not None:
            names += [entry.name_ru, entry.name_en]
        for name in names:
            words = normalize(name).split()
            if len(words) >= 2:
                for f in word_forms(words[-1]):
                    surnames.setdefault(f, m.entity)
    if not surnames:
        return
    for s in ctx.sents:
        taken = {k for m in ctx.mentions if m.sent == s.index for k in m.tokens}
        for t in s.tokens:
            if t.i in taken or not t.text[:1].isupper() or len(t.text) < 3 or t.pos != "PROPN":
                continue  # «Понедельник», «Адвокат»: capitalised common nouns are not surnames
            hits = {surnames[f] for f in word_forms(normalize(t.text)) if f in surnames}
            if len(hits) != 1:
                continue
            eid = hits.pop()
            ev = ctx.evidence(s, t.start, t.end, "ru.coref.surname", 0.9)
            entry = ctx.kb.get(eid)
            if entry is not None:
                ctx.table.add_linked(entry, ev, t.text)
            ctx.mentions.append(M(s.index, t.start, t.end, t.text, ctx.type_of(eid) or "Person", eid, (t.i,),
                                  "ru.coref.surname", normal=t.lemma, kb_id=eid if entry else None))
