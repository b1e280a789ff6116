"""Compatibility: the readers and writers moved to :mod:`kg.graph.formats`;
``kg.graph_io.read_graphml`` and the other names the README documented keep working from here."""
from __future__ import annotations

from .graph.formats import *  # noqa: F401,F403
from .graph.formats import __all__  # noqa: F401
