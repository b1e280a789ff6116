"""Extractors: Article -> mentions, entities, events, relations (an :class:`~kg.model.Extraction`).

``extract(article)`` routes by ``article.lang``; each language lives in its
own subpackage (``ru``, later ``en``) and shares the knowledge base.
"""
from __future__ import annotations

from ..errors import KGError
from ..model import Article, Extraction

__all__ = ["extract", "UnsupportedLanguage"]


class UnsupportedLanguage(KGError):
    pass


def extract(article: Article) -> Extraction:
    if article.lang == "ru":
        from .ru import extract_ru

        return extract_ru(article)
    if article.lang == "en":
        from .en import extract_en

        return extract_en(article)
    raise UnsupportedLanguage(f"{article.source}: language {article.lang!r} is not supported (ru, en)")
