"""Rewriting a sorted export cheaply: copy the old file around the records that changed.

``graph.nt``, ``graph.ttl``, ``graph.jsonld`` and ``graph.trig`` are sequences of records in
sorted order (a triple a line, keyed by its subject; a block per subject; a node object a line;
a block per named graph), after a fixed head. When a few records change, the new file is the old one with those
records replaced, removed or inserted: each is found by binary search in the old file (a
memory map), and the bytes between them are copied as they are. The result is byte for byte
what writing the whole file gives (tests check it), at the cost of copying bytes rather than
formatting millions of triples.

A layout names where the records are and how to read a record's key; the keys are those the
writers sort by (:mod:`kg.rdf.writers`).
"""
from __future__ import annotations

import json
import mmap
import re
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Callable, Iterable

from ..vocab import ID_NS, PREFIXES
from .triples import iri

__all__ = ["Layout", "LAYOUTS", "splice", "old_records", "turtle_term_to_nt"]


def turtle_term_to_nt(token: str) -> str:
    """An IRI or blank node as the Turtle writer of :mod:`kg.rdf.writers` writes it -> its N-Triples term."""
    if token.startswith("<"):
        inner = token[1:-1]
        return token if ":" in inner else iri(ID_NS + inner)
    if token.startswith("_:"):
        return token
    prefix, _, local = token.partition(":")
    return iri(PREFIXES[prefix] + local)


def _nt_key(mm, pos: int):
    head = mm[pos:pos + 4096]
    return head[:head.index(b" ")].decode("utf-8")  # the subject: a line's first term


def _turtle_key(mm, pos: int):
    head = mm[pos:pos + 4096]
    return turtle_term_to_nt(head[:head.index(b" ")].decode("utf-8"))


def _trig_key(mm, pos: int):
    head = mm[pos:pos + 4096]
    token = head[:head.index(b"{")].strip().decode("utf-8")
    return "" if not token else turtle_term_to_nt(token)


def _jsonld_key(mm, pos: int):
    head = mm[pos:pos + 8192].decode("utf-8", "ignore")
    value, _ = json.JSONDecoder().raw_decode(head, len('  {"@id": '))
    if value.startswith("_:"):
        return value
    prefix, sep, local = value.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        return iri(PREFIXES[prefix] + local)
    return iri(value)


@dataclass(frozen=True)
class Layout:
    """Where the records of an export are, and how they are told apart."""

    start: re.Pattern  # matches the bytes just before a record starts (the record begins at m.end())
    lookback: int  # how many bytes before a record start that match covers
    key: Callable  # (mmap, offset of a record) -> its sort key
    tail: bytes = b""  # fixed bytes after the last record
    joined: bool = False  # records are separated by ",\n" (JSON): strip it from copied runs, re-add at seams


LAYOUTS = {
    "graph.nt": Layout(re.compile(rb"\n"), 1, _nt_key),
    "graph.ttl": Layout(re.compile(rb"\n\n"), 2, _turtle_key),
    "graph.trig": Layout(re.compile(rb"\}\n\n"), 3, _trig_key),
    "graph.jsonld": Layout(re.compile(rb"\n(?=  \{)"), 1, _jsonld_key, tail=b"\n ]\n}\n", joined=True),
}


class _Records:
    def __init__(self, mm, body: int, end: int, layout: Layout):
        self.mm, self.body, self.end, self.layout = mm, body, end, layout

    def next_start(self, pos: int) -> int:
        """The first record start at or after ``pos`` (``end`` when none)."""
        if pos <= self.body:
            return self.body if self.body < self.end else self.end
        m = self.layout.start.search(self.mm, max(self.body, pos - self.layout.lookback), self.end)
        while m is not None and m.end() < pos:
            m = self.layout.start.search(self.mm, m.start() + 1, self.end)
        return m.end() if m is not None and m.end() < self.end else self.end

    def bound(self, key, lo: int, strict: bool = False) -> int:
        """The first record starting at or after ``lo`` whose key is >= ``key`` (> with ``strict``),
        ``end`` when none."""
        hi, found = self.end, self.end
        while lo < hi:
            mid = (lo + hi) // 2
            r = self.next_start(mid)
            if r >= hi:  # no record starts in [mid, hi)
                hi = mid
                continue
            k = self.layout.key(self.mm, r)
            if k > key or (k == key and not strict):
                found, hi = r, mid
            else:
                lo = r + 1
        return found


def splice(old: Path, head: bytes, layout: Layout, edits: Iterable[tuple[object, bytes | None]],
           out: BinaryIO) -> None:
    """Write to ``out`` the file ``old`` (which starts with ``head``) with records replaced:
    ``edits`` are (key, new text or None), sorted by key; every old record with that key is
    dropped and the new text (if any) written in their place, or at the key's place when the
    old file had none. For a joined layout the new text carries no separator."""
    with open(old, "rb") as fh:
        size = fh.seek(0, 2)
        mm = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
        try:
            _splice(mm, head, layout, edits, out)
        finally:
            if size:
                mm.close()


def _splice(mm, head: bytes, layout: Layout, edits, out: BinaryIO) -> None:
    if mm[:len(head)] != head or (layout.tail and mm[len(mm) - len(layout.tail):] != layout.tail):
        raise ValueError("not the file this layout describes")
    end = len(mm) - len(layout.tail)
    recs = _Records(mm, len(head), end, layout)
    out.write(head)
    pieces = 0

    def put(data) -> None:
        nonlocal pieces
        if layout.joined and pieces:
            out.write(b",\n")
        out.write(data)
        pieces += 1

    def run(a: int, b: int) -> None:
        if a >= b:
            return
        if layout.joined and mm[b - 2:b] == b",\n":  # a run of old records: drop its last separator
            b -= 2
        put(mm[a:b])

    cur = recs.body
    for key, text in edits:
        pos = recs.bound(key, cur)
        run(cur, pos)
        cur = recs.bound(key, pos, strict=True) if pos < end else pos
        if text:
            put(text)
    run(cur, end)
    out.write(layout.tail)


def old_records(old: Path, head: bytes, layout: Layout, keys: Iterable[object]) -> dict[object, bytes]:
    """The bytes of the records of ``old`` with each of ``keys`` (empty when it has none)."""
    out: dict[object, bytes] = {}
    with open(old, "rb") as fh:
        size = fh.seek(0, 2)
        if not size:
            return {k: b"" for k in keys}
        mm = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        try:
            if mm[:len(head)] != head:
                raise ValueError("not the file this layout describes")
            recs = _Records(mm, len(head), len(mm) - len(layout.tail), layout)
            for key in keys:
                a = recs.bound(key, recs.body)
                b = recs.bound(key, a, strict=True) if a < recs.end else a
                out[key] = bytes(mm[a:b])
        finally:
            mm.close()
    return out
