"""factRuEval-2016 (development set): meetings, leader-of, NER.

Files per document ``book_N``: ``.txt``; ``.spans`` (id type start length ...);
``.objects`` (id Type span-ids # text); ``.facts`` (blocks: ``N-k Meeting``
then ``Participant objX Name`` lines, ``Occupation`` with Who/Position/Where,
``Модальность`` when not a fact of the past).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..kinds import met_with_kinds
from . import Report
from .common import NAME_RULES, met_with_persons, natasha_spans, ner_type, pairs_of, predict
from .matching import match_pairs, ner_scores

__all__ = ["evaluate", "read_doc", "GoldDoc", "LEADER_POSITIONS"]

#: positions that make a person a leader of the "Where" (as dip:leaderOf means)
LEADER_POSITIONS = ("президент", "премьер", "председател", "глав", "канцлер", "лидер", "руководител",
                    "генсек", "генеральн", "министр иностранных", "госсекретар", "король", "королев", "эмир")

_NER = {"Person": "PER", "Location": "LOC", "LocOrg": "LOC", "Org": "ORG"}


@dataclass
class GoldDoc:
    name: str
    text: str
    meetings: list[dict] = field(default_factory=list)  # {"participants": [names], "modality": str}
    leaders: list[tuple[str, str]] = field(default_factory=list)  # (person name, where name)
    entities: list[tuple[int, int, str]] = field(default_factory=list)  # char spans with PER/LOC/ORG


def _names(field_text: str) -> list[str]:
    """'obj102 Саркози Николя | obj5 ...' -> ['Саркози Николя', ...]"""
    out = []
    for part in field_text.split("|"):
        part = re.sub(r"^\s*(obj|span)\d+\s*", "", part.strip())
        if part:
            out.append(part)
    return out


def read_doc(base: Path) -> GoldDoc:
    text = base.with_suffix(".txt").read_text(encoding="utf-8")
    doc = GoldDoc(base.name, text)
    spans = {}
    for line in base.with_suffix(".spans").read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 4:
            spans[parts[0]] = (int(parts[2]), int(parts[2]) + int(parts[3]))
    for line in base.with_suffix(".objects").read_text(encoding="utf-8").splitlines():
        head = line.split("#", 1)[0].split()
        if len(head) < 3 or head[1] not in _NER:
            continue
        rng = [spans[s] for s in head[2:] if s in spans]
        if rng:
            doc.entities.append((min(a for a, _ in rng), max(b for _, b in rng), _NER[head[1]]))
    facts_path = base.with_suffix(".facts")
    blocks = facts_path.read_text(encoding="utf-8").split("\n\n") if facts_path.exists() else []
    for block in blocks:
        lines = [l for l in block.strip().splitlines() if l.strip()]
        if not lines:
            continue
        kind = lines[0].split()[-1]
        fields: dict[str, list[str]] = {}
        for l in lines[1:]:
            key, _, val = l.partition(" ")
            fields.setdefault(key, []).append(val)
        if kind == "Meeting":
            people = [n for v in fields.get("Participant", []) for n in _names(v)[:1]]
            doc.meetings.append({"participants": people,
                                 "modality": (fields.get("Модальность") or [""])[0].strip()})
        elif kind == "Occupation":
            position = " ".join(fields.get("Position", [])).lower()
            who = [n for v in fields.get("Who", []) for n in _names(v)[:1]]
            where = [n for v in fields.get("Where", []) for n in _names(v)[:1]]
            if who and where and any(p in position for p in LEADER_POSITIONS):
                doc.leaders.append((who[0], where[0]))
    return doc


def gold_pairs(doc: GoldDoc) -> list[tuple[str, str]]:
    return [pair for m in doc.meetings for pair in pairs_of(m["participants"])]


def evaluate(corpus_dir: Path, baseline: bool = True) -> Report:
    rep = Report("factRuEval-2016 dev")
    docs = sorted(p.with_suffix("") for p in Path(corpus_dir).glob("*.txt"))
    for base in docs:
        gold = read_doc(base)
        pred = predict(gold.name, gold.text)
        x = pred.extraction
        ours = [pair for _, ps in met_with_persons(x) for pair in pairs_of(ps)]
        match_pairs(rep, "meeting participant pairs", gold.name, gold_pairs(gold), sorted(set(ours)), pred)
        leaders = sorted({(r.subject, r.object) for r in x.relations if r.predicate == "leaderOf"})
        match_pairs(rep, "leader-of pairs", gold.name, gold.leaders, leaders, pred, ordered=True)
        mine = [(m.start, m.end, ner_type(m.type)) for m in x.mentions if m.rule in NAME_RULES and ner_type(m.type)]
        ner_scores(rep, "NER", gold.name, gold.entities, mine)
        if baseline:
            ner_scores(rep, "NER natasha alone", gold.name, gold.entities, natasha_spans(gold.text))
        for m in gold.meetings:
            if m["modality"]:
                rep.notes.append(f"{gold.name}: gold meeting with modality «{m['modality']}»: our statuses "
                                 + ", ".join(sorted({ev.status for ev in x.events if ev.kind in met_with_kinds()})
                                             or ["no meeting found"]))
    return rep
