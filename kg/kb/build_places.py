"""Countries and cities for :mod:`kg.kb.build`: ``countries.tsv`` and ``cities.tsv`` from the merged
country table, CLDR, rigour, the Factbook and Natural Earth places with the curated fixes, each
country's capital linked to a city, and the coordinates of cities and countries."""
from __future__ import annotations

import json
import re
from collections import Counter

from kg.kb import normalize
from kg.kb.build_inputs import CURATED, REPO, Sources, read_tsv, slug, split, uniq
from kg.kb.factbook import clean
from kg.kb.translit import en_to_ru

# entries that are neither UN members nor territories
STATUS_OTHER = {"tw", "xk", "eh"}
STATUS_OBSERVER = {"va", "ps"}


def clean_un_name(name: str) -> str:
    """UNTERM names: strip ' *', '(the)', a leading 'the'."""
    name = name.replace(" *", "").replace("(the)", "").strip()
    name = re.sub(r"^the ", "", name)
    return re.sub(r"\s+", " ", name).strip()


def ru_expand(name: str) -> str:
    return name.replace("о-ва", "острова").replace("о-в", "остров").replace("’", "'")


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
                     "iso_numeric": _iso_numeric(codes.get("ISO3166-1-numeric")),
                     "leader": c.get("leader", "")})
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

