"""The news-agency text layout of the seed article, and plain text.

Layout (one item per line)::

     date 2025-08-30 ПОЛИТИКА        <- header: date and rubric
    Headline
    Lead sentence
    Photo caption / CREDIT           <- caption ends in " / CREDIT"
    30 августа 2025 г.               <- dateline
    <blank>
    Body ...

Rubric, caption and credit are metadata: they are kept on the Article and
never reach the text the extractors read, so no «ПОЛИТИКА Токаев» and no
person «Акорда».
"""
from __future__ import annotations

import re

from ..dates import parse_dateline
from ..model import Article
from .article import make_article

__all__ = ["is_seed_format", "parse_seed_format", "parse_plain_text"]

_HEADER = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\s*(.*?)\s*$")
_CAPTION = re.compile(r"^(.*\S)\s+/\s+([^/]{1,80})$")


def is_seed_format(text: str) -> bool:
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    return bool(_HEADER.match(first))


def parse_seed_format(text: str, source: str) -> Article:
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    m = _HEADER.match(lines[0])
    assert m, "caller checks is_seed_format"
    date, rubric = m.group(1), m.group(2)
    rest = lines[1:]
    head: list[str] = []
    i = 0
    # header block: the non-blank lines before the first blank line
    while i < len(rest) and rest[i].strip():
        head.append(rest[i].strip())
        i += 1
    body = "\n".join(rest[i:])
    title = lead = caption = credit = ""
    dateline = None
    kept: list[str] = []
    for line in head:
        d = parse_dateline(line)
        if d:
            dateline = d
            continue
        c = _CAPTION.match(line)
        if c and not caption:
            caption, credit = c.group(1), c.group(2).strip()
            continue
        kept.append(line)
    if kept:
        title = kept[0]
    if len(kept) > 1:
        lead = kept[1]
    if len(kept) > 2:  # more header lines than expected: keep them as body text
        body = "\n\n".join(kept[2:]) + "\n\n" + body
    return make_article(body, source=source, title=title, lead=lead, date=date or dateline,
                        rubric=rubric, caption=caption, credit=credit)


def parse_plain_text(text: str, source: str) -> Article:
    """Plain text: a short first line followed by a blank line is the headline;
    a line that is only a date, among the first lines, is the publication date."""
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").split("\n")
    title = ""
    date = None
    body_lines = lines
    if len(lines) > 2 and 0 < len(lines[0].strip()) <= 200 and not lines[1].strip():
        title = lines[0].strip()
        body_lines = lines[2:]
    out = []
    for n, line in enumerate(body_lines):
        if date is None and n < 6:
            d = parse_dateline(line)
            if d:
                date = d
                continue
        out.append(line)
    return make_article("\n".join(out), source=source, title=title, date=date)
