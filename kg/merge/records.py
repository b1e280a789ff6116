"""The corpus view: the merged records of every article (:class:`Records`), why ids were
merged (:class:`Merge`), and the union-find the merges use.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Article, Entity, Event, Quantity, Relation

__all__ = ["Records", "Merge", "UnionFind", "DATE_WINDOW_DAYS"]


#: reports of one event may date it differently by this much (publication lag, time zones)
DATE_WINDOW_DAYS = 1


@dataclass(frozen=True, order=True)
class Merge:
    """Why ``merged`` ids became the node ``into``."""

    into: str
    merged: tuple[str, ...]
    reason: str


@dataclass
class Records:
    articles: dict[str, Article] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    relations: dict[tuple[str, str, str], Relation] = field(default_factory=dict)
    quantities: dict[str, Quantity] = field(default_factory=dict)
    merges: list[Merge] = field(default_factory=list)

    def sorted_entities(self) -> list[Entity]:
        return [self.entities[k] for k in sorted(self.entities)]

    def sorted_events(self) -> list[Event]:
        return [self.events[k] for k in sorted(self.events)]

    def sorted_relations(self) -> list[Relation]:
        return [self.relations[k] for k in sorted(self.relations)]

    def sorted_quantities(self) -> list[Quantity]:
        return [self.quantities[k] for k in sorted(self.quantities)]

    def sorted_articles(self) -> list[Article]:
        return [self.articles[k] for k in sorted(self.articles)]

    def merges_of(self, node_id: str) -> list[Merge]:
        return [m for m in self.merges if m.into == node_id]


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # the smaller id represents the group: stable whatever the order
            lo, hi = sorted((ra, rb))
            self.parent[hi] = lo
