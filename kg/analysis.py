"""Analysis of the knowledge graph in Python: plain functions over the networkx graph.

Every function takes the :func:`kg.graph.to_networkx` graph first (``kg.build(...).networkx``
or a GraphML export read back with :func:`kg.graph_io.read_graphml`) and returns
plain Python values or networkx graphs; the two ``*_dataframe`` functions return
pandas DataFrames (``pip install 'dipkg[analysis]'``).

Who took part in an event: its ``participant`` edges. A country takes part
when it is a participant itself, when one of its leaders does (a ``leaderOf``
edge, within the edge's dates when it has them) or, for a visit, when the visit
is held in it. Only events whose ``status`` is ``happened`` count in the
projections and the meeting counts; planned, cancelled and denied ones appear
in timelines with their status.

:func:`example_graph` builds a small graph from hand-made records (no NLP), the
one every example below runs on:

>>> import kg.analysis as ka
>>> G = ka.example_graph()
>>> ka.who_met_whom(G)[:2]
[('person/kassym-jomart-tokayev', 'person/vladimir-putin', 3), ('person/kassym-jomart-tokayev', 'person/shavkat-mirziyoyev', 2)]
"""
from __future__ import annotations

import itertools
from collections import Counter
from typing import Iterable

import networkx as nx

__all__ = [
    "MEETING_KINDS",
    "example_graph",
    "find_node",
    "events",
    "event_countries",
    "meeting_network",
    "country_network",
    "who_met_whom",
    "timeline",
    "centrality",
    "communities",
    "bilateral",
    "stats",
    "events_dataframe",
    "participants_dataframe",
]

#: event kinds whose participants meet (as for ``metWith``)
MEETING_KINDS = ("Meeting", "Summit", "Visit", "PhoneCall")
_PERSON = ("Person", "Leader")


# ------------------------------------------------------------------ helpers


def find_node(G: nx.MultiDiGraph, name: str) -> str:
    """The id of the node called ``name``: an id, a label or an alias (case-insensitive), else
    an entity one word of whose name it is (a surname: ``"Мирзиёев"``).

    Raises ``KeyError`` when nothing matches. Entities win over events, leaders and countries
    over other entities, then the smallest id.

    Examples
    --------
    >>> G = example_graph()
    >>> find_node(G, "Путин"), find_node(G, "kazakhstan"), find_node(G, "Мирзиёев")
    ('person/vladimir-putin', 'country/kz', 'person/shavkat-mirziyoyev')
    """
    if name in G:
        return name
    want = name.casefold().strip()
    hits, partial = [], []
    for n, d in G.nodes(data=True):
        names = [x.casefold() for x in (d.get("label"), d.get("label_en"), d.get("label_ru"),
                                         *(d.get("aliases") or [])) if isinstance(x, str)]
        rank = (d.get("category") != "entity", d.get("type") not in ("Leader", "Country"), n)
        if want in names:
            hits.append(rank)
        elif d.get("category") == "entity" and any(want in x.split() for x in names):
            partial.append(rank)  # one word of a name: a surname
    if not hits and not partial:
        raise KeyError(name)
    return min(hits or partial)[2]


def _date(d: dict) -> str:
    return d.get("start_date") or ""


def events(G: nx.MultiDiGraph, kinds: Iterable[str] | None = None, status: str | None = "happened") -> list[str]:
    """Event node ids, sorted by date then id, of the given kinds and status (``None``: any).

    Examples
    --------
    >>> G = example_graph()
    >>> [G.nodes[e]["type"] for e in events(G, kinds=("Meeting", "Summit"))]
    ['Meeting', 'Summit', 'Meeting', 'Meeting']
    """
    kinds = set(kinds) if kinds is not None else None
    out = [n for n, d in G.nodes(data=True) if d.get("category") == "event"
           and (kinds is None or d.get("type") in kinds) and (status is None or d.get("status") == status)]
    return sorted(out, key=lambda n: (_date(G.nodes[n]), n))


def _participants(G: nx.MultiDiGraph, ev: str) -> list[tuple[str, str]]:
    """(entity, role) of an event, declined participants left out."""
    out = []
    for _, v, k, d in G.out_edges(ev, keys=True, data=True):
        if k == "participant" and d.get("role") != "declined":
            out.append((v, d.get("role") or "participant"))
    return sorted(out)


def _persons(G: nx.MultiDiGraph, ev: str) -> list[str]:
    return sorted({v for v, _ in _participants(G, ev) if G.nodes[v].get("type") in _PERSON})


def _in_dates(d: dict, day: str) -> bool:
    if not day:
        return True
    start, end = d.get("start_date") or "", d.get("end_date") or ""
    return (not start or start <= day) and (not end or day <= end)


def _countries_led(G: nx.MultiDiGraph, person: str, day: str = "") -> list[str]:
    return sorted({v for _, v, k, d in G.out_edges(person, keys=True, data=True)
                   if k == "leaderOf" and G.nodes[v].get("type") == "Country" and _in_dates(d, day)})


def _country_of_place(G: nx.MultiDiGraph, place: str) -> str | None:
    if G.nodes[place].get("type") == "Country":
        return place
    for _, v, k in G.out_edges(place, keys=True):
        if k == "locatedIn" and G.nodes[v].get("type") == "Country":
            return v
    return None


def _place(G: nx.MultiDiGraph, ev: str) -> str | None:
    return next((v for _, v, k in G.out_edges(ev, keys=True) if k == "heldIn"), None)


def event_countries(G: nx.MultiDiGraph, ev: str) -> list[str]:
    """The countries taking part in event ``ev``: participants, their leaders' countries, a visit's host.

    Examples
    --------
    >>> G = example_graph()
    >>> event_countries(G, "event/astana-talks")
    ['country/kz', 'country/ru']
    """
    day = _date(G.nodes[ev])
    out = set()
    for v, _ in _participants(G, ev):
        typ = G.nodes[v].get("type")
        if typ == "Country":
            out.add(v)
        elif typ in _PERSON:
            out.update(_countries_led(G, v, day))
    if G.nodes[ev].get("type") == "Visit":
        place = _place(G, ev)
        country = _country_of_place(G, place) if place else None
        if country:
            out.add(country)
    return sorted(out)


def _weighted_projection(G: nx.MultiDiGraph, groups: dict[str, list[str]]) -> nx.Graph:
    H = nx.Graph()
    for ev, members in sorted(groups.items()):
        for m in members:
            if m not in H:
                d = G.nodes[m]
                H.add_node(m, label=d.get("label", m), type=d.get("type", ""), events=0)
            H.nodes[m]["events"] += 1
        for a, b in itertools.combinations(sorted(members), 2):
            if H.has_edge(a, b):
                H[a][b]["weight"] += 1
                H[a][b]["events"].append(ev)
            else:
                H.add_edge(a, b, weight=1, events=[ev])
    for _, _, d in H.edges(data=True):
        d["events"].sort(key=lambda e: (_date(G.nodes[e]), e))
        d["first"] = _date(G.nodes[d["events"][0]])
        d["last"] = max(_date(G.nodes[e]) for e in d["events"])
    return H


# ------------------------------------------------------------------ projections


def meeting_network(G: nx.MultiDiGraph, kinds: Iterable[str] = MEETING_KINDS,
                    types: Iterable[str] = _PERSON) -> nx.Graph:
    """The persons' meeting network: who met whom, weighted by the number of shared events.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The knowledge graph.
    kinds : iterable of str
        Event kinds that count as meeting (default: meetings, summits, visits, phone calls).
    types : iterable of str
        Node types kept (default ``("Person", "Leader")``; ``("Leader",)`` for leaders only).

    Returns
    -------
    networkx.Graph
        Nodes are persons (``label``, ``type``, ``events``: how many such events); an edge's
        ``weight`` is the number of happened events both attended, ``events`` their ids by date,
        ``first`` and ``last`` the dates of the first and last.

    Examples
    --------
    >>> G = example_graph()
    >>> H = meeting_network(G)
    >>> H["person/vladimir-putin"]["person/kassym-jomart-tokayev"]["weight"]
    3
    >>> sorted(H.nodes)
    ['person/kassym-jomart-tokayev', 'person/shavkat-mirziyoyev', 'person/vladimir-putin', 'person/xi-jinping']
    """
    types = set(types)
    groups = {ev: [p for p in _persons(G, ev) if G.nodes[p].get("type") in types] for ev in events(G, kinds)}
    return _weighted_projection(G, {ev: m for ev, m in groups.items() if len(m) >= 2})


def country_network(G: nx.MultiDiGraph, kinds: Iterable[str] | None = None) -> nx.Graph:
    """Countries linked by the happened events they share (see :func:`event_countries`).

    Parameters
    ----------
    G : networkx.MultiDiGraph
    kinds : iterable of str, optional
        Event kinds counted (default: every kind but ``Statement``).

    Returns
    -------
    networkx.Graph
        Nodes are countries; an edge's ``weight`` is the number of shared events, ``events``
        their ids by date.

    Examples
    --------
    >>> G = example_graph()
    >>> H = country_network(G)
    >>> H["country/kz"]["country/ru"]["weight"], H["country/cn"]["country/kz"]["weight"]
    (5, 2)
    """
    if kinds is None:
        kinds = [k for k in ("Meeting", "Summit", "Visit", "PhoneCall", "AgreementSigning")]
    groups = {ev: event_countries(G, ev) for ev in events(G, kinds)}
    return _weighted_projection(G, {ev: m for ev, m in groups.items() if len(m) >= 2})


def who_met_whom(G: nx.MultiDiGraph, kinds: Iterable[str] = MEETING_KINDS,
                 min_count: int = 1) -> list[tuple[str, str, int]]:
    """Pairs of persons and how many happened events they shared, most frequent first.

    Returns
    -------
    list of (str, str, int)
        ``(a, b, count)`` with ``a < b``, sorted by count (descending) then ids.

    Examples
    --------
    >>> G = example_graph()
    >>> who_met_whom(G, kinds=("Meeting",))
    [('person/kassym-jomart-tokayev', 'person/vladimir-putin', 2), ('person/kassym-jomart-tokayev', 'person/xi-jinping', 1)]
    """
    H = meeting_network(G, kinds)
    pairs = [(*sorted((a, b)), d["weight"]) for a, b, d in H.edges(data=True) if d["weight"] >= min_count]
    return sorted(pairs, key=lambda t: (-t[2], t[0], t[1]))


# ------------------------------------------------------------------ timelines


def timeline(G: nx.MultiDiGraph, node: str, status: str | None = None) -> list[dict]:
    """The events of a person or a country, by date.

    A country's timeline holds the events it takes part in (:func:`event_countries`) and
    those held in it (``heldIn`` the country or one of its cities).

    Parameters
    ----------
    G : networkx.MultiDiGraph
    node : str
        A node id or a name (see :func:`find_node`).
    status : str, optional
        Keep only events with this status (default: all, each with its ``status``).

    Returns
    -------
    list of dict
        ``event``, ``type``, ``date``, ``end_date``, ``status``, ``label``, ``role`` (the
        person's role; for a country, ``participant``, ``host`` when it also holds the event, or
        ``venue`` when it only holds it), ``with`` (the other
        persons' ids), ``place`` and ``source_count``.

    Examples
    --------
    >>> G = example_graph()
    >>> [(t["date"], t["type"]) for t in timeline(G, "Tokayev")]
    [('2025-08-30', 'Meeting'), ('2025-08-31', 'Summit'), ('2025-10-09', 'Meeting'), ('2025-10-09', 'Statement'), ('2025-11-12', 'AgreementSigning'), ('2025-11-12', 'Meeting'), ('2025-12-01', 'PhoneCall')]
    >>> [t["event"] for t in timeline(G, "country/cn")]
    ['event/tianjin-talks', 'event/sco-summit']
    """
    node = find_node(G, node)
    typ = G.nodes[node].get("type")
    rows = []
    for ev in events(G, kinds=None, status=status):
        parts = dict(_participants(G, ev))
        role = parts.get(node)
        if role is None and typ == "Country":
            place = _place(G, ev)
            venue = bool(place) and _country_of_place(G, place) == node
            takes_part = node in event_countries(G, ev)
            role = "host" if venue and takes_part else "venue" if venue else "participant" if takes_part else None
        if role is None:
            continue
        d = G.nodes[ev]
        rows.append({"event": ev, "type": d.get("type"), "date": _date(d), "end_date": d.get("end_date") or "",
                     "status": d.get("status"), "label": d.get("label"), "role": role,
                     "with": [p for p in _persons(G, ev) if p != node], "place": _place(G, ev) or "",
                     "source_count": d.get("source_count", 0)})
    return rows


# ------------------------------------------------------------------ centrality, communities


def _pagerank(H: nx.Graph, weight: str | None, alpha: float = 0.85, tol: float = 1e-10) -> dict:
    """PageRank by power iteration on the Google matrix (numpy only; networkx's wants scipy)."""
    import numpy as np

    nodes = sorted(H)
    if not nodes:
        return {}
    M = nx.google_matrix(H, alpha=alpha, nodelist=nodes, weight=weight)
    x = np.full(len(nodes), 1.0 / len(nodes))
    for _ in range(1000):
        nxt = x @ M
        if np.abs(nxt - x).sum() < tol * len(nodes):
            x = nxt
            break
        x = nxt
    x = x / x.sum()
    return {n: float(v) for n, v in zip(nodes, x)}


def _eigenvector(H: nx.Graph, weight: str | None) -> dict:
    """Eigenvector centrality from numpy's symmetric eigensolver (no convergence failures)."""
    import numpy as np

    nodes = sorted(H)
    if not nodes or H.number_of_edges() == 0:
        return {n: 0.0 for n in nodes}
    A = nx.to_numpy_array(H, nodelist=nodes, weight=weight)
    vals, vecs = np.linalg.eigh(A)
    v = np.abs(vecs[:, int(np.argmax(vals))])
    norm = float(np.linalg.norm(v)) or 1.0
    return {n: float(x) / norm for n, x in zip(nodes, v)}


def centrality(H: nx.Graph, weight: str | None = "weight") -> dict[str, dict[str, float]]:
    """Degree, weighted degree, betweenness, eigenvector and PageRank of every node of a projection.

    Parameters
    ----------
    H : networkx.Graph
        A projection (:func:`country_network`, :func:`meeting_network`); a heavier edge is a
        closer tie.
    weight : str or None
        The edge attribute that measures ties (``None``: every edge counts 1).

    Returns
    -------
    dict
        node -> ``{"degree", "strength", "betweenness", "eigenvector", "pagerank"}``: ``degree``
        is networkx's normalised degree centrality, ``strength`` the sum of edge weights,
        ``betweenness`` is computed with distance ``1 / weight``. Only numpy is needed.

    Examples
    --------
    >>> H = country_network(example_graph())
    >>> c = centrality(H)
    >>> max(c, key=lambda n: c[n]["pagerank"])
    'country/kz'
    >>> c["country/kz"]["strength"], c["country/kz"]["betweenness"]
    (9.0, 0.833333)
    """
    if weight is not None:
        dist = {(a, b): 1.0 / float(d.get(weight, 1) or 1) for a, b, d in H.edges(data=True)}
        D = H.copy()
        nx.set_edge_attributes(D, dist, "_distance")
        betweenness = nx.betweenness_centrality(D, weight="_distance")
    else:
        betweenness = nx.betweenness_centrality(H)
    degree = nx.degree_centrality(H)
    strength = dict(H.degree(weight=weight))
    eig = _eigenvector(H, weight)
    pr = _pagerank(H, weight)
    return {n: {"degree": round(degree[n], 6), "strength": float(strength[n]),
                "betweenness": round(betweenness[n], 6), "eigenvector": round(eig[n], 6),
                "pagerank": round(pr[n], 6)} for n in sorted(H)}


def communities(H: nx.Graph, weight: str | None = "weight", resolution: float = 1.0,
                seed: int = 0) -> list[set[str]]:
    """Communities of a projection by Louvain (networkx's, fixed seed: the same every run).

    Returns
    -------
    list of set
        Largest community first (ties by smallest member).

    Examples
    --------
    >>> H = country_network(example_graph())
    >>> [sorted(c) for c in communities(H)]
    [['country/cn', 'country/kz', 'country/ru', 'country/uz']]
    """
    if H.number_of_nodes() == 0:
        return []
    found = nx.community.louvain_communities(H, weight=weight, resolution=resolution, seed=seed)
    return sorted((set(c) for c in found), key=lambda c: (-len(c), min(c)))


# ------------------------------------------------------------------ bilateral relations


def bilateral(G: nx.MultiDiGraph, a: str, b: str) -> dict:
    """What the graph says about two countries: meetings, agreements, statements, figures.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    a, b : str
        Two countries, by id or name (see :func:`find_node`).

    Returns
    -------
    dict
        ``countries`` (the two ids), ``meetings`` (happened meetings, summits, visits and calls
        both take part in), ``agreements`` (agreement signings both take part in), ``planned``
        (such events not (yet) happened: planned, cancelled, denied), ``statements`` (statements
        by a leader of one made in an article that names the other), each a list of
        :func:`timeline`-like dicts by date; ``quantities`` (figures ``concerns`` both:
        ``measure``, ``amount``, ``currency``, ``year``, ``label``); ``first`` and ``last`` the
        dates of the first and last meeting.

    Examples
    --------
    >>> G = example_graph()
    >>> s = bilateral(G, "Russia", "Kazakhstan")
    >>> len(s["meetings"]), len(s["agreements"]), len(s["statements"])
    (4, 1, 1)
    >>> [(q["measure"], q["amount"], q["year"]) for q in s["quantities"]]
    [('trade_turnover', 28000000000.0, 2024)]
    >>> s["first"], s["last"]
    ('2025-08-31', '2025-11-12')
    """
    a, b = find_node(G, a), find_node(G, b)
    out: dict = {"countries": (a, b), "meetings": [], "agreements": [], "planned": [], "statements": [],
                 "quantities": []}

    def row(ev: str) -> dict:
        d = G.nodes[ev]
        return {"event": ev, "type": d.get("type"), "date": _date(d), "status": d.get("status"),
                "label": d.get("label"), "with": _persons(G, ev), "place": _place(G, ev) or "",
                "source_count": d.get("source_count", 0), "confidence": d.get("confidence")}

    for ev in events(G, kinds=None, status=None):
        d = G.nodes[ev]
        if d.get("type") == "Statement":
            continue
        countries = event_countries(G, ev)
        if a in countries and b in countries:
            if d.get("status") != "happened":
                out["planned"].append(row(ev))
            elif d.get("type") == "AgreementSigning":
                out["agreements"].append(row(ev))
            else:
                out["meetings"].append(row(ev))
    mentions = {n: set(G.nodes[n].get("sources") or ()) for n in (a, b)}
    for ev in events(G, kinds=("Statement",), status=None):
        speakers = [p for p, role in _participants(G, ev) if G.nodes[p].get("type") in _PERSON]
        arts = set(G.nodes[ev].get("sources") or ())
        for sp in speakers:
            led = set(_countries_led(G, sp, _date(G.nodes[ev])))
            if (a in led and arts & mentions[b]) or (b in led and arts & mentions[a]):
                r = row(ev)
                r.update(speaker=sp, quote=G.nodes[ev].get("quote", ""))
                out["statements"].append(r)
                break
    for q, d in G.nodes(data=True):
        if d.get("category") != "quantity":
            continue
        concerns = {v for _, v, k in G.out_edges(q, keys=True) if k == "concerns"}
        if {a, b} <= concerns:
            out["quantities"].append({"quantity": q, "measure": d.get("measure"), "amount": d.get("amount"),
                                      "currency": d.get("currency") or "", "year": d.get("year") or None,
                                      "label": d.get("label"), "sources": list(d.get("sources") or [])})
    out["quantities"].sort(key=lambda q: (q["measure"] or "", q["year"] or 0, q["quantity"]))
    dates = [m["date"] for m in out["meetings"] if m["date"]]
    out["first"], out["last"] = (min(dates), max(dates)) if dates else ("", "")
    return out


# ------------------------------------------------------------------ summary


def stats(G: nx.MultiDiGraph, top: int = 10) -> dict:
    """A summary of a graph (what ``kg stats`` prints).

    Returns
    -------
    dict
        ``articles``; ``nodes`` and ``edges``; ``types`` (node count by type); ``entities``,
        ``events``; ``linked`` and ``unlinked`` entities (linked: a Wikidata id or a
        knowledge-base id, i.e. an id without ``~``) with ``linked_share``; ``unlinked_by_type``;
        ``no_wikidata`` (entities without a Wikidata id, linked to the knowledge base or not);
        ``date_range`` (first and last event date); ``top_leaders`` (``(id, label, meetings)``
        by happened meetings, summits, visits and calls); ``merged_events`` (events reported by
        two articles or more), ``max_sources`` and ``max_sources_event``; ``merges`` (nodes
        with a ``merged_from`` explanation).

    Examples
    --------
    >>> s = stats(example_graph(), top=2)
    >>> s["articles"], s["events"], s["merged_events"], s["max_sources"]
    (6, 8, 2, 2)
    >>> s["top_leaders"]
    [('person/kassym-jomart-tokayev', 'Kassym-Jomart Tokayev', 5), ('person/vladimir-putin', 'Vladimir Putin', 4)]
    >>> s["date_range"]
    ('2025-08-30', '2025-12-01')
    """
    types = Counter(d.get("type") or "?" for _, d in G.nodes(data=True))
    ents = [(n, d) for n, d in G.nodes(data=True) if d.get("category") == "entity"]
    evs = [(n, d) for n, d in G.nodes(data=True) if d.get("category") == "event"]
    linked = [n for n, d in ents if d.get("wikidata") or "~" not in n]
    unlinked = [(n, d) for n, d in ents if not (d.get("wikidata") or "~" not in n)]
    dates = sorted(x for _, d in evs for x in (d.get("start_date"), d.get("end_date")) if x)
    meetings = Counter()
    for ev in events(G, MEETING_KINDS):
        for p in _persons(G, ev):
            meetings[p] += 1
    leaders = sorted(((p, G.nodes[p].get("label", p), c) for p, c in meetings.items()
                      if G.nodes[p].get("type") == "Leader"), key=lambda t: (-t[2], t[0]))
    counts = {n: int(d.get("source_count") or len(d.get("sources") or [])) for n, d in evs}
    best = max(sorted(counts), key=lambda n: counts[n]) if counts else ""
    arts = G.graph.get("articles")
    n_articles = len(arts) if isinstance(arts, dict) and arts else len(
        {s for _, d in G.nodes(data=True) for s in (d.get("sources") or [])})
    return {
        "articles": n_articles, "nodes": G.number_of_nodes(), "edges": G.number_of_edges(),
        "types": dict(sorted(types.items())), "entities": len(ents), "events": len(evs),
        "linked": len(linked), "unlinked": len(unlinked),
        "linked_share": round(len(linked) / len(ents), 3) if ents else 0.0,
        "unlinked_by_type": dict(sorted(Counter(d.get("type") for _, d in unlinked).items())),
        "no_wikidata": sum(1 for _, d in ents if not d.get("wikidata")),
        "date_range": (dates[0], dates[-1]) if dates else ("", ""),
        "top_leaders": leaders[:top],
        "merged_events": sum(1 for c in counts.values() if c >= 2),
        "max_sources": counts.get(best, 0), "max_sources_event": best,
        "merges": sum(1 for _, d in G.nodes(data=True) if d.get("merged_from")),
    }


# ------------------------------------------------------------------ pandas


def _pandas():
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - depends on the environment
        raise ImportError("the DataFrame functions need pandas: pip install 'dipkg[analysis]'") from None
    return pd


def events_dataframe(G: nx.MultiDiGraph):
    """One row per event (needs pandas).

    Columns: ``event``, ``type``, ``label``, ``status``, ``start_date``, ``end_date`` (pandas
    datetimes, ``NaT`` when unknown), ``place``, ``place_label``, ``place_country``,
    ``participants`` (ids), ``countries``, ``source_count``, ``confidence``, ``cameo``,
    ``plover``, ``topics``.

    Examples
    --------
    >>> df = events_dataframe(example_graph())
    >>> df.groupby("type").size().to_dict()
    {'AgreementSigning': 1, 'Meeting': 3, 'PhoneCall': 1, 'Statement': 1, 'Summit': 1, 'Visit': 1}
    >>> df.loc[df.source_count.idxmax(), "event"]
    'event/astana-talks'
    """
    pd = _pandas()
    rows = []
    for ev in events(G, kinds=None, status=None):
        d = G.nodes[ev]
        place = _place(G, ev)
        country = _country_of_place(G, place) if place else None
        rows.append({"event": ev, "type": d.get("type"), "label": d.get("label"), "status": d.get("status"),
                     "start_date": d.get("start_date") or None, "end_date": d.get("end_date") or None,
                     "place": place, "place_label": G.nodes[place].get("label") if place else None,
                     "place_country": country, "participants": [p for p, _ in _participants(G, ev)],
                     "countries": event_countries(G, ev), "source_count": int(d.get("source_count") or 0),
                     "confidence": d.get("confidence"), "cameo": d.get("cameo") or None,
                     "plover": d.get("plover") or None, "topics": list(d.get("topics") or [])})
    cols = ["event", "type", "label", "status", "start_date", "end_date", "place", "place_label", "place_country",
            "participants", "countries", "source_count", "confidence", "cameo", "plover", "topics"]
    df = pd.DataFrame(rows, columns=cols)
    for c in ("start_date", "end_date"):
        df[c] = pd.to_datetime(df[c], format="%Y-%m-%d", errors="coerce")
    return df


def participants_dataframe(G: nx.MultiDiGraph):
    """One row per (event, participant) (needs pandas).

    Columns: ``event``, ``event_type``, ``date`` (datetime), ``status``, ``participant``,
    ``label``, ``participant_type``, ``role``, ``countries`` (a person's countries at the
    date, a country itself).

    Examples
    --------
    >>> df = participants_dataframe(example_graph())
    >>> df[df.event_type == "Meeting"].groupby("label").size().sort_values(ascending=False).head(2).to_dict()
    {'Kassym-Jomart Tokayev': 3, 'Vladimir Putin': 2}
    """
    pd = _pandas()
    rows = []
    for ev in events(G, kinds=None, status=None):
        d = G.nodes[ev]
        day = _date(d)
        for p, role in _participants(G, ev):
            pd_ = G.nodes[p]
            typ = pd_.get("type")
            countries = [p] if typ == "Country" else _countries_led(G, p, day) if typ in _PERSON else []
            rows.append({"event": ev, "event_type": d.get("type"), "date": day or None, "status": d.get("status"),
                         "participant": p, "label": pd_.get("label", p), "participant_type": typ, "role": role,
                         "countries": countries})
    cols = ["event", "event_type", "date", "status", "participant", "label", "participant_type", "role", "countries"]
    df = pd.DataFrame(rows, columns=cols)
    df["date"] = pd.to_datetime(df["date"], format="%Y-%m-%d", errors="coerce")
    return df


# ------------------------------------------------------------------ the example graph


def example_graph() -> nx.MultiDiGraph:
    """A small graph built from hand-made records (no NLP), for examples and tests.

    Six articles, four leaders (Putin, Tokayev, Xi, Mirziyoyev) and their countries;
    three meetings of Putin and Tokayev's side (one in Moscow, one in Astana reported by two
    articles, the SCO summit), Tokayev and Xi in Tianjin, a phone call of Tokayev and
    Mirziyoyev, a state visit, an agreement signing, a statement and a trade figure.

    Examples
    --------
    >>> G = example_graph()
    >>> G.number_of_nodes(), len(G.graph["articles"])
    (22, 6)
    >>> G.nodes["event/astana-talks"]["source_count"], G.nodes["event/astana-talks"]["confidence"]
    (2, 0.978)
    >>> G.nodes["event/astana-talks"]["merged_from"][0]["reason"]
    'same meeting: participants person/kassym-jomart-tokayev, person/vladimir-putin, compatible dates and place'
    """
    from .graph import to_networkx
    from .model import Article, Entity, Event, Evidence, Participant, Quantity, Relation
    from .records import Merge, Records

    rec = Records()
    arts = {"a1": ("2025-08-30", "ru"), "a2": ("2025-08-31", "en"), "a3": ("2025-10-09", "ru"),
            "a4": ("2025-11-12", "ru"), "a5": ("2025-11-12", "en"), "a6": ("2025-12-01", "en")}
    for aid, (date, lang) in arts.items():
        rec.articles[aid] = Article(id=aid, text=f"article {aid}", title=f"Article {aid}", date=date, lang=lang,
                                    source=f"{aid}.txt")

    def ev(article: str, rule: str = "ru.event.meeting", conf: float = 1.0) -> tuple[Evidence, ...]:
        return (Evidence(article, f"A sentence of {article}.", 0, 10, rule, conf),)

    people = {"vladimir-putin": ("Vladimir Putin", "Владимир Путин", "Q7747", "ru", ("Путин",)),
              "kassym-jomart-tokayev": ("Kassym-Jomart Tokayev", "Касым-Жомарт Токаев", None, "kz", ("Tokayev",)),
              "xi-jinping": ("Xi Jinping", "Си Цзиньпин", "Q15031", "cn", ()),
              "shavkat-mirziyoyev": ("Shavkat Mirziyoyev", "Шавкат Мирзиёев", None, "uz", ())}
    countries = {"ru": ("Russia", "Россия"), "kz": ("Kazakhstan", "Казахстан"), "cn": ("China", "Китай"),
                 "uz": ("Uzbekistan", "Узбекистан")}
    cities = {"moscow": ("Moscow", "Москва", "ru"), "astana": ("Astana", "Астана", "kz"),
              "tianjin": ("Tianjin", "Тяньцзинь", "cn")}
    all_arts = tuple(e for a in arts for e in ev(a, "ru.ner.natasha"))
    for key, (en, ru, qid, _, aliases) in people.items():
        rec.entities[f"person/{key}"] = Entity(f"person/{key}", "Leader", en, ru, qid, aliases, f"person/{key}",
                                               all_arts)
    for key, (en, ru) in countries.items():
        rec.entities[f"country/{key}"] = Entity(f"country/{key}", "Country", en, ru, None, (), f"country/{key}",
                                                all_arts)
    for key, (en, ru, _) in cities.items():
        rec.entities[f"city/{key}"] = Entity(f"city/{key}", "City", en, ru, None, (), f"city/{key}", ev("a1"))
    rec.entities["org/sco"] = Entity("org/sco", "Organization", "Shanghai Cooperation Organisation", "ШОС", None,
                                     ("SCO",), "org/sco", ev("a2"))
    rec.entities["person/ivanov~a3"] = Entity("person/ivanov~a3", "Person", "", "Иванов", None, (), None,
                                              ev("a3", "ru.ner.natasha"))
    for key, (_, _, _, country, _) in people.items():
        rec.relations[(f"person/{key}", "leaderOf", f"country/{country}")] = Relation(
            f"person/{key}", "leaderOf", f"country/{country}", evidence=ev("a1", "ru.role.apposition"))
    for key, (_, _, country) in cities.items():
        rec.relations[(f"city/{key}", "locatedIn", f"country/{country}")] = Relation(
            f"city/{key}", "locatedIn", f"country/{country}", evidence=ev("a1", "kb.located_in"))

    P, T, X, M = ("person/vladimir-putin", "person/kassym-jomart-tokayev", "person/xi-jinping",
                  "person/shavkat-mirziyoyev")

    def event(eid, kind, parts, place, date, evidence, status="happened", end=None, **kw):
        rec.events[eid] = Event(eid, kind, participants=tuple(sorted(Participant(*p) if isinstance(p, tuple)
                                                                     else Participant(p) for p in parts)),
                                place=place, start_date=date, end_date=end, status=status, evidence=evidence, **kw)

    event("event/tianjin-talks", "Meeting", [T, X], "city/tianjin", "2025-08-30", ev("a1"))
    event("event/sco-summit", "Summit", [P, T, X, M], "city/tianjin", "2025-08-31", ev("a2", "en.event.summit"),
          end="2025-09-01", organizer="org/sco")
    event("event/moscow-talks", "Meeting", [P, T], "city/moscow", "2025-10-09", ev("a3"))
    event("event/tokayev-statement", "Statement", [(T, "speaker")], None, "2025-10-09",
          ev("a3", "ru.statement.quote"), quote="Россия остается главным партнером Казахстана")
    event("event/astana-visit", "Visit", [(P, "guest")], "city/astana", "2025-11-12", ev("a4", "ru.event.visit"))
    event("event/astana-talks", "Meeting", [P, T], "city/astana", "2025-11-12",
          ev("a4") + ev("a5", "en.event.meeting"))
    event("event/astana-signing", "AgreementSigning", [(P, "signatory"), (T, "signatory")], "city/astana",
          "2025-11-12", ev("a4", "ru.event.agreementsigning"))
    event("event/tokayev-mirziyoyev-call", "PhoneCall", [T, M], None, "2025-12-01",
          ev("a6", "en.event.phonecall") + ev("a5", "en.coref.surname", 0.9))
    rec.relations[("event/tianjin-talks", "partOf", "event/sco-summit")] = Relation(
        "event/tianjin-talks", "partOf", "event/sco-summit", evidence=ev("a1"))
    rec.merges.append(Merge("event/astana-talks", ("event/astana-talks", "event/astana-talks-en"),
                            "same meeting: participants person/kassym-jomart-tokayev, person/vladimir-putin, "
                            "compatible dates and place"))
    rec.quantities["quantity/ru-kz-trade"] = Quantity("quantity/ru-kz-trade", "trade_turnover", 28e9, "USD", "",
                                                      2024, ("country/kz", "country/ru"), "",
                                                      ev("a3", "ru.quantity.money"))
    return to_networkx(rec)


def _stats_text(s: dict) -> str:
    """``kg stats`` output of :func:`stats`."""
    lines = [f"articles: {s['articles']}",
             f"nodes: {s['nodes']}, edges: {s['edges']}",
             f"entities: {s['entities']} (linked {s['linked']}, unlinked {s['unlinked']}, "
             f"linked share {s['linked_share']:.1%}; without a Wikidata id {s['no_wikidata']})",
             f"events: {s['events']} (reported by 2+ articles: {s['merged_events']}; most sources: "
             f"{s['max_sources']}" + (f", {s['max_sources_event']}" if s["max_sources_event"] else "") + ")",
             f"nodes with a merge explanation (merged_from): {s['merges']}",
             "date range: " + (" .. ".join(s["date_range"]) if s["date_range"][0] else "no dated event"),
             "counts by type:"]
    lines += [f"  {t:<18} {n}" for t, n in s["types"].items()]
    if s["unlinked_by_type"]:
        lines.append("unlinked entities by type:")
        lines += [f"  {t:<18} {n}" for t, n in s["unlinked_by_type"].items()]
    lines.append("top leaders by meetings (happened meetings, summits, visits, calls):")
    lines += [f"  {n:>4}  {label}  ({node})" for node, label, n in s["top_leaders"]] or ["  none"]
    return "\n".join(lines) + "\n"
