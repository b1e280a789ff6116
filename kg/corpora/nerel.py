"""NEREL definitions shared by the linker's training reports and the evaluation.

NEREL does not type its EVENTs, so a gold meeting is an EVENT whose words are meeting words
(:data:`MEETING_WORDS`: the evaluator's own list, independent of the extractor's lexicon); a
commemoration of the meeting on the Elbe is no meeting. Names are compared by their content
words in any inflection (:func:`name_lemmas`).
"""
from __future__ import annotations

import functools

from ..kb import normalize, word_forms

__all__ = ["MEETING_WORDS", "is_meeting", "name_lemmas"]

MEETING_WORDS = frozenset({"встреча", "встретиться", "встречаться", "переговоры", "визит", "посетить",
                           "посещать", "посещение", "прибыть", "прибывать", "разговор", "беседа",
                           "побеседовать", "беседовать", "саммит", "турне", "созвониться"})

_STOP = {"и", "в", "на", "де", "фон", "ван", "аль", "бен", "ибн", "о", "ли", "а"}


@functools.lru_cache(maxsize=100_000)
def name_lemmas(text: str) -> frozenset[str]:
    out: set[str] = set()
    for w in normalize(text).split():
        if len(w) < 2 or w in _STOP:
            continue
        out |= word_forms(w)
    return frozenset(out)


def is_meeting(text: str) -> bool:
    """Whether the words of an EVENT mention make it a meeting-like event."""
    return bool(name_lemmas(text) & MEETING_WORDS) and "эльб" not in text.lower()
