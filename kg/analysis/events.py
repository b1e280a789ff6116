"""Events and who took part in them: finding nodes by name, events by kind and status, the
countries of an event, a leader's or a country's timeline, the record between two countries.
"""
from __future__ import annotations

from typing import Iterable

import networkx as nx

__all__ = ["find_node", "events", "event_countries", "timeline", "bilateral"]

PERSON_TYPES = ("Person", "Leader")


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


def event_date(d: dict) -> str:
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
    return sorted(out, key=lambda n: (event_date(G.nodes[n]), n))


def participants_of(G: nx.MultiDiGraph, ev: str) -> list[tuple[str, str]]:
    """(entity, role) of an event, declined participants left out."""
    out = []
    for _, v, k, d in G.out_edges(ev, keys=True, data=True):
        if k == "participant" and d.get("role") != "declined":
            out.append((v, d.get("role") or "participant"))
    return sorted(out)


def persons_of(G: nx.MultiDiGraph, ev: str) -> list[str]:
    return sorted({v for v, _ in participants_of(G, ev) if G.nodes[v].get("type") in PERSON_TYPES})


def _in_dates(d: dict, day: str) -> bool:
    if not day:
        return True
    start, end = d.get("start_date") or "", d.get("end_date") or ""
    return (not start or start <= day) and (not end or day <= end)


def countries_led(G: nx.MultiDiGraph, person: str, day: str = "") -> list[str]:
    return sorted({v for _, v, k, d in G.out_edges(person, keys=True, data=True)
                   if k == "leaderOf" and G.nodes[v].get("type") == "Country" and _in_dates(d, day)})


def country_of_place(G: nx.MultiDiGraph, place: str) -> str | None:
    if G.nodes[place].get("type") == "Country":
        return place
    for _, v, k in G.out_edges(place, keys=True):
        if k == "locatedIn" and G.nodes[v].get("type") == "Country":
            return v
    return None


def place_of(G: nx.MultiDiGraph, ev: str) -> str | None:
    return next((v for _, v, k in G.out_edges(ev, keys=True) if k == "heldIn"), None)


def event_countries(G: nx.MultiDiGraph, ev: str) -> list[str]:
    """The countries taking part in event ``ev``: participants, their leaders' countries, a visit's host.

    Examples
    --------
    >>> G = example_graph()
    >>> event_countries(G, "event/astana-talks")
    ['country/kz', 'country/ru']
    """
    day = event_date(G.nodes[ev])
    out = set()
    for v, _ in participants_of(G, ev):
        typ = G.nodes[v].get("type")
        if typ == "Country":
            out.add(v)
        elif typ in PERSON_TYPES:
            out.update(countries_led(G, v, day))
    if G.nodes[ev].get("type") == "Visit":
        place = place_of(G, ev)
        country = country_of_place(G, place) if place else None
        if country:
            out.add(country)
    return sorted(out)


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
        parts = dict(participants_of(G, ev))
        role = parts.get(node)
        if role is None and typ == "Country":
            place = place_of(G, ev)
            venue = bool(place) and country_of_place(G, place) == node
            takes_part = node in event_countries(G, ev)
            role = "host" if venue and takes_part else "venue" if venue else "participant" if takes_part else None
        if role is None:
            continue
        d = G.nodes[ev]
        rows.append({"event": ev, "type": d.get("type"), "date": event_date(d), "end_date": d.get("end_date") or "",
                     "status": d.get("status"), "label": d.get("label"), "role": role,
                     "with": [p for p in persons_of(G, ev) if p != node], "place": place_of(G, ev) or "",
                     "source_count": d.get("source_count", 0)})
    return rows


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
        return {"event": ev, "type": d.get("type"), "date": event_date(d), "status": d.get("status"),
                "label": d.get("label"), "with": persons_of(G, ev), "place": place_of(G, ev) or "",
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
        speakers = [p for p, role in participants_of(G, ev) if G.nodes[p].get("type") in PERSON_TYPES]
        arts = set(G.nodes[ev].get("sources") or ())
        for sp in speakers:
            led = set(countries_led(G, sp, event_date(G.nodes[ev])))
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
