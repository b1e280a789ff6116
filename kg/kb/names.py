"""How names are compared: normalised text (case, ё/е, hyphens, diacritics, punctuation), the
Russian dictionary forms of a word (pymorphy2 through natasha, with a cached lemma table), and
the stems of inflected names. Matching in :class:`~kg.kb.base.KnowledgeBase` and the
evaluations use these.
"""
from __future__ import annotations

import functools
import re
import unicodedata

# word -> lemmas of the Cyrillic words in the shipped names (data/lemmas.tsv, written by
# kg.kb.build), so that loading the base needs no morphological analysis at all
LEMMA_CACHE: dict[str, tuple[str, ...]] = {}

__all__ = ["LEMMA_CACHE", "normalize", "word_forms"]

_DASHES = re.compile(r"[\u2010-\u2015\u2212\-]")
_NONWORD = re.compile(r"[^\w\s]", re.UNICODE)
_SPACES = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Lower-case, ё→е, no diacritics on Latin letters, hyphens and punctuation as spaces."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")
    # strip combining marks from Latin letters only (keep й)
    decomposed = unicodedata.normalize("NFD", text)
    out = []
    for ch in decomposed:
        if unicodedata.combining(ch) and out and "a" <= out[-1] <= "z":
            continue
        out.append(ch)
    text = unicodedata.normalize("NFC", "".join(out)).replace("ё", "е")
    text = _DASHES.sub(" ", text).replace(".", "")
    text = _NONWORD.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def _translit_key(word: str) -> str:
    """A looser key for Latin transliterations: Tokayev/Tokaev, Zelensky/Zelenskyy."""
    w = word
    w = re.sub(r"y(?=[aeiou])", "", w)  # Tokayev -> Tokaev, Kassym stays
    w = re.sub(r"(.)\1+", r"\1", w)  # Kassym -> Kasym, Zelenskyy -> Zelensky
    w = w.replace("zh", "j").replace("dj", "j")  # Zhomart / Jomart
    return w


@functools.lru_cache(maxsize=1)
def _morph():
    # natasha's MorphVocab is pymorphy2 made to work on current Pythons
    from natasha import MorphVocab

    return MorphVocab()


_CYR = re.compile(r"[а-я]")


@functools.lru_cache(maxsize=200_000)
def word_forms(word: str) -> frozenset[str]:
    """The word and every dictionary lemma of it (Russian), normalised."""
    forms = {word}
    if _CYR.search(word):
        cached = LEMMA_CACHE.get(word)
        if cached is not None:
            forms.update(cached)
        else:
            for parse in _morph().parse(word)[:6]:
                forms.add(parse.normal_form.replace("ё", "е"))
    else:
        forms.add(_translit_key(word))
    return frozenset(forms)


_ENDINGS = sorted(["ого", "его", "ому", "ему", "ыми", "ими", "ой", "ей", "ом", "ем", "ым", "им", "ую", "юю",
                   "ая", "яя", "ы", "и", "а", "я", "у", "ю", "е", "о"], key=len, reverse=True)


@functools.lru_cache(maxsize=100_000)
def name_stem(word: str) -> frozenset[str]:
    """A crude case-ending stem of a Cyrillic name word («Мерца», «Мерц» -> мерц; «Карни» -> карн).

    Used for person names only, where the dictionary guesses poorly (foreign surnames).
    """
    if len(word) < 4 or not _CYR.search(word):
        return frozenset()
    for e in _ENDINGS:
        if word.endswith(e) and len(word) - len(e) >= 3:
            return frozenset({word[: -len(e)]})
    return frozenset({word})
