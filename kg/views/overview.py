"""The analyst's overview: one self-contained, offline page with four linked panels.

* ``network`` — the meeting network of persons (leaders are stars), an edge's weight the number
  of happened meetings, summits, visits and phone calls the two shared, coloured by country; a
  toggle shows countries linked by the events they share instead;
* ``timeline`` — every event on a time axis, one lane per kind, status drawn differently
  (planned: outlined, cancelled and denied: struck through), zoomable from decades to days,
  with a brush strip of events per month above it;
* ``map`` — countries shaded by the number of events held there or taken part in, cities with
  events as circles sized by their count; shapes (world-atlas, Natural Earth 1:50m) ship inside;
* ``events`` — a sortable, searchable table of events; a row opens its evidence (sentences,
  headlines, dates, sources) in the side panel.

Linked: the time range chosen on the timeline (its window: zoom, pan, the brush strip or the
date fields) filters all four; clicking a person, country, city or event anywhere highlights it
in the others and opens its evidence; the URL fragment keeps the selection, the range and the
search, so a view can be shared.

Safety as in :mod:`kg.views.network`: article text reaches the page only as JSON in a
``<script type="application/json">`` element with ``<``, ``>``, ``&`` and the line separators
escaped; the page's script puts text into the DOM with ``textContent`` only (links get an
``href`` only for ``http(s)`` URLs); the Content-Security-Policy forbids every request.

:data:`OVERVIEW_MIN_NODES` decides which page ``graph.html`` of ``kg build`` is.
"""
from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import networkx as nx

from ..errors import KGError
from ..kb import geo as kb_geo
from ..kinds import KINDS, met_with_kinds, names
from .layout import layout
from .network import fill_template, html_escape, script_json, vis_js
from .style import node_styles

__all__ = ["overview_data", "render_overview", "use_overview", "OVERVIEW_MIN_NODES", "PANELS",
           "vendor_files"]

#: ``graph.html`` of ``kg build`` is the overview when the graph has more nodes than this.
#:
#: Up to about 150 nodes the network page of :mod:`kg.views.network` shows the whole event graph legibly:
#: vis-network's own layout places it (``improvedLayout`` is on up to 150 nodes), every node and
#: relation keeps its label, and the reader sees each fact, which the overview's aggregated panels
#: would fold into counts. That is a batch of roughly ten to twenty articles (the bundled
#: one-article example has 13 nodes, the 13 test articles of ``tests/data/corpus12`` 33). Above it
#: the full graph needs the Python layout and its labels pile up (1,259 real articles gave 11,027
#: nodes: the hairball of issue 17), while there are now enough dated and placed events for a
#: time axis, a map and a table to carry information. ``kg view --view overview`` (or
#: ``--view full``) draws either page at any size.
OVERVIEW_MIN_NODES = 150
PANELS = ("overview", "timeline", "map", "network")
#: the network panel draws at most this many persons (or countries): those in most events. A
#: 10,000-article store has a few thousand persons who met someone: drawn all, they are a
#: hairball that vis-network takes seconds to redraw on every change of the time range.
NETWORK_MAX_NODES = 500
#: ... and at most this many pairs among them, those with most shared events (vis-network
#: re-processes every edge whose width or visibility a new time range changes)
NETWORK_MAX_EDGES = 1500
#: evidence items per event and per entity kept in the page (the rest are counted)
EVIDENCE_PER_EVENT = 5
EVIDENCE_PER_ENTITY = 3
SENTENCE_MAX = 400
_PERSON = ("Person", "Leader")
HERE = Path(__file__).parent
VENDOR = HERE / "vendor"


def use_overview(G: nx.MultiDiGraph) -> bool:
    """Whether ``graph.html`` of ``kg build`` is the overview for ``G`` (see :data:`OVERVIEW_MIN_NODES`)."""
    return G.number_of_nodes() > OVERVIEW_MIN_NODES


# ---------------------------------------------------------------- data

def _evidence(items, article_index: dict, limit: int) -> tuple[list, int]:
    shown, seen = [], set()
    for e in sorted(items or [], key=lambda e: (str(e.get("article")), e.get("start") or 0, str(e.get("rule")))):
        key = (e.get("article"), e.get("sentence"))
        if key in seen:
            continue
        seen.add(key)
        if len(shown) < limit:
            art = str(e.get("article") or "")
            article_index.setdefault(art, None)
            shown.append([str(e.get("sentence") or "")[:SENTENCE_MAX], art, str(e.get("rule") or ""),
                          round(float(e.get("confidence") or 0), 3)])
    return shown, len(seen) - len(shown)


def _out(G, n, key):
    return sorted(v for _, v, k in G.out_edges(n, keys=True) if k == key)


def _country_of(G, n: str) -> str | None:
    """The country of a place: itself, or where it is located."""
    if G.nodes[n].get("type") == "Country":
        return n
    return next((v for v in _out(G, n, "locatedIn") if G.nodes[v].get("type") == "Country"), None)


def _event_rows(G):
    """(event id, participants, place, countries taking part, host country) for every event, by
    date (undated last). Countries taking part are :func:`kg.analysis.event_countries` (participants,
    the countries their leaders lead, a visit's host), so the countries network is
    :func:`kg.analysis.country_network`; the host is the country of the place."""
    from ..analysis import event_countries

    evs = sorted((n for n, d in G.nodes(data=True) if d.get("category") == "event"),
                 key=lambda n: (G.nodes[n].get("start_date") or "9999", n))
    led = {n: [v for v in _out(G, n, "leaderOf") if G.nodes[v].get("type") == "Country"]
           for n, d in G.nodes(data=True) if d.get("type") in _PERSON}
    rows = []
    for ev in evs:
        parts = sorted({v for _, v, k, d in G.out_edges(ev, keys=True, data=True)
                        if k == "participant" and d.get("role") != "declined"})
        place = next(iter(_out(G, ev, "heldIn")), None)
        host = _country_of(G, place) if place else None
        rows.append((ev, parts, place, event_countries(G, ev), host))
    return rows, led


def _person_countries(G, rows, led) -> dict[str, str]:
    """A person's country: the one they lead (leaderOf), else the country that most often takes part
    directly in their events without being led by another participant."""
    out = {p: cs[0] for p, cs in led.items() if cs}
    votes: dict[str, Counter] = defaultdict(Counter)
    for ev, parts, _place, _cs, _host in rows:
        direct = [p for p in parts if G.nodes[p].get("type") == "Country"]
        others_led = {c for p in parts for c in led.get(p, ())}
        for p in parts:
            if G.nodes[p].get("type") in _PERSON and p not in out:
                for c in direct:
                    if c not in others_led:
                        votes[p][c] += 1
    for p, counter in votes.items():
        out[p] = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    return out


def _projection(groups: dict[int, list[str]]) -> tuple[list[str], dict[tuple[str, str], list[int]]]:
    pairs: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, members in sorted(groups.items()):
        ms = sorted(set(members))
        for a_i, a in enumerate(ms):
            for b in ms[a_i + 1:]:
                pairs[(a, b)].append(i)
    return sorted({x for pair in pairs for x in pair}), dict(sorted(pairs.items()))


def _network(nodes: list[str], pairs: dict, index: dict[str, int]) -> dict:
    """Nodes with positions (:func:`kg.views.layout.layout`) and edges with their events; at most
    :data:`NETWORK_MAX_NODES` nodes, those in most events, and :data:`NETWORK_MAX_EDGES` edges,
    the strongest (``total`` and ``total_edges`` count them all)."""
    total = len(nodes)
    if total > NETWORK_MAX_NODES:
        events: dict[str, set] = defaultdict(set)
        for (a, b), evs in pairs.items():
            events[a].update(evs)
            events[b].update(evs)
        keep = set(sorted(nodes, key=lambda n: (-len(events[n]), n))[:NETWORK_MAX_NODES])
        nodes = sorted(keep)
        pairs = {ab: evs for ab, evs in pairs.items() if ab[0] in keep and ab[1] in keep}
    total_edges = len(pairs)
    if total_edges > NETWORK_MAX_EDGES:
        strongest = sorted(pairs, key=lambda ab: (-len(pairs[ab]), ab))[:NETWORK_MAX_EDGES]
        pairs = {ab: pairs[ab] for ab in sorted(strongest)}
    H = nx.Graph()
    H.add_nodes_from(nodes)
    H.add_edges_from(pairs)
    pos = layout(H, edge_length=90.0) if nodes else {}
    return {"nodes": [[index[n], *pos[n]] for n in nodes],
            "edges": [[index[a], index[b], evs] for (a, b), evs in pairs.items()], "total": total,
            "total_edges": total_edges}


def overview_data(G: nx.MultiDiGraph) -> dict:
    """The page's data, JSON-ready and deterministic (the same graph gives the same dict, in order).

    Keys: ``events`` (by date, undated last: ``i`` id, ``l`` label, ``k`` kind, ``s`` status,
    ``d``/``e`` start and end date, ``p`` participants, ``pl`` place, ``h`` host country,
    ``cs`` countries taking part (:func:`kg.analysis.event_countries`), ``n`` number of sources, ``cf`` confidence, ``ev``
    evidence ``[sentence, article, rule, confidence]``, ``m`` evidence items left out, ``q``
    quote); ``entities`` (persons, countries, cities, organizations and places the events name,
    sorted by id: ``i``, ``l``, ``t`` type, ``c`` country, ``la``/``lo`` coordinates, ``n`` ISO
    numeric, ``k`` ISO alpha-2, ``ev``, ``m``); entity and event references are list indexes;
    ``articles`` (``t`` title, ``d`` date, ``u`` URL, ``s`` source) by id, evidence naming them
    by index; ``persons`` and ``countries``: the two networks (``nodes`` ``[entity, x, y]``,
    ``edges`` ``[entity, entity, [events]]``); ``kinds``; ``counts``."""
    rows, led = _event_rows(G)
    person_country = _person_countries(G, rows, led)
    used: set[str] = set()
    for ev, parts, place, countries, host in rows:
        used.update(parts)
        used.update(countries)
        used.update(x for x in (place, host) if x)
    for n in list(used):
        d = G.nodes[n]
        if d.get("type") in _PERSON and person_country.get(n):
            used.add(person_country[n])
        elif d.get("type") in ("City", "Place") and _country_of(G, n):
            used.add(_country_of(G, n))
    ents = sorted(used)
    geo = kb_geo()
    index = {n: i for i, n in enumerate(ents)}
    articles: dict[str, None] = {}
    entities = []
    for n in ents:
        d = G.nodes[n]
        t = d.get("type", "")
        item = {"i": n, "l": str(d.get("label") or n), "t": t}
        other = d.get("label_ru") if d.get("label_ru") and d.get("label_ru") != item["l"] else ""
        if other:
            item["r"] = str(other)
        country = person_country.get(n) if t in _PERSON else (_country_of(G, n) if t in ("City", "Place") else None)
        if country and country in index:
            item["c"] = index[country]
        place = d if "lat" in d or t not in ("Country", "City") else geo.get(n, {})  # older GraphML: from the KB
        for key, short in (("lat", "la"), ("long", "lo")):
            if isinstance(place.get(key), (int, float)):
                item[short] = round(float(place[key]), 5)
        if place.get("iso_numeric"):
            item["n"] = str(place["iso_numeric"])
        if d.get("iso2"):
            item["k"] = str(d["iso2"])
        item["ev"], item["m"] = _evidence(d.get("evidence"), articles, EVIDENCE_PER_ENTITY)
        entities.append(item)
    events = []
    for ev, parts, place, countries, host in rows:
        d = G.nodes[ev]
        item = {"i": ev, "l": str(d.get("label") or ev), "k": str(d.get("type") or ""),
                "s": str(d.get("status") or "happened"), "d": str(d.get("start_date") or ""),
                "e": str(d.get("end_date") or ""), "p": [index[p] for p in parts],
                "pl": index[place] if place else -1, "h": index[host] if host else -1,
                "cs": [index[c] for c in countries],
                "n": int(d.get("source_count") or len(d.get("sources") or ()) or 0),
                "cf": round(float(d.get("confidence") or 0), 3)}
        if d.get("quote"):
            item["q"] = str(d["quote"])[:SENTENCE_MAX]
        item["ev"], item["m"] = _evidence(d.get("evidence"), articles, EVIDENCE_PER_EVENT)
        events.append(item)
    met_kinds = met_with_kinds()
    meet = {i: [p for p in parts if G.nodes[p].get("type") in _PERSON]
            for i, (ev, parts, *_r) in enumerate(rows)
            if G.nodes[ev].get("type") in met_kinds and G.nodes[ev].get("status", "happened") == "happened"}
    shared = {i: list(cs) for i, (ev, _p, _pl, cs, _h) in enumerate(rows)
              if G.nodes[ev].get("type") != "Statement" and G.nodes[ev].get("status", "happened") == "happened"}
    art_ids = sorted(articles)
    art_index = {a: i for i, a in enumerate(art_ids)}
    for item in entities + events:
        for e in item["ev"]:
            e[1] = art_index[e[1]]
    meta = G.graph.get("articles") or {}
    arts = [{"i": a, "t": str((meta.get(a) or {}).get("title") or ""), "d": str((meta.get(a) or {}).get("date") or ""),
             "u": str((meta.get(a) or {}).get("url") or ""), "s": str((meta.get(a) or {}).get("source") or "")}
            for a in art_ids]
    styles = node_styles()
    kinds = [{"k": k, "name": KINDS[k].title, "color": "#8c8c8c" if k == "Statement" else styles[k][0]}
             for k in names()]
    extra = sorted({e["k"] for e in events} - set(names()))
    kinds += [{"k": k, "name": k or "event", "color": "#999999"} for k in extra]
    dated = [e["d"] for e in events if e["d"]]
    return {"events": events, "entities": entities, "articles": arts, "kinds": kinds,
            "persons": _network(*_projection(meet), index), "countries": _network(*_projection(shared), index),
            "counts": {"nodes": G.number_of_nodes(), "edges": G.number_of_edges(), "events": len(events),
                       "entities": sum(1 for _, d in G.nodes(data=True) if d.get("category") == "entity"),
                       "articles": len(meta), "undated": len(events) - len(dated),
                       "first": min(dated, default=""), "last": max(max(dated, default=""),
                                                                   max((e["e"] for e in events), default=""))}}


# ---------------------------------------------------------------- the page

def vendor_files() -> dict[str, Path]:
    """The vendored files the page inlines, by role (see ``vendor/VENDOR.json``)."""
    return {"timeline": VENDOR / "vis-timeline" / "vis-timeline-graph2d.min.js",
            "d3array": VENDOR / "d3-array" / "d3-array.min.js", "d3geo": VENDOR / "d3-geo" / "d3-geo.min.js",
            "topojson": VENDOR / "topojson-client" / "topojson-client.min.js",
            "world": VENDOR / "world-atlas" / "countries-50m.json"}


def _script_text(text: str) -> str:
    """A vendored script made safe to inline: no source-map comment (nothing to fetch), and no
    ``</script`` that would end the element (``<\\/`` means the same inside JS strings and regexes)."""
    text = re.sub(r"^//# sourceMappingURL=[^\n]*$", "", text, flags=re.M)  # not splitlines(): U+2028 in strings
    return text.replace("</script", "<\\/script").replace("</SCRIPT", "<\\/SCRIPT")


def render_overview(G: nx.MultiDiGraph, title: str = "dipkg overview", panel: str = "overview") -> str:
    """The overview page for an event graph, as a string; deterministic. ``panel``: which panel
    the page opens on (``overview`` shows all four; the others enlarge one, the table and the
    side panel staying; the page's tabs switch)."""
    if panel not in PANELS:
        raise KGError(f"unknown panel {panel!r} (known: {', '.join(PANELS)})")
    data = overview_data(G)
    files = vendor_files()
    world = json.loads(files["world"].read_text(encoding="utf-8"))
    parts = {
        "TITLE": html_escape(title), "PANEL": panel, "CSS": (HERE / "overview.css").read_text(encoding="utf-8"),
        "VISNETWORK": _script_text(vis_js()), "VISTIMELINE": _script_text(files["timeline"].read_text(encoding="utf-8")),
        "D3ARRAY": _script_text(files["d3array"].read_text(encoding="utf-8")),
        "D3GEO": _script_text(files["d3geo"].read_text(encoding="utf-8")),
        "TOPOJSON": _script_text(files["topojson"].read_text(encoding="utf-8")),
        "WORLD": script_json(world), "DATA": script_json(data),
        "APP": _script_text((HERE / "overview.js").read_text(encoding="utf-8")),
        "MAPJS": _script_text((HERE / "overview_map.js").read_text(encoding="utf-8")),
        "PANELSJS": _script_text((HERE / "overview_panels.js").read_text(encoding="utf-8")),
    }
    return fill_template("overview.html", parts)
