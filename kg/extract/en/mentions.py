"""Mentions: a knowledge-base gazetteer over capitalised word sequences, and
person names confirmed by title cues, linked or minted as entities.

There is no statistical NER: a name is a sequence of capitalised words. The
knowledge base names it (countries, cities, organizations, leaders, with
their English names and aliases); a leader's bare surname links only when it
names one person and does not sit inside a longer unknown name («Mark Brown»
is not Gordon Brown). A capitalised sequence the base does not know becomes a
person only with a cue: a title before it («President Michel Suleiman»,
«General David Petraeus», «Foreign Minister X»), or a role in apposition
after it («X, the prime minister of India»); with an organization word in it
(«Ministry», «Council», «House») it is an organization, never a person.
"""
from __future__ import annotations

import re

from ...kb import normalize
from ..context import Context, M
from ..entities import pick_match
from .lexicon import ROLE_NOUNS, STOP_CAPS, TITLES

__all__ = ["find_mentions", "find_repeated_names", "is_name_token"]

_KB_TYPES = ("Country", "City", "Organization", "Person")
_MTYPE = {"Country": "Place", "City": "Place", "Organization": "Organization", "Person": "Person"}
#: lower-case words that may sit inside a name («People's Republic of China», «Lula da Silva»)
_CONNECTORS = {"of", "de", "da", "do", "dos", "das", "del", "della", "di", "du", "la", "le", "al", "el",
               "bin", "ibn", "van", "von", "der", "den", "and", "the", "'s", "&", "y", "e", "ul", "ur", "-"}
_NAME_CONNECTORS = {"de", "da", "do", "dos", "das", "del", "della", "di", "du", "la", "le", "al", "el",
                    "bin", "ibn", "van", "von", "der", "den", "ul", "ur"}
_ORG_WORDS = {"ministry", "council", "party", "union", "organization", "organisation", "agency",
              "committee", "bank", "commission", "parliament", "congress", "senate", "assembly", "court",
              "forum", "association", "company", "corporation", "institute", "university", "department",
              "office", "house", "army", "forces", "force", "navy", "front", "movement", "federation",
              "fund", "group", "league", "alliance", "authority", "board", "bureau", "service", "services",
              "agency", "guard", "corps", "news", "times", "post", "press", "television", "tv", "radio",
              "airlines", "airways", "air", "inc", "ltd", "corp", "co", "club", "foundation", "center",
              "centre", "school", "college", "hospital", "church", "network", "observatory", "tribunal",
              "summit", "games", "olympics", "cup", "conference", "programme", "program", "project",
              "initiative", "treaty", "agreement", "accord", "declaration", "act", "law", "plan"}
_PLACE_WORDS = {"river", "sea", "ocean", "lake", "mountains", "mount", "island", "islands", "strait", "gulf",
                "bay", "valley", "desert", "province", "region", "district", "state", "county", "city",
                "square", "street", "airport", "palace", "hall", "heights", "peninsula", "territory",
                "territories", "coast", "strip", "bank"}
_MAX_N = 7
_INITIAL = re.compile(r"^[A-Z]\.?$")


def is_name_token(t) -> bool:
    """A capitalised word that may be (part of) a name."""
    if t.pos == "PUNCT" or not t.text[:1].isupper():
        return False
    if t.text.isupper() and len(t.text) >= 2:
        return True  # abbreviations: US, EU, SCO, NATO
    return t.lower not in STOP_CAPS


def _candidates(ctx: Context, s, covered: set[int]):
    """(start, end, surface, matches) for every capitalised n-gram the KB knows."""
    toks = s.tokens
    out = []
    for i, t in enumerate(toks):
        if i in covered or not t.text[:1].isupper() or t.pos == "PUNCT":
            continue
        for n in range(min(_MAX_N, len(toks) - i), 0, -1):
            j = i + n
            last = toks[j - 1]
            if not (last.text[:1].isupper() or last.text[:1].isdigit()) or any(k in covered for k in range(i, j)):
                continue
            inner = toks[i + 1: j - 1]
            if any(not (x.text[:1].isupper() or x.lower in _CONNECTORS or x.text[:1].isdigit()) for x in inner):
                continue
            # «China's» is China; the possessive is not part of the name
            surface = s.text[toks[i].start - s.start: last.end - s.start]
            if n == 1:
                if len(surface) < 2 or (not t.text.isupper() and t.lower in STOP_CAPS):
                    continue
            matches = ctx.kb.lookup(surface, types=_KB_TYPES)
            if n > 1:
                matches = [m for m in matches if m.kind in ("name", "alias")]
            if not matches and n >= 3 and any(_INITIAL.match(x.text) for x in inner):
                # «Viktor F. Yanukovych»: a middle initial the base does not hold
                short = " ".join(x.text for x in toks[i:j] if not _INITIAL.match(x.text))
                matches = [m for m in ctx.kb.lookup(short, types=("Person",)) if m.kind in ("name", "alias")]
            if not matches and n == 2 and all(x.text[:1].isupper() and x.text[1:].islower() for x in toks[i:j]):
                # «Koizumi Junichiro»: family name first
                matches = [m for m in ctx.kb.lookup(f"{last.text} {t.text}", types=("Person",)) if m.kind == "name"]
            if matches:
                out.append((i, j, surface, matches))
    return out


def _choose(cands):
    """Non-overlapping candidates: longest first, full names before aliases, then leftmost."""
    rank = {"name": 0, "alias": 1, "surname": 2}
    cands = sorted(cands, key=lambda c: (-(c[1] - c[0]), min(rank.get(m.kind, 3) for m in c[3]), c[0]))
    taken: set[int] = set()
    out = []
    for c in cands:
        if any(k in taken for k in range(c[0], c[1])):
            continue
        out.append(c)
        taken.update(range(c[0], c[1]))
    return sorted(out, key=lambda c: c[0])


def _surname_ok(s, i: int, j: int, matches, day: str | None, kb, titled: bool) -> list:
    """A bare leader surname: not inside a longer unknown name; one person (or one in office)."""
    persons = [m for m in matches if m.entry.type == "Person" and m.kind == "surname"]
    if not persons or j - i != 1:
        return persons
    toks = s.tokens
    prev = toks[i - 1] if i > 0 else None
    nxt = toks[j] if j < len(toks) else None
    if nxt is not None and nxt.text[:1].isupper() and nxt.pos != "PUNCT" and nxt.lower not in STOP_CAPS:
        return []  # «Brown Smith»
    if prev is not None and is_name_token(prev) and prev.lower not in TITLES and not titled:
        return []  # «Mark Brown»
    if toks[i].lower in STOP_CAPS and not titled:
        return []  # «May» the month
    ids = {m.entry.id for m in persons}
    if len(ids) > 1:
        active = [m for m in persons if any(o.active_on(day) for o in kb.offices_of(m.entry.id))]
        if len({m.entry.id for m in active}) == 1:
            return active[:1]
    return persons


def _inside_longer_name(s, i: int, j: int, matches, kb_tokens: set[int]) -> bool:
    """A one-word place next to other name words is part of a longer name: «General David
    Petraeus» (David, Panama), «Jordan Peterson»; «Beijing Olympics» keeps Beijing."""
    if j - i != 1 or not all(m.entry.type in ("City", "Country") for m in matches):
        return False
    toks = s.tokens
    if i > 0 and (toks[i - 1].lower.rstrip(".") in TITLES - {"foreign", "defense", "defence", "opposition"}
                  and toks[i - 1].text[:1].isupper()):
        return True
    if i > 0 and (i - 1) not in kb_tokens and is_name_token(toks[i - 1]) and not toks[i - 1].text.isupper():
        return True  # «Northern Ireland», «South America»
    if j < len(toks) and toks[j].lower == "state" and any(m.entry.type == "City" for m in matches):
        return True  # «Washington state»
    if j < len(toks) and j not in kb_tokens and is_name_token(toks[j]) \
            and toks[j].lower not in _ORG_WORDS and toks[j].lower not in _PLACE_WORDS \
            and toks[j].text[:1].isupper() and not toks[j].text.isupper():
        return True
    return False


def find_mentions(ctx: Context) -> None:
    kb = ctx.kb
    day = ctx.article.date
    pending = []
    covered_by_sent: dict[int, set[int]] = {}
    for s in ctx.sents:
        chosen = _choose(_candidates(ctx, s, set()))
        covered: set[int] = set()
        for i, j, surface, matches in chosen:
            titled = i > 0 and s.tokens[i - 1].lower in TITLES
            non_surname = [m for m in matches if m.kind != "surname"]
            if non_surname:
                matches = non_surname
            else:
                matches = _surname_ok(s, i, j, matches, day, kb, titled)
                if not matches:
                    continue
            if _inside_longer_name(s, i, j, matches, {k for c in chosen for k in range(c[0], c[1])}):
                continue
            top = matches[0]
            mtype = _MTYPE.get(top.entry.type, "Place")
            pending.append((s, i, j, surface, mtype, matches))
            covered.update(range(i, j))
        covered_by_sent[s.index] = covered
    linked_ctx: set[str] = set()
    for s, i, j, surface, mtype, matches in pending:
        entry = pick_match(matches, mtype, allow_surname=True)
        if entry is not None:
            linked_ctx.add(entry.id)
            if entry.attrs.get("country"):
                linked_ctx.add(entry.attrs["country"])
    long_ids = set()
    for s, i, j, surface, mtype, matches in pending:
        if j - i >= 2 and len({m.entry.id for m in matches}) == 1:
            long_ids.add(matches[0].entry.id)
    for s, i, j, surface, mtype, matches in pending:
        hinted = [m for m in matches if m.entry.id in long_ids]
        if len({m.entry.id for m in matches}) > 1 and len({m.entry.id for m in hinted}) == 1:
            matches = hinted  # «Congo» after «Democratic Republic of the Congo»
        elif j - i == 1 and matches[0].entry.type == "Country" and matches[0].entry.id not in long_ids:
            word = normalize(surface)
            longer = sorted(e for e in long_ids if e.startswith("country/") and
                            normalize(kb.get(e).name_en).split()[-1:] == [word])
            if len(longer) == 1:
                e = kb.get(longer[0])
                matches = [type(matches[0])(e, surface, "alias", "en")]
        entry = pick_match(matches, mtype, linked_ctx, allow_surname=True)
        if entry is None:
            ranked = kb.rank(matches, linked_ctx, day)
            if ranked and ranked[0][1] > 0 and (len(ranked) == 1 or ranked[0][1] - ranked[1][1] >= 1.0):
                entry = ranked[0][0].entry
        start, end = s.tokens[i].start, s.tokens[j - 1].end
        rule = "en.gazetteer.kb" if not any(m.kind == "surname" for m in matches) else "en.gazetteer.surname"
        ev = ctx.evidence(s, start, end, rule, 1.0 if rule == "en.gazetteer.kb" else 0.9)
        if entry is None:
            continue
        eid = ctx.table.add_linked(entry, ev, surface)
        ctx.mentions.append(M(s.index, start, end, surface, entry.type, eid, tuple(range(i, j)), rule,
                              surface, entry.id))
    for s in ctx.sents:
        taken = {k for m in ctx.mentions if m.sent == s.index for k in m.tokens}
        _unlinked_names(ctx, s, taken)


def _runs(s, taken: set[int]):
    """Maximal runs of capitalised tokens (with name connectors inside), not already taken."""
    toks = s.tokens
    i = 0
    while i < len(toks):
        if i in taken or not toks[i].text[:1].isupper() or toks[i].pos == "PUNCT":
            i += 1
            continue
        j = i + 1
        while j < len(toks) and j not in taken:
            t = toks[j]
            if t.lower in STOP_CAPS and t.lower not in TITLES and t.lower not in ROLE_NOUNS:
                break  # «... Bashar Assad Tuesday»
            if t.text[:1].isupper() and t.pos != "PUNCT":
                j += 1
            elif t.text[:1].isalpha() and s.text[toks[j - 1].end - s.start: t.start - s.start] == "-":
                j += 1  # «Roh Moo-hyun»: syntok keeps the hyphen out of the tokens
            elif t.lower in _NAME_CONNECTORS and j + 1 < len(toks) and toks[j + 1].text[:1].isupper() \
                    and j + 1 not in taken:
                j += 1
            elif t.text == "-" and j + 1 < len(toks) and (toks[j + 1].text[:1].isupper() or (
                    toks[j + 1].text[:1].isalpha() and toks[j - 1].end == t.start and t.end == toks[j + 1].start)):
                j += 2  # «Roh Moo-hyun»
            else:
                break
        yield i, j
        i = j


_TITLE_FILLER = {"state", "affairs", "of", "the", "general", "defence", "defense", "interior", "finance", "trade",
                 "security", "national", "foreign", "prime", "vice", "deputy"}


def _title_split(ctx: Context, s, i: int, j: int) -> tuple[int, bool]:
    """Where the name starts after leading adjectives and title words («Syrian President Bashar
    Assad», «General David Petraeus», «Secretary of State Condoleezza Rice»), and whether a
    title was there. «The», «of» and «State» only count after a title word."""
    k = i
    while k < j - 1 and ctx.kb.adjective(s.tokens[k].text):
        k += 1
    k0, seen = k, False
    while k < j:
        w = s.tokens[k].lower.rstrip(".")
        if w in TITLES or w in ROLE_NOUNS:
            seen = True
        elif not (seen and w in _TITLE_FILLER):
            break
        k += 1
    return (k, True) if seen and k > k0 else (i, False)


def _unlinked_names(ctx: Context, s, taken: set[int]) -> None:
    toks = s.tokens
    for i, j in list(_runs(s, taken)):
        words = [t.lower for t in toks[i:j]]
        if any(w in _ORG_WORDS for w in words) and j - i >= 2 and words[0] not in ("the",):
            if toks[i].lower in STOP_CAPS and toks[i].lower not in ("state", "foreign", "government"):
                i += 1
            if j - i >= 2 and not any(w in _PLACE_WORDS for w in words[-1:]):
                _add(ctx, s, i, j, "Organization", "en.name.organization", 0.7)
            continue
        # a title before the name: in the run («President Michel Suleiman») or just before it
        k, titled = _title_split(ctx, s, i, j)
        titled = titled or (i > 0 and toks[i - 1].lower.rstrip(".") in TITLES and toks[i - 1].lower != "the")
        if not titled and i > 1 and toks[i - 1].text == "," and len(toks[k:j]) >= 2 and \
                any(t.lower in ROLE_NOUNS or t.lower in ("minister", "president", "envoy", "ambassador",
                                                         "spokesman", "spokeswoman", "chairman", "secretary")
                    for t in toks[max(0, i - 4): i - 1]):
            titled = True  # «the Italian foreign minister, Luigi Di Maio,»
        name = toks[k:j]
        attached = {t.i for t in name[1:] if s.text[toks[t.i - 1].end - s.start: t.start - s.start] == "-"}
        if not name or len(name) > 4 + len(attached) or not all(
                is_name_token(t) or t.lower in _NAME_CONNECTORS or t.i in attached for t in name):
            continue
        if any(t.lower in _PLACE_WORDS or t.lower in _ORG_WORDS for t in name):
            continue
        if ctx.kb.adjective(name[0].text) and len(name) == 1:
            continue  # «Chinese»
        if not titled:
            # an apposition: «Name Surname, the prime minister of India» / «..., India's foreign minister»
            after = [t.lower for t in toks[j: j + 6]]
            if i > 0 and toks[i - 1].lower in ("of", "the", "in", "to", "from", "for"):
                continue  # «the United States of South America,»
            if not (after[:1] == [","] and len(name) >= 2 and any(w in ROLE_NOUNS or w in TITLES for w in after[1:])):
                continue
        if len(name) == 1 and not titled:
            continue
        _add(ctx, s, k, j, "Person", "en.name.title" if titled else "en.name.apposition", 0.8)


def _add(ctx: Context, s, i: int, j: int, mtype: str, rule: str, conf: float) -> None:
    toks = s.tokens
    start, end = toks[i].start, toks[j - 1].end
    surface = s.text[start - s.start: end - s.start]
    if surface.endswith("'s"):
        surface = surface[:-2]
    ev = ctx.evidence(s, start, end, rule, conf)
    eid = ctx.table.add_unlinked(surface, mtype, ev, surface)
    ctx.mentions.append(M(s.index, start, end, surface, mtype, eid, tuple(range(i, j)), rule, surface, None))


def find_repeated_names(ctx: Context) -> None:
    """A surname repeated after the full name («Petraeus said» after «David Petraeus»), for
    persons the knowledge base does not know (KB leaders' surnames are linked by the gazetteer)."""
    surnames: dict[str, str] = {}
    for m in ctx.mentions:
        if m.type not in ("Person", "Leader"):
            continue
        words = normalize(m.normal or m.text).split()
        if len(words) >= 2:
            surnames.setdefault(words[-1], m.entity)
        entry = ctx.kb.get(m.entity)
        if entry is not None:
            for name in (entry.name_en, entry.attrs.get("surname_en") or ""):
                w = normalize(name).split()
                if w:
                    surnames.setdefault(w[-1], m.entity)
    if not surnames:
        return
    for s in ctx.sents:
        taken = {k for m in ctx.mentions if m.sent == s.index for k in m.tokens}
        for t in s.tokens:
            if t.i in taken or not t.text[:1].isupper() or len(t.text) < 2 or t.pos == "PUNCT":
                continue
            eid = surnames.get(normalize(t.text))
            if eid is None:
                continue
            near = [x.text for x in s.tokens[max(0, t.i - 1): t.i + 2]]
            if t.lower in STOP_CAPS and any(x[:1].isdigit() for x in near):
                continue  # «May 5» after «Theresa May»
            nxt = s.tokens[t.i + 1] if t.i + 1 < len(s.tokens) else None
            if nxt is not None and nxt.text[:1].isupper() and nxt.pos != "PUNCT" and (t.i + 1) not in taken:
                continue
            ev = ctx.evidence(s, t.start, t.end, "en.coref.surname", 0.9)
            entry = ctx.kb.get(eid)
            if entry is not None:
                ctx.table.add_linked(entry, ev, t.text)
            else:
                ctx.table.add_unlinked(t.text, "Person", ev, t.text)
            ctx.mentions.append(M(s.index, t.start, t.end, t.text, ctx.type_of(eid) or "Person", eid, (t.i,),
                                  "en.coref.surname", normal=t.text, kb_id=eid if entry else None))
