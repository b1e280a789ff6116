"""Making an :class:`~kg.model.Article` from text and metadata."""
from __future__ import annotations

import hashlib
import re
import unicodedata

from ..model import Article
from .lang import detect_language

__all__ = ["make_article", "normalize_text", "article_id", "clean_field", "fix_confusables"]

#: the lookbehind makes it linear: without it a long run of spaces is re-scanned from each space
_TRAILING = re.compile(r"(?<![ \t\u00a0])[ \t\u00a0]+\n")
_BLANKS = re.compile(r"\n{3,}")
#: characters no export may carry (XML 1.0 forbids them, UTF-8 cannot encode lone
#: surrogates, C1 controls are mojibake): dropped from every text field of an article
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean_field(text: str) -> str:
    """A metadata field (title, source, url, ...) without characters unsafe in the exports."""
    return _UNSAFE.sub("", text)


_LAT2CYR = dict(zip("ABCEHKMOPTXYaceopxyk", "АВСЕНКМОРТХУасеорхук"))
_CYR2LAT = {c: l for l, c in _LAT2CYR.items()}
_WORD = re.compile(r"[^\W\d_]+")
_HAS_LAT = re.compile(r"[A-Za-z]")
_HAS_CYR = re.compile(r"[\u0400-\u04ff]")


def _fix_word(m: re.Match) -> str:
    w = m.group()
    lat = [ch for ch in w if ch.isascii()]
    if not lat:
        return w
    cyr = [ch for ch in w if "\u0400" <= ch <= "\u04ff"]
    if not cyr or len(lat) + len(cyr) != len(w):
        return w
    if all(ch in _LAT2CYR for ch in lat) and (len(cyr) >= len(lat) or not all(ch in _CYR2LAT for ch in cyr)):
        return "".join(_LAT2CYR.get(ch, ch) for ch in w)
    if all(ch in _CYR2LAT for ch in cyr):
        return "".join(_CYR2LAT.get(ch, ch) for ch in w)
    return w


def fix_confusables(text: str) -> str:
    """Homoglyphs: a word mixing Latin and Cyrillic letters where one script only
    contributes look-alikes («Тoкaев» with Latin o and a) is rewritten in the other
    script, so the name links to the same entity. Lengths (and offsets) are kept."""
    if not (_HAS_LAT.search(text) and _HAS_CYR.search(text)):
        return text
    return _WORD.sub(_fix_word, text)


def normalize_text(text: str) -> str:
    """NFC, Unix newlines, no trailing spaces, at most one blank line in a row."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n").replace("\ufeff", "")
    text = fix_confusables(_UNSAFE.sub("", text))
    text = _TRAILING.sub("\n", text)
    return _BLANKS.sub("\n\n", text).strip()


def article_id(text: str) -> str:
    """Stable id: the first 16 hex digits of SHA-256 of the normalised text."""
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()[:16]


def make_article(text: str, *, source: str, title: str = "", date: str | None = None,
                 lang: str | None = None, url: str = "", rubric: str = "", lead: str = "",
                 caption: str = "", credit: str = "") -> Article:
    """An article whose ``text`` is the headline, lead and body, normalised."""
    title = " ".join(fix_confusables(clean_field(title)).split())
    lead = " ".join(fix_confusables(clean_field(lead)).split())
    source, url = clean_field(source), clean_field(url)
    rubric, caption, credit = (fix_confusables(clean_field(x)) for x in (rubric, caption, credit))
    parts = [p for p in (title, lead, normalize_text(text)) if p]
    # a body that already starts with its headline is not given it twice
    if title and len(parts) > 1 and parts[-1].startswith(title):
        parts.remove(title)
    full = normalize_text("\n\n".join(parts))
    title_span = (0, len(title)) if title and full.startswith(title) else None
    return Article(
        id=article_id(full), text=full, title=title, date=date,
        lang=lang if lang in ("ru", "en") else detect_language(full),
        source=source, url=url, rubric=rubric, lead=lead, caption=caption, credit=credit,
        title_span=title_span,
    )
