"""The training side: NEREL documents as linker items with gold labels.

NEREL's entity types are mapped to the linker's coarse types here (and only
here: the extractor maps its own). Its event relations become the three labels:

- participant: ``PARTICIPANT_IN`` and ``AGENT`` (entity -> EVENT);
- place: ``TAKES_PLACE_IN`` (EVENT -> place);
- date: ``POINT_IN_TIME``, ``START_TIME``, ``END_TIME`` (EVENT -> date).

Every gold link is kept in :attr:`LinkDoc.gold`, also those whose entity has no
coarse type (an IDEOLOGY or FAMILY participant, a TIME): no candidate can find
them, and the scores count them as misses, so recall is never flattered.

The article is analysed as the extractor analyses it, with one addition: the
sentences of the gold events are parsed even without a parse cue (``parse_at``),
because the extractor's own triggers are parse cues.
"""
from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ....corpora.brat import BratDoc, BratEntity, read_dir
from ....corpora.nerel import is_meeting
from ...linker.items import Item, sentence_of
from ..lexicon import PARSE_CUES
from ..nlp import analyse

__all__ = ["NEREL_TYPES", "REL_LABELS", "LinkDoc", "build_doc", "analyse_doc", "load_split", "is_meeting"]

#: NEREL entity type -> coarse type (types left out are never candidates)
NEREL_TYPES: dict[str, str] = {
    "PERSON": "PERSON", "PROFESSION": "PROFESSION", "ORGANIZATION": "ORGANIZATION", "COUNTRY": "COUNTRY",
    "CITY": "CITY", "STATE_OR_PROVINCE": "PLACE", "LOCATION": "PLACE", "DISTRICT": "PLACE", "FACILITY": "PLACE",
    "NATIONALITY": "NATIONALITY", "DATE": "DATE", "EVENT": "EVENT",
}
#: relation -> (label, whether the event is Arg2)
REL_LABELS: dict[str, tuple[str, bool]] = {
    "PARTICIPANT_IN": ("participant", True), "AGENT": ("participant", True),
    "TAKES_PLACE_IN": ("place", False),
    "POINT_IN_TIME": ("date", False), "START_TIME": ("date", False), "END_TIME": ("date", False),
}
#: bump when the analysis or the mapping changes: cached analyses are keyed by it
CACHE_VERSION = "3"  # 2: partner verbs are parse cues only beside a person; 3: or beside a role noun


@dataclass
class LinkDoc:
    """One document ready for the linker: its analysis, items and gold links."""

    name: str
    text: str
    sents: list
    events: list[tuple[str, Item]] = field(default_factory=list)  # (brat id, item), sorted by item
    entities: list[tuple[str, Item]] = field(default_factory=list)  # candidates, sorted by item
    gold: dict[tuple[str, str], str] = field(default_factory=dict)  # (event id, entity id) -> label
    meeting: frozenset[str] = frozenset()  # ids of the meeting-like events


def _item(sents: list, e: BratEntity, coarse: str) -> Item:
    return Item(sentence_of(sents, e.start), e.start, e.end, coarse)


def build_doc(bdoc: BratDoc, sents: list) -> LinkDoc:
    """Items and gold links of a brat document analysed into ``sents``."""
    ents = bdoc.entities
    events, cands = [], []
    for eid, e in ents.items():
        coarse = NEREL_TYPES.get(e.type)
        if coarse == "EVENT":
            events.append((eid, _item(sents, e, coarse)))
        elif coarse is not None:
            cands.append((eid, _item(sents, e, coarse)))
    gold: dict[tuple[str, str], str] = {}
    for r in bdoc.relations:
        spec = REL_LABELS.get(r.type)
        if spec is None or r.arg1 not in ents or r.arg2 not in ents:
            continue
        label, event_second = spec
        ev, ent = (r.arg2, r.arg1) if event_second else (r.arg1, r.arg2)
        if ents[ev].type == "EVENT" and ents[ent].type != "EVENT":
            gold[(ev, ent)] = label
    key = lambda p: (p[1], p[0])  # noqa: E731 - order by position, then id
    return LinkDoc(name=bdoc.name, text=bdoc.text, sents=sents, events=sorted(events, key=key),
                   entities=sorted(cands, key=key), gold=gold,
                   meeting=frozenset(eid for eid, _ in events if is_meeting(ents[eid].text)))


def event_offsets(bdoc: BratDoc) -> list[int]:
    """Start of every fragment of every EVENT: the sentences to parse."""
    return sorted({a for e in bdoc.entities.values() if e.type == "EVENT" for a, _ in e.fragments})


def analyse_doc(bdoc: BratDoc) -> list:
    """The extractor's analysis of the document, event sentences parsed."""

    return analyse(bdoc.text, parse_at=event_offsets(bdoc))


def load_split(folder: Path | str, cache: Path | str | None = None,
               names: Iterable[str] | None = None) -> list[LinkDoc]:
    """Every document of a NEREL folder as :class:`LinkDoc`, sorted by name.

    ``cache``: a folder where each analysis is pickled, keyed by the text's hash and
    :data:`CACHE_VERSION` and the parse cues (which sentences get a tree; analysis takes most of the time; the cache is never
    needed for correctness). ``names``: only these documents.
    """
    wanted = set(names) if names is not None else None
    out = []
    for bdoc in read_dir(folder):
        if wanted is not None and bdoc.name not in wanted:
            continue
        sents = None
        path = None
        if cache is not None:
            h = hashlib.sha256((CACHE_VERSION + "\0" + ",".join(sorted(PARSE_CUES)) + "\0"
                                + ",".join(map(str, event_offsets(bdoc))) + "\0"
                                + bdoc.text).encode()).hexdigest()[:24]
            path = Path(cache) / f"{bdoc.name}.{h}.pkl"
            if path.exists():
                with open(path, "rb") as f:
                    sents = pickle.load(f)
        if sents is None:
            sents = analyse_doc(bdoc)
            if path is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_suffix(".tmp")
                with open(tmp, "wb") as f:
                    pickle.dump(sents, f, protocol=4)
                tmp.replace(path)
        out.append(build_doc(bdoc, sents))
    return out
