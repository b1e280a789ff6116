"""The knowledge base's entries (:class:`KBEntry`, :class:`Office`) and :class:`KnowledgeBase`:
lookup of names in any inflection with the reason each candidate matched, ranking between
candidates, office holders by date. The tables are read by :mod:`kg.kb.loader`; the schema and
matching rules are described in :mod:`kg.kb`.
"""
from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field
from typing import Iterable

from .names import name_stem, normalize, word_forms

__all__ = ["KBEntry", "Office", "Match", "KnowledgeBase"]


@dataclass(frozen=True)
class Office:
    person: str  # graph id of the person
    role: str  # head_of_state, head_of_government, foreign_minister, secretary_general, ...
    of: str  # graph id of the country or organization
    title_en: str = ""
    title_ru: str = ""
    start: str | None = None
    end: str | None = None
    source: str = ""

    def active_on(self, day: str | None) -> bool:
        if day is None:
            return self.end is None
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class KBEntry:
    id: str  # graph id, e.g. "country/kz"
    type: str  # Country, City, Organization, Person
    name_en: str
    name_ru: str
    wikidata: str | None = None
    aliases_en: tuple[str, ...] = ()
    aliases_ru: tuple[str, ...] = ()
    adj_en: tuple[str, ...] = ()
    adj_ru: tuple[str, ...] = ()
    attrs: dict = field(default_factory=dict, compare=False, hash=False)

    def names(self) -> Iterable[tuple[str, str, str]]:
        """(name, language, kind) for every way this entry is written."""
        yield self.name_en, "en", "name"
        yield self.name_ru, "ru", "name"
        for a in self.aliases_en:
            yield a, "en", "alias"
        for a in self.aliases_ru:
            yield a, "ru", "alias"


@dataclass(frozen=True)
class Match:  # noqa: D101
    entry: KBEntry
    matched: str  # the KB string that matched
    kind: str  # name, alias, adjective, surname
    lang: str

    def __str__(self) -> str:
        return f"{self.entry.id}\t{self.entry.wikidata or '-'}\t{self.entry.name_en}\t{self.kind} {self.lang}: {self.matched}"


_KIND_SCORE = {"name": 3.0, "alias": 2.5, "adjective": 1.5, "surname": 1.0}
_TYPE_PRIOR = {"Country": 1.0, "Organization": 0.3, "City": 0.2, "Person": 0.0}


# names whose other, more common sense is outside the base: (normalized name, entry that
# stands for the other sense's place). Georgia the US state lies in the United States.
_OTHER_SENSES: dict[str, tuple[tuple[str, str], ...]] = {
    "country/ge": (("georgia", "country/us"),),
    "country/jo": (("jordan", "country/us"),),
}


def _role_words() -> list[tuple[frozenset[str], tuple[str, ...]]]:
    table = {
        ("президент", "president", "председатель", "лидер", "leader", "король",
         "king", "королева", "queen", "эмир", "emir", "amir", "султан", "sultan"): ("head_of_state",),
        ("премьер", "премьер-министр", "premier", "prime", "канцлер", "chancellor",
         "правительство"): ("head_of_government",),
        ("мид", "министр", "foreign", "госсекретарь", "secretary of state"): ("foreign_minister",),
        ("генсек", "генеральный", "secretary-general", "secretary", "general"): ("secretary_general",),
    }
    out = []
    for words, roles in table.items():
        forms: set[str] = set()
        for w in words:
            forms |= set(normalize(w).split()[:1])
        out.append((frozenset(forms), roles))
    return out


@functools.lru_cache(maxsize=1)
def _role_table() -> list[tuple[frozenset[str], tuple[str, ...]]]:
    return _role_words()


_FILLER = {"the", "of", "глава", "head", "министр", "minister", "иностранных", "дел", "affairs",
           "госсовета", "правительства", "секретарь", "министров", "совета"}


class KnowledgeBase:
    """All entries and offices, with an index for :meth:`lookup`."""

    def __init__(self, entries: Iterable[KBEntry], offices: Iterable[Office] = ()):
        self.entries: dict[str, KBEntry] = {}
        for e in entries:
            self.entries[e.id] = e
        self.offices: list[Office] = sorted(offices, key=lambda o: (o.person, o.of, o.start or "", o.role))
        self._exact: dict[str, list[tuple[KBEntry, str, str, str]]] = {}
        self._by_first: dict[str, list[tuple[tuple[frozenset[str], ...], KBEntry, str, str, str]]] = {}
        self._adj: dict[str, list[KBEntry]] = {}
        for e in self.entries.values():
            for name, lang, kind in e.names():
                self._index(name, e, lang, kind)
            for adj in e.adj_ru + e.adj_en:
                for form in word_forms(normalize(adj)):
                    self._adj.setdefault(form, []).append(e)
        self._offices_by_person: dict[str, list[Office]] = {}
        self._offices_by_of: dict[str, list[Office]] = {}
        for o in self.offices:
            self._offices_by_person.setdefault(o.person, []).append(o)
            self._offices_by_of.setdefault(o.of, []).append(o)
        indexed: set[str] = set()
        for o in self.offices:
            person = self.entries.get(o.person)
            if person is None or person.id in indexed:
                continue
            indexed.add(person.id)
            # a leader's surname alone ("Токаев", "Putin") is a weaker alias
            for name, lang in self._surnames(person):
                self._index(name, person, lang, "surname")

    @staticmethod
    def _surnames(person: KBEntry) -> list[tuple[str, str]]:
        """The surname columns when the data has them, else the last word of each name."""
        if "surname_en" in person.attrs:
            return [(n, lang) for n, lang in ((person.attrs.get("surname_en"), "en"),
                                              (person.attrs.get("surname_ru"), "ru")) if n]
        out = []
        for name, lang in ((person.name_en, "en"), (person.name_ru, "ru")):
            words = normalize(name).split()
            if len(words) >= 2:
                out.append((words[-1], lang))
        return out

    def _index(self, name: str, entry: KBEntry, lang: str, kind: str) -> None:
        key = normalize(name)
        if not key:
            return
        self._exact.setdefault(key, []).append((entry, name, lang, kind))
        words = key.split()
        if entry.type == "Person":
            forms = tuple(word_forms(w) | name_stem(w) for w in words)
        else:
            forms = tuple(word_forms(w) for w in words)
        for f in forms[0]:
            self._by_first.setdefault(f, []).append((forms, entry, name, lang, kind))

    # ------------------------------------------------------------- queries

    def get(self, entry_id: str) -> KBEntry | None:
        return self.entries.get(entry_id)

    def __len__(self) -> int:
        return len(self.entries)

    def lookup(self, text: str, types: Iterable[str] | None = None) -> list[Match]:
        """Every entry whose name, alias or (for leaders) surname matches ``text``."""
        wanted = set(types) if types else None
        key = normalize(text)
        if not key:
            return []
        found: dict[tuple[str, str], Match] = {}

        def add(entry: KBEntry, name: str, lang: str, kind: str) -> None:
            if wanted and entry.type not in wanted:
                return
            k = (entry.id, kind)
            if k not in found:
                found[k] = Match(entry, name, kind, lang)

        for entry, name, lang, kind in self._exact.get(key, ()):
            add(entry, name, lang, kind)
        if not found:
            words = key.split()
            qforms = [word_forms(w) | name_stem(w) for w in words]
            seen = set()
            for f in qforms[0]:
                for forms, entry, name, lang, kind in self._by_first.get(f, ()):
                    if len(forms) != len(qforms) or (entry.id, name) in seen:
                        continue
                    if all(a & b for a, b in zip(forms, qforms)):
                        seen.add((entry.id, name))
                        add(entry, name, lang, kind)
        order = {"name": 0, "alias": 1, "surname": 2}
        return sorted(found.values(), key=lambda m: (order.get(m.kind, 3), m.entry.id))

    def adjective(self, word: str) -> list[KBEntry]:
        """Countries (or organizations) whose adjective is ``word`` (any form): «китайского» -> China."""
        out: dict[str, KBEntry] = {}
        for f in word_forms(normalize(word)):
            for e in self._adj.get(f, ()):
                out[e.id] = e
        return [out[k] for k in sorted(out)]

    def offices_of(self, person_id: str, day: str | None = None) -> list[Office]:
        return [o for o in self._offices_by_person.get(person_id, ()) if day is None or o.active_on(day)]

    def holders(self, of: str, day: str | None = None, roles: Iterable[str] | None = None) -> list[Office]:
        """Offices of country/organization ``of`` held on ``day`` (current ones when ``day`` is None)."""
        rs = set(roles) if roles else None
        return [o for o in self._offices_by_of.get(of, ())
                if o.active_on(day) and (rs is None or o.role in rs)]

    def leader_roles(self, of: str) -> set[str]:
        """The office whose holder is «the leader» of ``of``, for a role phrase that names no
        one («японский лидер», "the Indian leader"): the head of government where it leads
        (parliamentary systems, constitutional monarchies: ``leader`` in ``countries.tsv``),
        else the head of state."""
        e = self.entries.get(of)
        return {(e.attrs.get("leader") if e is not None else None) or "head_of_state"}

    def holders_ever(self, of: str, roles: Iterable[str] | None = None) -> list[Office]:
        """Every office of ``of`` the knowledge base knows, whatever its dates."""
        rs = set(roles) if roles else None
        return [o for o in self.offices if o.of == of and (rs is None or o.role in rs)]

    def members(self, org_id: str) -> tuple[str, ...]:
        e = self.entries.get(org_id)
        return tuple(e.attrs.get("members", ())) if e else ()

    def located_in(self, entry_id: str) -> str | None:
        e = self.entries.get(entry_id)
        return e.attrs.get("country") if e else None

    # ------------------------------------------------------------- ranking

    def related(self, a: str, b: str, day: str | None = None) -> bool:
        """Whether entries ``a`` and ``b`` are linked: city in country, capital, member, office holder."""
        if a == b:
            return True
        for x, y in ((a, b), (b, a)):
            e = self.entries.get(x)
            if e is None:
                continue
            if e.attrs.get("country") == y or e.attrs.get("capital") == y:
                return True
            if y in e.attrs.get("members", ()) or y in e.attrs.get("observers", ()):
                return True
            if e.type == "Person" and any(o.of == y for o in self.offices_of(x, day)):
                return True
            other = self.entries.get(y)
            if other is not None and other.type in ("City", "Person") and e.type == "Country":
                continue
        ca, cb = self._country_of(a, day), self._country_of(b, day)
        return ca is not None and ca == cb

    def _country_of(self, entry_id: str, day: str | None) -> str | None:
        e = self.entries.get(entry_id)
        if e is None:
            return None
        if e.type == "Country":
            return e.id
        if e.type == "City":
            return e.attrs.get("country")
        if e.type == "Person":
            countries = [o.of for o in self.offices_of(entry_id, day) if o.of.startswith("country/")]
            return countries[0] if len(set(countries)) == 1 else None
        return None

    def score(self, m: Match, context_ids: Iterable[str] = (), day: str | None = None) -> float:
        """How plausible a match is: kind of name, type and size priors, office on ``day``, context."""
        e = m.entry
        s = _KIND_SCORE.get(m.kind, 0.0) + _TYPE_PRIOR.get(e.type, 0.0)
        if e.type == "Country":
            s += 0.3 if e.attrs.get("status") in ("member", "observer", "other") else 0.0
        elif e.type == "City":
            s += min(math.log10(e.attrs.get("population") or 1), 7.5) / 10 + (0.2 if e.attrs.get("capital") else 0)
        elif e.type == "Person":
            offices = self.offices_of(e.id)
            if any(o.active_on(day) for o in offices):
                s += 1.0
            elif offices:
                s += 0.3
        ctx = [c for c in context_ids if c != e.id]
        if e.id in set(context_ids):
            s += 3.0
        if any(self.related(e.id, c, day) for c in ctx):
            s += 2.0
        for name, other in _OTHER_SENSES.get(e.id, ()):
            if normalize(m.matched) == name and any(self.related(other, c, day) for c in ctx) \
                    and not any(self.related(e.id, c, day) for c in ctx):
                s -= 10.0  # "Georgia" next to Atlanta is the US state, which we do not hold
        return s

    def rank(self, matches: Iterable[Match], context_ids: Iterable[str] = (),
             day: str | None = None) -> list[tuple[Match, float]]:
        """Matches with their scores, best first (ties broken by id, so the order is stable)."""
        ctx = tuple(context_ids)
        scored = [(m, self.score(m, ctx, day)) for m in matches]
        return sorted(scored, key=lambda ms: (-ms[1], ms[0].entry.id))

    def resolve(self, text: str, types: Iterable[str] | None = None, context_ids: Iterable[str] = (),
                day: str | None = None) -> Match | None:
        """The one entry ``text`` refers to, or None when nothing fits or candidates tie.

        «Грузия» with ``context_ids=("city/tbilisi",)`` is ``country/ge``; a surname shared
        by two leaders with nothing in the context to choose between them stays unlinked.
        """
        ranked = [ms for ms in self.rank(self.lookup(text, types), context_ids, day) if ms[1] > 0]
        if not ranked:
            return None
        best, score = ranked[0]
        rivals = [ms for ms in ranked[1:] if ms[0].entry.id != best.entry.id]
        if rivals and score - rivals[0][1] < 0.25:
            return None
        return best

    def office_lookup(self, phrase: str, day: str | None = None) -> list[Office]:
        """Offices named by a title phrase: «президент США», «председатель КНР», «the Chinese president»,
        «глава МИД России», «генсек ООН» (held on ``day``, current ones when None)."""
        words = normalize(phrase).split()
        roles: set[str] = set()
        rest: list[str] = []
        for w in words:
            found = next((r for forms, r in _role_table() if word_forms(w) & forms), None)
            if found:
                roles.update(found)
            elif w not in _FILLER:
                rest.append(w)
        if not roles or not rest:
            return []
        target = self.resolve(" ".join(rest), ("Country", "Organization"))
        ids = [target.entry.id] if target else [e.id for w in rest for e in self.adjective(w)]
        out = []
        for of in dict.fromkeys(ids):
            out.extend(self.holders(of, day, roles))
        return out

    def stats(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for e in self.entries.values():
            counts[e.type] = counts.get(e.type, 0) + 1
        counts["Organization with members"] = sum(
            1 for e in self.entries.values() if e.type == "Organization" and e.attrs.get("members"))
        counts["Leader"] = len({o.person for o in self.offices if o.start})
        counts["Office"] = len(self.offices)
        return counts
