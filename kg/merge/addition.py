"""Adding articles to the merge index, step by step (:class:`Addition`): names, entities,
events, relations, quantities, then the writes and the articles affected.
"""
from __future__ import annotations

import json
from dataclasses import replace
from typing import TYPE_CHECKING

from ..model import Entity, Event, Extraction, Relation, sorted_evidence
from .corpus import fold_quantities, fold_relations, quantity_key
from .entities import (
    entity_agrees,
    fold_entities,
    linked_ids,
    name_candidate,
    resolve_name_group,
)
from .events import corefer_events, event_span, remap_event
from .records import Merge, Records

if TYPE_CHECKING:  # the index runs these steps
    from .incremental import MergeIndex
from .units import (
    articles_of,
    contrib_rows,
    dumps,
    event_keys,
    iso_span,
    keys_close,
    loads,
    unit_entity,
    unit_event,
    unit_name,
    unit_quantity,
    unit_relation,
)


class _EntityMap(dict):
    """Entity id -> the id it merges into: an addition's decisions, then the stored map (what
    :func:`kg.merge.events.remap_event` reads)."""

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


class Addition:
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
            stored = [(a, s, json.loads(b)) for a, s, b in self.ix._contrib(unit_name(cand))]
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
            contribs = [(a, s, loads("entity", b)) for r in sorted(raws) for a, s, b in self.ix._contrib(unit_entity(r))]
            es = [e for _, _, e in sorted(contribs + mine, key=lambda c: (c[0], c[1]))]
            self.new_entities[fid] = fold_entities(fid, es)
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
        moved entity) fall in, and run the coreference of kg.merge.events on them.

        Raw event ids recur across articles (an id hashes what the report says): the union-find
        of kg.merge.events makes every instance of an id one node, so a component holds all of them,
        each explored through its own keys and dates."""
        db, remap = self.db, self.remap
        new_inst: dict[str, list[tuple[str, int, Event]]] = {}
        new_members: dict[str, list[tuple[str, str | None, str | None]]] = {}
        for x in self.new:
            for seq, ev in enumerate(x.events):
                mapped = remap_event(ev, remap)
                new_inst.setdefault(ev.id, []).append((x.article.id, seq, mapped))
                d0, d1 = iso_span(event_span(mapped))
                for k in event_keys(mapped):
                    new_members.setdefault(k, []).append((ev.id, d0, d1))
        self.inst: dict[str, list[tuple[str, int, Event]]] = {}
        stored_ids: set[str] = set()
        queue: list[tuple[tuple, str]] = []
        key_members: dict[str, list] = {}

        def take(raw: str) -> None:
            lst = self.inst[raw] = []
            for a, s_, body in db.execute("SELECT article, seq, body FROM ix_contrib WHERE unit=?", (unit_event(raw),)):
                lst.append((a, s_, remap_event(loads("event", body), remap)))
            if lst:
                stored_ids.add(raw)
            lst.extend(new_inst.get(raw, ()))
            for _, _, ev in lst:
                sp = iso_span(event_span(ev))
                queue.extend((sp, k) for k in event_keys(ev))
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
                if other not in self.inst and keys_close(k, sp, (d0, d1)):
                    take(other)
        self.old_event_roots = {self.ix._final(r) for r in stored_ids}
        self.scratch = Records()
        reports = sorted((i for lst in self.inst.values() for i in lst), key=lambda c: (c[0], c[1]))
        self.event_map = corefer_events([ev for _, _, ev in reports], self.scratch)
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
                    nu = unit_relation(self.rel_key(loads("relation", body)))
                    if nu != unit:
                        self.rekeyed.append((unit, a, s, body, nu))
                        self.rel_units.update((unit, nu))
        self.new_rel = [r for x in self.new for r in x.relations]
        self.rel_units.update(unit_relation(self.rel_key(r)) for r in self.new_rel)

    # 5. figures
    def quantities(self) -> None:
        self.q_units = {unit_quantity(quantity_key(q, self.remap)) for x in self.new for q in x.quantities}

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
                d0, d1 = iso_span(event_span(ev))
                evkeys.extend((k, raw, a, d0, d1) for k in event_keys(ev))
        db.executemany("INSERT OR REPLACE INTO ix_contrib VALUES (?, ?, ?, ?)", contrib_rows(contrib))
        db.executemany("INSERT OR REPLACE INTO ix_evkey VALUES (?, ?, ?, ?, ?)", evkeys)
        db.executemany("INSERT OR IGNORE INTO ix_relend VALUES (?, ?)", relend)
        db.executemany("INSERT OR REPLACE INTO ix_linked VALUES (?, ?)", linked_rows)
        for old_unit, a, s, body, nu in self.rekeyed:
            db.execute("DELETE FROM ix_contrib WHERE unit=? AND article=? AND seq=?", (old_unit, a, s))
            db.execute("INSERT OR REPLACE INTO ix_contrib VALUES (?, ?, ?, ?)", (nu, a, s, body))
            r = loads("relation", body)
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
            new_rel_by_unit.setdefault(unit_relation(self.rel_key(r)), []).append(r)
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
            rs = [loads("relation", b) for _, _, b in ix._contrib(unit)]
            self.rel_nodes[unit] = fold_relations(key, rs) if rs and key[0] != key[2] else None
        # figures: folded again whole (few reports each)
        self.q_nodes: dict[str, tuple] = {}
        for unit in sorted(self.q_units):
            qs = sorted(((loads("quantity", b), a, s) for a, s, b in ix._contrib(unit)), key=lambda t: (t[0].id, t[1], t[2]))
            old_rep = min((q.id for q, a, _ in qs if a not in self.new_ids), default=None)
            if old_rep is not None:
                self.old_nodes[old_rep] = ix._node(old_rep)
                drop_merges.add(old_rep)
            key = json.loads(unit[2:])
            self.q_nodes[unit] = fold_quantities((key[0], key[1], key[2], key[3], tuple(key[4])), [q for q, _, _ in qs])
        # merges: those of the touched name groups, event components and figures are replaced
        db.executemany("DELETE FROM ix_merge WHERE into_id=?", [(i,) for i in sorted(drop_merges)])
        merges = self.merges_new + list(self.scratch.merges) + [m for _, ms in self.q_nodes.values() for m in ms]
        db.executemany("INSERT INTO ix_merge VALUES (?, ?)", [(m.into, dumps(m)) for m in merges])
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
                            affected |= articles_of(ev.evidence)
            elif isinstance(old, Relation) or isinstance(now, Relation):
                if old is None or now is None or old.subject != now.subject or old.object != now.object:
                    affected |= articles_of(old.evidence if old else ()) | articles_of(now.evidence if now else ())
                elif old != now:  # the fact's pooled confidence lies in its first article's graph
                    affected |= {min(articles_of(old.evidence))} | {min(articles_of(now.evidence))}
            elif old != now:  # events and figures: every report's graph names them whole
                affected |= articles_of(old.evidence if old else ()) | articles_of(now.evidence if now else ())
        for ev in self.scratch.events.values():
            if self.old_nodes.get(ev.id) != ev:
                affected |= articles_of(ev.evidence)
        for pair in self.pairs:
            affected.update(a for a in (self.first_before[pair], ix._first_article(pair)) if a)
        return affected
