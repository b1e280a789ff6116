"""Reading the shipped tables (``kg/kb/data/*.tsv``) into a :class:`~kg.kb.base.KnowledgeBase`,
and the coordinates of countries and cities alone (:func:`geo`, without building the index).
"""
from __future__ import annotations

import csv
import functools
from pathlib import Path

from .base import KBEntry, KnowledgeBase, Office
from .names import LEMMA_CACHE

__all__ = ["load", "geo", "DATA_DIR"]

DATA_DIR = Path(__file__).parent / "data"
_TYPE_OF_FILE = {
    "countries": "Country",
    "cities": "City",
    "organizations": "Organization",
    "persons": "Person",
}
_PREFIX = {"Country": "country", "City": "city", "Organization": "org", "Person": "person"}


def _split(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(v.strip() for v in value.split("|") if v.strip())


def _read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def _latlong(row: dict[str, str]) -> dict:
    """``lat``/``long`` as floats (WGS84 degrees), None when the row has none."""
    out = {}
    for key in ("lat", "long"):
        try:
            out[key] = float(row[key]) if row.get(key) else None
        except ValueError:
            out[key] = None
    return out


@functools.lru_cache(maxsize=4)
@functools.lru_cache(maxsize=4)
def geo(data_dir: str | None = None) -> dict[str, dict]:
    """Graph id -> ``{"lat", "long"}`` (and ``"iso_numeric"`` for countries) for the countries and
    cities that have coordinates; reads only the two TSVs, without building :func:`load`'s index."""
    d = Path(data_dir) if data_dir else DATA_DIR
    out: dict[str, dict] = {}
    for stem, prefix in (("countries", "country"), ("cities", "city")):
        path = d / f"{stem}.tsv"
        if not path.exists():
            continue
        for row in _read_tsv(path):
            item = {k: v for k, v in _latlong(row).items() if v is not None}
            if stem == "countries" and row.get("iso_numeric"):
                item["iso_numeric"] = row["iso_numeric"]
            if item:
                out[f"{prefix}/{row['id']}"] = item
    return out


def _entry(kind: str, row: dict[str, str]) -> KBEntry:
    prefix = _PREFIX[kind]
    attrs: dict = {}
    if kind == "Country":
        attrs = {"iso2": row.get("iso2", ""), "iso3": row.get("iso3", ""),
                 "capital": f"city/{row['capital']}" if row.get("capital") else None,
                 "status": row.get("status", ""), "wikidata_alt": _split(row.get("wikidata_alt")),
                 "iso_numeric": row.get("iso_numeric") or "", **_latlong(row),
                 "leader": row.get("leader") or "head_of_state"}
    elif kind == "City":
        attrs = {"country": f"country/{row['country']}" if row.get("country") else None,
                 "capital": row.get("capital") == "1",
                 "population": int(row["population"]) if (row.get("population") or "").isdigit() else 0,
                 **_latlong(row)}
    elif kind == "Organization":
        attrs = {role: tuple(f"country/{c}" for c in _split(row.get(role)))
                 for role in ("members", "observers", "partners")}
        attrs["as_of"] = row.get("as_of") or None
    elif kind == "Person":
        attrs = {"gender": row.get("gender", "")}
        if "surname_en" in row:
            attrs["surname_en"] = row.get("surname_en") or ""
            attrs["surname_ru"] = row.get("surname_ru") or ""
    return KBEntry(
        id=f"{prefix}/{row['id']}",
        type=kind,
        name_en=row.get("name_en", ""),
        name_ru=row.get("name_ru", ""),
        wikidata=row.get("wikidata") or None,
        aliases_en=_split(row.get("aliases_en")),
        aliases_ru=_split(row.get("aliases_ru")),
        adj_en=_split(row.get("adj_en")),
        adj_ru=_split(row.get("adj_ru")),
        attrs=attrs,
    )


def _office(row: dict[str, str], entries: dict[str, KBEntry]) -> Office:
    of = row["of"]
    if f"country/{of}" in entries:
        of_id = f"country/{of}"
    else:
        of_id = f"org/{of}"
    return Office(person=f"person/{row['person']}", role=row["role"], of=of_id,
                  title_en=row.get("title_en", ""), title_ru=row.get("title_ru", ""),
                  start=row.get("start") or None, end=row.get("end") or None,
                  source=row.get("source", ""))


@functools.lru_cache(maxsize=4)
def load(data_dir: str | None = None) -> KnowledgeBase:
    """The knowledge base shipped with the package (loaded once per process)."""
    d = Path(data_dir) if data_dir else DATA_DIR
    lemmas = d / "lemmas.tsv"
    if lemmas.exists():
        for row in _read_tsv(lemmas):
            LEMMA_CACHE[row["word"]] = _split(row.get("lemmas"))
    entries: dict[str, KBEntry] = {}
    for stem, kind in _TYPE_OF_FILE.items():
        path = d / f"{stem}.tsv"
        if path.exists():
            for row in _read_tsv(path):
                e = _entry(kind, row)
                entries[e.id] = e
    offices = []
    path = d / "offices.tsv"
    if path.exists():
        offices = [_office(r, entries) for r in _read_tsv(path)]
    return KnowledgeBase(entries.values(), offices)
