"""A date expression found in a sentence, resolved to ISO dates (shared by every language;
each language finds its own in ``kg/extract/<lang>/dates.py``)."""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DateExpr"]


@dataclass(frozen=True)
class DateExpr:
    start: int  # offsets in the sentence text
    end: int
    begin: str  # ISO date
    finish: str | None = None  # ISO date of the end of a range
    relative: bool = False
