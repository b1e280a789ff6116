"""Language-neutral pieces of the extractors, shared by ``ru`` and ``en``.

Nothing was moved out of ``kg.extract.ru`` (its pipeline is being edited in
parallel): this module re-exports the parts that do not depend on the
language, so that the English pipeline does not reach into the Russian
package by name, and so that they can be moved here later without touching
``kg.extract.en``:

- ``M``, ``Context``: the working state of one article (``ru.context``);
- ``CODES``, ``Draft``, ``draft_event``, ``merge_drafts``, ``event_id``: event drafts, their CAMEO/PLOVER
  defaults per kind and the within-article merging of reports of one event (``ru.events``);
- ``kb_relations``: memberships, locations and offices the knowledge base adds (``ru.facts``).
"""
from __future__ import annotations

from .ru.context import M, Context
from .ru.events import CODES, Draft, draft_event, event_id
from .ru.events import _merge as merge_drafts
from .ru.facts import kb_relations

__all__ = ["M", "Context", "CODES", "Draft", "draft_event", "merge_drafts", "event_id", "kb_relations"]
