"""Adding articles to a store without merging the whole corpus again.

:func:`kg.records.merge_extractions` is global: any article may merge with any other. But every
merged record depends on a small, known part of the corpus, its *unit*:

* an unlinked name (type, normalised name): which of its mentions become one entity
  (:func:`kg.records.resolve_name_group`);
* an entity id: the entities of that id (and of the ids merged into it), folded in article order;
* a component of the event candidate graph (events of one kind linked by the shared keys of
  :func:`kg.records._candidate_pairs`, with its date windows): running the coreference on a
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

import datetime as dt
import json
from dataclasses import dataclass, field, replace
from typing import Iterable

from .model import (Article, Entity, Event, Extraction, Quantity, Relation, decode_evidence, decode_record,
                    sorted_evidence)
from .records import (DATE_WINDOW_DAYS, METWITH_KINDS, Merge, Records, _corefer_events, _merge_entities,
                      _remap_event, entity_agrees, _span, fold_quantities, fold_relations, linked_ids, name_candidate,
                      quantity_key, resolve_name_group)

__all__ = ["MergeIndex", "Delta", "INDEX_VERSION", "full_records", "update_records", "spliced_records"]

#: the layout of the ix_* tables; a store indexed under another one is indexed again by its next full merge
INDEX_VERSION = "3"

_TABLES = """
CREATE TABLE IF NOT EXISTS ix_contrib (unit TEXT NOT NULL, article TEXT NOT NULL, seq INTEGER NOT NULL,
    body TEXT NOT NULL, PRIMARY KEY (unit, article, seq)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS ix_node (id TEXT PRIMARY KEY, kind TEXT NOT NULL, body TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS ix_node_art (article TEXT NOT NULL, node TEXT NOT NULL,
    PRIMARY KEY (article, node)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS ix_node_art_node ON ix_node_art (node);
CREATE TABLE IF NOT EXISTS ix_map (raw TEXT PRIMARY KEY, final TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS ix_map_final ON ix_map (final);
CREATE TABLE IF NOT EXISTS ix_merge (into_id TEXT NOT NULL, body TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS ix_merge_into ON ix_merge (into_id);
CREATE TABLE IF NOT EXISTS ix_evkey (key TEXT NOT NULL, event TEXT NOT NULL, article TEXT NOT NULL, d0 TEXT, d1 TEXT,
    PRIMARY KEY (key, event, article)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS ix_evkey_event ON ix_evkey (event);
CREATE TABLE IF NOT EXISTS ix_evpart (entity TEXT NOT NULL, event TEXT NOT NULL, part INTEGER NOT NULL,
    PRIMARY KEY (entity, event, part)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS ix_linked (article TEXT PRIMARY KEY, ids TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS ix_relend (raw TEXT NOT NULL, unit TEXT NOT NULL, PRIMARY KEY (raw, unit)) WITHOUT ROWID;
"""
_ALL = ("ix_contrib", "ix_node", "ix_node_art", "ix_map", "ix_merge", "ix_evkey", "ix_evpart", "ix_linked",
        "ix_relend")

_WINDOW = dt.timedelta(days=DATE_WINDOW_DAYS)


# ------------------------------------------------------------------ encoding


def _dumps(record) -> str:
    """JSON of a record (fields in declaration order; six times faster than kg.model.to_json)."""
    return json.dumps(record, default=_fields_of, ensure_ascii=False, separators=(",", ":"))


def _fields_of(obj):
    return obj.__dict__


_KINDS = {"entity": Entity, "event": Event, "relation": Relation, "quantity": Quantity}


def _loads(kind: str, text: str):
    return decode_record(_KINDS[kind], json.loads(text))


def _unit_entity(eid: str) -> str:
    return "E\t" + eid


def _unit_event(eid: str) -> str:
    return "V\t" + eid


def _unit_name(cand: tuple[str, str]) -> str:
    return "N\t" + cand[0] + "\t" + cand[1]


def _unit_relation(key: tuple[str, str, str]) -> str:
    return "R\t" + json.dumps(list(key), ensure_ascii=False)


def _unit_quantity(key: tuple) -> str:
    return "Q\t" + json.dumps([key[0], key[1], key[2], key[3], list(key[4])], ensure_ascii=False)


def _arts(evidence) -> set[str]:
    return {e.article_id for e in evidence}


def _event_keys(ev: Event) -> list[str]:
    """The keys through which :func:`kg.records._candidate_pairs` may pair a (remapped) event."""
    if ev.kind == "Statement":
        return []
    if ev.kind == "Summit":
        keys = []
        if ev.organizer:
            keys.append(f"S\torg\t{ev.organizer}")
        if ev.ordinal and ev.place:
            keys.append(f"S\tord\t{ev.ordinal}\t{ev.place}")
        return keys
    ps = sorted({p.entity for p in ev.participants})
    keys = [f"P\t{ev.kind}\t{p}\t{q}" for k, p in enumerate(ps) for q in ps[k + 1:]]
    if ev.start_date:
        keys += [f"O\t{ev.kind}\t{p}" for p in ps]
    return keys


def _contrib_order(row: tuple) -> tuple:
    return row[0], row[1], row[2]


def _contrib_rows(items):
    for unit, aid, seq, rec in items:
        yield unit, aid, seq, rec if isinstance(rec, str) else _dumps(rec)


def _evkey_order(row: tuple) -> tuple:
    return row[0], row[1], row[2]


def _iso(span) -> tuple[str | None, str | None]:
    return (None, None) if span is None else (span[0].isoformat(), span[1].isoformat())


def _close(key: str, a: tuple, b: tuple) -> bool:
    """Whether two events sharing ``key`` are a candidate pair (spans as (d0, d1) ISO strings)."""
    if key.startswith("S\t") or a[0] is None or b[0] is None:
        return True
    a0, a1 = dt.date.fromisoformat(a[0]), dt.date.fromisoformat(a[1])
    b0, b1 = dt.date.fromisoformat(b[0]), dt.date.fromisoformat(b[1])
    if a0 > b0:
        a0, a1, b0, b1 = b0, b1, a0, a1
    return b0 - _WINDOW <= a1


# ------------------------------------------------------------------ the index


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
        db.executescript(_TABLES)

    @staticmethod
    def drop(db) -> None:
        """Remove the index tables (their layout changed)."""
        for t in _ALL:
            db.execute(f"DROP TABLE IF EXISTS {t}")

    # ---- full rebuild
    def rebuild(self, xs: list[Extraction], rec: Records) -> None:
        """Index the merge of ``xs`` (all stored records) whose result is ``rec``. Call inside a transaction."""
        db = self.db
        for t in _ALL:
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
        db.executemany("INSERT INTO ix_merge VALUES (?, ?)", [(m.into, _dumps(m)) for m in rec.merges])
        contrib, evkeys, relend, linked = [], [], [], []
        for x in xs:
            self._contributions(x, emap, contrib, evkeys, relend, linked,
                                event_final=lambda r: vmap.get(r, r))
        # in key order (B-tree appends), each record made JSON only as it is written: the
        # bodies of 10,000 articles would hold 250 MB at once
        contrib.sort(key=_contrib_order)
        db.executemany("INSERT OR REPLACE INTO ix_contrib VALUES (?, ?, ?, ?)", _contrib_rows(contrib))
        db.executemany("INSERT OR REPLACE INTO ix_evkey VALUES (?, ?, ?, ?, ?)", sorted(evkeys, key=_evkey_order))
        db.executemany("INSERT OR IGNORE INTO ix_relend VALUES (?, ?)", sorted(relend))
        db.executemany("INSERT INTO ix_linked VALUES (?, ?)", sorted(linked))
        self._put_nodes(rec.entities.values(), rec.events.values(), rec.relations.items(), rec.quantities.values())

    @staticmethod
    def _contributions(x: Extraction, emap: dict, contrib: list, evkeys: list, relend: list, linked: list,
                       event_final) -> None:
        """The index rows of one article's records; ``contrib`` gets (unit, article, seq, record
        or JSON text): :func:`_contrib_rows` makes the rows."""
        aid = x.article.id
        linked.append((aid, json.dumps(sorted(linked_ids(x)))))
        for seq, e in enumerate(x.entities):
            contrib.append((_unit_entity(e.id), aid, seq, e))
            cand = name_candidate(e)
            if cand is not None:
                contrib.append((_unit_name(cand), aid, seq, json.dumps(e.id)))
        for seq, ev in enumerate(x.events):
            contrib.append((_unit_event(ev.id), aid, seq, ev))
            mapped = _remap_event(ev, emap)
            d0, d1 = _iso(_span(mapped))
            evkeys.extend((k, ev.id, aid, d0, d1) for k in _event_keys(mapped))
        for seq, r in enumerate(x.relations):
            s = event_final(r.subject) if r.subject.startswith("event/") else emap.get(r.subject, r.subject)
            o = event_final(r.object) if r.object.startswith("event/") else emap.get(r.object, r.object)
            unit = _unit_relation((s, r.predicate, o))
            contrib.append((unit, aid, seq, r))
            relend.extend([(r.subject, unit), (r.object, unit)])
        for seq, q in enumerate(x.quantities):
            unit = _unit_quantity(quantity_key(q, emap))
            contrib.append((unit, aid, seq, q))
            relend.extend((c, unit) for c in q.concerns)

    @staticmethod
    def _entity_rows(e: Entity, evidence: Iterable | None, nodes: list, arts: list) -> None:
        """Rows of an entity: its head (its record without evidence: the evidence is that of
        its contributions) and its articles: all of ``e.evidence``'s, or (an entity gaining
        reports) those of ``evidence``."""
        nodes.append((e.id, "entity", _dumps(replace(e, evidence=()))))
        arts.extend((a, e.id) for a in sorted(_arts(e.evidence if evidence is None else evidence)))

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
            unit = _unit_entity(raw)
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
            rows.append((ev.id, "event", _dumps(ev)))
            arts.extend((a, ev.id) for a in _arts(ev.evidence))
            parts.extend((p.entity, ev.id, 1) for p in ev.participants)
            parts.extend((x, ev.id, 0) for x in (ev.place, ev.organizer) if x)
        for key, r in relations:
            nid = _unit_relation(key)
            rows.append((nid, "relation", _dumps(r)))
            arts.extend((a, nid) for a in _arts(r.evidence))
        for q in quantities:
            rows.append((q.id, "quantity", _dumps(q)))
            arts.extend((a, q.id) for a in _arts(q.evidence))
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
        return None if row is None else _loads(row[0], row[1])

    def counts(self) -> dict[str, int]:
        out = {"entity": 0, "event": 0, "relation": 0, "quantity": 0}
        out.update(dict(self.db.execute("SELECT kind, COUNT(*) FROM ix_node GROUP BY kind")))
        return out

    # ---- adding
    def add(self, new: list[Extraction], article_of) -> Delta | None:
        """Merge the records of new articles (none of them stored before) into the index.
        ``article_of(ids)``: the stored :class:`Article` records of some ids. Returns None, having
        changed nothing, when a figure names an entity whose id moves; call inside a transaction."""
        step = _Addition(self, new)
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
        events = [e for e in events if e.kind in METWITH_KINDS]
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
            if e.kind in METWITH_KINDS and e.status == "happened" and set(pair) <= met:
                arts |= _arts(e.evidence)
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


class _EntityMap(dict):
    """Entity id -> the id it merges into: an addition's decisions, then the stored map (what
    :func:`kg.records._remap_event` reads)."""

    def __init__(self, decided: dict[str, str], index: MergeIndex):
        super().__init__(decided)
        self.index = index

    def __bool__(self) -> bool:
        return True

    def get(self, key, default=None):
        v = dict.get(self, key)
        if v is not None:
            return v
        final = self.index._final(key)
        return final if final != key else default


class _Addition:
    """The steps of :meth:`MergeIndex.add`, in order; each reads what the earlier ones found."""

    def __init__(self, index: MergeIndex, new: list[Extraction]):
        self.ix, self.db = index, index.db
        self.new = sorted(new, key=lambda x: (x.article.id, x.article.source))
        self.new_ids = {x.article.id for x in self.new}
        self.linked = {x.article.id: linked_ids(x) for x in self.new}

    def entity_final(self, raw: str) -> str:
        return self.emap_new.get(raw) or self.ix._final(raw)

    # 1. unlinked names: the groups the newcomers join
    def names(self) -> bool:
        """Resolve the name groups the newcomers join; False when a figure names an id that moves."""
        db, linked = self.db, self.linked
        cands: dict[tuple[str, str], list[tuple[str, int, str]]] = {}
        for x in self.new:
            for seq, e in enumerate(x.entities):
                cand = name_candidate(e)
                if cand is not None:
                    cands.setdefault(cand, []).append((x.article.id, seq, e.id))
        self.emap_new: dict[str, str] = {}  # raw -> final for every raw of the touched groups
        self.merges_new: list[Merge] = []
        self.old_entity_roots: set[str] = set()
        self.moved: dict[str, str] = {}  # stored raw id -> its final id before (now another)
        for cand, mine in sorted(cands.items()):
            stored = [(a, s, json.loads(b)) for a, s, b in self.ix._contrib(_unit_name(cand))]
            for a in {a for a, _, _ in stored} - linked.keys():
                linked[a] = set(json.loads(db.execute("SELECT ids FROM ix_linked WHERE article=?", (a,)).fetchone()[0]))
            items = [(raw, a) for a, _, raw in sorted(stored + mine)]
            groups = resolve_name_group(cand[0], cand[1], items, linked)
            final = {raw: raw for raw, _ in items}
            for m in groups:
                final.update({raw: m.into for raw in m.merged})
            for _, _, raw in stored:
                old = self.ix._final(raw)
                if old != final[raw]:
                    self.moved[raw] = old  # a newcomer took the group's smallest id, or tied two groups
                if old != raw:
                    self.old_entity_roots.add(old)
            self.emap_new.update(final)
            self.merges_new.extend(groups)
        # figures concern countries (always linked): not worth re-keying here
        return not any(u.startswith("Q\t") for raw in self.moved
                       for (u,) in db.execute("SELECT unit FROM ix_relend WHERE raw=?", (raw,)))

    # 2. entities: every final id the newcomers name
    def entities(self) -> None:
        """Merged heads of the touched entities: one the new reports agree with gains aliases
        and evidence; any other is folded again from all its contributions."""
        db = self.db
        touched: dict[str, list] = {}
        for x in self.new:
            for seq, e in enumerate(x.entities):
                touched.setdefault(self.entity_final(e.id), []).append((x.article.id, seq, e))
        self.new_entities: dict[str, Entity] = {}  # merged heads (and, when re-merged whole, evidence)
        self.entity_added: dict[str, list] = {}  # final id -> the evidence its new reports add
        self.old_heads: dict[str, Entity | None] = {}
        gained = {self.emap_new[r] for r in self.moved}  # ids that take over stored ids: merged whole
        for fid, mine in touched.items():
            mine.sort(key=lambda c: (c[0], c[1]))
            old = self.old_heads[fid] = self.ix._node(fid)
            if old is not None and fid not in gained and all(entity_agrees(old, e) for _, _, e in mine):
                aliases = set(old.aliases).union(*(e.aliases for _, _, e in mine)) - {old.label_en, old.label_ru, ""}
                self.new_entities[fid] = replace(old, aliases=tuple(sorted(aliases)))
                self.entity_added[fid] = [ev for _, _, e in mine for ev in e.evidence]
                continue
            raws = {fid} | {r for (r,) in db.execute("SELECT raw FROM ix_map WHERE final=?", (fid,))}
            raws = {r for r in raws if self.emap_new.get(r, fid) == fid} | {r for r, f in self.emap_new.items() if f == fid}
            raws |= {e.id for _, _, e in mine}
            contribs = [(a, s, _loads("entity", b)) for r in sorted(raws) for a, s, b in self.ix._contrib(_unit_entity(r))]
            es = [e for _, _, e in sorted(contribs + mine, key=lambda c: (c[0], c[1]))]
            self.new_entities[fid] = _merge_entities(fid, es)
        self.emap_all = {raw: fid for raw, fid in self.emap_new.items() if raw != fid}
        for x in self.new:
            for e in x.entities:
                f = self.entity_final(e.id)
                if f != e.id:
                    self.emap_all[e.id] = f
        self.remap = _EntityMap(self.emap_all, self.ix)

    # 3. events: the candidate components of the newcomers' events
    def events(self) -> None:
        """Collect the whole candidate components the newcomers' events (and the events naming a
        moved entity) fall in, and run the coreference of kg.records on them.

        Raw event ids recur across articles (an id hashes what the report says): the union-find
        of kg.records makes every instance of an id one node, so a component holds all of them,
        each explored through its own keys and dates."""
        db, remap = self.db, self.remap
        new_inst: dict[str, list[tuple[str, int, Event]]] = {}
        new_members: dict[str, list[tuple[str, str | None, str | None]]] = {}
        for x in self.new:
            for seq, ev in enumerate(x.events):
                mapped = _remap_event(ev, remap)
                new_inst.setdefault(ev.id, []).append((x.article.id, seq, mapped))
                d0, d1 = _iso(_span(mapped))
                for k in _event_keys(mapped):
                    new_members.setdefault(k, []).append((ev.id, d0, d1))
        self.inst: dict[str, list[tuple[str, int, Event]]] = {}
        stored_ids: set[str] = set()
        queue: list[tuple[tuple, str]] = []
        key_members: dict[str, list] = {}

        def take(raw: str) -> None:
            lst = self.inst[raw] = []
            for a, s_, body in db.execute("SELECT article, seq, body FROM ix_contrib WHERE unit=?", (_unit_event(raw),)):
                lst.append((a, s_, _remap_event(_loads("event", body), remap)))
            if lst:
                stored_ids.add(raw)
            lst.extend(new_inst.get(raw, ()))
            for _, _, ev in lst:
                sp = _iso(_span(ev))
                queue.extend((sp, k) for k in _event_keys(ev))
            # the keys stored before (other entity ids, when one moved)
            queue.extend(((d0, d1), k) for k, d0, d1 in db.execute("SELECT key, d0, d1 FROM ix_evkey WHERE event=?", (raw,)))

        # events naming an entity whose id moved are re-keyed, and explored through old and new keys
        self.seeds: set[str] = set()
        for old in sorted(set(self.moved.values()) - set(self.emap_new.values())):
            for (root,) in db.execute("SELECT DISTINCT event FROM ix_evpart WHERE entity=?", (old,)).fetchall():
                self.seeds.add(root)
                self.seeds.update(r for (r,) in db.execute("SELECT raw FROM ix_map WHERE final=?", (root,)))
        for raw in sorted(set(new_inst) | self.seeds):
            take(raw)
        while queue:
            sp, k = queue.pop()
            if k not in key_members:
                key_members[k] = db.execute("SELECT event, d0, d1 FROM ix_evkey WHERE key=?", (k,)).fetchall()
                key_members[k] += new_members.get(k, [])
            for other, d0, d1 in key_members[k]:
                if other not in self.inst and _close(k, sp, (d0, d1)):
                    take(other)
        self.old_event_roots = {self.ix._final(r) for r in stored_ids}
        self.scratch = Records()
        reports = sorted((i for lst in self.inst.values() for i in lst), key=lambda c: (c[0], c[1]))
        self.event_map = _corefer_events([ev for _, _, ev in reports], self.scratch)
        self.moved_events = {r for r in stored_ids if self.ix._final(r) != self.event_map[r]}

    # 4. relations: the newcomers' keys, and the keys of relations naming a moved id
    def rel_key(self, r: Relation) -> tuple[str, str, str]:
        def final(x: str) -> str:
            return self.event_map.get(x) or (self.ix._final(x) if x.startswith("event/") else self.entity_final(x))

        return final(r.subject), r.predicate, final(r.object)

    def relations(self) -> None:
        self.rel_units: set[str] = set()
        self.rekeyed: list[tuple[str, str, int, str, str]] = []  # (old unit, article, seq, body, new unit)
        for raw in sorted(self.moved_events | set(self.moved)):
            for (unit,) in self.db.execute("SELECT unit FROM ix_relend WHERE raw=?", (raw,)).fetchall():
                for a, s, body in self.ix._contrib(unit):
                    nu = _unit_relation(self.rel_key(_loads("relation", body)))
                    if nu != unit:
                        self.rekeyed.append((unit, a, s, body, nu))
                        self.rel_units.update((unit, nu))
        self.new_rel = [r for x in self.new for r in x.relations]
        self.rel_units.update(_unit_relation(self.rel_key(r)) for r in self.new_rel)

    # 5. figures
    def quantities(self) -> None:
        self.q_units = {_unit_quantity(quantity_key(q, self.remap)) for x in self.new for q in x.quantities}

    def pairs_before(self) -> None:
        """Met-with facts pool every event of a pair of persons; their confidence lies in the
        graph of the pair's first article: that article before (here) and after, for the pairs
        of the events that change."""
        old_events = [e for r in self.old_event_roots if (e := self.ix._node(r)) is not None]
        events = old_events + list(self.scratch.events.values())
        types = {**self.ix._entity_types({p.entity for e in events for p in e.participants}),
                 **{i: e.type for i, e in self.new_entities.items()}}
        self.pairs = self.ix._person_pairs(events, types, any_type=True)
        self.first_before = {pair: self.ix._first_article(pair) for pair in self.pairs}

    # ---- write: contributions and keys of the newcomers, then the recomputed units
    def write(self) -> None:
        ix, db = self.ix, self.db
        contrib, evkeys, relend, linked_rows = [], [], [], []
        for x in self.new:
            ix._contributions(x, self.remap, contrib, evkeys, relend, linked_rows,
                              event_final=lambda r: self.event_map.get(r) or ix._final(r))
        for raw in sorted(self.seeds):  # re-keyed under the moved ids
            db.execute("DELETE FROM ix_evkey WHERE event=?", (raw,))
            for a, _, ev in self.inst[raw]:
                d0, d1 = _iso(_span(ev))
                evkeys.extend((k, raw, a, d0, d1) for k in _event_keys(ev))
        db.executemany("INSERT OR REPLACE INTO ix_contrib VALUES (?, ?, ?, ?)", _contrib_rows(contrib))
        db.executemany("INSERT OR REPLACE INTO ix_evkey VALUES (?, ?, ?, ?, ?)", evkeys)
        db.executemany("INSERT OR IGNORE INTO ix_relend VALUES (?, ?)", relend)
        db.executemany("INSERT OR REPLACE INTO ix_linked VALUES (?, ?)", linked_rows)
        for old_unit, a, s, body, nu in self.rekeyed:
            db.execute("DELETE FROM ix_contrib WHERE unit=? AND article=? AND seq=?", (old_unit, a, s))
            db.execute("INSERT OR REPLACE INTO ix_contrib VALUES (?, ?, ?, ?)", (nu, a, s, body))
            r = _loads("relation", body)
            db.executemany("INSERT OR IGNORE INTO ix_relend VALUES (?, ?)", [(r.subject, nu), (r.object, nu)])
        # id maps
        db.executemany("INSERT OR REPLACE INTO ix_map VALUES (?, ?)", sorted(self.emap_all.items()))
        for raw, root in self.event_map.items():
            if raw == root:
                db.execute("DELETE FROM ix_map WHERE raw=?", (raw,))
            else:
                db.execute("INSERT OR REPLACE INTO ix_map VALUES (?, ?)", (raw, root))
        # the nodes before
        self.old_nodes: dict[str, object] = {}
        self.old_arts: dict[str, set[str]] = {}
        for fid in set(self.new_entities) | set(self.moved.values()):
            self.old_nodes[fid] = self.old_heads[fid] if fid in self.old_heads else ix._node(fid)
            self.old_arts[fid] = ix._node_arts(fid)
        for root in self.old_event_roots:
            self.old_nodes[root] = ix._node(root)
        drop_merges = self.old_entity_roots | set(self.new_entities) | self.old_event_roots | set(self.scratch.events)
        # relations: reports that agree on the dates only add evidence; the rest are folded again
        rekeyed_units = {u for u, _, _, _, _ in self.rekeyed} | {nu for _, _, _, _, nu in self.rekeyed}
        new_rel_by_unit: dict[str, list[Relation]] = {}
        for r in self.new_rel:
            new_rel_by_unit.setdefault(_unit_relation(self.rel_key(r)), []).append(r)
        self.rel_nodes: dict[str, Relation | None] = {}
        for unit in sorted(self.rel_units):
            old = self.old_nodes[unit] = ix._node(unit)
            key = tuple(json.loads(unit[2:]))
            mine = new_rel_by_unit.get(unit, [])
            if old is not None and unit not in rekeyed_units and all(
                    (not r.start_date or r.start_date == old.start_date) and (not r.end_date or r.end_date == old.end_date)
                    for r in mine):
                evidence = set(old.evidence).union(*(r.evidence for r in mine))
                self.rel_nodes[unit] = replace(old, evidence=sorted_evidence(evidence))
                continue
            rs = [_loads("relation", b) for _, _, b in ix._contrib(unit)]
            self.rel_nodes[unit] = fold_relations(key, rs) if rs and key[0] != key[2] else None
        # figures: folded again whole (few reports each)
        self.q_nodes: dict[str, tuple] = {}
        for unit in sorted(self.q_units):
            qs = sorted(((_loads("quantity", b), a, s) for a, s, b in ix._contrib(unit)), key=lambda t: (t[0].id, t[1], t[2]))
            old_rep = min((q.id for q, a, _ in qs if a not in self.new_ids), default=None)
            if old_rep is not None:
                self.old_nodes[old_rep] = ix._node(old_rep)
                drop_merges.add(old_rep)
            key = json.loads(unit[2:])
            self.q_nodes[unit] = fold_quantities((key[0], key[1], key[2], key[3], tuple(key[4])), [q for q, _, _ in qs])
        # merges: those of the touched name groups, event components and figures are replaced
        db.executemany("DELETE FROM ix_merge WHERE into_id=?", [(i,) for i in sorted(drop_merges)])
        merges = self.merges_new + list(self.scratch.merges) + [m for _, ms in self.q_nodes.values() for m in ms]
        db.executemany("INSERT INTO ix_merge VALUES (?, ?)", [(m.into, _dumps(m)) for m in merges])
        # nodes: an entity that only gains reports keeps its stored rows; the rest are replaced
        ix._drop_nodes(i for i in self.old_nodes if i not in self.entity_added)
        for fid, e in self.new_entities.items():
            ix._put_entity(e, self.entity_added.get(fid))
        rels = [(tuple(json.loads(u[2:])), r) for u, r in self.rel_nodes.items() if r is not None]
        ix._put_nodes((), self.scratch.events.values(), rels, [q for q, _ in self.q_nodes.values()])

    def changed(self) -> set[str]:
        """The ids of the nodes this addition added, replaced or removed (relations: their units)."""
        return (set(self.old_nodes) | set(self.new_entities) | set(self.scratch.events) | set(self.rel_nodes)
                | {q.id for q, _ in self.q_nodes.values()})

    # ---- the affected named graphs
    def affected(self) -> set[str]:
        """The articles whose named graphs may have changed (a superset: digests tell)."""
        ix = self.ix
        affected = set(self.new_ids)
        quantities = {q.id: q for q, _ in self.q_nodes.values()}
        for nid, old in self.old_nodes.items():
            now = (self.new_entities.get(nid) or self.scratch.events.get(nid) or self.rel_nodes.get(nid)
                   or quantities.get(nid))
            if nid in self.old_arts:  # an entity: its head (record less evidence) is in every graph naming it
                if old is None or now is None or replace(old, evidence=()) != replace(now, evidence=()):
                    affected |= self.old_arts[nid] | ix._node_arts(nid)
                    # an event's label names its participants and place: every report of it
                    for (ev_id,) in self.db.execute("SELECT DISTINCT event FROM ix_evpart WHERE entity=?", (nid,)):
                        ev = ix._node(ev_id)
                        if ev is not None:
                            affected |= _arts(ev.evidence)
            elif isinstance(old, Relation) or isinstance(now, Relation):
                if old is None or now is None or old.subject != now.subject or old.object != now.object:
                    affected |= _arts(old.evidence if old else ()) | _arts(now.evidence if now else ())
                elif old != now:  # the fact's pooled confidence lies in its first article's graph
                    affected |= {min(_arts(old.evidence))} | {min(_arts(now.evidence))}
            elif old != now:  # events and figures: every report's graph names them whole
                affected |= _arts(old.evidence if old else ()) | _arts(now.evidence if now else ())
        for ev in self.scratch.events.values():
            if self.old_nodes.get(ev.id) != ev:
                affected |= _arts(ev.evidence)
        for pair in self.pairs:
            affected.update(a for a in (self.first_before[pair], ix._first_article(pair)) if a)
        return affected


def _article_loader(db):
    """``article_of(ids)`` over the store's articles table."""
    from .model import from_json

    def article_of(ids):
        for i in ids:
            row = db.execute("SELECT article FROM articles WHERE id=?", (i,)).fetchone()
            if row:
                yield from_json(Article, row[0])

    return article_of


def full_records(db, version: str) -> Records:
    """Every merged record of the index, as :func:`kg.records.merge_extractions` gives them
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
        n = _loads(kind, body)
        if kind == "entity":
            rec.entities[nid] = replace(n, evidence=sorted_evidence(evidence.get(nid, ())))
        elif kind == "event":
            rec.events[nid] = n
        elif kind == "quantity":
            rec.quantities[nid] = n
    for nid, kind, body in rows:
        if kind == "relation":
            r = _loads(kind, body)
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
