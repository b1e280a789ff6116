"""Summaries of a graph: the figures ``kg stats`` prints, and pandas DataFrames of events and
participants (``pip install 'dipkg[analysis]'``).
"""
from __future__ import annotations

from collections import Counter

import networkx as nx

from .. import kinds
from .events import (
    PERSON_TYPES,
    countries_led,
    country_of_place,
    event_countries,
    event_date,
    events,
    participants_of,
    persons_of,
    place_of,
)

__all__ = ["stats", "events_dataframe", "participants_dataframe"]


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
    for ev in events(G, kinds.met_with_kinds()):
        for p in persons_of(G, ev):
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
        place = place_of(G, ev)
        country = country_of_place(G, place) if place else None
        rows.append({"event": ev, "type": d.get("type"), "label": d.get("label"), "status": d.get("status"),
                     "start_date": d.get("start_date") or None, "end_date": d.get("end_date") or None,
                     "place": place, "place_label": G.nodes[place].get("label") if place else None,
                     "place_country": country, "participants": [p for p, _ in participants_of(G, ev)],
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
        day = event_date(d)
        for p, role in participants_of(G, ev):
            pd_ = G.nodes[p]
            typ = pd_.get("type")
            countries = [p] if typ == "Country" else countries_led(G, p, day) if typ in PERSON_TYPES else []
            rows.append({"event": ev, "event_type": d.get("type"), "date": day or None, "status": d.get("status"),
                         "participant": p, "label": pd_.get("label", p), "participant_type": typ, "role": role,
                         "countries": countries})
    cols = ["event", "event_type", "date", "status", "participant", "label", "participant_type", "role", "countries"]
    df = pd.DataFrame(rows, columns=cols)
    df["date"] = pd.to_datetime(df["date"], format="%Y-%m-%d", errors="coerce")
    return df


def stats_text(s: dict) -> str:
    """The text ``kg stats`` prints for the figures of :func:`stats`.

    Examples
    --------
    >>> print(stats_text(stats(example_graph(), top=2)).splitlines()[0])
    articles: 6
    """
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
