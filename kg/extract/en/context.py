"""The working state of one English article while the rules run over it.

The same record as the Russian pipeline's (:class:`kg.extract.context.Context`),
plus the mentions that name a country as an actor («Ukrainian lawmakers»,
«Iraq's national security advisor»): CAMEO codes events between countries, so
an official without a name still makes his country a participant.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..context import Context, M

__all__ = ["M", "EnContext"]


@dataclass
class EnContext(Context):
    actors: list[M] = field(default_factory=list)  # Country mentions standing for an official or group

    def actors_in(self, i: int) -> list[M]:
        return sorted((m for m in self.actors if m.sent == i), key=lambda m: m.start)
