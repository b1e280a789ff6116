"""Scoring helpers shared by the corpus evaluations."""
from __future__ import annotations

from . import Report
from .common import Prediction, names_match

__all__ = ["match_pairs", "ner_scores", "match_items"]


def match_pairs(rep: Report, measure: str, doc: str, gold: list[tuple[str, str]], ours: list[tuple[str, str]],
                pred: Prediction, ordered: bool = False, gold_ids: dict[str, str] | None = None) -> None:
    """Document-level matching of entity pairs; each gold pair matches at most one of ours.

    A gold name matches one of our entities when they share a content word in any
    inflection (surnames, mostly), or the same Wikidata id when both have one."""
    s = rep.score(measure)
    used: set[int] = set()
    wd = {e.id: e.wikidata for e in pred.extraction.entities if e.wikidata}
    gold_ids = gold_ids or {}

    def same(g: str, eid: str) -> bool:
        if g in gold_ids and eid in wd:
            return gold_ids[g] == wd[eid]
        return names_match(g, pred.entity_names(eid))

    for ga, gb in gold:
        hit = None
        for k, (oa, ob) in enumerate(ours):
            if k in used:
                continue
            if (same(ga, oa) and same(gb, ob)) or (not ordered and same(ga, ob) and same(gb, oa)):
                hit = k
                break
        if hit is None:
            s.fn += 1
            rep.errors.append(f"{doc}: {measure}: missed ({ga}, {gb})")
        else:
            used.add(hit)
            s.tp += 1
    for k, (oa, ob) in enumerate(ours):
        if k not in used:
            s.fp += 1
            na = sorted(pred.entity_names(oa), key=len)[-1:] or [oa]
            nb = sorted(pred.entity_names(ob), key=len)[-1:] or [ob]
            rep.errors.append(f"{doc}: {measure}: spurious ({na[0]}, {nb[0]})")


def match_items(rep: Report, measure: str, doc: str, gold: list[str], ours: list[str], pred: Prediction,
                gold_ids: dict[str, str] | None = None) -> None:
    """Document-level matching of single entities (e.g. event places)."""
    pairs_gold = [(g, g) for g in gold]
    pairs_ours = [(o, o) for o in ours]
    before = len(rep.errors)
    match_pairs(rep, measure, doc, pairs_gold, pairs_ours, pred, ordered=True, gold_ids=gold_ids)
    # keep the error lines readable: "(x, x)" -> "x"
    for i in range(before, len(rep.errors)):
        line = rep.errors[i]
        head, _, rest = line.rpartition("(")
        first = rest.split(", ", 1)[0]
        rep.errors[i] = f"{head}{first}"


def ner_scores(rep: Report, prefix: str, doc: str, gold: list[tuple[int, int, str]],
               ours: list[tuple[int, int, str]]) -> None:
    """Exact character span and type, per type."""
    for typ in ("PER", "LOC", "ORG"):
        g = {(a, b) for a, b, t in gold if t == typ}
        o = {(a, b) for a, b, t in ours if t == typ}
        s = rep.score(f"{prefix} {typ}")
        s.tp += len(g & o)
        s.fp += len(o - g)
        s.fn += len(g - o)
