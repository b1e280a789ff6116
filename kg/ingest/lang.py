"""Language detection for routing articles to a pipeline.

Russian and English news are told apart reliably by their alphabets, so a
letter count does the job without a model: Cyrillic letters → ``ru``, Latin
→ ``en``; mixed text goes to the majority. Other languages (Kazakh in
Cyrillic, French in Latin) are not told apart yet: documented limit.
"""
from __future__ import annotations

__all__ = ["detect_language"]


def detect_language(text: str) -> str:
    cyr = lat = 0
    for ch in text[:20000]:
        if "а" <= ch.lower() <= "я" or ch in "ёЁ":
            cyr += 1
        elif "a" <= ch.lower() <= "z":
            lat += 1
    if cyr + lat < 3:
        return "und"
    return "ru" if cyr >= lat else "en"
