"""The English pipeline: syntok + knowledge base + rules -> Extraction.

No statistical model: names are capitalised word sequences that the knowledge base knows, or
that a title or a role names as a person. Steps, each a small module, in the order
:func:`kg.extract.pipeline.run` runs them (mirroring ``kg.extract.ru``):

1. ``nlp.analyse``            sentences and tokens (syntok), article offsets
2. ``mentions``               KB gazetteer (names, aliases, leaders' surnames) and persons
                              confirmed by titles or appositions; repeated surnames
3. ``roles``                  leader-of from role phrases; role phrases, pronouns and country
                              actors («Ukrainian lawmakers») resolved
4. ``kg.extract.facts``       memberships, locations and offices the knowledge base adds
5. ``events.find_events``     triggers -> event drafts with participants, place, dates, status, CAMEO
6. ``facts``                  topics, quantities, statements
"""
from __future__ import annotations

from ...kb import KnowledgeBase
from ...model import Article, Extraction
from ..document import join_events
from ..facts import kb_relations
from ..pipeline import Language, run
from .context import EnContext
from .events import find_events, to_events
from .facts import attach_topics, chair_relations, find_quantities, find_statements
from .mentions import find_mentions, find_repeated_names
from .nlp import analyse
from .roles import find_actors, find_roles, resolve_group_mentions, resolve_pronouns, resolve_role_mentions

__all__ = ["LANGUAGE", "extract_en", "analyse"]

LANGUAGE = Language("en", analyse, context=EnContext, events=to_events, steps=(
    find_mentions, find_repeated_names, find_roles, resolve_role_mentions, resolve_group_mentions, find_actors, resolve_pronouns,
    kb_relations, chair_relations, find_events, join_events, attach_topics, find_quantities, find_statements,
))


def extract_en(article: Article, kb: KnowledgeBase | None = None) -> Extraction:
    """One English article's extraction."""
    return run(LANGUAGE, article, kb)
