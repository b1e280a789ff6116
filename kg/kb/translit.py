"""Deterministic English -> Russian transliteration of personal names.

Used only for the bulk of leaders whose Russian spelling is not curated
(``curated/persons.tsv`` gives names as Russian media write them). The rules
follow the usual practical transcription of English-alphabet names into
Russian (Tokayev -> Токаев, Mishustin -> Мишустин, Khurelsukh -> Хурэлсух is
*not* attempted: the result is readable, not authoritative).
"""
from __future__ import annotations

import re
import unicodedata

__all__ = ["en_to_ru"]

# longest first; applied left to right
_MULTI = [
    ("shch", "щ"), ("sch", "ш"), ("tch", "ч"),
    ("kh", "х"), ("zh", "ж"), ("ch", "ч"), ("sh", "ш"), ("ts", "ц"), ("ph", "ф"), ("th", "т"),
    ("ya", "я"), ("yu", "ю"), ("yo", "ё"), ("ye", "е"), ("ee", "и"), ("oo", "у"), ("ou", "у"),
    ("ck", "к"), ("qu", "кв"), ("gh", "г"), ("dj", "дж"), ("ei", "ей"), ("ie", "и"),
]
_SINGLE = {
    "a": "а", "b": "б", "c": "к", "d": "д", "e": "е", "f": "ф", "g": "г", "h": "х", "i": "и",
    "j": "дж", "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "q": "к", "r": "р",
    "s": "с", "t": "т", "u": "у", "v": "в", "w": "в", "x": "кс", "y": "и", "z": "з",
}
_VOWELS = set("aeiouy")
_PARTICLES = {"bin": "бен", "bint": "бинт", "ibn": "ибн", "ibni": "ибни", "al": "аль", "el": "эль",
              "de": "де", "da": "да", "dos": "дус", "van": "ван", "der": "дер", "von": "фон",
              "la": "ла", "le": "ле", "du": "дю", "jr": "мл", "ii": "II", "iii": "III", "iv": "IV",
              "vi": "VI", "x": "X", "xiv": "XIV", "xvi": "XVI"}


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _word(word: str) -> str:
    """Transliterate one lower-case Latin word."""
    if word in _PARTICLES:
        return _PARTICLES[word]
    out: list[str] = []
    i = 0
    while i < len(word):
        ch = word[i]
        if not ch.isalpha():
            out.append(ch)
            i += 1
            continue
        # word-initial e -> э ("Emmanuel" -> Эммануэль-ish)
        if ch == "e" and (i == 0 or word[i - 1] in _VOWELS - {"y"}) and not word.startswith("ye", i):
            out.append("э")
            i += 1
            continue
        if word.startswith("ia", i) and i + 2 == len(word):
            out.append("ия")
            break
        if ch == "y" and i > 0 and word[i - 1] in _VOWELS and (i + 1 == len(word) or word[i + 1] not in _VOWELS):
            out.append("й")
            i += 1
            continue
        for latin, cyr in _MULTI:
            if word.startswith(latin, i):
                out.append(cyr)
                i += len(latin)
                break
        else:
            out.append(_SINGLE.get(ch, ch))
            i += 1
    return "".join(out)


def _case_like(src: str, dst: str) -> str:
    if not dst or dst.isupper() and len(dst) > 1:
        return dst
    return dst[0].upper() + dst[1:] if src[:1].isupper() else dst


def en_to_ru(name: str) -> str:
    """Transliterate a Latin-script personal name into Cyrillic, keeping hyphens and case.

    >>> en_to_ru("Olzhas Bektenov")
    'Олжас Бектенов'
    """
    parts = re.split(r"([\s\-'’.]+)", _ascii(name))
    out = []
    for part in parts:
        if not part or not part[0].isalpha():
            out.append(part.replace("'", "").replace("’", "").replace(".", "."))
            continue
        out.append(_case_like(part, _word(part.lower())))
    return "".join(out).replace("  ", " ").strip()
