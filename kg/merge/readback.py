"""Reading the merged graph back from the merge index (the store's views helper and full
exports), and the records of the sorted exports after an incremental update.
"""
from __future__ import annotations

import json
from dataclasses import replace
from typing import Iterable

from ..model import (
    Article,
    Entity,
    Event,
    Quantity,
    Relation,
    decode_evidence,
    decode_record,
    from_json,
    sorted_evidence,
)
from .incremental import MergeIndex
from .records import Merge, Records
from .units import loads

__all__ = ["full_records", "update_records", "spliced_records"]


def article_loader(db):
    """``article_of(ids)`` over the store's articles table."""
    def article_of(ids):
        for i in ids:
            row = db.execute("SELECT article FROM articles WHERE id=?", (i,)).fetchone()
            if row:
                yield from_json(Article, row[0])

    return article_of


def full_records(db, version: str) -> Records:
    """Every merged record of the index, as :func:`kg.merge.merge_extractions` gives them
    (articles of the extractor ``version``, without their text: the graph views and GraphML
    read their metadata only)."""
    rec = Records()
    for (text,) in db.execute("SELECT json_remove(article, '$.text') FROM articles WHERE version=? ORDER BY id",
                              (version,)):
        data = json.loads(text)
        data["text"] = ""
        a = decode_record(Article, data)
        rec.articles[a.id] = a
    rows = sorted(db.execute("SELECT id, kind, body FROM ix_node"))
    final = dict(db.execute("SELECT raw, final FROM ix_map"))
    evidence: dict[str, list] = {}
    for unit, body in db.execute("SELECT unit, body FROM ix_contrib WHERE unit >= 'E\t' AND unit < 'E\n'"):
        raw = unit[2:]
        evidence.setdefault(final.get(raw, raw), []).extend(decode_evidence(json.loads(body)["evidence"]))
    for nid, kind, body in rows:
        n = loads(kind, body)
        if kind == "entity":
            rec.entities[nid] = replace(n, evidence=sorted_evidence(evidence.get(nid, ())))
        elif kind == "event":
            rec.events[nid] = n
        elif kind == "quantity":
            rec.quantities[nid] = n
    for nid, kind, body in rows:
        if kind == "relation":
            r = loads(kind, body)
            rec.relations[(r.subject, r.predicate, r.object)] = r
    rec.merges = sorted(_merge(json.loads(b)) for (b,) in db.execute("SELECT body FROM ix_merge"))
    return rec


def update_records(rec: Records, db, version: str, changed: Iterable[str], articles: Iterable[str]) -> None:
    """Bring records read by :func:`full_records` before an addition up to date: the nodes of
    ``changed`` (:attr:`Delta.changed`) read again (or removed), the new ``articles`` added,
    the merges read again."""
    index = MergeIndex.__new__(MergeIndex)  # reading only: no tables made
    index.db = db
    for aid in articles:
        row = db.execute("SELECT json_remove(article, '$.text') FROM articles WHERE id=? AND version=?",
                         (aid, version)).fetchone()
        if row:
            data = json.loads(row[0])
            data["text"] = ""
            rec.articles[aid] = decode_record(Article, data)
    for nid in changed:
        for table in (rec.entities, rec.events, rec.quantities):
            table.pop(nid, None)
        if nid.startswith("R\t"):
            rec.relations.pop(tuple(json.loads(nid[2:])), None)
        n = index._node(nid)
        if isinstance(n, Entity):
            rec.entities[nid] = index._entity(nid, head=n)
        elif isinstance(n, Event):
            rec.events[nid] = n
        elif isinstance(n, Quantity):
            rec.quantities[nid] = n
        elif isinstance(n, Relation):
            rec.relations[(n.subject, n.predicate, n.object)] = n
    rec.merges = sorted(_merge(json.loads(b)) for (b,) in db.execute("SELECT body FROM ix_merge"))


def _merge(d: dict) -> Merge:
    return Merge(d["into"], tuple(d["merged"]), d["reason"])


def spliced_records(old_records: dict[str, set], old_graphs: dict[str, set], new_graphs: dict[str, set],
                    held_elsewhere) -> dict[str, set]:
    """The triples of each subject of the union of all named graphs, after some graphs changed.

    ``old_records``: each subject's triples before; ``old_graphs`` and ``new_graphs``: each
    subject's triples in the changed graphs before and after; ``held_elsewhere(triples)``:
    those of some triples a graph that did not change holds. A subject's triples are its
    old ones, less those the changed graphs held and hold no more (unless another graph
    holds them), plus those the changed graphs hold now."""
    gone = {s: old_graphs.get(s, set()) - new_graphs.get(s, set()) for s in old_records}
    candidates = set().union(*gone.values()) if gone else set()
    kept = held_elsewhere(candidates) if candidates else set()
    return {s: (old_records[s] - (gone[s] - kept)) | new_graphs.get(s, set()) for s in old_records}
