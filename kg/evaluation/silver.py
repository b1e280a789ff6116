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

from . import Report
from .common import met_with_persons, pairs_of, predict
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
    return [pair for m in meetings for pair in pairs_of(m["participants"])]


def evaluate(annotations: Path, corpus_dir: Path) -> Report:
    rep = Report("Silver meetings, NEREL v1.1 train (development only)")
    for name, gold in sorted(read_annotations(annotations).items()):
        text = (Path(corpus_dir) / f"{name}.txt").read_text(encoding="utf-8")
        pred = predict(name, text)
        x = pred.extraction
        met = met_with_persons(x)
        ours = [pair for _, ps in met for pair in pairs_of(ps)]
        ours_happened = [pair for ev, ps in met if ev.status == "happened" for pair in pairs_of(ps)]
        people = {p for _, ps in met for p in ps}
        match_pairs(rep, "meeting pairs", name, _pairs(gold.meetings), sorted(set(ours)), pred)
        diplomatic = [m for m in gold.meetings if m["kind"] in DIPLOMATIC]
        match_pairs(rep, "meeting pairs (diplomatic kinds)", name, _pairs(diplomatic), sorted(set(ours)), pred)
        happened = [m for m in gold.meetings if m["status"] == "happened"]
        match_pairs(rep, "meeting pairs (happened)", name, _pairs(happened), sorted(set(ours_happened)), pred)
        gold_people = sorted({n for m in gold.meetings for n in m["participants"]})
        match_pairs(rep, "meeting participants", name, [(g, g) for g in gold_people],
                    [(p, p) for p in sorted(people)], pred, ordered=True)
    return rep
