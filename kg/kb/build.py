"""Rebuild ``kg/kb/data/*.tsv`` from ``../shared/kbdata`` and the curated tables.

    python -m kg.kb.build [--kbdata ../shared/kbdata] [--out kg/kb/data] [--nerel ../shared/corpus/nerel-v1.1]

Inputs (see ``SOURCES.md``): the kbdata sources (country codes, CLDR names,
Natural Earth places, rigour territories, the CIA Factbook executives) and the
hand-curated TSVs in ``kg/kb/curated/`` (names as Russian media write them,
adjectives, organizations and their members, foreign ministers, heads of
organizations, past office holders, fixes). Output rows are sorted, so the same
inputs always give the same files.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from kg.kb import normalize
from kg.kb.build_inputs import CURATED, DEFAULT_KBDATA, HERE, Sources, read_tsv, split
from kg.kb.build_people import build_people
from kg.kb.build_places import build_cities, build_countries
from kg.kb.wikidata import match_persons, read_nerel_persons

# ----------------------------------------------------------------- helpers


def write_tsv(path: Path, header: list[str], rows: list[dict]) -> None:
    """Write rows sorted by their first column (then the rest), tabs/newlines stripped."""
    def cell(v) -> str:
        if isinstance(v, (list, tuple)):
            v = "|".join(v)
        return re.sub(r"[\t\n\r]+", " ", "" if v is None else str(v)).strip()

    lines = sorted("\t".join(cell(r.get(h)) for h in header) for r in rows)
    path.write_text("\t".join(header) + "\n" + "\n".join(lines) + "\n", encoding="utf-8")


# ----------------------------------------------------------------- organizations


def build_organizations(src: Sources, countries: list[dict]) -> list[dict]:
    """Curated organizations; '@factbook' members come from the Factbook's participation lists."""
    fb = src.factbook_orgs()
    known = {c["id"] for c in countries}
    rows = []
    for r in read_tsv(CURATED / "organizations.tsv"):
        token = r["factbook"]
        row = {k: r[k] for k in ("id", "wikidata", "name_en", "name_ru", "as_of")}
        row.update({k: split(r[k]) for k in ("aliases_en", "aliases_ru", "adj_en", "adj_ru")})
        for role in ("members", "observers", "partners"):
            row[role] = sorted(_resolve_members(r[role], token, fb, known))
        if token and not r["members"].startswith("@"):
            fb_members = {iso for iso, orgs in fb.items() if token in orgs and iso in known}
            diff = set(row["members"]) ^ fb_members
            if diff:
                print(f"note: {r['id']} curated members differ from Factbook '{token}': "
                      f"+{sorted(set(row['members']) - fb_members)} -{sorted(fb_members - set(row['members']))}",
                      file=sys.stderr)
        rows.append(row)
    return rows


def _resolve_members(spec: str, token: str, fb: dict[str, list[str]], known: set[str]) -> set[str]:
    out: set[str] = set()
    for part in spec.split():
        if part.startswith("@factbook"):
            label = part.split(":", 1)[1].replace("_", " ") if ":" in part else None
            want = {f"{token} ({label}"} if label else {token}
            if "+suspended" in part:
                want.add(f"{token} (suspended)")
            for iso, orgs in fb.items():
                if any(o == w or (label and o.startswith(w)) for o in orgs for w in want):
                    out.add(iso)
            if part.endswith("-ru"):
                out.discard("ru")
        elif part in known:
            out.add(part)
        else:
            print(f"warning: unknown member {part!r}", file=sys.stderr)
    return out & known


# ----------------------------------------------------------------- lemma cache


def build_lemmas(tables: list[list[dict]], morph) -> list[dict]:
    """Every Cyrillic word of every name with its dictionary lemmas (saves the loader a morph pass)."""
    words: set[str] = set()
    for rows in tables:
        for r in rows:
            for key in ("name_ru", "aliases_ru", "adj_ru", "surname_ru", "title_ru"):
                vals = r.get(key) or []
                for v in ([vals] if isinstance(vals, str) else vals):
                    words.update(w for w in normalize(v).split() if re.search("[а-я]", w))
    out = []
    for w in sorted(words):
        lemmas = sorted({p.normal_form.replace("ё", "е") for p in morph.parse(w)[:6]} - {w})
        out.append({"word": w, "lemmas": lemmas})
    return out


# ----------------------------------------------------------------- main


def build(kbdata: Path, out: Path, nerel: Path | None = None) -> dict[str, int]:
    from natasha import MorphVocab

    morph = MorphVocab()
    src = Sources.load(kbdata)
    countries, capitals = build_countries(src, morph)
    cities = build_cities(src, countries, capitals)
    orgs = build_organizations(src, countries)
    persons, offices = build_people(src, countries)
    ids = add_person_ids(persons, offices, nerel or kbdata.parent / "corpus" / "nerel-v1.1")
    out.mkdir(parents=True, exist_ok=True)
    write_tsv(out / "countries.tsv", ["id", "wikidata", "iso2", "iso3", "name_en", "name_ru", "aliases_en",
                                      "aliases_ru", "adj_en", "adj_ru", "capital", "status", "wikidata_alt",
                                      "iso_numeric", "lat", "long", "leader"], countries)
    write_tsv(out / "cities.tsv", ["id", "wikidata", "name_en", "name_ru", "aliases_en", "aliases_ru",
                                   "country", "capital", "population", "lat", "long"], cities)
    write_tsv(out / "organizations.tsv", ["id", "wikidata", "name_en", "name_ru", "aliases_en", "aliases_ru",
                                          "adj_en", "adj_ru", "members", "observers", "partners", "as_of"], orgs)
    for p in persons:
        p["name_ru_source"] = "translit" if p.get("translit") else "curated"
    write_tsv(out / "persons.tsv", ["id", "wikidata", "name_en", "name_ru", "aliases_en", "aliases_ru", "gender",
                                    "surname_en", "surname_ru", "name_ru_source"], persons)
    write_tsv(out / "offices.tsv", ["person", "role", "of", "title_en", "title_ru", "start", "end", "source"],
              offices)
    write_tsv(out / "lemmas.tsv", ["word", "lemmas"],
              build_lemmas([countries, cities, orgs, persons, offices], morph))
    return {"countries": len(countries), "cities": len(cities), "organizations": len(orgs),
            "persons": len(persons), "offices": len(offices), **ids}


def add_person_ids(persons: list[dict], offices: list[dict], nerel: Path) -> dict[str, int]:
    """Wikidata ids from NEREL v1.1 train/dev (:mod:`kg.kb.wikidata`) for persons the curated
    table gives none; returns the counts before and after."""
    before = sum(1 for p in persons if p.get("wikidata"))
    if not (nerel / "train").is_dir():
        print(f"warning: {nerel}: no NEREL v1.1 train/dev here; persons keep only curated Wikidata ids",
              file=sys.stderr)
        return {"persons_with_wikidata_before": before, "persons_with_wikidata": before}
    found = match_persons(persons, offices, read_nerel_persons(nerel))
    for p in persons:
        qid, _ = found.get(p["id"], ("", ""))
        if qid and p.get("wikidata") and p["wikidata"] != qid:
            print(f"note: {p['id']}: curated {p['wikidata']}, NEREL {qid}: keeping the curated id", file=sys.stderr)
        elif qid:
            p["wikidata"] = qid
    return {"persons_with_wikidata_before": before,
            "persons_with_wikidata": sum(1 for p in persons if p.get("wikidata"))}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kbdata", type=Path, default=DEFAULT_KBDATA)
    ap.add_argument("--out", type=Path, default=HERE / "data")
    ap.add_argument("--nerel", type=Path, default=None,
                    help="NEREL v1.1 (train/ and dev/) for persons' Wikidata ids (default: beside kbdata)")
    args = ap.parse_args(argv)
    counts = build(args.kbdata, args.out, args.nerel)
    print(" ".join(f"{k}={v}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
