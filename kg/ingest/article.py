"""Making an :class:`~kg.model.Article` from text and metadata."""
from __future__ import annotations

import hashlib
import re
import unicodedata

from ..model import Article
from .lang import detect_language

__all__ = ["make_article", "normalize_text", "article_id"]

_TRAILING = re.compile(r"[ \t\u00a0]+\n")
_BLANKS = re.compile(r"\n{3,}")


def normalize_text(text: str) -> str:
    """NFC, Unix newlines, no trailing spaces, at most one blank line in a row."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n").replace("\ufeff", "")
    text = _TRAILING.sub("\n", text)
    return _BLANKS.sub("\n\n", text).strip()


def article_id(text: str) -> str:
    """Stable id: the first 16 hex digits of SHA-256 of the normalised text."""
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()[:16]


def make_article(text: str, *, source: str, title: str = "", date: str | None = None,
                 lang: str | None = None, url: str = "", rubric: str = "", lead: str = "",
                 caption: str = "", credit: str = "") -> Article:
    """An article whose ``text`` is the headline, lead and body, normalised."""
    title = " ".join(title.split())
    lead = " ".join(lead.split())
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
