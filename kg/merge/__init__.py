"""Records across articles: per-article extractions merged into one corpus view.

Merging per-article extractions into one set of records (the corpus view).

* **Entities** merge by id: a knowledge-base id is the same in every article
  and language. Unlinked entities carry an article-scoped id; two of them
  merge only when their names are the same full name (two words or more for
  persons), their types agree, and their articles share a linked neighbour
  (both name the same country, say). An unlinked «Иванов» in two unrelated
  articles stays two people. Tied mentions take the smallest of their ids.
* **Events** reported by several articles merge when they are of the same
  kind, their participants overlap, their dates are compatible (within
  :data:`DATE_WINDOW_DAYS`, or overlapping ranges) and their places agree (same
  place, one unknown, or a city inside the other's country). Distinct
  meetings of the same two leaders on different days stay distinct.
* **Relations and quantities** merge by (subject, predicate, object) and by
  (measure, amount, currency, countries), pooling evidence.

Every merge is recorded in :attr:`Records.merges` with the reason, so users
can ask why two mentions became one node. Everything is sorted, so the same
inputs in any order give the same records.

Modules: :mod:`~kg.merge.corpus` (:func:`merge_extractions`, the driver), :mod:`~kg.merge.entities`,
:mod:`~kg.merge.events` (coreference), :mod:`~kg.merge.records` (the records),
:mod:`~kg.merge.confidence` (the confidence of facts), and the incremental merge of a store:
:mod:`~kg.merge.incremental` (the merge index), :mod:`~kg.merge.units`, :mod:`~kg.merge.addition`,
:mod:`~kg.merge.readback`.
"""
from __future__ import annotations

from .corpus import merge_extractions
from .records import Merge, Records

__all__ = ["merge_extractions", "Records", "Merge"]
