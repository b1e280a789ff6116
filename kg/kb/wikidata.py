"""Wikidata ids for the knowledge base's persons, from NEREL v1.1's own links (train and dev).

NEREL links 7,800 person mentions to Wikidata (``N`` lines: the entity, the id, the item's
Russian label, «Путин, Владимир Владимирович»), and ties persons to their professions
(``WORKS_AS`` to a PROFESSION span, «президент России»). A knowledge-base person takes an id:

1. by name: their Russian name (or an alias of two words or more) stands word for word in
   the id's label (a nominative), or, for an id without a label, in a linked mention in any
   inflection;
2. and by office: of the ids so named, the only one whose professions name one of the
   person's offices («президент» for a head of state). An id NEREL gives no profession may
   be taken by name alone when it is the only one named; professions that name none of the
   person's offices rule an id out («Сергей Лебедев» of the CIS is not the Rosgvardia one).

An id the curated table already gives is kept (a disagreement is reported). Only the train
and dev splits are read; this runs when the knowledge base is rebuilt (``python -m
kg.kb.build``), never at run time.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .names import normalize, word_forms

__all__ = ["OFFICE_WORDS", "NerelPerson", "match_persons", "read_nerel_persons"]

#: stems of the profession words that name each office role of ``offices.tsv``
OFFICE_WORDS: dict[str, tuple[str, ...]] = {
    "head_of_state": ("президент", "председател", "корол", "эмир", "султан", "монарх", "глава государств", "лидер",
                      "генерал-губернатор", "принц", "император"),
    "head_of_government": ("премьер", "канцлер", "председател", "глава правительств"),
    "foreign_minister": ("министр иностранных дел", "глава мид", "госсекретар", "министра иностранных дел"),
    "secretary_general": ("генсек", "генеральн", "секретар"),
    "leader": ("глава", "председател", "руководител", "лидер", "президент"),
    "director_general": ("генеральн", "директор", "глава", "руководител"),
    "chair": ("председател", "глава", "руководител"),
    "commission_president": ("председател", "президент", "глава"),
}


@dataclass
class NerelPerson:
    qid: str
    labels: set[str] = field(default_factory=set)  # the Wikidata labels NEREL gives
    mentions: set[str] = field(default_factory=set)  # the linked PERSON spans' texts
    professions: set[str] = field(default_factory=set)  # texts of the PROFESSIONs it WORKS_AS


def read_nerel_persons(nerel: Path, splits: tuple[str, ...] = ("train", "dev")) -> dict[str, NerelPerson]:
    """Every Wikidata id NEREL gives a PERSON, with its names and professions."""
    out: dict[str, NerelPerson] = {}
    for split in splits:
        for ann in sorted((nerel / split).glob("*.ann")):
            types, texts, ids, works = {}, {}, {}, defaultdict(set)
            for line in ann.read_text(encoding="utf-8").splitlines():
                parts = line.split("\t")
                if line.startswith("T") and len(parts) >= 3:
                    types[parts[0]] = parts[1].split()[0]
                    texts[parts[0]] = parts[2]
                elif line.startswith("N") and len(parts) >= 2:
                    ref = parts[1].split()
                    if len(ref) == 3 and ref[2].startswith("Wikidata:Q"):
                        ids[ref[1]] = (ref[2].split(":", 1)[1], parts[2] if len(parts) > 2 else "")
                elif line.startswith("R") and len(parts) >= 2:
                    rel = parts[1].split()
                    if len(rel) == 3 and rel[0] == "WORKS_AS":
                        works[rel[1].split(":", 1)[1]].add(rel[2].split(":", 1)[1])
            for tid, (qid, label) in ids.items():
                if types.get(tid) != "PERSON":
                    continue
                p = out.setdefault(qid, NerelPerson(qid))
                if label:
                    p.labels.add(label)
                p.mentions.add(texts[tid])
                p.professions.update(texts[w] for w in works.get(tid, ()) if types.get(w) == "PROFESSION")
    return out


def _words(name: str) -> list[str]:
    return [w for w in normalize(name.replace(",", " ")).split() if len(w) > 1]


def _contains(whole: str, part: list[str], inflected: bool) -> bool:
    """Every word of ``part`` stands in ``whole``: as it is (a Wikidata label is in the
    nominative), or in some inflection (a mention in the text)."""
    have = _words(whole)
    if not inflected:
        return set(part) <= set(have)
    forms = [word_forms(h) for h in have]
    return all(any(word_forms(w) & f for f in forms) for w in part)


def _names_person(p: NerelPerson, key: list[str]) -> bool:
    """The id's label holds the name; an id without a label, one of its mentions does."""
    if p.labels:
        return any(_contains(t, key, False) for t in p.labels)
    return any(_contains(t, key, True) for t in p.mentions if " " in t.strip())


def _office(p: NerelPerson, roles: set[str]) -> bool | None:
    """Whether the id's professions name one of ``roles``; None when NEREL gives it none."""
    if not p.professions:
        return None
    texts = [t.lower() for t in p.professions]
    return any(stem in t for r in roles for stem in OFFICE_WORDS.get(r, ()) for t in texts)


def match_persons(persons: list[dict], offices: list[dict], nerel: dict[str, NerelPerson]
                  ) -> dict[str, tuple[str, str]]:
    """person id -> (Wikidata id, how: "name+office", or "name" when NEREL gives the id no
    profession at all). A name several ids hold goes to the one whose professions name
    the office; an id two persons would take goes to neither."""
    roles: dict[str, set[str]] = defaultdict(set)
    for o in offices:
        roles[o["person"]].add(o["role"])
    found: dict[str, tuple[str, str]] = {}
    for person in persons:
        aliases = person.get("aliases_ru") or []
        names = [person.get("name_ru", "")] + [a for a in (aliases.split("|") if isinstance(aliases, str) else aliases) if a]
        keys = [k for k in (_words(n) for n in names) if len(k) >= 2]
        cands = sorted({q for q, p in nerel.items() if any(_names_person(p, k) for k in keys)})
        verdicts = {q: _office(nerel[q], roles[person["id"]]) for q in cands}
        office = [q for q in cands if verdicts[q]]
        if len(office) == 1:
            found[person["id"]] = (office[0], "name+office")
        elif len(cands) == 1 and verdicts[cands[0]] is None:
            found[person["id"]] = (cands[0], "name")
    taken: dict[str, int] = defaultdict(int)
    for qid, _ in found.values():
        taken[qid] += 1
    return {pid: v for pid, v in found.items() if taken[v[0]] == 1}
