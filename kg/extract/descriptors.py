"""Descriptors resolved inside the article first: who a role phrase or a group phrase stands
for (any language; the phrases themselves are found by each language's ``roles`` module).

An office («президент Франции», "the Kazakh president") is held by the person the same article
names with it; failing that, by a holder the knowledge base knows who the article names at all;
failing that, by the knowledge base's holder on the article's date, never outside the holder's
office dates, and never for an undated article (its era is unknown: a 2014 story is not about
today's president). A group («президенты России и Франции», "the leaders of Russia and China")
stands for each member's holder, each becoming a mention over the phrase, so that an event the
phrase is tied to takes every member. A group that names no one («стороны», «два лидера»,
«главы государств», "the two leaders") stands for the office holders the article named just
before it (:func:`sides`).
"""
from __future__ import annotations

from .context import Context

__all__ = ["SIDES_REACH", "office_holders", "add_group_mentions", "add_members", "add_sides", "sides"]

_PERSONS = ("Person", "Leader")
#: an unnamed group takes its members from its own sentence and this many sentences before it
SIDES_REACH = 2


def office_holders(ctx: Context, of: str, roles: set[str], leader: bool = False) -> tuple[list[str], str]:
    """(holders, how): ``article`` (named with the office here), ``kb`` (a holder of ``roles`` at
    some time, whom the article names), ``kb-date`` (the holder of ``roles`` on the article's
    date; for a «лидер» (``leader``), of the office that leads ``of``,
    :meth:`~kg.kb.base.KnowledgeBase.leader_roles`), or ([], "")."""
    named_with = sorted(p for p, ofs in ctx.roles.items() if of in ofs)
    if named_with:
        return named_with, "article"
    named = {m.entity for m in ctx.mentions if m.type in _PERSONS}
    ever = sorted({o.person for o in ctx.kb.holders_ever(of, roles)} & named)
    if ever:
        return ever, "kb"
    day = ctx.article.date
    if day is None:
        return [], ""
    wanted = ctx.kb.leader_roles(of) if leader else roles
    return sorted({o.person for o in ctx.kb.holders(of, day, wanted)}), "kb-date"


def add_group_mentions(ctx: Context, s, first: int, end: int, countries: list[str], roles: set[str],
                       prefix: str, leader: bool = False) -> int:
    """Mentions over tokens [first, end) of sentence ``s`` for the office holders of each country;
    returns how many were added. Rules: ``{prefix}.coref.group`` (named in the article) or
    ``{prefix}.coref.group.kb``."""
    a, b = s.tokens[first].start, s.tokens[end - 1].end
    added = 0
    for of in countries:
        holders, how = office_holders(ctx, of, roles, leader)
        if len(holders) != 1:
            continue
        ctx.table.set_type(holders[0], "Leader")
        ctx.add_reference(s, a, b, holders[0], tuple(range(first, end)),
                          f"{prefix}.coref.group" + ("" if how == "article" else ".kb"), 0.75, "Leader")
        added += 1
    return added


def sides(ctx: Context, sent: int, roles: set[str] | None, count: int | None) -> list[str]:
    """The persons an unnamed group in sentence ``sent`` stands for: those the article named
    in that sentence or the :data:`SIDES_REACH` before it, holding an office of ``roles`` as
    the article names them (any office when ``roles`` is None: «стороны», "both sides").
    Exactly ``count`` of them (None: two or more), else none: with a third office holder near,
    «два лидера» names no one for sure. Failing that, the two office holders the article has
    named before, when it has named exactly two («Ранее лидеры встречались в Астане»)."""
    def holds(p: str) -> bool:
        titles = ctx.titles.get(p, set())
        return bool(titles & roles) if roles is not None else bool(titles) or p in ctx.roles
    near = sorted({m.entity for m in ctx.mentions
                   if m.type in _PERSONS and sent - SIDES_REACH <= m.sent <= sent and holds(m.entity)})
    if (count is None and len(near) >= 2) or len(near) == count:
        return near
    # further back: an article that has named exactly two such office holders so far
    before = sorted({m.entity for m in ctx.mentions if m.type in _PERSONS and m.sent <= sent and holds(m.entity)})
    return before if len(before) == 2 and count in (None, 2) else []


def add_sides(ctx: Context, s, first: int, end: int, roles: set[str] | None, count: int | None,
              prefix: str) -> int:
    """Mentions over tokens [first, end) of sentence ``s`` for each person :func:`sides` finds;
    returns how many were added. Rule ``{prefix}.coref.sides``."""
    return _refer(ctx, s, first, end, sides(ctx, s.index, roles, count), f"{prefix}.coref.sides")


def add_members(ctx: Context, s, first: int, end: int, org: str, prefix: str) -> int:
    """Mentions over tokens [first, end) of sentence ``s`` for the leaders of ``org``'s member
    countries that this article names as such («Лидеры G7 … Президент США Джо Байден, канцлер
    Германии Олаф Шольц …»); two or more, else none. Only the article: the knowledge base does
    not date memberships, and a 2012 «лидеры ШОС» are not today's. Rule ``{prefix}.coref.members``."""
    members = set(ctx.kb.members(org))
    leaders = sorted(p for p, ofs in ctx.roles.items() if ofs & members)
    return _refer(ctx, s, first, end, leaders if len(leaders) >= 2 else [], f"{prefix}.coref.members", "Leader")


def _refer(ctx: Context, s, first: int, end: int, people: list[str], rule: str, type_: str | None = None) -> int:
    """One reference mention per person over tokens [first, end) of sentence ``s``."""
    a, b = s.tokens[first].start, s.tokens[end - 1].end
    for p in people:
        ctx.add_reference(s, a, b, p, tuple(range(first, end)), rule, 0.7, type_)
    return len(people)
