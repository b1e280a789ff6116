"""The extraction driver: one article through a language's steps -> an :class:`~kg.model.Extraction`.

A language (``kg/extract/<code>/__init__.py``) declares a :class:`Language`: how it analyses
text into sentences, the context its rules work on, its steps in order, and how its drafts
become events. Every step is a function of the context alone; it reads what earlier steps
found (mentions, roles, drafts) and adds to it. The driver runs the steps, then turns the
context into records the same way for every language:

1. ``language.analyse(text)`` -> sentences; a context with the knowledge base and an entity table;
2. each step in ``language.steps``;
3. ``language.events(ctx)`` -> events; "on the sidelines of" the article's one summit, and the
   larger events a draft is part of (:mod:`kg.extract.document`) -> ``partOf``;
4. entities, mentions, events, relations and figures, sorted.

To add a language: a package ``kg/extract/<code>/`` with its analysis, lexicon and rules, a
``LANGUAGE = Language(...)`` in its ``__init__``, and its code in :data:`kg.extract.LANGUAGES`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from ..kb import KnowledgeBase
from ..kb import load as load_kb
from ..model import Article, Extraction, Mention, Relation, record_key
from .context import Context
from .drafts import to_events
from .entities import EntityTable

__all__ = ["Language", "run"]

Step = Callable[[Context], None]


@dataclass(frozen=True)
class Language:
    code: str  # "ru", "en": Article.lang
    analyse: Callable[[str], list]  # text -> the language's sentence records
    steps: Sequence[Step]  # run in order over the context
    context: type = Context  # the context class (a language may add fields)
    events: Callable[[Context], list] = to_events  # the drafts -> Event records


def run(language: Language, article: Article, kb: KnowledgeBase | None = None) -> Extraction:
    """Extract one article with ``language``'s steps (see the module docstring)."""
    kb = kb or load_kb()
    ctx = language.context(article=article, kb=kb, sents=language.analyse(article.text),
                           table=EntityTable(kb, article.id, language.code))
    for step in language.steps:
        step(ctx)
    events = language.events(ctx)
    relations = list(ctx.relations)
    summits = [e for e in events if e.kind == "Summit"]
    for d, e in zip(ctx.drafts, events):
        if -1 in d.parts_of and len(summits) == 1 and e.kind != "Summit":
            relations.append(Relation(e.id, "partOf", summits[0].id, evidence=e.evidence[:1]))
        for k in sorted(x for x in d.parts_of if 0 <= x < len(events) and events[x] is not e):
            relations.append(Relation(e.id, "partOf", events[k].id, evidence=e.evidence[:1]))
    mentions = tuple(sorted((Mention(article.id, m.start, m.end, m.text, m.type, m.normal or m.text, m.rule, m.kb_id)
                            for m in ctx.mentions), key=record_key))
    return Extraction(article=article, mentions=mentions, entities=tuple(ctx.table.entities()),
                      events=tuple(sorted(events, key=record_key)),
                      relations=tuple(sorted(set(relations), key=record_key)),
                      quantities=tuple(ctx.quantities))
