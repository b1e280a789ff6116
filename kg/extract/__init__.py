"""Extraction: Article -> mentions, entities, events, relations (an :class:`~kg.model.Extraction`).

The language-neutral core lives here: :mod:`~kg.extract.pipeline` (the driver and the
:class:`~kg.extract.pipeline.Language` record), :mod:`~kg.extract.context` (the working state),
:mod:`~kg.extract.drafts` (event drafts, their joining within an article, event ids),
:mod:`~kg.extract.dates`, :mod:`~kg.extract.facts` (what the knowledge base adds),
:mod:`~kg.extract.entities` (mentions -> entities, ids minted once), and
:mod:`~kg.extract.parallel` (many articles over processes or a Dask cluster). Each language is
a package beside them (``ru``, ``en``) that declares its steps.

``extract(article)`` routes by ``article.lang``; a language package is imported the first time
an article of that language comes (an English-only batch never loads natasha).
"""
from __future__ import annotations

import importlib

from ..errors import KGError
from ..model import Article, Extraction
from .pipeline import run

__all__ = ["extract", "UnsupportedLanguage", "LANGUAGES"]

#: language code -> the package that declares its LANGUAGE
LANGUAGES = {"ru": "kg.extract.ru", "en": "kg.extract.en"}


class UnsupportedLanguage(KGError):
    pass


def extract(article: Article) -> Extraction:
    """One article's extraction, by the pipeline of its language."""
    package = LANGUAGES.get(article.lang)
    if package is None:
        raise UnsupportedLanguage(f"{article.source}: language {article.lang!r} is not supported "
                                  f"({', '.join(LANGUAGES)})")
    return run(importlib.import_module(package).LANGUAGE, article)
