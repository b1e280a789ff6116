"""The English pipeline: syntok + knowledge base + rules -> Extraction.

No statistical model: names are capitalised word sequences that the knowledge
base knows, or that a title or a role names as a person. Steps, each a small
module, mirroring ``kg.extract.ru``:

1. ``nlp.analyse``            sentences and tokens (syntok), article offsets
2. ``mentions.find_mentions`` KB gazetteer (names, aliases, leaders' surnames) and
                              persons confirmed by titles or appositions
3. ``roles``                  leader-of from role phrases; role phrases, pronouns and
                              country actors («Ukrainian lawmakers») resolved
4. ``events.find_events``     triggers -> events with participants, place, dates, status, CAMEO
5. ``facts``                  statements, topics, quantities, memberships, locations
"""
from __future__ import annotations

from ...kb import load as load_kb
from ...model import Article, Extraction, Mention, Relation
from ...resolve import EntityTable
from .context import EnContext
from .events import find_events, to_events
from .facts import attach_topics, chair_relations, find_quantities, find_statements, kb_relations
from .mentions import find_mentions, find_repeated_names
from .nlp import analyse
from .roles import find_actors, find_roles, resolve_pronouns, resolve_role_mentions

__all__ = ["extract_en", "analyse"]


def extract_en(article: Article, kb=None) -> Extraction:
    kb = kb or load_kb()
    ctx = EnContext(article=article, kb=kb, sents=analyse(article.text),
                    table=EntityTable(kb, article.id, "en"))
    find_mentions(ctx)
    find_repeated_names(ctx)
    find_roles(ctx)
    resolve_role_mentions(ctx)
    find_actors(ctx)
    resolve_pronouns(ctx)
    kb_relations(ctx)
    chair_relations(ctx)
    drafts = find_events(ctx)
    attach_topics(ctx, drafts)
    quantities = find_quantities(ctx, drafts)
    drafts += find_statements(ctx)
    events = to_events(ctx, drafts)
    relations = list(ctx.relations)
    summits = [e for e in events if e.kind == "Summit"]
    for d, e in zip(drafts, events):
        if -1 in d.parts_of and len(summits) == 1 and e.kind != "Summit":
            relations.append(Relation(e.id, "partOf", summits[0].id, evidence=e.evidence[:1]))
    entities = ctx.table.entities()
    mentions = tuple(sorted(Mention(article.id, m.start, m.end, m.text, m.type, m.normal or m.text,
                                    m.rule, m.kb_id) for m in ctx.mentions))
    return Extraction(article=article, mentions=mentions, entities=tuple(entities),
                      events=tuple(sorted(events)), relations=tuple(sorted(set(relations))),
                      quantities=tuple(quantities))
