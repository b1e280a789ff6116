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
import csv
import json
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from kg.kb import normalize
from kg.kb.factbook import Holder, clean, parse_holder
from kg.kb.translit import en_to_ru
from kg.kb.wikidata import match_persons, read_nerel_persons

HERE = Path(__file__).parent
CURATED = HERE / "curated"
REPO = HERE.parent.parent
DEFAULT_KBDATA = REPO.parent / "shared" / "kbdata"
FACTBOOK_AS_OF = "2026-01-17"  # newest "since" date in the Factbook file

# FIPS codes the country-code table lacks or maps differently
FIPS_FIXES = {"ri": "rs", "kv": "xk", "we": "ps"}
# entries that are neither UN members nor territories
STATUS_OTHER = {"tw", "xk", "eh"}
STATUS_OBSERVER = {"va", "ps"}
TITLE_RU = {
    "president": "Президент", "prime minister": "Премьер-министр", "premier": "Премьер",
    "chancellor": "Канцлер", "king": "Король", "queen": "Королева", "emperor": "Император",
    "amir": "Эмир", "emir": "Эмир", "sultan": "Султан", "pope": "Папа Римский",
    "prince": "Князь", "grand duke": "Великий герцог", "supreme leader": "Верховный руководитель",
    "governor": "Губернатор", "chief minister": "Главный министр", "chief executive": "Глава администрации",
    "co-prince": "Соправитель", "taoiseach": "Премьер-министр", "administrator": "Администратор",
}
PARTICLES = {"bin", "bint", "ibn", "ibni", "al", "el", "de", "da", "dos", "van", "der", "von", "la", "le", "e"}


# ----------------------------------------------------------------- helpers


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def write_tsv(path: Path, header: list[str], rows: list[dict]) -> None:
    """Write rows sorted by their first column (then the rest), tabs/newlines stripped."""
    def cell(v) -> str:
        if isinstance(v, (list, tuple)):
            v = "|".join(v)
        return re.sub(r"[\t\n\r]+", " ", "" if v is None else str(v)).strip()

    lines = sorted("\t".join(cell(r.get(h)) for h in header) for r in rows)
    path.write_text("\t".join(header) + "\n" + "\n".join(lines) + "\n", encoding="utf-8")


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


def clean_un_name(name: str) -> str:
    """UNTERM names: strip ' *', '(the)', a leading 'the'."""
    name = name.replace(" *", "").replace("(the)", "").strip()
    name = re.sub(r"^the ", "", name)
    return re.sub(r"\s+", " ", name).strip()


def ru_expand(name: str) -> str:
    return name.replace("о-ва", "острова").replace("о-в", "остров").replace("’", "'")


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


# ----------------------------------------------------------------- countries


def build_countries(src: Sources, morph) -> tuple[list[dict], dict[str, str]]:
    """Country rows and a map iso2 -> capital name (resolved to city ids later)."""
    cur = {r["iso2"]: r for r in read_tsv(CURATED / "countries.tsv")}
    fb_orgs = src.factbook_orgs()
    un_members = {iso for iso, orgs in fb_orgs.items() if "UN" in orgs}
    seeds = _adjective_seeds(src, morph)
    fb_names = {src.fips.get(e["fips"]): clean(e.get("country")) for e in src.factbook}
    rows, capitals = [], {}
    isos = sorted({r["iso2"].lower() for r in src.merged} | set(cur))
    merged = {r["iso2"].lower(): r for r in src.merged}
    for iso in isos:
        m = merged.get(iso, {})
        c = cur.get(iso, {})
        codes = src.codes.get(iso.upper(), {})
        rig = src.rigour.get(iso, {})
        status = c.get("status") or ("member" if iso in un_members else "observer" if iso in STATUS_OBSERVER
                                    else "other" if iso in STATUS_OTHER else "territory")
        name_en = c.get("name_en") or m.get("en_cldr_alt") if iso in {"hk", "mo"} else c.get("name_en") or m.get("en_cldr") or rig.get("name", "")
        ru_opts = [c.get("name_ru"), m.get("ru_cldr"), m.get("ru_naturalearth")]
        name_ru = ru_expand(next((x for x in ru_opts if x and "(" not in x and " - " not in x), "") or "")
        aliases_en = uniq([*split(c.get("aliases_en")), m.get("en_cldr"), m.get("en_cldr_alt"),
                           clean_un_name(m.get("en_un_formal", "")),
                           clean_un_name(codes.get("UNTERM English Short", "")),
                           codes.get("official_name_en"), codes.get("CLDR display name"),
                           rig.get("name"), rig.get("full_name") if "(" not in rig.get("full_name", "") else "",
                           fb_names.get(iso) if fb_names.get(iso) and "," not in fb_names.get(iso, "") else ""],
                          exclude=[name_en])
        ru_alts = [m.get("ru_cldr"), m.get("ru_cldr_alt"), m.get("ru_un_short"), m.get("ru_un_formal"),
                   m.get("ru_naturalearth"), m.get("ru_pycountry") if "провинция" not in m.get("ru_pycountry", "") else ""]
        aliases_ru = uniq([*split(c.get("aliases_ru")),
                           *(ru_expand(x) for x in ru_alts if x and "(" not in x and " - " not in x)],
                          exclude=[name_ru])
        adj_en = split(c.get("adj_en"))
        adj_ru = split(c.get("adj_ru")) or seeds.get(iso, [])
        wikidata = (c.get("wikidata") or m.get("qid_datasets_country_codes") or rig.get("qid")
                    or m.get("qid_naturalearth") or "")
        alt = [] if c.get("wikidata") else uniq([m.get("qid_naturalearth"), rig.get("qid")], exclude=[wikidata])
        capital = c.get("capital") or m.get("capital_ne_qid") or ""
        capitals[iso] = capital or "name:" + (m.get("capital_en_datasets") or "").strip()
        rows.append({"id": iso, "wikidata": wikidata, "iso2": iso.upper(),
                     "iso3": m.get("iso3") or (rig.get("alpha3") or "").upper(),
                     "name_en": name_en, "name_ru": name_ru, "aliases_en": aliases_en,
                     "aliases_ru": aliases_ru, "adj_en": adj_en, "adj_ru": adj_ru,
                     "capital": "", "status": status, "wikidata_alt": alt,
                     "iso_numeric": _iso_numeric(codes.get("ISO3166-1-numeric"))})
    return rows, capitals


def _iso_numeric(value: str | None) -> str:
    """ISO 3166-1 numeric as three digits ('4' -> '004', the ids of world-atlas' shapes); '' if none."""
    value = (value or "").strip()
    return value.zfill(3) if value.isdigit() else ""


def _adjective_seeds(src: Sources, morph) -> dict[str, list[str]]:
    """Russian adjectives from CLDR currency names, kept only where no other country shares them."""
    raw = {r["iso2"].lower(): r["ru_adj_seed_from_cldr_currency"].strip()
           for r in src.merged if r["ru_adj_seed_from_cldr_currency"].strip()}
    counts = Counter(raw.values())
    out = {}
    for iso, adj in raw.items():
        if counts[adj] == 1:
            lemma = morph.parse(adj)[0].normal_form if morph else adj
            out[iso] = [lemma.replace("ё", "е")]
    return out


# ----------------------------------------------------------------- cities


def build_cities(src: Sources, countries: list[dict], capitals: dict[str, str]) -> list[dict]:
    """Natural Earth places + capitals missing from it, with curated fixes (Astana...)."""
    cur = read_tsv(CURATED / "cities.tsv")
    by_qid = {r["ne_wikidata"]: r for r in cur if r["ne_wikidata"] != "new"}
    country_ids = {c["id"] for c in countries}
    rows = []
    for p in src.places:
        iso = (p.get("ISO_A2") or "").lower()
        if iso in ("-99", ""):
            iso = {"Kosovo": "xk", "Somaliland": "so"}.get(p.get("ADM0NAME"), "")
        fix = by_qid.get(p.get("WIKIDATAID") or "", {})
        name_en = fix.get("name_en") or p.get("NAME_EN") or p["NAME"]
        name_ru = fix.get("name_ru") or p.get("NAME_RU") or ""
        aliases_en = uniq([*split(fix.get("aliases_en")), p.get("NAME"), p.get("NAMEASCII"),
                           *split(p.get("NAMEALT"))], exclude=[name_en])
        aliases_ru = uniq([*split(fix.get("aliases_ru")), p.get("NAME_RU")], exclude=[name_ru])
        rows.append({"id": fix.get("id", ""), "wikidata": p.get("WIKIDATAID") or "", "name_en": name_en,
                     "name_ru": name_ru, "aliases_en": aliases_en, "aliases_ru": aliases_ru,
                     "country": iso if iso in country_ids else "",
                     "capital": "1" if p.get("FEATURECLA") == "Admin-0 capital" else "0",
                     "population": str(int(p.get("POP_MAX") or 0)),
                     "lat": _coord(p.get("LATITUDE")), "long": _coord(p.get("LONGITUDE"))})
    for r in cur:
        if r["ne_wikidata"] == "new":
            rows.append({"id": r["id"], "wikidata": "", "name_en": r["name_en"], "name_ru": r["name_ru"],
                         "aliases_en": split(r["aliases_en"]), "aliases_ru": split(r["aliases_ru"]),
                         "country": r["country"], "capital": "1", "population": r["population"] or "0"})
    _assign_city_ids(rows)
    _link_capitals(rows, countries, capitals)
    _country_points(countries, rows)
    return rows


def _coord(value) -> str:
    """A latitude or longitude as text, 5 decimals at most (about a metre), no trailing zeros."""
    if value in (None, ""):
        return ""
    text = f"{float(value):.5f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _country_points(countries: list[dict], cities: list[dict]) -> None:
    """Each country's ``lat``/``long``: its capital's coordinates, else its most populous Natural Earth
    place, else the centroid of its largest polygon in the world-atlas shapes the pages ship
    (small territories Natural Earth's 50m places leave out); empty when none of these has it."""
    by_id = {c["id"]: c for c in cities}
    biggest: dict[str, dict] = {}
    for c in sorted(cities, key=lambda c: (-int(c["population"] or 0), c["id"])):
        if c.get("lat") and c["country"]:
            biggest.setdefault(c["country"], c)
    shapes = _shape_centroids()
    for country in countries:
        city = by_id.get(country["capital"])
        if not (city and city.get("lat")):
            city = biggest.get(country["id"])
        if city is not None:
            country["lat"], country["long"] = city["lat"], city["long"]
        elif country.get("iso_numeric") in shapes:
            lat, lon = shapes[country["iso_numeric"]]
            country["lat"], country["long"] = _coord(lat), _coord(lon)


def _shape_centroids() -> dict[str, tuple[float, float]]:
    """ISO numeric code -> (lat, long) of the centroid of the country's largest polygon (planar, in
    degrees: good enough for a marker), from ``kg/views/vendor/world-atlas/countries-50m.json``."""
    path = REPO / "kg" / "views" / "vendor" / "world-atlas" / "countries-50m.json"
    if not path.is_file():
        return {}
    topo = json.loads(path.read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)

    def ring(indexes):
        pts = []
        for i in indexes:
            seq = arcs[i] if i >= 0 else arcs[~i][::-1]
            pts.extend(seq if not pts else seq[1:])
        return pts

    out = {}
    for geom in topo["objects"]["countries"]["geometries"]:
        if not geom.get("id"):
            continue
        polys = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]] if geom["type"] == "Polygon" else []
        best = None
        for poly in polys:
            pts = ring(poly[0])
            a = cx = cy = 0.0
            for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1]):
                cross = x0 * y1 - x1 * y0
                a += cross
                cx += (x0 + x1) * cross
                cy += (y0 + y1) * cross
            if a and (best is None or abs(a) > best[0]):
                best = (abs(a), cy / (3 * a), cx / (3 * a))
        if best:
            out[geom["id"]] = (best[1], best[2])
    return out


def _assign_city_ids(rows: list[dict]) -> None:
    """Slug of the English name; on a clash the most populous keeps it, others get -<iso2>."""
    taken = {r["id"] for r in rows if r["id"]}
    pending = sorted((r for r in rows if not r["id"]), key=lambda r: (-int(r["population"]), r["name_en"]))
    for r in pending:
        base = slug(r["name_en"])
        cand = base if base not in taken else f"{base}-{r['country']}"
        n = 2
        while cand in taken:
            cand = f"{base}-{r['country']}-{n}"
            n += 1
        r["id"] = cand
        taken.add(cand)


def _link_capitals(cities: list[dict], countries: list[dict], capitals: dict[str, str]) -> None:
    """Set each country's ``capital`` to a city id, adding the city when Natural Earth lacks it."""
    by_qid = {c["wikidata"]: c for c in cities if c["wikidata"]}
    by_id = {c["id"]: c for c in cities}
    by_name = {(normalize(n), c["country"]): c for c in cities
               for n in [c["name_en"], *c["aliases_en"]]}
    taken = set(by_id)
    for country in countries:
        ref = capitals.get(country["id"], "")
        city = by_id.get(ref) or by_qid.get(ref)
        if city is None and ref.startswith("name:") and ref[5:]:
            name = ref[5:]
            city = by_name.get((normalize(name), country["id"]))
            if city is None:
                cid = slug(name) if slug(name) not in taken else f"{slug(name)}-{country['id']}"
                city = {"id": cid, "wikidata": "", "name_en": name, "name_ru": en_to_ru(name),
                        "aliases_en": [], "aliases_ru": [], "country": country["id"], "capital": "1",
                        "population": "0", "translit": True}
                cities.append(city)
                taken.add(cid)
                by_id[cid] = city
        if city is not None:
            country["capital"] = city["id"]
            city["capital"] = "1"
            city["country"] = city["country"] or country["id"]


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
                                      "iso_numeric", "lat", "long"], countries)
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
