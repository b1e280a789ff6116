"""The interactive HTML view: one self-contained page (vis-network inlined from
the pyvis package, no CDN, no request to any host) with a legend, filters by
type and date, search, physics that settles, and evidence tooltips.

Views (each a small graph of the same shape, rendered by :func:`render_html`):

* :func:`full_view` — the event graph; ``metWith`` edges are drawn once per pair
  of persons, weighted by the number of meetings;
* :func:`meetings_view` — persons linked by ``metWith``, weighted by meetings;
* :func:`countries_view` — countries linked by the events they share (directly
  or through their leaders);
* :func:`ego_view` — the neighbourhood of a node found by name, to a depth.

Safety: every string from an article reaches the page only inside JSON that
has ``<``, ``>``, ``&`` and the line separators escaped, and the page's script
puts text into the DOM with ``textContent`` only (links get an ``href`` only
for ``http(s)`` URLs), so an article containing ``<script>`` or
``<img onerror=...>`` shows as text and runs nothing.

Large graphs: pyvis's Python side is quadratic (``add_node`` and ``add_edge``
scan lists), so node and edge dicts are built here; pyvis supplies the network
options and vis-network itself. Above :data:`PHYSICS_MAX_NODES` nodes the
layout is computed in Python (:func:`layout`) and physics starts switched off,
so the page is interactive within seconds.
"""
from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from pathlib import Path

import networkx as nx

from .errors import KGError

__all__ = ["to_html", "render_html", "make_view", "full_view", "meetings_view", "countries_view",
           "ego_view", "filter_types", "filter_dates", "find_node", "load_graph", "layout",
           "STYLE", "VIEWS", "PHYSICS_MAX_NODES", "PAGE_MAX_NODES", "bound_view"]

#: colour, vis-network shape and legend name per node type (legend order)
STYLE = {
    "Leader": ("#d62728", "star", "Leader"),
    "Person": ("#f4a582", "dot", "Person"),
    "Country": ("#1f77b4", "square", "Country"),
    "Organization": ("#9467bd", "hexagon", "Organization"),
    "City": ("#2ca02c", "triangle", "City"),
    "Place": ("#98df8a", "triangleDown", "Place"),
    "Meeting": ("#ff7f0e", "diamond", "Meeting"),
    "Summit": ("#e377c2", "box", "Summit"),
    "Visit": ("#bcbd22", "ellipse", "Visit"),
    "PhoneCall": ("#17becf", "circle", "Phone call"),
    "AgreementSigning": ("#8c564b", "database", "Agreement signing"),
    "Statement": ("#dddddd", "box", "Statement"),
    "Quantity": ("#555555", "text", "Figure"),
}
_OTHER = ("#aaaaaa", "dot")
#: edge colour per relation
EDGE_COLORS = {
    "metWith": "#d62728", "participant": "#9a9a9a", "heldIn": "#2ca02c", "leaderOf": "#b2182b",
    "memberOf": "#9467bd", "locatedIn": "#74c476", "partOf": "#74c476", "organizer": "#e377c2",
    "concerns": "#bbbbbb", "sharedEvents": "#1f77b4",
}
_EVENT_KINDS = ("Meeting", "Summit", "Visit", "PhoneCall", "AgreementSigning", "Statement")
VIEWS = ("full", "meetings", "countries")
#: above this many nodes the layout is computed in Python and physics starts off
PHYSICS_MAX_NODES = 400
#: ``graph.html`` of ``kg build`` shows at most this many nodes (the most connected; see bound_view)
PAGE_MAX_NODES = 3000
#: above this many edges, edge labels are not drawn (tooltips still name the relation)
EDGE_LABELS_MAX_EDGES = 1500
#: evidence items kept per node or edge in the page (the rest are counted)
EVIDENCE_PER_ITEM = 5


# ---------------------------------------------------------------- reading

def load_graph(path: str | Path) -> nx.MultiDiGraph:
    """A ``graph.graphml`` export read back, its JSON-string attributes decoded."""
    from .graph_io import read_graphml

    return read_graphml(path)


# ---------------------------------------------------------------- views

def _new_view(G: nx.MultiDiGraph, name: str) -> nx.MultiDiGraph:
    V = nx.MultiDiGraph()
    V.graph["articles"] = G.graph.get("articles", {})
    V.graph["view"] = name
    return V


def _merge_evidence(items) -> list[dict]:
    seen, out = set(), []
    for ev in items:
        key = (ev.get("article"), ev.get("sentence"), ev.get("start"), ev.get("rule"))
        if key not in seen:
            seen.add(key)
            out.append(ev)
    return sorted(out, key=lambda e: (str(e.get("article")), e.get("start") or 0, str(e.get("rule"))))


def _node_date(d: dict) -> str:
    return d.get("start_date") or ""


def full_view(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Every node and edge, with the ``metWith`` edges of a pair merged into one."""
    V = _new_view(G, "full")
    for n in sorted(G.nodes):
        V.add_node(n, **G.nodes[n])
    met = defaultdict(list)
    for u, v, k, d in sorted(G.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2]))):
        if d.get("type") == "metWith":
            met[tuple(sorted((u, v)))].append(d)
        else:
            V.add_edge(u, v, key=str(k), **d)
    for (a, b), ds in sorted(met.items()):
        _add_met(V, a, b, ds)
    return V


def _add_met(V, a, b, ds) -> None:
    events = sorted({d.get("event") or "" for d in ds} - {""}) or sorted({str(i) for i in range(len(ds))})
    n = max(len(events), max((d.get("weight", 1) for d in ds), default=1))
    dates = sorted({x for d in ds for x in ([d["date"]] if d.get("date") else []) + list(d.get("dates", []))})
    V.add_edge(a, b, key="metWith", type="metWith", label="met with" + (f" ×{n}" if n > 1 else ""),
               weight=n, undirected=True, events=events, dates=dates,
               evidence=_merge_evidence(e for d in ds for e in d.get("evidence", [])))


def meetings_view(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Persons linked by met-with, one edge per pair weighted by the number of meetings."""
    V = _new_view(G, "meetings")
    met = defaultdict(list)
    for u, v, d in G.edges(data=True):
        if d.get("type") == "metWith":
            met[tuple(sorted((u, v)))].append(d)
    for n in sorted({x for pair in met for x in pair}):
        V.add_node(n, **G.nodes[n])
    for (a, b), ds in sorted(met.items()):
        _add_met(V, a, b, ds)
    return V


def _event_countries(G: nx.MultiDiGraph, ev: str) -> set[str]:
    """Countries taking part in an event: directly, or as the country their participant leads."""
    out = set()
    for _, x, d in G.out_edges(ev, data=True):
        if d.get("type") != "participant":
            continue
        t = G.nodes[x].get("type")
        if t == "Country":
            out.add(x)
        elif t in ("Leader", "Person"):
            out.update(y for _, y, dd in G.out_edges(x, data=True)
                       if dd.get("type") == "leaderOf" and G.nodes[y].get("type") == "Country")
    return out


def countries_view(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Countries linked by the events they share, weighted by the number of events."""
    V = _new_view(G, "countries")
    pairs = defaultdict(list)
    involved = set()
    for ev in sorted(n for n, d in G.nodes(data=True) if d.get("category") == "event"):
        cs = sorted(_event_countries(G, ev))
        involved.update(cs)
        for i, a in enumerate(cs):
            for b in cs[i + 1:]:
                pairs[(a, b)].append(ev)
    for n in sorted(involved):
        V.add_node(n, **G.nodes[n])
    for (a, b), evs in sorted(pairs.items()):
        labels = [G.nodes[e].get("label", e) for e in evs]
        V.add_edge(a, b, key="sharedEvents", type="sharedEvents", weight=len(evs), undirected=True,
                   label=f"{len(evs)} shared event" + ("s" if len(evs) > 1 else ""),
                   events=evs, event_labels=labels,
                   dates=sorted({_node_date(G.nodes[e]) for e in evs} - {""}),
                   evidence=_merge_evidence(x for e in evs for x in G.nodes[e].get("evidence", [])))
    return V


def _names(n: str, d: dict) -> list[str]:
    names = [n, d.get("label") or "", d.get("label_en") or "", d.get("label_ru") or ""]
    names += list(d.get("aliases") or [])
    return [x.casefold() for x in names if x]


def find_node(G: nx.MultiDiGraph, name: str) -> str:
    """The node best matching a name: exact name or alias, then a whole word, then a substring;
    entities before events, then the most connected."""
    q = name.casefold().strip()
    best = None
    for n, d in G.nodes(data=True):
        score = 0
        for x in _names(n, d):
            if x == q:
                score = max(score, 3)
            elif q in x.replace("-", " ").split() or q in x.split():
                score = max(score, 2)
            elif q in x:
                score = max(score, 1)
        if score:
            key = (score, d.get("category") == "entity", G.degree(n), n)
            if best is None or key > best[0]:
                best = (key, n)
    if best is None:
        raise KGError(f"no node matches {name!r}")
    return best[1]


def ego_view(G: nx.MultiDiGraph, focus: str, depth: int = 2) -> nx.MultiDiGraph:
    """The nodes within ``depth`` steps (either direction) of the node named ``focus``."""
    center = find_node(G, focus)
    keep = nx.single_source_shortest_path_length(G.to_undirected(as_view=True), center, cutoff=max(0, depth))
    V = G.subgraph(sorted(keep)).copy()
    V.graph.update(G.graph)
    V.graph["focus"] = center
    return V


def filter_types(G: nx.MultiDiGraph, types) -> nx.MultiDiGraph:
    """Only the nodes of these types (names as in :data:`STYLE`, case-insensitive; ``Event``
    means every event kind, ``Person`` includes leaders)."""
    wanted = set()
    lookup = {t.casefold(): t for t in STYLE}
    for t in types:
        for part in str(t).split(","):
            p = part.strip().casefold()
            if not p:
                continue
            if p in ("event", "events"):
                wanted.update(_EVENT_KINDS)
            elif p in ("person", "persons", "people"):
                wanted.update(("Person", "Leader"))
            elif p.rstrip("s") in lookup or p in lookup:
                wanted.add(lookup.get(p) or lookup[p.rstrip("s")])
            else:
                raise KGError(f"unknown node type {part.strip()!r} (known: {', '.join(STYLE)}, Event)")
    V = G.subgraph(sorted(n for n, d in G.nodes(data=True) if d.get("type") in wanted)).copy()
    V.graph.update(G.graph)
    return V


def filter_dates(G: nx.MultiDiGraph, date_from: str | None = None, date_to: str | None = None) -> nx.MultiDiGraph:
    """Events and meetings dated within [date_from, date_to] (ISO dates, inclusive; a bound may be
    omitted). Undated events and edges go; entities that are left without any edge go too."""
    if not date_from and not date_to:
        return G
    for x in (date_from, date_to):
        if x and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", x):
            raise KGError(f"not a date: {x!r} (use YYYY-MM-DD)")
    lo, hi = date_from or "0000", (date_to or "9999") + "\uffff"

    def within(start: str, end: str = "") -> bool:
        return bool(start) and start <= hi and (end or start) >= lo

    drop = {n for n, d in G.nodes(data=True)
            if d.get("category") == "event" and not within(d.get("start_date", ""), d.get("end_date", ""))}
    V = G.subgraph(sorted(set(G.nodes) - drop)).copy()
    V.graph.update(G.graph)
    for u, v, k, d in list(V.edges(keys=True, data=True)):
        dates = ([d["date"]] if d.get("date") else []) + list(d.get("dates") or [])
        if d.get("type") in ("metWith", "sharedEvents") and not any(within(x) for x in dates):
            V.remove_edge(u, v, key=k)
    had_edges = {n for n in G.nodes if G.degree(n)}
    V.remove_nodes_from(sorted(n for n in list(V.nodes) if n in had_edges and not V.degree(n)))
    return V


def make_view(G: nx.MultiDiGraph, view: str = "full", focus: str | None = None, depth: int = 2,
              types=None, date_from: str | None = None, date_to: str | None = None) -> nx.MultiDiGraph:
    """Dates, then the view, then types, then the ego neighbourhood."""
    if view not in VIEWS:
        raise KGError(f"unknown view {view!r} (known: {', '.join(VIEWS)})")
    V = filter_dates(G, date_from, date_to)
    V = {"full": full_view, "meetings": meetings_view, "countries": countries_view}[view](V)
    if types:
        V = filter_types(V, types)
    if focus:
        V = ego_view(V, focus, depth)
    return V


# ---------------------------------------------------------------- layout

def layout(G: nx.Graph, iterations: int = 80, seed: int = 7, edge_length: float = 110.0) -> dict:
    """Positions {node: (x, y)} in vis-network pixels, deterministic for the same graph.

    Force-directed (Fruchterman–Reingold) per connected component with numpy: exact
    repulsion for components up to 1,500 nodes, repulsion from a fixed-seed sample of 400
    nodes per step above that (O(n) per step instead of O(n²)); components are then packed
    in rows, largest first."""
    import numpy as np

    nodes = sorted(G.nodes)
    index = {n: i for i, n in enumerate(nodes)}
    adj = defaultdict(set)
    for u, v in G.edges():
        if u != v:
            adj[index[u]].add(index[v])
            adj[index[v]].add(index[u])
    H = nx.Graph()
    H.add_nodes_from(range(len(nodes)))
    H.add_edges_from((a, b) for a, bs in adj.items() for b in bs if a < b)
    comps = sorted((sorted(c) for c in nx.connected_components(H)), key=lambda c: (-len(c), c[0]))
    rng = np.random.default_rng(seed)
    placed = []
    singles = []
    for comp in comps:
        if len(comp) == 1:
            singles.append(comp[0])
            continue
        local = {g: i for i, g in enumerate(comp)}
        ei = np.array([local[a] for a in comp for b in sorted(adj[a]) if a < b], dtype=np.int64)
        ej = np.array([local[b] for a in comp for b in sorted(adj[a]) if a < b], dtype=np.int64)
        pos = _fruchterman_reingold(len(comp), ei, ej, iterations, rng)
        pos -= pos.min(axis=0)
        placed.append((comp, pos * edge_length))
    if singles:
        side = math.ceil(math.sqrt(len(singles)))
        pos = np.array([[(i % side) * edge_length * 0.6, (i // side) * edge_length * 0.6]
                        for i in range(len(singles))], dtype=float)
        placed.append((singles, pos))
    # shelf packing
    total = sum((p[:, 0].max() + edge_length) * (p[:, 1].max() + edge_length) for _, p in placed)
    row_width = max(math.sqrt(total) * 1.3, max(p[:, 0].max() + edge_length for _, p in placed))
    out = {}
    x = y = row_h = 0.0
    for comp, p in placed:
        w, h = p[:, 0].max() + edge_length, p[:, 1].max() + edge_length
        if x > 0 and x + w > row_width:
            x, y, row_h = 0.0, y + row_h, 0.0
        for g, (px, py) in zip(comp, p):
            out[nodes[g]] = (round(float(px + x)), round(float(py + y)))
        x += w
        row_h = max(row_h, h)
    cx = (max(v[0] for v in out.values()) + min(v[0] for v in out.values())) // 2
    cy = (max(v[1] for v in out.values()) + min(v[1] for v in out.values())) // 2
    return {n: (px - cx, py - cy) for n, (px, py) in out.items()}


def _fruchterman_reingold(n: int, ei, ej, iterations: int, rng):
    import numpy as np

    side = math.sqrt(n)
    pos = rng.uniform(0, side, size=(n, 2))
    temp = side / 8
    sample = 250
    for _ in range(iterations):
        x, y = pos[:, 0], pos[:, 1]
        fx, fy = np.zeros(n), np.zeros(n)
        if n <= 1500:
            for s in range(0, n, 500):
                dx = x[s:s + 500, None] - x[None, :]
                dy = y[s:s + 500, None] - y[None, :]
                inv = 1.0 / np.maximum(dx * dx + dy * dy, 1e-4)
                fx[s:s + 500] += (dx * inv).sum(1)
                fy[s:s + 500] += (dy * inv).sum(1)
        else:  # repulsion from a sample, scaled up: O(n) per step
            pick = rng.choice(n, size=sample, replace=False)
            dx = x[:, None] - x[None, pick]
            dy = y[:, None] - y[None, pick]
            inv = 1.0 / np.maximum(dx * dx + dy * dy, 1e-4)
            fx += (dx * inv).sum(1) * (n / sample)
            fy += (dy * inv).sum(1) * (n / sample)
        dx, dy = x[ei] - x[ej], y[ei] - y[ej]
        dist = np.sqrt(dx * dx + dy * dy)
        for f, d in ((fx, dx * dist), (fy, dy * dist)):
            f -= np.bincount(ei, d, minlength=n)
            f += np.bincount(ej, d, minlength=n)
        g = 0.02 * math.sqrt(n)  # mild gravity keeps a component compact
        fx -= g * (x - x.mean())
        fy -= g * (y - y.mean())
        length = np.maximum(np.sqrt(fx * fx + fy * fy), 1e-9)
        step = np.minimum(length, temp) / length
        pos[:, 0] += fx * step
        pos[:, 1] += fy * step
        temp = max(temp * 0.95, side / 200)
    return pos


# ---------------------------------------------------------------- the page

def _short_label(G: nx.MultiDiGraph, n: str, d: dict) -> str:
    typ = d.get("type", "")
    label = str(d.get("label") or n)
    if typ == "Country" and d.get("iso2"):
        return f"{label} ({d['iso2']})"
    if d.get("category") == "event":
        name = STYLE.get(typ, ("", "", typ))[2]
        place = next((G.nodes[v].get("label") for _, v, k in G.out_edges(n, keys=True) if k == "heldIn"), None)
        if not place and typ == "Statement":
            place = next((str(G.nodes[v].get("label") or v) for _, v, k in G.out_edges(n, keys=True)
                          if k == "participant" and G.nodes[v].get("category") == "entity"), None)
        first = f"{name} · {place}" if place else name
        return first + (f"\n{d['start_date']}" if d.get("start_date") else "")
    limit = 70 if typ == "Quantity" else 36
    if len(label) > limit:
        return label[:limit - 2] + "…"
    return label


def _facts(d: dict) -> list[list[str]]:
    out = []
    for key in ("type", "status", "start_date", "end_date", "role", "wikidata", "cameo", "plover"):
        if d.get(key):
            out.append([key.replace("_", " "), str(d[key])])
    if d.get("topics"):
        out.append(["topics", ", ".join(map(str, d["topics"]))])
    if d.get("event_labels"):
        out.append(["events", "; ".join(d["event_labels"][:8]) + (" …" if len(d["event_labels"]) > 8 else "")])
    if d.get("quote"):
        out.append(["quote", "«" + str(d["quote"])[:300] + "»"])
    return out


def _info(head: str, d: dict) -> dict:
    evidence = d.get("evidence") or []
    shown, seen = [], set()
    for ev in evidence:
        key = (ev.get("article"), ev.get("sentence"))
        if key in seen:
            continue
        seen.add(key)
        if len(shown) < EVIDENCE_PER_ITEM:
            shown.append([str(ev.get("sentence", ""))[:500], str(ev.get("article", "")), str(ev.get("rule", ""))])
    return {"h": head, "f": _facts(d), "e": shown, "more": max(0, len(seen) - len(shown))}


def _options(physics: bool, n_nodes: int, n_edges: int) -> dict:
    """vis-network options, made with pyvis's option objects."""
    from pyvis.network import Network

    net = Network(directed=True)
    net.force_atlas_2based(gravity=-90, central_gravity=0.012, spring_length=150, spring_strength=0.06,
                           damping=0.5, overlap=0.6)
    net.toggle_physics(physics)
    net.toggle_stabilization(True)
    net.set_edge_smooth("continuous" if n_edges <= EDGE_LABELS_MAX_EDGES else "straightCross")
    net.inherit_edge_colors(False)
    options = json.loads(net.options.to_json())
    options["physics"]["stabilization"].update({"iterations": 400, "updateInterval": 100, "fit": True})
    options["physics"]["minVelocity"] = 1.0
    if n_edges > EDGE_LABELS_MAX_EDGES:
        options["edges"]["smooth"]["enabled"] = False
    options["layout"] = {"randomSeed": 7, "improvedLayout": n_nodes <= 150}
    options["interaction"].update({"hover": True, "tooltipDelay": 100, "hideEdgesOnDrag": n_edges > 3000,
                                   "hideEdgesOnZoom": n_edges > 3000, "multiselect": False})
    options["nodes"] = {"font": {"size": 14, "face": "DejaVu Sans, Arial, sans-serif",
                                 "strokeWidth": 3, "strokeColor": "#ffffff"},
                        "borderWidth": 1, "scaling": {"label": {"drawThreshold": 6}}}
    options["edges"].update({"font": {"size": 10, "color": "#555555", "strokeWidth": 3, "align": "middle",
                                      "face": "DejaVu Sans, Arial, sans-serif"},
                             "selectionWidth": 2, "hoverWidth": 1})
    return options


def render_html(V: nx.MultiDiGraph, title: str = "dipkg graph", physics: bool | None = None) -> str:
    """The page for a view graph (see :func:`make_view`), as a string; deterministic."""
    nodes_sorted = sorted(V.nodes)
    n_nodes, n_edges = len(nodes_sorted), V.number_of_edges()
    large = n_nodes > PHYSICS_MAX_NODES
    if physics is None:
        physics = not large
    pos = layout(V) if (large or not physics) else {}
    degree = dict(V.degree())
    nodes, info_n = [], {}
    for n in nodes_sorted:
        d = V.nodes[n]
        typ = d.get("type", "")
        color, shape = STYLE.get(typ, _OTHER)[:2]
        deg = degree.get(n, 0)
        if d.get("category") == "event":
            size = 12 + 4 * min(int(d.get("source_count") or len(d.get("sources") or []) or 1), 6)
        else:
            size = 12 + round(6 * math.sqrt(min(deg, 40)))
        item = {"id": n, "label": _short_label(V, n, d), "shape": shape, "size": size, "kind": typ,
                "color": {"background": color, "border": "#333333" if shape != "text" else color,
                          "highlight": {"background": color, "border": "#000000"},
                          "hover": {"background": color, "border": "#000000"}},
                "q": " ".join(sorted(set(_names(n, d))))}
        if shape in ("box", "ellipse", "circle", "database"):
            item["font"] = {"size": 12, "strokeWidth": 0, "color": "#ffffff" if typ in ("AgreementSigning",) else "#222222"}
            item["widthConstraint"] = {"maximum": 150}
            if typ == "Statement":
                item["shapeProperties"] = {"borderDashes": [4, 3]}
        elif shape == "text":
            item["font"] = {"size": 11, "color": color}
            item["widthConstraint"] = {"maximum": 170}
        if d.get("category") == "event":
            item["date"] = d.get("start_date") or ""
            item["end"] = d.get("end_date") or ""
        if n in pos:
            item["x"], item["y"] = pos[n]
        if V.graph.get("focus") == n:
            item["borderWidth"] = 4
        nodes.append(item)
        info_n[n] = _info(str(d.get("label") or n), d)
    edges, info_e = [], []
    edge_labels = n_edges <= EDGE_LABELS_MAX_EDGES
    for i, (u, v, k, d) in enumerate(sorted(V.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2])))):
        typ = d.get("type", str(k))
        rel = d.get("label") or str(k)
        weight = int(d.get("weight") or 1)
        item = {"id": i, "from": u, "to": v, "rel": typ,
                "color": {"color": EDGE_COLORS.get(typ, "#999999"), "highlight": "#000000", "hover": "#333333"},
                "width": 1 + min(weight - 1, 6) * 1.2 if typ in ("metWith", "sharedEvents") else 1}
        if edge_labels:
            item["label"] = rel
        if not d.get("undirected"):
            item["arrows"] = {"to": {"enabled": True, "scaleFactor": 0.5}}
        if typ in ("leaderOf", "memberOf", "locatedIn", "partOf"):
            item["dashes"] = [5, 4]
        dates = ([d["date"]] if d.get("date") else []) + list(d.get("dates") or [])
        if typ in ("metWith", "sharedEvents") and dates:
            item["dates"] = sorted(set(dates))
        edges.append(item)
        head = f"{V.nodes[u].get('label') or u} — {rel} → {V.nodes[v].get('label') or v}"
        if d.get("undirected"):
            head = f"{V.nodes[u].get('label') or u} — {rel} — {V.nodes[v].get('label') or v}"
        info_e.append(_info(head, d))
    used = {e[1] for inf in list(info_n.values()) + info_e for e in inf["e"]}
    articles = {a: {"t": str(x.get("title") or ""), "d": str(x.get("date") or ""),
                    "u": str(x.get("url") or ""), "s": str(x.get("source") or "")}
                for a, x in sorted((V.graph.get("articles") or {}).items()) if a in used}
    present = {d.get("type") for _, d in V.nodes(data=True)}
    legend = [{"type": t, "name": name, "color": c, "shape": s,
               "count": sum(1 for _, d in V.nodes(data=True) if d.get("type") == t)}
              for t, (c, s, name) in STYLE.items() if t in present]
    legend += [{"type": t, "name": t or "other", "color": _OTHER[0], "shape": _OTHER[1],
                "count": sum(1 for _, d in V.nodes(data=True) if d.get("type") == t)}
               for t in sorted(present - set(STYLE), key=str)]
    data = {"nodes": nodes, "edges": edges, "info": {"n": info_n, "e": info_e}, "articles": articles,
            "legend": legend, "options": _options(physics, n_nodes, n_edges), "physics": physics,
            "view": V.graph.get("view", ""), "focus": V.graph.get("focus", "")}
    if V.graph.get("note"):
        data["note"] = str(V.graph["note"])
    return _TEMPLATE.format(title=_html_escape(title), vis=_vis_js(), data=_script_json(data))


def to_html(G: nx.MultiDiGraph, title: str = "dipkg graph", view: str = "full", focus: str | None = None,
            depth: int = 2, types=None, date_from: str | None = None, date_to: str | None = None,
            physics: bool | None = None, max_nodes: int | None = None) -> str:
    """The whole page for an event graph (``kg.build(...).networkx`` or :func:`load_graph`):
    makes the view (see :func:`make_view`) and renders it. ``physics=None`` decides by size.
    ``max_nodes``: keep only the most connected nodes of a larger view (see :func:`bound_view`)."""
    V = G if G.graph.get("view") else make_view(G, view, focus, depth, types, date_from, date_to)
    if max_nodes is not None:
        V = bound_view(V, max_nodes)
    return render_html(V, title=title, physics=physics)


def bound_view(V: nx.MultiDiGraph, max_nodes: int) -> nx.MultiDiGraph:
    """The ``max_nodes`` most connected nodes of ``V`` (by degree, then id) and the edges among
    them, with a note the page shows (``V.graph["note"]``); ``V`` itself when it is small enough.

    ``kg build`` bounds ``graph.html`` this way (:data:`PAGE_MAX_NODES`): at 10,000 articles the
    full view has tens of thousands of nodes, a page of tens of megabytes that a browser draws
    in minutes; the rest of the graph is a ``kg view --focus/--types/--from`` away."""
    if V.number_of_nodes() <= max_nodes:
        return V
    degree = dict(V.degree())
    keep = sorted(sorted(V.nodes), key=lambda n: -degree[n])[:max_nodes]
    W = V.subgraph(sorted(keep)).copy()
    W.graph.update(V.graph)
    W.graph["note"] = (f"the {max_nodes:,} most connected of {V.number_of_nodes():,} nodes "
                       "(kg view --focus, --types or --from/--to shows any part of the graph)")
    return W


def _vis_js() -> str:
    import pyvis

    path = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2" / "vis-network.min.js"
    return path.read_text(encoding="utf-8")


def _script_json(value) -> str:
    """JSON safe to place inside a <script> element."""
    return (json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _html_escape(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#39;"))


_TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
html,body{{margin:0;height:100%;font-family:"DejaVu Sans",Arial,sans-serif;font-size:13px;color:#222}}
#bar{{position:absolute;top:0;left:0;right:0;padding:5px 10px;background:#f7f7f7;border-bottom:1px solid #ddd;z-index:3;line-height:1.9}}
#bar input[type=search]{{width:14em}} #bar input[type=date]{{font-size:12px}}
#legend label{{margin-right:10px;white-space:nowrap;cursor:pointer}}
#legend svg{{vertical-align:middle;margin:0 3px 0 2px}}
#legend .n{{color:#777;font-size:11px}}
#graph{{position:absolute;top:64px;left:0;right:0;bottom:0}}
#tip,#details{{font-size:12px;background:#fffff4;border:1px solid #999;box-shadow:2px 2px 6px rgba(0,0,0,.25);padding:6px 8px}}
#tip{{position:absolute;display:none;max-width:460px;z-index:5;pointer-events:none}}
#details{{position:absolute;right:8px;top:72px;width:360px;max-height:70%;overflow:auto;display:none;z-index:4}}
.h{{font-weight:bold;margin-bottom:3px}} .f{{color:#444}} .f b{{font-weight:normal;color:#777}}
.ev{{margin-top:5px;border-left:3px solid #ccc;padding-left:6px}} .s{{font-style:italic}} .src{{color:#555}}
.muted{{color:#777}}
</style></head>
<body>
<div id="bar"><b>{title}</b> · <span id="counts"></span> ·
<input id="search" type="search" placeholder="find a node…" list="names"> <span id="found" class="muted"></span> ·
<span id="dates">from <input id="from" type="date"> to <input id="to" type="date"> ·</span>
<label><input type="checkbox" id="physics"> physics</label> <span id="status" class="muted"></span>
<div id="legend"></div></div>
<datalist id="names"></datalist>
<div id="graph"></div><div id="tip"></div><div id="details"></div>
<script>{vis}</script>
<script type="application/json" id="data">{data}</script>
<script>
(function () {{
"use strict";
var D = JSON.parse(document.getElementById("data").textContent);
var nodes = new vis.DataSet(D.nodes), edges = new vis.DataSet(D.edges);
var byId = {{}}; D.nodes.forEach(function (n) {{ byId[n.id] = n; }});
var hiddenTypes = {{}}, visibleNodes = {{}}, visibleEdges = {{}};
function el(tag, text, cls) {{ var e = document.createElement(tag); if (text) e.textContent = text; if (cls) e.className = cls; return e; }}
function inRange(start, end, lo, hi) {{ return !!start && (!hi || start <= hi) && (!lo || (end || start) >= lo); }}
function computeVisible() {{
  var lo = document.getElementById("from").value, hi = document.getElementById("to").value, dated = !!(lo || hi);
  var typeOk = {{}}, edgeOk = {{}}, keep = {{}};
  D.nodes.forEach(function (n) {{ typeOk[n.id] = !hiddenTypes[n.kind] && (!dated || !("date" in n) || inRange(n.date, n.end, lo, hi)); }});
  D.edges.forEach(function (e) {{
    var ok = typeOk[e.from] && typeOk[e.to];
    if (ok && dated && e.dates) ok = e.dates.some(function (d) {{ return inRange(d, "", lo, hi); }});
    edgeOk[e.id] = ok;
    if (ok && (e.dates || "date" in byId[e.from] || "date" in byId[e.to])) {{ keep[e.from] = keep[e.to] = true; }}
  }});
  visibleNodes = {{}};
  D.nodes.forEach(function (n) {{ visibleNodes[n.id] = typeOk[n.id] && (!dated || "date" in n || !!keep[n.id]); }});
  visibleEdges = {{}};
  D.edges.forEach(function (e) {{ visibleEdges[e.id] = edgeOk[e.id] && visibleNodes[e.from] && visibleNodes[e.to]; }});
}}
computeVisible();
// legend: one checkbox per type
var legend = document.getElementById("legend");
var SHAPES = {{dot: '<circle cx="7" cy="7" r="5.5"/>', star: '<polygon points="7,0.5 8.9,5 13.5,5.2 9.9,8.2 11.1,13 7,10.3 2.9,13 4.1,8.2 0.5,5.2 5.1,5"/>',
  square: '<rect x="1.5" y="1.5" width="11" height="11"/>', hexagon: '<polygon points="7,0.8 12.5,4 12.5,10 7,13.2 1.5,10 1.5,4"/>',
  triangle: '<polygon points="7,1 13,12.5 1,12.5"/>', triangleDown: '<polygon points="1,1.5 13,1.5 7,13"/>',
  diamond: '<polygon points="7,0.5 13.5,7 7,13.5 0.5,7"/>', box: '<rect x="0.5" y="3" width="13" height="8" rx="2"/>',
  ellipse: '<ellipse cx="7" cy="7" rx="6.5" ry="4.2"/>', circle: '<circle cx="7" cy="7" r="6"/>',
  database: '<path d="M1.5,3.5 A5.5,2 0 0 1 12.5,3.5 L12.5,10.5 A5.5,2 0 0 1 1.5,10.5 Z"/>', text: '<text x="1" y="12" font-size="12">T</text>'}};
D.legend.forEach(function (t) {{
  var lab = el("label"), box = el("input"); box.type = "checkbox"; box.checked = true; box.dataset.type = t.type;
  box.addEventListener("change", function () {{ hiddenTypes[t.type] = !box.checked; apply(); }});
  var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("width", "14"); svg.setAttribute("height", "14"); svg.setAttribute("viewBox", "0 0 14 14");
  svg.innerHTML = SHAPES[t.shape] || SHAPES.dot;  // our constant markup, not data
  svg.setAttribute("fill", t.color); svg.setAttribute("stroke", "#333"); svg.setAttribute("stroke-width", "0.8");
  if (t.type === "Statement") svg.setAttribute("stroke-dasharray", "2,1.5");
  lab.appendChild(box); lab.appendChild(svg); lab.appendChild(document.createTextNode(t.name + " ")); lab.appendChild(el("span", "(" + t.count + ")", "n"));
  legend.appendChild(lab);
}});
document.getElementById("graph").style.top = document.getElementById("bar").offsetHeight + "px";
var nodeView = new vis.DataView(nodes, {{filter: function (n) {{ return visibleNodes[n.id]; }}}});
var edgeView = new vis.DataView(edges, {{filter: function (e) {{ return visibleEdges[e.id]; }}}});
var network = new vis.Network(document.getElementById("graph"), {{nodes: nodeView, edges: edgeView}}, D.options);
function counts() {{
  var n = nodeView.length, e = edgeView.length;
  document.getElementById("counts").textContent = n + (n < D.nodes.length ? " of " + D.nodes.length : "") + " nodes, " +
    e + (e < D.edges.length ? " of " + D.edges.length : "") + " edges" + (D.note ? " \u2014 " + D.note : "");
}}
function apply() {{ computeVisible(); nodeView.refresh(); edgeView.refresh(); counts(); }}
counts();
var anyDate = D.nodes.some(function (n) {{ return n.date; }}) || D.edges.some(function (e) {{ return e.dates; }});
if (!anyDate) document.getElementById("dates").style.display = "none";
["from", "to"].forEach(function (id) {{ document.getElementById(id).addEventListener("change", apply); }});
// tooltips and the details panel: text only, built with textContent
function render(inf, links) {{
  var box = el("div");
  box.appendChild(el("div", inf.h, "h"));
  inf.f.forEach(function (kv) {{ var f = el("div", "", "f"); f.appendChild(el("b", kv[0] + ": ")); f.appendChild(document.createTextNode(kv[1])); box.appendChild(f); }});
  inf.e.forEach(function (ev) {{
    var a = D.articles[ev[1]] || {{}}, e = el("div", "", "ev");
    e.appendChild(el("div", "\\u201c" + ev[0] + "\\u201d", "s"));
    var src = el("div", "", "src");
    src.appendChild(document.createTextNode("\\u2014 " + (a.t || ev[1]) + " (" + (a.d || "undated") + ") "));
    var url = a.u || a.s || "";
    if (url && links && /^https?:\\/\\//i.test(url)) {{ var l = el("a", url); l.href = url; l.target = "_blank"; l.rel = "noopener noreferrer"; src.appendChild(l); }}
    else if (url) src.appendChild(el("span", url, "muted"));
    src.appendChild(el("span", " · rule " + ev[2], "muted"));
    e.appendChild(src); box.appendChild(e);
  }});
  if (inf.more) box.appendChild(el("div", "\\u2026 and " + inf.more + " more sources", "muted"));
  if (!inf.e.length) box.appendChild(el("div", "no evidence recorded", "muted"));
  return box;
}}
var tip = document.getElementById("tip"), details = document.getElementById("details");
function infoOf(kind, id) {{ return kind === "node" ? D.info.n[id] : D.info.e[id]; }}
function showTip(kind, id, p) {{
  var inf = infoOf(kind, id); if (!inf) return;
  tip.replaceChildren(render(inf, false)); tip.style.display = "block";
  var g = document.getElementById("graph").getBoundingClientRect();
  var x = g.left + p.x + 14, y = g.top + p.y + 14;
  if (x + tip.offsetWidth > window.innerWidth) x = Math.max(0, window.innerWidth - tip.offsetWidth - 4);
  if (y + tip.offsetHeight > window.innerHeight) y = Math.max(0, g.top + p.y - tip.offsetHeight - 10);
  tip.style.left = x + "px"; tip.style.top = y + "px";
}}
function hideTip() {{ tip.style.display = "none"; }}
network.on("hoverNode", function (p) {{ showTip("node", p.node, p.pointer.DOM); }});
network.on("hoverEdge", function (p) {{ showTip("edge", p.edge, p.pointer.DOM); }});
network.on("blurNode", hideTip); network.on("blurEdge", hideTip);
network.on("dragStart", hideTip); network.on("zoom", hideTip);
network.on("click", function (p) {{
  var kind = p.nodes.length ? "node" : (p.edges.length ? "edge" : null);
  if (!kind) {{ details.style.display = "none"; return; }}
  var close = el("a", "\\u00d7 close"); close.href = "#"; close.style.float = "right";
  close.addEventListener("click", function (e) {{ e.preventDefault(); details.style.display = "none"; }});
  details.replaceChildren(close, render(infoOf(kind, kind === "node" ? p.nodes[0] : p.edges[0]), true));
  details.style.display = "block";
}});
// search by name (label, other-language labels, aliases); Enter again for the next match
var list = document.getElementById("names");
if (D.nodes.length <= 5000) D.nodes.forEach(function (n) {{ var o = document.createElement("option"); o.value = n.label.replace(/\\n/g, " "); list.appendChild(o); }});
var search = document.getElementById("search"), hits = [], hitAt = 0;
function find() {{
  var q = search.value.trim().toLowerCase();
  if (!q) {{ document.getElementById("found").textContent = ""; return; }}
  var exact = [], entity = [], other = [];
  D.nodes.forEach(function (n) {{
    if (!visibleNodes[n.id]) return;
    var l = n.label.replace(/\\n/g, " ").toLowerCase();
    if (l === q) exact.push(n.id);
    else if (l.indexOf(q) >= 0 || n.q.indexOf(q) >= 0) ("date" in n || n.kind === "Quantity" ? other : entity).push(n.id);
  }});
  var found = exact.concat(entity, other);
  if (found.join() !== hits.join()) {{ hits = found; hitAt = 0; }} else hitAt = (hitAt + 1) % Math.max(1, hits.length);
  document.getElementById("found").textContent = hits.length ? (hitAt + 1) + "/" + hits.length : "no match";
  if (hits.length) {{ network.selectNodes([hits[hitAt]]); network.focus(hits[hitAt], {{scale: 1.3, animation: {{duration: 400}}}}); }}
}}
search.addEventListener("input", function (e) {{ if (!e.inputType || e.inputType === "insertReplacementText") find(); }});  // a datalist pick
search.addEventListener("keydown", function (e) {{ if (e.key === "Enter") {{ e.preventDefault(); find(); }} }});
// physics: settles (stabilisation), then stops; the checkbox switches it on and off
var phys = document.getElementById("physics"), status = document.getElementById("status");
phys.checked = D.physics;
if (D.physics) status.textContent = "settling\\u2026";
network.on("stabilizationIterationsDone", function () {{
  network.setOptions({{physics: {{enabled: false}}}}); phys.checked = false; status.textContent = "";
}});
phys.addEventListener("change", function () {{ network.setOptions({{physics: {{enabled: phys.checked}}}}); }});
network.once("afterDrawing", function () {{ window.dipkgReady = true; document.body.setAttribute("data-ready", "1"); }});
window.dipkg = {{network: network, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView, showTip: showTip, apply: apply}};
}})();
</script>
</body></html>
"""
