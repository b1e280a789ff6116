"""One base exception for the project; the CLI turns each into one clear line."""
from __future__ import annotations

__all__ = ["KGError", "InputError", "QueryError", "ExportError"]


class KGError(Exception):
    """Base class of every error dipkg raises on purpose."""


class InputError(KGError):
    """An input file (or one record of it) that cannot be read as an article.

    ``source`` names the file (and line, for JSONL), so a batch can report it
    and go on with the rest.
    """

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class QueryError(KGError):
    """A SPARQL query that cannot be parsed or run."""


class ExportError(KGError):
    """An export that cannot be written."""
