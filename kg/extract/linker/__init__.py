"""A learned linker of (event mention, entity mention) pairs for Russian news.

It scores a candidate entity as a participant, the place or the date of an event
mention, from natasha's analysis of the article (:func:`kg.extract.ru.nlp.analyse`).
Trained on NEREL v1.1 train by ``python -m kg.extract.ru.training.train --shared
../shared``; the model ships in this package (``model*.txt``, ``meta.json``).

Use::

    from kg.extract.linker import Item, Linker, LINKER_RULE

    linker = Linker.load()
    event = Item(sent, start, end, "EVENT")
    cands = [Item(s, a, b, "PERSON"), Item(s2, a2, b2, "CITY"), ...]   # every entity of the article
    probs = linker.score(sents, event, cands)     # [(p_participant, p_place, p_date), ...]
    links = linker.links(sents, event, cands)     # thresholds applied: [Link(index, item, label, p), ...]

The coarse types are listed in :mod:`kg.extract.linker.items`.
"""
from __future__ import annotations

from .features import FEATURE_NAMES, DocView, event_features, features
from .items import (
           COARSE_TYPES,
           ENTITY_TYPES,
           LABELS,
           ROLE_TYPES,
           Item,
           item_at,
           sentence_of,
)
from .model import LINKER_RULE, LINKER_VERSION, Link, Linker, in_window

__all__ = ["Item", "Linker", "Link", "LINKER_RULE", "LINKER_VERSION", "COARSE_TYPES", "ENTITY_TYPES", "LABELS",
           "ROLE_TYPES", "FEATURE_NAMES", "DocView", "features", "event_features", "item_at", "sentence_of",
           "in_window"]
