"""Projections of the event graph (persons who met, countries that shared events) and measures
on them: who met whom how often, centralities, communities.
"""
from __future__ import annotations

import itertools
from typing import Iterable

import networkx as nx

from .. import kinds as _kinds
from .events import PERSON_TYPES, event_countries, event_date, events, persons_of

__all__ = ["meeting_network", "country_network", "who_met_whom", "centrality", "communities"]


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
        d["events"].sort(key=lambda e: (event_date(G.nodes[e]), e))
        d["first"] = event_date(G.nodes[d["events"][0]])
        d["last"] = max(event_date(G.nodes[e]) for e in d["events"])
    return H


def meeting_network(G: nx.MultiDiGraph, kinds: Iterable[str] | None = None,
                    types: Iterable[str] = PERSON_TYPES) -> nx.Graph:
    """The persons' meeting network: who met whom, weighted by the number of shared events.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The knowledge graph.
    kinds : iterable of str
        Event kinds that count as meeting (default: those of :func:`kg.kinds.met_with_kinds`:
        meetings, summits, visits, phone calls).
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
    kinds = _kinds.met_with_kinds() if kinds is None else kinds
    groups = {ev: [p for p in persons_of(G, ev) if G.nodes[p].get("type") in types] for ev in events(G, kinds)}
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
        kinds = [k for k in _kinds.names() if k != "Statement"]
    groups = {ev: event_countries(G, ev) for ev in events(G, kinds)}
    return _weighted_projection(G, {ev: m for ev, m in groups.items() if len(m) >= 2})


def who_met_whom(G: nx.MultiDiGraph, kinds: Iterable[str] | None = None,
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
