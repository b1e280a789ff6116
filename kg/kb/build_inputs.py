"""The inputs every table of :mod:`kg.kb.build` is made from: :class:`Sources` (the kbdata files:
country codes, CLDR names, Natural Earth places, rigour territories, the CIA Factbook executives),
the paths of the curated tables, and the small TSV and name helpers the table builders share."""
from __future__ import annotations

import csv
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from kg.kb import normalize
from kg.kb.factbook import clean

HERE = Path(__file__).parent
CURATED = HERE / "curated"
REPO = HERE.parent.parent
DEFAULT_KBDATA = REPO.parent / "shared" / "kbdata"

# FIPS codes the country-code table lacks or maps differently
FIPS_FIXES = {"ri": "rs", "kv": "xk", "we": "ps"}


# ----------------------------------------------------------------- helpers


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def slug(text: str) -> str:
    """'Kassym-Jomart Tokayev' -> 'kassym-jomart-tokayev' (ASCII, hyphens)."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.replace("ı", "i").replace("ø", "o").replace("đ", "d").replace("ł", "l")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def uniq(names, exclude=()) -> list[str]:
    """Distinct names (by normalized form), order kept, minus ``exclude``."""
    seen = {normalize(x) for x in exclude if x}
    out = []
    for n in names:
        if not n:
            continue
        k = normalize(n)
        if k and k not in seen:
            seen.add(k)
            out.append(n.strip())
    return out


@dataclass
class Sources:
    merged: list[dict]
    codes: dict[str, dict]
    cldr_en: dict[str, str]
    cldr_ru: dict[str, str]
    places: list[dict]
    rigour: dict[str, dict]
    factbook: list[dict]
    fips: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, d: Path) -> "Sources":
        merged = list(csv.DictReader(open(d / "countries_merged_scratch.csv", encoding="utf-8")))
        codes = {r["ISO3166-1-Alpha-2"]: r for r in
                 csv.DictReader(open(d / "datasets_country-codes.csv", encoding="utf-8"))}
        src = cls(merged, codes, _cldr(d / "cldr48/en_territories.json"),
                  _cldr(d / "cldr48/ru_territories.json"),
                  json.load(open(d / "ne50m_populated_places_v5.0.0.json", encoding="utf-8")),
                  {t["code"]: t for t in json.load(open(d / "rigour2.6.1_territories.json", encoding="utf-8"))},
                  json.load(open(d / "cia_factbook_2025_executives.json", encoding="utf-8")))
        src.fips = {r["fips"].strip().lower(): r["iso2"].lower() for r in merged if r["fips"].strip()}
        src.fips.update(FIPS_FIXES)
        return src

    def factbook_orgs(self) -> dict[str, list[str]]:
        """iso2 -> the Factbook's international organization tokens."""
        out: dict[str, list[str]] = {}
        for e in self.factbook:
            iso = self.fips.get(e["fips"])
            if iso and e.get("intl_orgs"):
                out.setdefault(iso, []).extend(t.strip() for t in clean(e["intl_orgs"]).split(","))
        return out


def _cldr(path: Path) -> dict[str, str]:
    data = json.load(open(path, encoding="utf-8"))
    node = data["main"]
    node = node[next(iter(node))]["localeDisplayNames"]["territories"]
    return node
