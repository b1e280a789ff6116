"""Persons and offices for :mod:`kg.kb.build`: ``persons.tsv`` and ``offices.tsv`` from the
Factbook's heads of state and government (names canonicalised, titles shortened and given in
Russian) merged with the curated persons and offices."""
from __future__ import annotations

import re
import sys

from kg.kb import normalize
from kg.kb.build_inputs import CURATED, Sources, read_tsv, slug, split, uniq
from kg.kb.factbook import Holder, parse_holder
from kg.kb.translit import en_to_ru

FACTBOOK_AS_OF = "2026-01-17"  # newest "since" date in the Factbook file
TITLE_RU = {
    "president": "Президент", "prime minister": "Премьер-министр", "premier": "Премьер",
    "chancellor": "Канцлер", "king": "Король", "queen": "Королева", "emperor": "Император",
    "amir": "Эмир", "emir": "Эмир", "sultan": "Султан", "pope": "Папа Римский",
    "prince": "Князь", "grand duke": "Великий герцог", "supreme leader": "Верховный руководитель",
    "governor": "Губернатор", "chief minister": "Главный министр", "chief executive": "Глава администрации",
    "co-prince": "Соправитель", "taoiseach": "Премьер-министр", "administrator": "Администратор",
}
PARTICLES = {"bin", "bint", "ibn", "ibni", "al", "el", "de", "da", "dos", "van", "der", "von", "la", "le", "e"}


# ----------------------------------------------------------------- persons and offices


def build_people(src: Sources, countries: list[dict]) -> tuple[list[dict], list[dict]]:
    """Heads of state/government from the Factbook + curated persons and offices."""
    cur = {r["id"]: r for r in read_tsv(CURATED / "persons.tsv")}
    by_fb = {normalize(r["factbook_name"]): r["id"] for r in cur.values() if r["factbook_name"]}
    fixes = {(r["fips"], r["field"]): r for r in read_tsv(CURATED / "factbook_fixes.tsv")}
    known = {c["id"] for c in countries}
    persons: dict[str, dict] = {}
    offices: list[dict] = []
    for e in src.factbook:
        iso = src.fips.get(e["fips"])
        if iso not in known:
            continue
        for fld, role in (("chief_of_state", "head_of_state"), ("head_of_government", "head_of_government")):
            holder = _holder(e, fld, fixes.get((e["fips"], fld)))
            if holder is None:
                continue
            pid = by_fb.get(normalize(holder.name)) or slug(_canonical(holder.name))
            if pid not in persons:
                persons[pid] = _factbook_person(pid, holder)
            title = _short_title(holder.title, role)
            offices.append({"person": pid, "role": role, "of": iso, "title_en": title,
                            "title_ru": _title_ru(title, iso, role), "start": holder.start or "",
                            "end": "", "source": f"cia_factbook {FACTBOOK_AS_OF}"})
    for pid, r in cur.items():
        base = persons.get(pid, {})
        persons[pid] = {**base, **{k: v for k, v in _curated_person(r).items() if v}, "translit": False}
        persons[pid].setdefault("id", pid)
    seen = {(o["person"], o["role"], o["of"], o["start"]) for o in offices}
    for o in read_tsv(CURATED / "offices.tsv"):
        if o["person"] not in persons:
            print(f"warning: office for unknown person {o['person']}", file=sys.stderr)
            continue
        if (o["person"], o["role"], o["of"], o["start"]) not in seen:
            offices.append(o)
    return list(persons.values()), offices


def _holder(entry: dict, fld: str, fix: dict | None) -> Holder | None:
    if fix and fix["action"] == "skip":
        return None
    h = parse_holder(entry.get(fld))
    if fix:
        base = h or Holder("", "", "", None)
        name = fix["name"] or base.name
        surname = base.surname if not fix["name"] else name.split()[-1]
        h = Holder(fix["title"] or base.title, name, surname, fix["start"] or base.start)
    return h if h and h.name else None


def _canonical(name: str) -> str:
    """'Donald J. Trump' -> 'Donald Trump'; 'Willem-Alexander of the Netherlands' -> 'Willem-Alexander'."""
    name = re.sub(r"\s+of (the )?[A-Z][a-z]+$", "", name)
    words = [w for w in name.split() if not re.fullmatch(r"[A-Z]\.(?:[A-Z]\.)*", w)]
    return " ".join(words).replace('"', "")


def _factbook_person(pid: str, h: Holder) -> dict:
    name = _canonical(h.name)
    words = name.split()
    aliases = [h.name]
    sur_words = h.surname.split()
    # "Nayib Armando Bukele Ortez" -> "Nayib Bukele" (given name + capitalised surname)
    if len(words) > 2 and sur_words and words[0] != sur_words[0]:
        aliases.append(f"{words[0]} {' '.join(sur_words)}")
    surname = h.surname if len(words) > 1 and not re.search(r"\b[IVX]+$", h.surname) else ""
    return {"id": pid, "wikidata": "", "name_en": name, "name_ru": en_to_ru(name),
            "aliases_en": uniq(aliases, exclude=[name]), "aliases_ru": [], "gender": "",
            "surname_en": surname, "surname_ru": en_to_ru(surname) if surname else "", "translit": True}


def _curated_person(r: dict) -> dict:
    return {"id": r["id"], "wikidata": r["wikidata"], "name_en": r["name_en"], "name_ru": r["name_ru"],
            "aliases_en": split(r["aliases_en"]), "aliases_ru": split(r["aliases_ru"]),
            "gender": r["gender"], "surname_en": r["surname_en"], "surname_ru": r["surname_ru"],
            "translit": False}


def _short_title(title: str, role: str) -> str:
    title = re.sub(r"\b(Dr|Gen|Col|Capt|Sr)\.", "", title).strip(" ,")
    title = re.sub(r"\s+", " ", title)
    return title or ("Head of State" if role == "head_of_state" else "Head of Government")


def _title_ru(title: str, iso: str, role: str) -> str:
    if iso == "cn":
        return "Председатель КНР" if role == "head_of_state" else "Премьер Госсовета КНР"
    if iso == "ru" and role == "head_of_government":
        return "Председатель правительства"
    low = title.lower()
    for key in sorted(TITLE_RU, key=len, reverse=True):
        if low.endswith(key) or low == key:
            return TITLE_RU[key]
    for key in sorted(TITLE_RU, key=len, reverse=True):
        if key in low:
            return TITLE_RU[key]
    return "Глава государства" if role == "head_of_state" else "Глава правительства"
