"""Adding articles to a store's merge (kg/incremental.py) gives what merging everything gives.

Records are built by hand (no NLP), with what makes merging order-dependent: unlinked names
whose ids collide and whose groups change roots, events that chain through shared
participants and near dates (some undated or unreadable), summits, relations that name
events, figures reported twice. Each case merges a random base, indexes it, adds the rest,
and compares the index's nodes and merges, and every named graph and exported subject
record the incremental build rewrites, with a merge of everything.
"""
from __future__ import annotations

import random
import sqlite3
from collections import defaultdict

import pytest

from kg.merge.incremental import MergeIndex
from kg.merge.readback import spliced_records
from kg.model import Article, Entity, Event, Evidence, Extraction, Participant, Quantity, Relation
from kg.merge import merge_extractions
from kg.rdf.triples import emit

COUNTRIES = ["country/ru", "country/kz", "country/cn", "country/uz"]
LEADERS = ["person/tokayev", "person/xi", "person/putin"]
NAMES = ["Иван Петров", "Анна Ли", "Завод Маяк", "Олег Сидоров"]
PLACES = [None, "city/astana", "country/kz", "city/tianjin"]
DATES = [None, "2025-08-30", "2025-08-31", "2025-09-02", "2025-09-05", "2025-02-30"]


def _ev(aid: str, k: int) -> Evidence:
    return Evidence(aid, f"sentence {k} of {aid}", k, k + 3, "test.rule", 0.9)


def _article(rnd: random.Random, n: int) -> Extraction:
    aid = f"{rnd.randrange(16 ** 6):06x}{n:04d}"
    ents, k = [], 0
    for c in rnd.sample(COUNTRIES, rnd.randint(0, 2)):
        ents.append(Entity(c, "Country", label_en=c[8:].upper(), kb_id=c, evidence=(_ev(aid, k),)))
        k += 1
    for p in rnd.sample(LEADERS, rnd.randint(0, 2)):
        ents.append(Entity(p, "Leader", label_en=p[7:].title(), kb_id=p, wikidata="Q" + str(len(p)),
                           aliases=tuple(rnd.sample(["A", "B", "C"], rnd.randint(0, 2))), evidence=(_ev(aid, k),)))
        k += 1
    for name in rnd.sample(NAMES, rnd.randint(0, 2)):
        typ = rnd.choice(["Person", "Leader", "Organization"])
        slug = name.lower().replace(" ", "-")
        ents.append(Entity(f"{typ.lower()}/{slug}~{aid[:1]}", typ, label_ru=name,
                           aliases=tuple(rnd.sample(["X", "Y"], rnd.randint(0, 1))), evidence=(_ev(aid, k),)))
        k += 1
    people = [e.id for e in ents]
    events = []
    for j in range(rnd.randint(0, 3)):
        kind = rnd.choice(["Meeting", "Meeting", "Summit", "PhoneCall", "Statement"])
        start = rnd.choice(DATES)
        # ids recur across articles (an extractor hashes what a report says): some do here
        eid = f"event/{aid}{j}" if rnd.random() < 0.8 else f"event/common{rnd.randrange(4)}"
        if any(e.id == eid for e in events):
            continue
        events.append(Event(
            eid, kind, participants=tuple(sorted({Participant(rnd.choice(people))
                                                               for _ in range(rnd.randint(0, 3))} if people else ())),
            place=rnd.choice(PLACES), start_date=start, end_date=rnd.choice([None, "2025-09-01"]) if start else None,
            organizer=rnd.choice([None, "org/sco"]) if kind == "Summit" else None,
            ordinal=rnd.choice([None, 25]) if kind == "Summit" else None,
            status=rnd.choice(["happened", "happened", "planned"]), evidence=(_ev(aid, 10 + j),)))
    rels = []
    for p in [e.id for e in ents if e.type in ("Leader", "Person")]:
        if ents and rnd.random() < 0.5:
            rels.append(Relation(p, "leaderOf", rnd.choice(COUNTRIES), start_date=rnd.choice([None, "2019-03-20"]),
                                 evidence=(_ev(aid, 20),)))
    summits = [e for e in events if e.kind == "Summit"]
    for e in events:
        if summits and e.kind != "Summit":
            rels.append(Relation(e.id, "partOf", summits[0].id, evidence=(_ev(aid, 21),)))
    qs = []
    if rnd.random() < 0.4:
        qs.append(Quantity(f"quantity/{rnd.randrange(16 ** 6):06x}", "trade_turnover", rnd.choice([1e9, 2e9]), "USD",
                           year=2024, concerns=tuple(sorted(rnd.sample(COUNTRIES[:2], 2))),
                           qualifier=rnd.choice(["", "record"]), evidence=(_ev(aid, 30),)))
    return Extraction(article=Article(aid, "", title=f"t{n}", date="2025-09-01", lang="ru", source=f"{aid}.txt"),
                      entities=tuple(ents), events=tuple(events), relations=tuple(rels), quantities=tuple(qs))


def _nodes(index: MergeIndex) -> dict:
    from kg.merge.units import loads as _loads

    out = {}
    for i, kind, body in index.db.execute("SELECT id, kind, body FROM ix_node"):
        out[i] = index._entity(i) if kind == "entity" else _loads(kind, body)
    return _same_order(out)


def _full_nodes(rec) -> dict:
    from kg.merge.units import unit_relation as _unit_relation

    out = {**rec.entities, **rec.events, **rec.quantities}
    out.update({_unit_relation(k): r for k, r in rec.relations.items()})
    return _same_order(out)


def _same_order(nodes: dict) -> dict:
    """Entities' evidence as a sorted set (a single report's entity keeps its extractor's order)."""
    from dataclasses import replace

    from kg.model import sorted_evidence

    return {i: replace(n, evidence=sorted_evidence(n.evidence)) if isinstance(n, Entity) else n for i, n in nodes.items()}


def _by_subject(union) -> dict:
    out = defaultdict(set)
    for t in union:
        out[t[0]].add(t)
    return out


@pytest.mark.parametrize("seed", range(int(__import__("os").environ.get("SEEDS", 12))))
def test_adding_articles_gives_the_full_merge(seed):
    rnd = random.Random(seed)
    xs = [_article(rnd, n) for n in range(rnd.randint(20, 60))]
    added, incremental = 0, 0
    for _ in range(6):
        rnd.shuffle(xs)
        cut = len(xs) - rnd.randint(1, 10)
        base, new = xs[:cut], xs[cut:]
        db = sqlite3.connect(":memory:")
        index = MergeIndex(db)
        base_rec = merge_extractions(base)
        index.rebuild(base, base_rec)
        arts = {x.article.id: x.article for x in xs}
        delta = index.add(new, lambda ids: [arts[i] for i in ids])
        added += 1
        if delta is None:  # a stored id would move: the caller merges everything
            continue
        incremental += 1
        full = merge_extractions(xs)
        assert _nodes(index) == _full_nodes(full)
        stored_merges = sorted(m for (m,) in db.execute("SELECT body FROM ix_merge"))
        from kg.merge.units import dumps as _dumps

        assert stored_merges == sorted(_dumps(m) for m in full.merges)
        assert delta.counts == {"entity": len(full.entities), "event": len(full.events),
                                "relation": len(full.relations), "quantity": len(full.quantities)}
        # the named graphs: the affected ones as the full merge has them, the rest unchanged
        want, before = emit(full), emit(base_rec)
        got = emit(delta.closure, known=set(arts))
        for a in arts:
            name = f"<https://w3id.org/dipkg/id/article/{a}>"
            if a in delta.affected:
                assert sorted(set(got.graphs.get(name, ()))) == sorted(set(want.graphs.get(name, ()))), a
            else:
                assert sorted(set(before.graphs.get(name, ()))) == sorted(set(want.graphs.get(name, ()))), a
        # the records of the sorted exports the build splices: old records, less what the
        # changed graphs no longer hold, plus what they hold now
        changed = {f"<https://w3id.org/dipkg/id/article/{a}>" for a in delta.affected}
        changed = {n for n in changed if set(got.graphs.get(n, ())) != set(before.graphs.get(n, ()))}
        old_g, new_g = defaultdict(set), defaultdict(set)
        for n in changed:
            for t in before.graphs.get(n, ()):
                old_g[t[0]].add(t)
            for t in got.graphs.get(n, ()):
                new_g[t[0]].add(t)
        elsewhere = {t for n, ts in want.graphs.items() if n not in changed for t in ts}
        old_s, want_s = _by_subject(before.union), _by_subject(want.union)
        subjects = set(old_g) | set(new_g)
        got_s = spliced_records({s: old_s.get(s, set()) for s in subjects}, old_g, new_g, lambda ts: ts & elsewhere)
        for s in subjects:
            assert got_s[s] == want_s.get(s, set()), s
    assert incremental >= added // 3  # most additions take the incremental path
