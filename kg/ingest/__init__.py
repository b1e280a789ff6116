"""Ingestion: input files and directories -> :class:`~kg.model.Article`.

``read_paths`` walks files and directories (recursively, in sorted order),
chooses a reader by extension and content, and yields Articles and
:class:`~kg.errors.InputError` objects; it never raises for bad input, so a
batch always goes on. Supported: the seed's agency text layout, plain text,
HTML, JSON Lines, RSS/Atom feeds.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import InputError
from ..model import Article
from .article import article_id, make_article, normalize_text
from .decode import MAX_BYTES, decode
from .lang import detect_language
from .readers import (
    looks_like_feed,
    looks_like_html,
    read_feed,
    read_html,
    read_jsonl,
    read_text,
)

__all__ = ["NOT_ARTICLES", "read_paths", "input_files", "read_file", "read_string", "make_article", "article_id", "normalize_text",
           "detect_language", "MAX_BYTES"]

_HTML = {".html", ".htm", ".xhtml"}
_JSONL = {".jsonl", ".ndjson"}
_FEED = {".rss", ".atom", ".xml"}


#: In a folder, files with these extensions are not articles but annotations, tables,
#: code or graph exports (brat .ann, factRuEval .tokens/.spans/..., our own exports),
#: and are passed over; named on the command line, any file is read.
NOT_ARTICLES = frozenset({
    ".ann", ".tokens", ".spans", ".objects", ".coref", ".facts", ".out",
    ".tsv", ".csv", ".py", ".pyc", ".ipynb", ".sh", ".toml", ".ini", ".cfg", ".yaml", ".yml", ".md",
    ".rq", ".ttl", ".nt", ".trig", ".nq", ".jsonld", ".graphml", ".gexf", ".sqlite", ".lock",
})


def read_paths(paths: Iterable[str | os.PathLike]) -> Iterator[Article | InputError]:
    for item in input_files(paths):
        if isinstance(item, InputError):
            yield item
        else:
            yield from read_file(item)


def input_files(paths: Iterable[str | os.PathLike]) -> Iterator[Path | InputError]:
    """The files :func:`read_paths` reads, in its order (folders recursively, hidden files and
    :data:`NOT_ARTICLES` passed over), or the error for a path that cannot be read."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            files = sorted(f for f in path.rglob("*")
                           if f.is_file() and not any(part.startswith(".") for part in f.relative_to(path).parts)
                           and f.suffix.lower() not in NOT_ARTICLES)
            if not files:
                yield InputError(str(path), "directory holds no files")
            yield from files
        elif path.is_file():
            yield path
        elif not path.exists():
            yield InputError(str(path), "no such file or directory")
        else:
            yield InputError(str(path), "not a regular file")


def read_file(path: str | os.PathLike) -> Iterator[Article | InputError]:
    path = Path(path)
    source = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            yield InputError(source, f"file too large ({size / 1048576:.1f} MB; the limit is "
                                     f"{MAX_BYTES // 1048576} MB per article)")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(source, f"cannot read ({exc.strerror or exc})")
        return
    yield from read_bytes(data, source, path.suffix.lower())


def read_bytes(data: bytes, source: str, suffix: str = "") -> Iterator[Article | InputError]:
    if suffix in _FEED or (suffix not in _HTML | _JSONL and looks_like_feed(data)):
        if not data.strip():
            yield InputError(source, "empty file")
            return
        yield from read_feed(data, source)
        return
    try:
        text = decode(data, source)
    except InputError as exc:
        yield exc
        return
    if suffix in _JSONL:
        yield from read_jsonl(text, source)
    elif suffix in _HTML or looks_like_html(text):
        yield from read_html(text, source)
    else:
        yield from read_text(text, source)


def read_string(text: str, source: str = "<string>") -> Iterator[Article | InputError]:
    """Articles from text already in memory (the seed layout or plain text)."""
    if not text.strip():
        yield InputError(source, "empty text")
        return
    yield from read_text(text, source)
