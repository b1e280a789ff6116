"""Entities across articles: the reports of one id folded into one node, and unlinked names
tied into one entity when they are the same full name of the same type in articles that share
a linked neighbour (both name the same country, say). An unlinked «Иванов» in two unrelated
articles stays two people; tied mentions take the smallest of their ids.
"""
from __future__ import annotations

from dataclasses import replace

from ..kb import normalize
from ..model import Entity, Extraction, sorted_evidence
from .records import Merge, Records, UnionFind

_TYPE_RANK = {"Leader": 0, "Person": 1, "Country": 0, "City": 0, "Organization": 0, "Place": 2}


def fold_entities(eid: str, es: list[Entity]) -> Entity:
    """The entities of one id, folded in article order: the best-ranked type (the first among
    equals), the first non-empty labels and Wikidata id, aliases pooled less the labels chosen,
    evidence pooled. One pass with sets: an entity named in thousands of articles is merged in
    linear time. Adding reports that agree with the merged labels, type and Wikidata id only
    adds aliases and evidence (kg.merge.incremental relies on it)."""
    a = es[0] if es[0].id == eid else replace(es[0], id=eid)
    if len(es) == 1:
        return a
    typ, en, ru, wd = a.type, a.label_en, a.label_ru, a.wikidata
    aliases = set(a.aliases)
    evidence = set(a.evidence)
    for b in es[1:]:
        if _TYPE_RANK.get(typ, 5) > _TYPE_RANK.get(b.type, 5):
            typ = b.type
        aliases.update(b.aliases)
        en, ru, wd = en or b.label_en, ru or b.label_ru, wd or b.wikidata
        evidence.update(b.evidence)
    return replace(a, type=typ, label_en=en, label_ru=ru, wikidata=wd, aliases=tuple(sorted(aliases - {en, ru, ""})),
                   evidence=sorted_evidence(evidence))


def entity_agrees(merged: Entity, e: Entity) -> bool:
    """Whether folding ``e`` into ``merged`` (anywhere in the order) changes only its aliases
    and evidence: same labels, Wikidata id and knowledge-base id (or none), a type no better."""
    return ((not e.label_en or e.label_en == merged.label_en) and (not e.label_ru or e.label_ru == merged.label_ru)
            and (not e.wikidata or e.wikidata == merged.wikidata) and e.kb_id == merged.kb_id
            and (e.type == merged.type or _TYPE_RANK.get(e.type, 5) > _TYPE_RANK.get(merged.type, 5)))


def _name_key(e: Entity, _cache: dict[str, str] = {}) -> str:
    name = e.label_ru or e.label_en
    key = _cache.get(name)
    if key is None:
        if len(_cache) > 200_000:
            _cache.clear()
        key = _cache[name] = normalize(name)
    return key


def name_candidate(e: Entity) -> tuple[str, str] | None:
    """(base type, normalised name) of an unlinked entity that may merge across articles, or None."""
    if e.kb_id or "~" not in e.id:
        return None
    key = _name_key(e)
    base = "Person" if e.type in ("Person", "Leader") else e.type
    if base == "Person" and len(key.split()) < 2:
        return None  # a bare surname is too weak to tie two articles
    return base, key


def resolve_name_group(base: str, key: str, items: list[tuple[str, str]],
                       linked_by_article: dict[str, set[str]]) -> list[Merge]:
    """The groups (two or more) into which the mentions ``items`` ((entity id, article id), in
    article order) of one unlinked name fall: two are tied when their articles share a linked
    entity. Each group takes its smallest member's id, so adding a mention to a group keeps its
    id (and the named graphs of its articles) unless the newcomer's id is the smallest."""
    uf = UnionFind()
    for a, _ in items:
        uf.find(a)
    # each mention joins the first mention sharing each of its linked entities (linear, where
    # testing every pair was quadratic in how often a name recurs)
    first_of: dict[str, int] = {}
    last_of: dict[str, int] = {}
    for i, (a, art) in enumerate(items):
        for c in linked_by_article[art]:
            first_of.setdefault(c, i)
            last_of[c] = i
    for i, (a, art) in enumerate(items):
        for c in linked_by_article[art]:
            if first_of[c] != i:
                uf.union(items[first_of[c]][0], a)
    # the reason names the context of the last tied pair (i, j) in pairwise order, i < j
    last_pair: dict[str, tuple[int, int]] = {}
    for i, (a, art) in enumerate(items):
        j = max((last_of[c] for c in linked_by_article[art]), default=-1)
        if j > i:
            last_pair[uf.find(a)] = (i, j)
    groups: dict[str, set[str]] = {}
    for a, _ in items:
        groups.setdefault(uf.find(a), set()).add(a)
    out = []
    for root, members in sorted(groups.items()):
        if len(members) < 2:
            continue
        if root in last_pair:
            i, j = last_pair[root]
            shared = sorted(linked_by_article[items[i][1]] & linked_by_article[items[j][1]])
            reason = f"same {base.lower()} name «{key}» and shared context {shared[0]}"
        else:
            reason = "same name and context"
        out.append(Merge(root, tuple(sorted(members)), reason))
    return out


def linked_ids(x: Extraction) -> set[str]:
    return {e.id for e in x.entities if e.kb_id}


def resolve_unlinked(xs: list[Extraction], rec: Records) -> dict[str, str]:
    """Article-scoped ids of the same unlinked entity -> one id, when context ties them."""
    linked_by_article = {x.article.id: linked_ids(x) for x in xs}
    candidates: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for x in xs:
        for e in x.entities:
            cand = name_candidate(e)
            if cand is not None:
                candidates.setdefault(cand, []).append((e.id, x.article.id))
    mapping: dict[str, str] = {}
    merges: list[Merge] = []
    for (base, key), items in sorted(candidates.items()):
        for m in resolve_name_group(base, key, items, linked_by_article):
            for member in m.merged:
                mapping[member] = m.into
            merges.append(m)
    rec.merges.extend(sorted(merges))
    return mapping
