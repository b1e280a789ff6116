"""The views of an event graph: each a small networkx graph of the same shape, which
:func:`kg.views.network.render_html` draws.

* :func:`full_view` -- the event graph; ``metWith`` edges are drawn once per pair of persons,
  weighted by the number of meetings;
* :func:`meetings_view` -- persons linked by ``metWith``, weighted by meetings;
* :func:`countries_view` -- countries linked by the events they share (directly or through
  their leaders);
* :func:`ego_view` -- the neighbourhood of a node found by name, to a depth;
* :func:`filter_types`, :func:`filter_dates`, :func:`bound_view` -- parts of a view.
"""
from __future__ import annotations

import re
from collections import defaultdict

import networkx as nx

from .. import kinds
from ..errors import KGError
from .style import node_styles

__all__ = ["make_view", "full_view", "meetings_view", "countries_view", "ego_view", "filter_types", "filter_dates", "find_node", "VIEWS", "bound_view"]

VIEWS = ("full", "meetings", "countries")


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


def node_names(n: str, d: dict) -> list[str]:
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
        for x in node_names(n, d):
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
    """Only the nodes of these types (names as in :func:`kg.views.style.node_styles`, case-insensitive; ``Event``
    means every event kind, ``Person`` includes leaders)."""
    wanted = set()
    styles = node_styles()
    lookup = {t.casefold(): t for t in styles}
    for t in types:
        for part in str(t).split(","):
            p = part.strip().casefold()
            if not p:
                continue
            if p in ("event", "events"):
                wanted.update(kinds.names())
            elif p in ("person", "persons", "people"):
                wanted.update(("Person", "Leader"))
            elif p.rstrip("s") in lookup or p in lookup:
                wanted.add(lookup.get(p) or lookup[p.rstrip("s")])
            else:
                raise KGError(f"unknown node type {part.strip()!r} (known: {', '.join(styles)}, Event)")
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
