"""The network page: one self-contained HTML file (vis-network inlined from the pyvis package,
no CDN, no request to any host) with a legend, filters by type and date, search, physics that
settles, and evidence tooltips. It draws a view of :mod:`kg.views.subgraphs`; the page itself is
the template ``network.html`` beside this module.

Safety: every string from an article reaches the page only inside JSON that has ``<``, ``>``,
``&`` and the line separators escaped, and the page's script puts text into the DOM with
``textContent`` only (links get an ``href`` only for ``http(s)`` URLs), so an article containing
``<script>`` or ``<img onerror=...>`` shows as text and runs nothing.

Large graphs: pyvis's Python side is quadratic (``add_node`` and ``add_edge`` scan lists), so
node and edge dicts are built here; pyvis supplies the network options and vis-network itself.
Above :data:`PHYSICS_MAX_NODES` nodes the layout is computed in Python
(:func:`kg.views.layout.layout`) and physics starts switched off, so the page is interactive
within seconds.
"""
from __future__ import annotations

import functools
import importlib.resources
import json
import math
import re
from pathlib import Path

import networkx as nx

from .layout import layout
from .style import EDGE_COLORS, OTHER_STYLE, node_styles
from .subgraphs import bound_view, make_view, node_names

__all__ = ["to_html", "render_html", "PHYSICS_MAX_NODES", "PAGE_MAX_NODES", "fill_template", "html_escape",
           "script_json", "vis_js"]

#: above this many nodes the layout is computed in Python and physics starts off
PHYSICS_MAX_NODES = 400


#: ``graph.html`` of ``kg build`` shows at most this many nodes (the most connected; see bound_view)
PAGE_MAX_NODES = 3000


#: above this many edges, edge labels are not drawn (tooltips still name the relation)
EDGE_LABELS_MAX_EDGES = 1500


#: evidence items kept per node or edge in the page (the rest are counted)
EVIDENCE_PER_ITEM = 5


def _short_label(G: nx.MultiDiGraph, n: str, d: dict) -> str:
    typ = d.get("type", "")
    label = str(d.get("label") or n)
    if typ == "Country" and d.get("iso2"):
        return f"{label} ({d['iso2']})"
    if d.get("category") == "event":
        name = node_styles().get(typ, ("", "", typ))[2]
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
    styles = node_styles()
    nodes, info_n = [], {}
    for n in nodes_sorted:
        d = V.nodes[n]
        typ = d.get("type", "")
        color, shape = styles.get(typ, OTHER_STYLE)[:2]
        deg = degree.get(n, 0)
        if d.get("category") == "event":
            size = 12 + 4 * min(int(d.get("source_count") or len(d.get("sources") or []) or 1), 6)
        else:
            size = 12 + round(6 * math.sqrt(min(deg, 40)))
        item = {"id": n, "label": _short_label(V, n, d), "shape": shape, "size": size, "kind": typ,
                "color": {"background": color, "border": "#333333" if shape != "text" else color,
                          "highlight": {"background": color, "border": "#000000"},
                          "hover": {"background": color, "border": "#000000"}},
                "q": " ".join(sorted(set(node_names(n, d))))}
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
              for t, (c, s, name) in styles.items() if t in present]
    legend += [{"type": t, "name": t or "other", "color": OTHER_STYLE[0], "shape": OTHER_STYLE[1],
                "count": sum(1 for _, d in V.nodes(data=True) if d.get("type") == t)}
               for t in sorted(present - set(styles), key=str)]
    data = {"nodes": nodes, "edges": edges, "info": {"n": info_n, "e": info_e}, "articles": articles,
            "legend": legend, "options": _options(physics, n_nodes, n_edges), "physics": physics,
            "view": V.graph.get("view", ""), "focus": V.graph.get("focus", "")}
    if V.graph.get("note"):
        data["note"] = str(V.graph["note"])
    return fill_template("network.html", {"TITLE": html_escape(title), "VIS": vis_js(), "DATA": script_json(data)})


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


def vis_js() -> str:
    import pyvis

    path = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2" / "vis-network.min.js"
    return path.read_text(encoding="utf-8")


def script_json(value) -> str:
    """JSON safe to place inside a <script> element."""
    return (json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def html_escape(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#39;"))


@functools.lru_cache(maxsize=None)
def _template(name: str) -> str:
    return (importlib.resources.files("kg.views") / name).read_text(encoding="utf-8")


def fill_template(name: str, values: dict[str, str]) -> str:
    """A page template of this package (``network.html``) with each ``@@KEY@@`` replaced by its
    value, in one pass: a value is never searched for markers itself."""
    return re.sub(r"@@([A-Z0-9]+)@@", lambda m: values[m.group(1)], _template(name))
