"""NEREL (Russian Wikinews, brat standoff): meetings, places, leader-of, NER, linking.

``T`` lines are entities (type, character span, text), ``R`` lines relations
(AGENT and PARTICIPANT_IN link a person to an EVENT, TAKES_PLACE_IN an event to
a place, WORKS_AS a person to a PROFESSION, WORKPLACE a profession or person to
an organization or country), ``N`` lines Wikidata ids. NEREL does not type its
EVENTs, so a gold meeting is an EVENT whose words are meeting words
(:data:`MEETING_WORDS`, the evaluator's own list, independent of the
extractor's lexicon).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..corpora.nerel import MEETING_WORDS, is_meeting
from . import Report
from .common import (
    NAME_RULES,
    met_with_persons,
    name_lemmas,
    natasha_spans,
    ner_type,
    pairs_of,
    predict,
)
from .factrueval import LEADER_POSITIONS
from .matching import match_items, match_pairs, ner_scores

__all__ = ["evaluate", "read_doc", "MEETING_WORDS"]

_NER = {"PERSON": "PER", "COUNTRY": "LOC", "CITY": "LOC", "STATE_OR_PROVINCE": "LOC", "LOCATION": "LOC",
        "DISTRICT": "LOC", "ORGANIZATION": "ORG"}
_PLACES = {"COUNTRY", "CITY", "STATE_OR_PROVINCE", "LOCATION", "DISTRICT", "FACILITY"}


@dataclass
class Ent:
    id: str
    type: str
    start: int
    end: int
    text: str
    wikidata: str | None = None


@dataclass
class GoldDoc:
    name: str
    text: str
    ents: dict[str, Ent] = field(default_factory=dict)
    rels: list[tuple[str, str, str]] = field(default_factory=list)  # (type, arg1, arg2)


def read_doc(path: Path) -> GoldDoc:
    doc = GoldDoc(path.stem, path.with_suffix(".txt").read_text(encoding="utf-8"))
    for line in path.with_suffix(".ann").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 3:
            typ, _, span = parts[1].partition(" ")
            if ";" in span:
                continue  # discontinuous spans are left out of every measure
            a, b = span.split()
            doc.ents[parts[0]] = Ent(parts[0], typ, int(a), int(b), parts[2])
        elif line.startswith("R") and len(parts) >= 2:
            bits = parts[1].split()
            if len(bits) == 3:
                doc.rels.append((bits[0], bits[1].split(":", 1)[1], bits[2].split(":", 1)[1]))
        elif line.startswith("N") and len(parts) >= 2:
            bits = parts[1].split()
            if len(bits) >= 3 and bits[1] in doc.ents and bits[2].startswith("Wikidata:Q"):
                doc.ents[bits[1]].wikidata = bits[2].split(":", 1)[1]
    return doc


def _is_meeting(e: Ent) -> bool:
    return e.type == "EVENT" and is_meeting(e.text)


def _person_of(doc: GoldDoc, eid: str) -> Ent | None:
    """A person argument, or the person holding a PROFESSION argument («главой Кубы»)."""
    e = doc.ents.get(eid)
    if e is None:
        return None
    if e.type == "PERSON":
        return e
    if e.type == "PROFESSION":
        for typ, a, b in doc.rels:
            if typ == "WORKS_AS" and b == eid and doc.ents.get(a) and doc.ents[a].type == "PERSON":
                return doc.ents[a]
    return None


def event_links(rep: Report, gold: GoldDoc, pred, ids: dict[str, str]) -> tuple[int, int]:
    """End to end, events of every kind: each event we extract whose trigger overlaps a gold
    EVENT span is matched to it; its participants (persons, and the persons of PROFESSION
    arguments; countries and organizations as named) and its place are scored against that
    gold event's PARTICIPANT_IN/AGENT and TAKES_PLACE_IN arguments. Returns (events matched,
    events extracted from a trigger)."""
    x = pred.extraction
    events = [e for e in gold.ents.values() if e.type == "EVENT"]
    args: dict[str, dict[str, set[str]]] = {e.id: {"participant": set(), "place": set()} for e in events}
    for typ, a, b in gold.rels:
        if typ in ("AGENT", "PARTICIPANT_IN") and b in args:
            arg = _person_of(gold, a) or gold.ents.get(a)
            if arg is not None and arg.type in ("PERSON", "COUNTRY", "ORGANIZATION"):
                args[b]["participant"].add(arg.text)
        elif typ == "TAKES_PLACE_IN" and a in args and gold.ents.get(b) and gold.ents[b].type in _PLACES:
            args[a]["place"].add(gold.ents[b].text)
    matched = extracted = 0
    for ev in x.events:
        triggers = [t for t in ev.evidence if t.rule.startswith("ru.event.")]
        if not triggers:
            continue  # statements come from quotes, not from a trigger word
        hit = next((g for g in events for t in triggers if t.start < g.end and g.start < t.end), None)
        extracted += 1
        if hit is None:
            continue
        matched += 1
        ours = sorted({p.entity for p in ev.participants if p.role != "declined"})
        match_items(rep, "event participants (matched events)", gold.name, sorted(args[hit.id]["participant"]), ours,
                    pred, gold_ids=ids)
        match_items(rep, "event place (matched events)", gold.name, sorted(args[hit.id]["place"]),
                    [ev.place] if ev.place else [], pred, gold_ids=ids)
    return matched, extracted


def gold_meetings(doc: GoldDoc):
    meetings = {eid: e for eid, e in doc.ents.items() if _is_meeting(e)}
    people: dict[str, dict[str, Ent]] = {m: {} for m in meetings}
    places: dict[str, list[Ent]] = {m: [] for m in meetings}
    for typ, a, b in doc.rels:
        if typ in ("AGENT", "PARTICIPANT_IN") and b in meetings:
            p = _person_of(doc, a)
            if p is not None:
                people[b].setdefault(p.text, p)
        if typ == "TAKES_PLACE_IN" and a in meetings and doc.ents.get(b) and doc.ents[b].type in _PLACES:
            places[a].append(doc.ents[b])
    return meetings, people, places


def _canonical_people(doc: GoldDoc) -> dict[str, str]:
    return _canonical(doc, {"PERSON"})


def _canonical(doc: GoldDoc, types) -> dict[str, str]:
    """Surface -> one key per gold entity: its Wikidata id, else the group of
    surfaces sharing a name word («Корреа», «Рафаэлем Корреа»)."""
    persons = sorted({e.text: e for e in doc.ents.values() if e.type in types}.values(), key=lambda e: e.text)
    key: dict[str, str] = {}
    for e in persons:
        if e.wikidata:
            key[e.text] = e.wikidata
    for e in persons:
        if e.text in key:
            continue
        for f in persons:
            if f.text in key and name_lemmas(e.text) & name_lemmas(f.text):
                key[e.text] = key[f.text]
                break
        else:
            key[e.text] = e.text
    return key


def gold_leaders(doc: GoldDoc) -> list[tuple[Ent, Ent]]:
    out = []
    for typ, person, prof in doc.rels:
        if typ != "WORKS_AS" or prof not in doc.ents or person not in doc.ents:
            continue
        if not any(p in doc.ents[prof].text.lower() for p in LEADER_POSITIONS):
            continue
        for typ2, a, b in doc.rels:
            if typ2 == "WORKPLACE" and a == prof and b in doc.ents and doc.ents[b].type in ("COUNTRY", "ORGANIZATION"):
                out.append((doc.ents[person], doc.ents[b]))
    return out


def evaluate(corpus_dir: Path, baseline: bool = True, title: str = "NEREL (Russian Wikinews)") -> Report:
    rep = Report(title)
    matched = ours = 0
    for path in sorted(Path(corpus_dir).glob("*.ann")):
        gold = read_doc(path)
        pred = predict(gold.name, gold.text)
        x = pred.extraction
        ids = {e.text: e.wikidata for e in gold.ents.values() if e.wikidata}
        meetings, people, places = gold_meetings(gold)
        canon = _canonical_people(gold)
        gpairs: dict[frozenset, tuple[str, str]] = {}
        for m, ps in people.items():
            names = sorted(ps)
            for i in range(len(names)):
                for j in range(i + 1, len(names)):
                    key = frozenset((canon.get(names[i], names[i]), canon.get(names[j], names[j])))
                    if len(key) == 2:
                        gpairs.setdefault(key, (names[i], names[j]))
        met = met_with_persons(x)
        opairs = {pair for _, ps in met for pair in pairs_of(ps)}
        oplaces = {ev.place for ev, _ in met if ev.place}
        match_pairs(rep, "meeting participant pairs", gold.name, sorted(gpairs.values()), sorted(opairs), pred,
                    gold_ids=ids)
        # who took part in a meeting at all: a larger measure than pairs (a one-sided report counts)
        gpersons = sorted({canon.get(n, n): n for ps in people.values() for n in ps}.values())
        opersons = sorted({p for _, ps in met for p in ps})
        match_items(rep, "meeting participants", gold.name, gpersons, opersons, pred, gold_ids=ids)
        pcanon = _canonical(gold, _PLACES)
        gplaces = sorted({pcanon.get(p.text, p.text): p.text for ps in places.values() for p in ps}.values())
        match_items(rep, "event places", gold.name, gplaces, sorted(oplaces), pred, gold_ids=ids)
        m, n = event_links(rep, gold, pred, ids)
        matched, ours = matched + m, ours + n
        gl = sorted({(p.text, o.text) for p, o in gold_leaders(gold)})
        ol = sorted({(r.subject, r.object) for r in x.relations if r.predicate == "leaderOf"})
        match_pairs(rep, "leader-of pairs", gold.name, gl, ol, pred, ordered=True, gold_ids=ids)
        gner = [(e.start, e.end, _NER[e.type]) for e in gold.ents.values() if e.type in _NER]
        mine = [(m.start, m.end, ner_type(m.type)) for m in x.mentions if m.rule in NAME_RULES and ner_type(m.type)]
        ner_scores(rep, "NER", gold.name, gner, mine)
        if baseline:
            ner_scores(rep, "NER natasha alone", gold.name, gner, natasha_spans(gold.text))
    rep.notes.append(f"end to end: {matched} of the {ours} events we extracted from a trigger overlap a gold EVENT; "
                     "their participants and places are scored as 'event participants/place (matched events)'")
    return rep
