"""Meetings we annotated ourselves on NEREL v1.1 train documents: a development set.

NEREL links few meeting participants and factRuEval's development set holds five
meetings, too few to see why meeting pairs fail on unseen news. So we read 177 NEREL
v1.1 *train* documents (every one with a meeting word that is
not among the older ``corpus/nerel`` files) and wrote down every meeting of persons,
factRuEval-style: one row per real-world meeting per document, its kind, status and
named participants (``benchmarks/data/meetings-nerel-train.tsv``; the guideline is
``benchmarks/data/meetings-guide.md``). The annotators did not see the extractor's
output. Being train documents, the figures here are for development, never results.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from ..kinds import met_with_kinds
from . import Report
from .common import predict
from .matching import match_pairs

__all__ = ["SilverDoc", "evaluate", "read_annotations"]

#: the annotation's kinds that are diplomacy (the rest is "other": business, family, courts)
DIPLOMATIC = ("meeting", "visit", "summit", "phone")


@dataclass
class SilverDoc:
    name: str
    meetings: list[dict] = field(default_factory=list)  # {"kind", "status", "participants": [names]}


def read_annotations(path: Path) -> dict[str, SilverDoc]:
    docs: dict[str, SilverDoc] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            doc = docs.setdefault(row["doc"], SilverDoc(row["doc"]))
            if row["kind"] == "none":
                continue
            names = [n.strip() for n in (row["participants"] or "").split("|") if n.strip()]
            doc.meetings.append({"kind": row["kind"], "status": row["status"], "participants": names})
    return docs


def _pairs(meetings: list[dict]) -> list[tuple[str, str]]:
    out = []
    for m in meetings:
        ps = m["participants"]
        out += [(ps[i], ps[j]) for i in range(len(ps)) for j in range(i + 1, len(ps))]
    return out


def evaluate(annotations: Path, corpus_dir: Path) -> Report:
    rep = Report("Silver meetings, NEREL v1.1 train (development only)")
    for name, gold in sorted(read_annotations(annotations).items()):
        text = (Path(corpus_dir) / f"{name}.txt").read_text(encoding="utf-8")
        pred = predict(name, text)
        x = pred.extraction
        persons = {e.id for e in x.entities if e.type in ("Person", "Leader")}
        ours, ours_happened, people = [], [], set()
        for ev in x.events:
            if ev.kind not in met_with_kinds():
                continue
            ps = sorted({p.entity for p in ev.participants if p.entity in persons and p.role != "declined"})
            people.update(ps)
            pairs = [(ps[i], ps[j]) for i in range(len(ps)) for j in range(i + 1, len(ps))]
            ours += pairs
            if ev.status == "happened":
                ours_happened += pairs
        match_pairs(rep, "meeting pairs", name, _pairs(gold.meetings), sorted(set(ours)), pred)
        diplomatic = [m for m in gold.meetings if m["kind"] in DIPLOMATIC]
        match_pairs(rep, "meeting pairs (diplomatic kinds)", name, _pairs(diplomatic), sorted(set(ours)), pred)
        happened = [m for m in gold.meetings if m["status"] == "happened"]
        match_pairs(rep, "meeting pairs (happened)", name, _pairs(happened), sorted(set(ours_happened)), pred)
        gold_people = sorted({n for m in gold.meetings for n in m["participants"]})
        match_pairs(rep, "meeting participants", name, [(g, g) for g in gold_people],
                    [(p, p) for p in sorted(people)], pred, ordered=True)
    return rep
