"""dipkg: a knowledge graph of diplomatic events from Russian and English news.

    >>> import kg
    >>> result = kg.build(["examples/"])   # doctest: +SKIP
    >>> result.networkx, result.rdf        # doctest: +SKIP
"""
from __future__ import annotations

__version__ = "0.1.0"

from .errors import InputError, KGError  # noqa: E402
from .pipeline import KnowledgeGraph, build, build_articles  # noqa: E402

__all__ = ["build", "build_articles", "KnowledgeGraph", "KGError", "InputError", "__version__"]
