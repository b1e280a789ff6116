"""Merging at scale (issue 9): the near-linear merge gives what the pairwise definitions give.

Records are built by hand (no NLP): random events with shared participants, dates (some
unreadable), places and organizers; random unlinked names with shared linked context.
"""
from __future__ import annotations

import random

from kg.model import Article, Entity, Event, Evidence, Extraction, Participant
from kg.merge import Records, merge_extractions
from kg.merge.entities import resolve_unlinked
from kg.merge.events import candidate_pairs, same_event

PEOPLE = ["person/a", "person/b", "person/c", "country/ru", "country/kz", "org/sco"]
PLACES = [None, None, "city/astana", "country/kz", "city/tashkent", "country/uz"]
DATES = [None, None, "2025-01-01", "2025-01-02", "2025-01-04", "2025-02-30", "someday"]


def _events(rnd: random.Random, n: int) -> list[Event]:
    out = []
    for i in range(n):
        start = rnd.choice(DATES)
        out.append(Event(
            id=f"event/{i:04d}", kind=rnd.choice(["Meeting", "Meeting", "Summit", "PhoneCall"]),
            participants=tuple(sorted({Participant(rnd.choice(PEOPLE)) for _ in range(rnd.randint(0, 3))})),
            place=rnd.choice(PLACES), start_date=start,
            end_date=rnd.choice([None, None, "2025-01-03", "2024-12-30", "bad"]) if start else None,
            organizer=rnd.choice([None, None, "org/sco"]), ordinal=rnd.choice([None, 1, 2]),
            evidence=(Evidence(f"art{i}", "s", 0, 1, "r"),)))
    return out


def test_candidate_pairs_hold_every_pair_that_can_merge():
    """The pairs the merge tests are a superset of the pairs the definition would merge, so
    meeting them in the same (i, j) order gives the pairwise loop's result."""
    rnd = random.Random(3)
    rec = Records()
    checked = 0
    for _ in range(60):
        events = _events(rnd, rnd.randint(2, 40))
        for kind in ("Meeting", "Summit", "PhoneCall"):
            group = sorted((e for e in events if e.kind == kind), key=lambda e: e.id)
            cands = set(candidate_pairs(kind, group))
            assert all(i < j for i, j in cands)
            for i, a in enumerate(group):
                for j in range(i + 1, len(group)):
                    if same_event(a, group[j], rec):
                        checked += 1
                        assert (i, j) in cands, (a, group[j])
    assert checked > 200  # the random events do merge often enough for the check to mean something


def _naive_unlinked(xs: list[Extraction]) -> tuple[dict, list]:
    """The pairwise definition: mentions of one name tie when their articles share a linked
    entity; a group takes its smallest id; the reason names the last tied pair's context."""
    from kg.merge.entities import _name_key

    linked = {x.article.id: {e.id for e in x.entities if e.kb_id} for x in xs}
    cands: dict = {}
    for x in xs:
        for e in x.entities:
            if e.kb_id or "~" not in e.id:
                continue
            key = _name_key(e)
            base = "Person" if e.type in ("Person", "Leader") else e.type
            if base == "Person" and len(key.split()) < 2:
                continue
            cands.setdefault((base, key), []).append((e.id, x.article.id))
    parent: dict = {}

    def find(a):
        parent.setdefault(a, a)
        while parent[a] != a:
            a = parent[a]
        return a

    reasons = {}
    for (base, key), items in sorted(cands.items()):
        for i, (a, art_a) in enumerate(items):
            for b, art_b in items[i + 1:]:
                shared = sorted(linked[art_a] & linked[art_b])
                if shared:
                    ra, rb = find(a), find(b)
                    if ra != rb:
                        lo, hi = sorted((ra, rb))
                        parent[hi] = lo
                    reasons[find(a)] = f"same {base.lower()} name «{key}» and shared context {shared[0]}"
    groups: dict = {}
    for x in parent:
        groups.setdefault(find(x), []).append(x)
    mapping, merges = {}, []
    for root, members in sorted(groups.items()):
        if len(members) > 1:
            mapping.update({m: root for m in members})
            merges.append((root, tuple(sorted(members)), reasons.get(root, "same name and context")))
    return mapping, merges


def test_unlinked_ties_as_the_pairwise_definition():
    rnd = random.Random(5)
    names = ["Иван Петров", "Анна Ли", "Завод Маяк", "Петров"]
    for _ in range(40):
        xs = []
        for k in range(rnd.randint(2, 30)):
            aid = f"{k % 5:02d}{k:04d}"  # article-scoped ids may collide on their 8-character prefix
            ents = [Entity(id=c, type="Country", label_en=c, kb_id=c) for c in ("country/ru", "country/kz", "org/un")
                    if rnd.random() < 0.3]
            for name in rnd.sample(names, rnd.randint(0, 3)):
                typ = rnd.choice(["Person", "Leader", "Organization"])
                ents.append(Entity(id=f"{typ.lower()}/{name.lower().replace(' ', '-')}~{aid[:3]}", type=typ,
                                   label_ru=name, evidence=(Evidence(aid, "s", 0, 1, "r"),)))
            xs.append(Extraction(article=Article(id=aid, text="t"), entities=tuple({e.id: e for e in ents}.values())))
        rec = Records()
        mapping = resolve_unlinked(xs, rec)
        want_map, want_merges = _naive_unlinked(xs)
        assert mapping == want_map
        assert [(m.into, m.merged, m.reason) for m in rec.merges] == want_merges


def test_entity_named_in_many_articles_merges_like_the_fold():
    """One entity in 400 articles: one node, every evidence item once, in order; the first
    best-ranked type and the first non-empty labels win."""
    xs = []
    for k in range(400):
        aid = f"a{k:05d}"
        e = Entity(id="country/kz", type="Place" if k % 3 else "Country", label_en="" if k < 5 else "Kazakhstan",
                   label_ru="Казахстан", aliases=(f"alias{k % 7}",), kb_id="country/kz",
                   evidence=(Evidence(aid, f"sentence {k}", 0, 9, "r"), Evidence(aid, f"sentence {k}", 0, 9, "r")))
        xs.append(Extraction(article=Article(id=aid, text="t"), entities=(e,)))
    node = merge_extractions(xs).entities["country/kz"]
    assert node.type == "Country" and node.label_en == "Kazakhstan" and node.label_ru == "Казахстан"
    assert len(node.evidence) == 400 and list(node.evidence) == sorted(node.evidence)
    assert node.aliases == tuple(f"alias{k}" for k in range(7))
