"""The Russian pipeline: natasha + knowledge base + rules -> Extraction.

Steps, each a small module (run in this order by :func:`kg.extract.pipeline.run`):

1. ``nlp.analyse``            sentences, tokens, morphology, syntax, NER (natasha)
2. ``mentions``               NER spans and KB scan, linked or minted as entities; repeated surnames
3. ``roles``, ``groups``      leader-of from appositions; role and group phrases, pronouns resolved
4. ``kg.extract.facts``       memberships, locations and offices the knowledge base adds
5. ``events.find_events``     triggers -> event drafts with participants, place, dates, status;
                               ``places``: where each report happened (syntax, then the clause);
                               ``anaphora``: «В нём участвовали ...» adds to the event before
   ``linking``                 participants (and a missing place) the learned linker adds to talks
   ``kg.extract.document``     one article's reports of the same talks joined; talks within a visit
6. ``facts``                  topics, quantities, statements
"""
from __future__ import annotations

from ...kb import KnowledgeBase
from ...model import Article, Extraction
from ..document import join_events
from ..facts import kb_relations
from ..pipeline import Language, run
from .events import find_events
from .facts import attach_topics, chair_relations, find_quantities, find_statements
from .groups import resolve_group_mentions
from .linking import link_participants
from .mentions import find_mentions, find_repeated_names
from .nlp import analyse
from .roles import find_roles, resolve_pronouns, resolve_role_mentions

__all__ = ["LANGUAGE", "extract_ru", "analyse"]

LANGUAGE = Language("ru", analyse, steps=(
    find_mentions, find_repeated_names, find_roles, resolve_role_mentions, resolve_group_mentions, resolve_pronouns,
    kb_relations, chair_relations, find_events, link_participants, join_events, attach_topics, find_quantities, find_statements,
))


def extract_ru(article: Article, kb: KnowledgeBase | None = None) -> Extraction:
    """One Russian article's extraction."""
    return run(LANGUAGE, article, kb)
