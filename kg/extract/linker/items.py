"""What the linker links: event and entity mentions as :class:`Item` records.

An item is a mention located in the analysed article: the index of its sentence
in the list returned by :func:`kg.extract.ru.nlp.analyse`, its character span in
article offsets, and a *coarse type* shared by training (NEREL's gold types,
mapped in :mod:`kg.extract.ru.training.data`) and inference (the extractor's types,
mapped by the extractor). The coarse types, and what belongs to each:

============  ==============================================================
PERSON        a person named («Владимир Путин», «Путина»)
PROFESSION    a role noun phrase, with or without its country or organization
              («президент», «президент Франции», «глава МИД», «министры»)
ORGANIZATION  an organization, party, ministry, company, team («МИД», «ООН»)
COUNTRY       a sovereign state («Франция», «России»)
CITY          a city, town or village («Париж»)
PLACE         any other place: region, province, state, district, location,
              facility, building («Подмосковье», «Кремль», «Белый дом»)
NATIONALITY   a people or nationality («французы», «американцами»)
DATE          a date or date phrase («5 августа», «во вторник», «в 2008 году»)
EVENT         the event mention itself (a trigger word or phrase)
============  ==============================================================

Which candidate types may fill which role (:data:`ROLE_TYPES`) is fixed here:
a candidate of another type gets probability 0 for that role.

The span may cross a sentence boundary or cut a token (hyphenated compounds):
the features only read the tokens of the item's own sentence that overlap it.
"""
from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Item", "COARSE_TYPES", "ENTITY_TYPES", "LABELS", "ROLE_TYPES", "item_at", "sentence_of"]

#: the coarse types, in a fixed order (their index is the categorical feature's code)
COARSE_TYPES: tuple[str, ...] = ("PERSON", "PROFESSION", "ORGANIZATION", "COUNTRY", "CITY", "PLACE",
                                 "NATIONALITY", "DATE", "EVENT")
#: types a candidate may have
ENTITY_TYPES: frozenset[str] = frozenset(COARSE_TYPES) - {"EVENT"}
#: the labels scored, in the order of :meth:`Linker.score`'s tuples
LABELS: tuple[str, ...] = ("participant", "place", "date")
#: candidate types allowed for each label (NEREL's argument types restricted to ours)
ROLE_TYPES: dict[str, frozenset[str]] = {
    "participant": frozenset({"PERSON", "PROFESSION", "ORGANIZATION", "COUNTRY", "CITY", "PLACE", "NATIONALITY"}),
    "place": frozenset({"COUNTRY", "CITY", "PLACE", "ORGANIZATION"}),
    "date": frozenset({"DATE"}),
}


@dataclass(frozen=True, order=True)
class Item:
    """A mention: sentence index, article character span [start, end), coarse type."""

    sent: int
    start: int
    end: int
    type: str

    def __post_init__(self) -> None:
        if self.type not in COARSE_TYPES:
            raise ValueError(f"unknown coarse type {self.type!r} (one of {', '.join(COARSE_TYPES)})")
        if self.end <= self.start:
            raise ValueError(f"empty span {self.start}..{self.end}")


def sentence_of(sents: Sequence, offset: int) -> int:
    """Index of the sentence holding article ``offset``; an offset between two
    sentences (whitespace) belongs to the next one, one past the last to the last."""
    starts = [s.start for s in sents]
    k = bisect.bisect_right(starts, offset) - 1
    if k < 0:
        return 0
    if offset >= sents[k].end and k + 1 < len(sents):
        return k + 1
    return k


def item_at(sents: Sequence, start: int, end: int, type_: str) -> Item:
    """The item of span [start, end) of coarse type ``type_``, its sentence found
    from ``start`` (for callers that know offsets but not sentence indexes)."""
    return Item(sentence_of(sents, start), start, end, type_)
