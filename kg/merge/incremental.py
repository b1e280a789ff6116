"""Adding articles to a store without merging the whole corpus again.

:func:`kg.merge.merge_extractions` is global: any article may merge with any other. But every
merged record depends on a small, known part of the corpus, its *unit*:

* an unlinked name (type, normalised name): which of its mentions become one entity
  (:func:`kg.merge.entities.resolve_name_group`);
* an entity id: the entities of that id (and of the ids merged into it), folded in article order;
* a component of the event candidate graph (events of one kind linked by the shared keys of
  :func:`kg.merge.events.candidate_pairs`, with its date windows): running the coreference on a
  whole component gives exactly what the run on the whole corpus gives for it, because pairs
  of different components never meet in the union-find;
* a relation key (subject, predicate, object after merging), a quantity key.

The store keeps an index of the last merge in tables ``ix_*`` of ``records.sqlite``: each
article's contribution to each unit, the merged records (nodes; an entity's evidence is that
of its contributions), which articles each node is derived from, the id mappings, the merges
and the event candidate keys. :meth:`MergeIndex.add` merges new articles unit by unit: it
reads only the units they touch (a name group or event component whole; an entity or
relation the new reports agree with only gains aliases and evidence), writes the changed
nodes, and returns the articles whose named graphs may change with the records their RDF
needs (:class:`Delta`). A stored id that moves (a newcomer becomes the smallest id of a name
group, or ties two groups) re-keys the events and relations naming it. It declines (returns
None, and the caller merges everything, which rebuilds the index) only when a figure names
an id that moves. Adding is exact: tests/test_incremental_merge.py merges random corpora both
ways and compares every node, merge, named graph and exported subject record.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from typing import Iterable

from .. import kinds
from ..model import (
    Entity,
    Event,
    Extraction,
    Quantity,
    Relation,
    decode_evidence,
    sorted_evidence,
)
from .addition import Addition
from .corpus import quantity_key
from .entities import linked_ids, name_candidate
from .events import event_span, remap_event
from .records import Records
from .units import (
    TABLE_NAMES,
    TABLES,
    articles_of,
    contrib_order,
    contrib_rows,
    dumps,
    event_keys,
    evkey_order,
    iso_span,
    loads,
    unit_entity,
    unit_event,
    unit_name,
    unit_quantity,
    unit_relation,
)

__all__ = ["MergeIndex", "Delta"]


@dataclass
class Delta:
    """What :meth:`MergeIndex.add` changed: the articles whose named graphs may differ
    (``affected``), the records their RDF needs (``closure``: see :meth:`MergeIndex._closure`)
    and the node counts of the whole graph."""

    affected: set[str] = field(default_factory=set)
    closure: Records = field(default_factory=Records)
    counts: dict[str, int] = field(default_factory=dict)
    changed: set[str] = field(default_factory=set)  # ids of the nodes added, replaced or removed


class MergeIndex:
    """The merge index of a store (tables ``ix_*`` in its SQLite database)."""

    def __init__(self, db) -> None:
        self.db = db
        db.executescript(TABLES)

    @staticmethod
    def drop(db) -> None:
        """Remove the index tables (their layout changed)."""
        for t in TABLE_NAMES:
            db.execute(f"DROP TABLE IF EXISTS {t}")

    # ---- full rebuild
    def rebuild(self, xs: list[Extraction], rec: Records) -> None:
        """Index the merge of ``xs`` (all stored records) whose result is ``rec``. Call inside a transaction."""
        db = self.db
        for t in TABLE_NAMES:
            db.execute(f"DELETE FROM {t}")
        emap: dict[str, str] = {}
        vmap: dict[str, str] = {}
        for m in rec.merges:
            target = emap if m.into in rec.entities else vmap if m.into in rec.events else None
            if target is not None:
                for raw in m.merged:
                    if raw != m.into:
                        target[raw] = m.into
        db.executemany("INSERT INTO ix_map VALUES (?, ?)", sorted({**emap, **vmap}.items()))
        db.executemany("INSERT INTO ix_merge VALUES (?, ?)", [(m.into, dumps(m)) for m in rec.merges])
        contrib, evkeys, relend, linked = [], [], [], []
        for x in xs:
            self._contributions(x, emap, contrib, evkeys, relend, linked,
                                event_final=lambda r: vmap.get(r, r))
        # in key order (B-tree appends), each record made JSON only as it is written: the
        # bodies of 10,000 articles would hold 250 MB at once
        contrib.sort(key=contrib_order)
        db.executemany("INSERT OR REPLACE INTO ix_contrib VALUES (?, ?, ?, ?)", contrib_rows(contrib))
        db.executemany("INSERT OR REPLACE INTO ix_evkey VALUES (?, ?, ?, ?, ?)", sorted(evkeys, key=evkey_order))
        db.executemany("INSERT OR IGNORE INTO ix_relend VALUES (?, ?)", sorted(relend))
        db.executemany("INSERT INTO ix_linked VALUES (?, ?)", sorted(linked))
        self._put_nodes(rec.entities.values(), rec.events.values(), rec.relations.items(), rec.quantities.values())

    @staticmethod
    def _contributions(x: Extraction, emap: dict, contrib: list, evkeys: list, relend: list, linked: list,
                       event_final) -> None:
        """The index rows of one article's records; ``contrib`` gets (unit, article, seq, record
        or JSON text): :func:`contrib_rows` makes the rows."""
        aid = x.article.id
        linked.append((aid, json.dumps(sorted(linked_ids(x)))))
        for seq, e in enumerate(x.entities):
            contrib.append((unit_entity(e.id), aid, seq, e))
            cand = name_candidate(e)
            if cand is not None:
                contrib.append((unit_name(cand), aid, seq, json.dumps(e.id)))
        for seq, ev in enumerate(x.events):
            contrib.append((unit_event(ev.id), aid, seq, ev))
            mapped = remap_event(ev, emap)
            d0, d1 = iso_span(event_span(mapped))
            evkeys.extend((k, ev.id, aid, d0, d1) for k in event_keys(mapped))
        for seq, r in enumerate(x.relations):
            s = event_final(r.subject) if r.subject.startswith("event/") else emap.get(r.subject, r.subject)
            o = event_final(r.object) if r.object.startswith("event/") else emap.get(r.object, r.object)
            unit = unit_relation((s, r.predicate, o))
            contrib.append((unit, aid, seq, r))
            relend.extend([(r.subject, unit), (r.object, unit)])
        for seq, q in enumerate(x.quantities):
            unit = unit_quantity(quantity_key(q, emap))
            contrib.append((unit, aid, seq, q))
            relend.extend((c, unit) for c in q.concerns)

    @staticmethod
    def _entity_rows(e: Entity, evidence: Iterable | None, nodes: list, arts: list) -> None:
        """Rows of an entity: its head (its record without evidence: the evidence is that of
        its contributions) and its articles: all of ``e.evidence``'s, or (an entity gaining
        reports) those of ``evidence``."""
        nodes.append((e.id, "entity", dumps(replace(e, evidence=()))))
        arts.extend((a, e.id) for a in sorted(articles_of(e.evidence if evidence is None else evidence)))

    def _put_entity(self, e: Entity, evidence: Iterable | None = None) -> None:
        """Store an entity (see :meth:`_entity_rows`), added to what is stored of it."""
        nodes, arts = [], []
        self._entity_rows(e, evidence, nodes, arts)
        self.db.executemany("INSERT OR REPLACE INTO ix_node VALUES (?, ?, ?)", nodes)
        self.db.executemany("INSERT OR IGNORE INTO ix_node_art VALUES (?, ?)", arts)

    def _entity(self, nid: str, articles: Iterable[str] | None = None, head: Entity | None = None) -> Entity | None:
        """A stored entity with all its evidence, or only that of ``articles`` (``head``: its
        record without evidence, when read already)."""
        head = head or self._node(nid)
        if head is None:
            return None
        raws = [nid] + [r for (r,) in self.db.execute("SELECT raw FROM ix_map WHERE final=?", (nid,))]
        rows = []
        for raw in raws:
            unit = unit_entity(raw)
            if articles is None:
                rows += self.db.execute("SELECT body FROM ix_contrib WHERE unit=?", (unit,)).fetchall()
            else:
                for a in articles:
                    rows += self.db.execute("SELECT body FROM ix_contrib WHERE unit=? AND article=?", (unit, a)).fetchall()
        return replace(head, evidence=sorted_evidence(ev for (b,) in rows for ev in decode_evidence(json.loads(b)["evidence"])))

    def _node_arts(self, nid: str) -> set[str]:
        return {a for (a,) in self.db.execute("SELECT article FROM ix_node_art WHERE node=?", (nid,))}

    def _put_nodes(self, entities: Iterable[Entity], events: Iterable[Event], relations, quantities) -> None:
        rows, arts, parts = [], [], []
        for e in entities:
            self._entity_rows(e, None, rows, arts)
        for ev in events:
            rows.append((ev.id, "event", dumps(ev)))
            arts.extend((a, ev.id) for a in articles_of(ev.evidence))
            parts.extend((p.entity, ev.id, 1) for p in ev.participants)
            parts.extend((x, ev.id, 0) for x in (ev.place, ev.organizer) if x)
        for key, r in relations:
            nid = unit_relation(key)
            rows.append((nid, "relation", dumps(r)))
            arts.extend((a, nid) for a in articles_of(r.evidence))
        for q in quantities:
            rows.append((q.id, "quantity", dumps(q)))
            arts.extend((a, q.id) for a in articles_of(q.evidence))
        # in key order: B-tree appends rather than inserts all over the table
        self.db.executemany("INSERT OR REPLACE INTO ix_node VALUES (?, ?, ?)", sorted(rows))
        self.db.executemany("INSERT OR IGNORE INTO ix_node_art VALUES (?, ?)", sorted(arts))
        self.db.executemany("INSERT OR IGNORE INTO ix_evpart VALUES (?, ?, ?)", sorted(parts))

    def _drop_nodes(self, ids: Iterable[str]) -> None:
        ids = list(ids)
        for t, col in (("ix_node", "id"), ("ix_node_art", "node"), ("ix_evpart", "event")):
            self.db.executemany(f"DELETE FROM {t} WHERE {col}=?", [(i,) for i in ids])

    # ---- reading
    def _contrib(self, unit: str) -> list[tuple[str, int, str]]:
        return self.db.execute("SELECT article, seq, body FROM ix_contrib WHERE unit=? ORDER BY article, seq",
                               (unit,)).fetchall()

    def _final(self, raw: str) -> str:
        row = self.db.execute("SELECT final FROM ix_map WHERE raw=?", (raw,)).fetchone()
        return row[0] if row else raw

    def _node(self, nid: str):
        row = self.db.execute("SELECT kind, body FROM ix_node WHERE id=?", (nid,)).fetchone()
        return None if row is None else loads(row[0], row[1])

    def counts(self) -> dict[str, int]:
        out = {"entity": 0, "event": 0, "relation": 0, "quantity": 0}
        out.update(dict(self.db.execute("SELECT kind, COUNT(*) FROM ix_node GROUP BY kind")))
        return out

    # ---- adding
    def add(self, new: list[Extraction], article_of) -> Delta | None:
        """Merge the records of new articles (none of them stored before) into the index.
        ``article_of(ids)``: the stored :class:`Article` records of some ids. Returns None, having
        changed nothing, when a figure names an entity whose id moves; call inside a transaction."""
        step = Addition(self, new)
        if not step.names():
            return None
        step.entities()
        step.events()
        step.relations()
        step.quantities()
        step.pairs_before()
        step.write()
        affected = step.affected()
        return Delta(affected, self._closure(affected, article_of), self.counts(), step.changed())

    # ---- what the affected graphs need
    def _entity_types(self, ids: Iterable[str]) -> dict[str, str]:
        out = {}
        for i in ids:
            row = self.db.execute("SELECT body FROM ix_node WHERE id=? AND kind='entity'", (i,)).fetchone()
            if row:
                out[i] = json.loads(row[0])["type"]
        return out

    def _person_pairs(self, events: Iterable[Event], types: dict | None = None,
                      any_type: bool = False) -> set[tuple[str, str]]:
        """The pairs of persons of some events (``any_type``: of any participants, a superset)."""
        met_kinds = kinds.met_with_kinds()
        events = [e for e in events if e.kind in met_kinds]
        if types is None:
            types = self._entity_types({p.entity for e in events for p in e.participants})
        pairs = set()
        for e in events:
            ps = sorted({p.entity for p in e.participants if any_type or types.get(p.entity) in ("Person", "Leader")})
            pairs.update((x, y) for i, x in enumerate(ps) for y in ps[i + 1:])
        return pairs

    def _first_article(self, pair: tuple[str, str]) -> str | None:
        """The smallest article id among the reports of the events both of a pair take part in."""
        arts = set()
        for e in self._events_of_pair(*pair):
            met = {p.entity for p in e.participants if p.role != "declined"}
            if e.kind in kinds.met_with_kinds() and e.status == "happened" and set(pair) <= met:
                arts |= articles_of(e.evidence)
        return min(arts, default=None)

    def _events_of_pair(self, x: str, y: str) -> list[Event]:
        ids = self.db.execute("SELECT event FROM ix_evpart WHERE entity=? AND part=1 INTERSECT "
                              "SELECT event FROM ix_evpart WHERE entity=? AND part=1", (x, y)).fetchall()
        return [e for (i,) in ids if (e := self._node(i)) is not None]

    def _closure(self, affected: set[str], article_of) -> Records:
        """The records the named graphs of ``affected`` need: every node these articles name
        (an entity with the evidence of these articles only: the rest lies in other graphs),
        the participants, places and organizers of their events (an event's label names them;
        a merged event lists participants other reports named), and every event of each pair
        of persons who met in them (a met-with fact pools them)."""
        rec = Records()
        for a in article_of(sorted(affected)):
            rec.articles[a.id] = a
        named_by: dict[str, list[str]] = {}  # node -> the affected articles naming it
        for a in sorted(affected):
            for (n,) in self.db.execute("SELECT node FROM ix_node_art WHERE article=?", (a,)):
                named_by.setdefault(n, []).append(a)
        nodes = {}
        for i in sorted(named_by):
            n = self._node(i)
            nodes[i] = self._entity(i, named_by[i], n) if isinstance(n, Entity) else n
        events = {i: n for i, n in nodes.items() if isinstance(n, Event)}
        for pair in sorted(self._person_pairs(events.values())):
            for e in self._events_of_pair(*pair):
                events.setdefault(e.id, e)
        need = set()
        for e in events.values():
            need.update(p.entity for p in e.participants)
            need.update(x for x in (e.place, e.organizer) if x)
        for n in list(nodes.values()):
            if isinstance(n, Quantity):
                need.update(n.concerns)
        for i in sorted(need - nodes.keys()):
            n = self._node(i)
            if n is not None:
                nodes[i] = n
        for i, n in sorted(nodes.items()):
            if isinstance(n, Entity):
                rec.entities[i] = n
            elif isinstance(n, Relation):
                rec.relations[(n.subject, n.predicate, n.object)] = n
            elif isinstance(n, Quantity):
                rec.quantities[i] = n
        for i in sorted(events):
            rec.events[i] = events[i]
        return rec
