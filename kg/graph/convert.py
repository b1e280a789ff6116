"""Records -> a networkx MultiDiGraph, the graph users analyse in Python.

Nodes are entities, events and quantities; node and edge attributes are plain
dicts (strings, numbers, lists of dicts) so every networkx reader and writer
works. Every node and edge carries ``evidence``: a list of
``{"article", "sentence", "start", "end", "rule", "confidence"}``.

Every node and edge also has ``confidence`` (see :mod:`kg.merge.confidence`), and every node
``merged_from``: why several extracted ids became this node (from :attr:`Records.merges`).

Edge keys are the predicate (``"participant"``, ``"heldIn"``, ...), with the
event id for ``metWith`` edges, which exist once per shared event so that
"how often did they meet" is an edge count.
"""
from __future__ import annotations

import json

import networkx as nx

from .. import kinds
from ..merge.confidence import confidence
from ..kb import geo as kb_geo
from ..merge.records import Records
from ..model import Evidence

__all__ = ["to_networkx", "evidence_dicts", "graphml_ready", "RELATION_LABELS"]

RELATION_LABELS = {
    "metWith": "met with", "participant": "participant", "heldIn": "held in",
    "leaderOf": "leader of", "memberOf": "member of", "locatedIn": "located in",
    "partOf": "part of", "organizer": "organizer", "concerns": "concerns",
}


def evidence_dicts(evidence) -> list[dict]:
    return [{"article": e.article_id, "sentence": e.sentence, "start": e.start, "end": e.end,
             "rule": e.rule, "confidence": e.confidence} for e in sorted(set(evidence))]


def _articles_of(evidence: tuple[Evidence, ...]) -> list[str]:
    return sorted({e.article_id for e in evidence})


def to_networkx(rec: Records) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.graph["articles"] = {a.id: {"title": a.title, "date": a.date, "lang": a.lang, "source": a.source,
                                  "url": a.url} for a in rec.sorted_articles()}
    label = {}
    geo = kb_geo()
    for e in rec.sorted_entities():
        label[e.id] = e.label_en or e.label_ru or e.id
        G.add_node(e.id, category="entity", type=e.type, label=label[e.id], label_en=e.label_en,
                   label_ru=e.label_ru, wikidata=e.wikidata or "", aliases=list(e.aliases),
                   sources=_articles_of(e.evidence), evidence=evidence_dicts(e.evidence))
        if e.type == "Country" and e.kb_id:
            G.nodes[e.id]["iso2"] = e.kb_id.split("/", 1)[1].upper()
        if e.type in ("Country", "City") and e.kb_id in geo:  # lat, long (WGS84); countries: iso_numeric
            G.nodes[e.id].update(geo[e.kb_id])
    for ev in rec.sorted_events():
        names = [label.get(p.entity, p.entity) for p in ev.participants]
        text = ev.label or kinds.event_label(ev.kind, names, label.get(ev.place) if ev.place else None, ev.start_date)
        sources = _articles_of(ev.evidence)
        G.add_node(ev.id, category="event", type=ev.kind, label=text, status=ev.status,
                   start_date=ev.start_date or "", end_date=ev.end_date or "",
                   cameo=ev.cameo or "", plover=ev.plover or "", ordinal=ev.ordinal or 0,
                   topics=list(ev.topics), quote=ev.quote, trigger=ev.trigger,
                   sources=sources, source_count=len(sources), evidence=evidence_dicts(ev.evidence))
        for p in ev.participants:
            G.add_edge(ev.id, p.entity, key="participant", type="participant", label="participant",
                       role=p.role, evidence=evidence_dicts(ev.evidence))
        if ev.place:
            G.add_edge(ev.id, ev.place, key="heldIn", type="heldIn", label="held in",
                       evidence=evidence_dicts(ev.evidence))
        if ev.organizer:
            G.add_edge(ev.id, ev.organizer, key="organizer", type="organizer", label="organizer",
                       evidence=evidence_dicts(ev.evidence))
    for r in rec.sorted_relations():
        G.add_edge(r.subject, r.object, key=r.predicate, type=r.predicate,
                   label=RELATION_LABELS.get(r.predicate, r.predicate),
                   start_date=r.start_date or "", end_date=r.end_date or "",
                   evidence=evidence_dicts(r.evidence))
    for q in rec.sorted_quantities():
        G.add_node(q.id, category="quantity", type="Quantity", label=_quantity_label(q, label),
                   measure=q.measure, amount=q.amount, currency=q.currency or "", year=q.year or 0,
                   qualifier=q.qualifier, sources=_articles_of(q.evidence), evidence=evidence_dicts(q.evidence))
        for c in q.concerns:
            G.add_edge(q.id, c, key="concerns", type="concerns", label="concerns",
                       evidence=evidence_dicts(q.evidence))
    _add_met_with(G, rec)
    _add_confidence_and_merges(G, rec)
    return G


def _add_confidence_and_merges(G: nx.MultiDiGraph, rec: Records) -> None:
    """``confidence`` on every node and edge (:func:`kg.confidence.confidence` of its evidence),
    and ``merged_from`` on every node: the merges of :attr:`Records.merges` into it, as
    ``[{"ids": [...], "reason": "..."}]`` (empty when the node comes from one mention group)."""
    merged: dict[str, list[dict]] = {}
    for m in rec.merges:
        merged.setdefault(m.into, []).append({"ids": list(m.merged), "reason": m.reason})
    for n, d in G.nodes(data=True):
        d["confidence"] = confidence(d.get("evidence") or ())
        d["merged_from"] = merged.get(n, [])
    for _, _, d in G.edges(data=True):
        d["confidence"] = confidence(d.get("evidence") or ())


def _quantity_label(q, label) -> str:
    amount = q.amount
    scale = ""
    for factor, word in ((1e12, " trillion"), (1e9, " billion"), (1e6, " million")):
        if amount >= factor:
            amount, scale = amount / factor, word
            break
    num = f"{amount:g}{scale}"
    between = " – ".join(label.get(c, c) for c in q.concerns)
    year = f" ({q.year})" if q.year else ""
    return f"{q.measure.replace('_', ' ')}: {num} {q.currency or q.unit}{year}" + (f", {between}" if between else "")


def _add_met_with(G: nx.MultiDiGraph, rec: Records) -> None:
    """metWith both ways between the persons of every happened meeting, summit, visit or call."""
    met_kinds = kinds.met_with_kinds()
    for ev in rec.sorted_events():
        if ev.kind not in met_kinds or ev.status != "happened":
            continue
        persons = sorted({p.entity for p in ev.participants
                          if p.role != "declined" and G.nodes.get(p.entity, {}).get("type") in ("Person", "Leader")})
        for a in persons:
            for b in persons:
                if a != b:
                    G.add_edge(a, b, key=f"metWith|{ev.id}", type="metWith", label="met with",
                               event=ev.id, date=ev.start_date or "", evidence=evidence_dicts(ev.evidence))


def graphml_ready(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose list/dict attributes are JSON strings (GraphML holds scalars only)."""
    H = nx.MultiDiGraph()
    H.graph.update({k: json.dumps(v, ensure_ascii=False, sort_keys=True) if isinstance(v, (list, dict)) else v
                    for k, v in G.graph.items()})

    def conv(d):
        return {k: (json.dumps(v, ensure_ascii=False, sort_keys=True) if isinstance(v, (list, dict)) else
                    ("" if v is None else v)) for k, v in sorted(d.items())}

    for n in sorted(G.nodes):
        H.add_node(n, **conv(G.nodes[n]))
    for u, v, k, d in sorted(G.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        H.add_edge(u, v, key=k, **conv(d))
    return H
