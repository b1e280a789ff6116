"""Readers: one per input format, each turning a file into Articles.

Each reader takes the decoded text (or bytes, for feeds) and the source name,
and yields :class:`~kg.model.Article` or :class:`~kg.errors.InputError`
objects, so one bad record does not stop the rest of a file.
"""
from __future__ import annotations

import json
import re
from typing import Iterator

from ..dates import iso, parse_dateline
from ..errors import InputError
from ..model import Article
from .article import make_article
from .seedfmt import is_seed_format, parse_plain_text, parse_seed_format

__all__ = ["read_text", "read_html", "read_jsonl", "read_feed", "looks_like_feed", "looks_like_html"]

Result = Article | InputError
_ISO_PREFIX = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def _iso_date(value: object) -> str | None:
    if not value:
        return None
    s = str(value).strip()
    m = _ISO_PREFIX.match(s)
    if m:
        return iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return parse_dateline(s)


def _need_text(article: Article, source: str) -> Article:
    if not article.text.strip():
        raise InputError(source, "no article text found")
    return article


def read_text(text: str, source: str) -> Iterator[Result]:
    try:
        if is_seed_format(text):
            yield _need_text(parse_seed_format(text, source), source)
        else:
            yield _need_text(parse_plain_text(text, source), source)
    except InputError as exc:
        yield exc


def looks_like_html(text: str) -> bool:
    head = text[:2000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "<" in head[:1])


_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]{0,40})\b[^>]{0,2000}?(/?)>")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
#: libxml2 drops everything nested deeper than 256 elements; tags beyond this depth are
#: removed (their text kept) before parsing
MAX_HTML_DEPTH = 200


def _flatten_deep(text: str) -> str:
    """Remove the tags nested deeper than :data:`MAX_HTML_DEPTH` (text stays), in one pass."""
    if text.count("<") < MAX_HTML_DEPTH:
        return text
    depth = 0
    out: list[str] = []
    pos = 0
    for m in _TAG.finditer(text):
        closing, name, selfclosing = m.group(1), m.group(2).lower(), m.group(3)
        if name in _VOID or selfclosing:
            continue
        keep = depth < MAX_HTML_DEPTH if not closing else depth <= MAX_HTML_DEPTH
        depth = max(0, depth - 1) if closing else depth + 1
        if not keep:
            between = text[pos:m.start()]
            out.append(between + " " if between.strip() else between)
            pos = m.end()
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)


def read_html(text: str, source: str) -> Iterator[Result]:
    """Main text and metadata with trafilatura (boilerplate, menus, scripts dropped)."""
    import trafilatura

    text = _flatten_deep(text)
    try:
        doc = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False,
                                          include_tables=False, favor_precision=True)
    except Exception as exc:  # trafilatura raises a zoo of parser errors on broken markup
        yield InputError(source, f"malformed HTML ({type(exc).__name__})")
        return
    if doc is None:
        yield InputError(source, "no article text found in the HTML")
        return
    get = (lambda k: getattr(doc, k, None)) if not isinstance(doc, dict) else doc.get
    body = get("text") or ""
    if not body.strip():
        yield InputError(source, "no article text found in the HTML")
        return
    yield make_article(body, source=source, title=get("title") or "",
                       date=_iso_date(get("date")), url=get("url") or "")


def read_jsonl(text: str, source: str) -> Iterator[Result]:
    """One JSON object per line: ``text`` plus optional title, date, url, lang, source."""
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{source}:{n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(where, f"malformed JSON ({exc.msg})")
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) or not obj["text"].strip():
            yield InputError(where, "JSON line without a non-empty \"text\" field")
            continue
        origin = obj.get("source") or obj.get("url") or where
        yield make_article(obj["text"], source=str(origin), title=str(obj.get("title") or ""),
                           date=_iso_date(obj.get("date")), url=str(obj.get("url") or ""),
                           lang=obj.get("lang"))


def looks_like_feed(data: bytes) -> bool:
    head = data[:1000].lstrip().lower()
    return head.startswith(b"<?xml") and (b"<rss" in data[:4000].lower() or b"<feed" in data[:4000].lower()
                                          or b"<rdf:rdf" in data[:4000].lower()) \
        or head.startswith((b"<rss", b"<feed"))


_ENTITY_DECL = re.compile(rb"<!ENTITY", re.I)
_TAGS = re.compile(r"<[^>]{0,2000}>")


def read_feed(data: bytes, source: str) -> Iterator[Result]:
    """RSS 0.9x/1.0/2.0 and Atom, with feedparser; one article per entry.

    Feeds that declare XML entities are refused outright: news feeds have no
    need for them, and they are the vehicle of entity-expansion ("billion
    laughs") and external-entity (XXE) attacks.
    """
    if _ENTITY_DECL.search(data[:100_000]):
        yield InputError(source, "feed declares XML entities (refused: entity expansion / XXE risk)")
        return
    import feedparser

    parsed = feedparser.parse(data)
    if parsed.bozo and not parsed.entries:
        reason = type(parsed.get("bozo_exception")).__name__
        yield InputError(source, f"malformed feed ({reason})")
        return
    if not parsed.entries:
        yield InputError(source, "feed has no entries")
        return
    for n, entry in enumerate(parsed.entries, start=1):
        body = ""
        if entry.get("content"):
            body = " ".join(c.get("value", "") for c in entry["content"])
        body = body or entry.get("summary", "") or entry.get("description", "")
        body = _TAGS.sub(" ", body)
        import html as _html
        body = _html.unescape(body)
        title = _html.unescape(_TAGS.sub(" ", entry.get("title", "")))
        if not body.strip() and not title.strip():
            yield InputError(f"{source}#{n}", "feed entry without text")
            continue
        date = None
        for key in ("published_parsed", "updated_parsed"):
            t = entry.get(key)
            if t:
                date = iso(t.tm_year, t.tm_mon, t.tm_mday)
                break
        link = entry.get("link", "")
        yield make_article(body, source=link or f"{source}#{n}", title=title, date=date, url=link)
