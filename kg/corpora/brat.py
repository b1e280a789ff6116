"""A small brat standoff reader for training and scoring the linker on NEREL.

The project's evaluation reader (:mod:`kg.evaluation.nerel`) leaves discontinuous
spans out; the linker learns from every EVENT link, so this one keeps them, as a
tuple of fragments. What it handles, because NEREL has each of them:

- discontinuous spans ``T1<TAB>EVENT 10 15;20 31<TAB>text`` (fragments may even be
  written out of order: they are sorted);
- an entity text holding a newline, which spills the rest of the text onto the
  next line of the ``.ann`` file (that stray line is skipped, offsets are kept);
- nested and overlapping entities (each ``T`` line is its own entity);
- ``R`` relations, ``N`` normalisations (Wikidata ids); ``#`` notes, ``A``
  attributes and anything else are ignored.

Offsets are character offsets into the ``.txt`` file read as UTF-8 (Python
string indexes), as brat writes them. The entity's ``text`` is the document's
own text of its fragments joined by a space, not the ``.ann`` copy.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["BratEntity", "BratRelation", "BratDoc", "read_doc", "read_dir", "parse_ann"]

_FRAG = re.compile(r"^(\d+) (\d+)$")


@dataclass(frozen=True)
class BratEntity:
    """One ``T`` line: an entity mention of a NEREL type with one or more fragments."""

    id: str
    type: str
    fragments: tuple[tuple[int, int], ...]
    text: str = ""
    wikidata: str | None = None

    @property
    def start(self) -> int:
        """First character of the first fragment."""
        return self.fragments[0][0]

    @property
    def end(self) -> int:
        """End (exclusive) of the last fragment."""
        return self.fragments[-1][1]

    @property
    def discontinuous(self) -> bool:
        return len(self.fragments) > 1


@dataclass(frozen=True)
class BratRelation:
    """One ``R`` line: ``type`` from ``arg1`` to ``arg2`` (entity ids)."""

    id: str
    type: str
    arg1: str
    arg2: str


@dataclass
class BratDoc:
    """A document: its text, entities by id and relations in file order."""

    name: str
    text: str
    entities: dict[str, BratEntity] = field(default_factory=dict)
    relations: list[BratRelation] = field(default_factory=list)


def _fragments(spec: str) -> tuple[tuple[int, int], ...] | None:
    out = []
    for part in spec.split(";"):
        m = _FRAG.match(part.strip())
        if not m:
            return None
        a, b = int(m.group(1)), int(m.group(2))
        if b < a:
            return None
        out.append((a, b))
    return tuple(sorted(out)) if out else None


def parse_ann(ann: str, text: str, name: str = "") -> BratDoc:
    """Parse the content of an ``.ann`` file against its document ``text``.

    Lines that do not parse (the spill-over of an entity text holding a newline,
    a fragment outside the text) are skipped rather than failing the document.
    """
    doc = BratDoc(name=name, text=text)
    norms: list[tuple[str, str]] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if len(parts) < 2 or not parts[0][1:].isdigit():
            continue
        kind = parts[0][0]
        if kind == "T":
            typ, _, spec = parts[1].partition(" ")
            frags = _fragments(spec)
            if not typ or frags is None or frags[-1][1] > len(text):
                continue
            surface = " ".join(text[a:b] for a, b in frags)
            doc.entities[parts[0]] = BratEntity(parts[0], typ, frags, surface)
        elif kind == "R":
            bits = parts[1].split()
            if len(bits) == 3 and bits[1].startswith("Arg1:") and bits[2].startswith("Arg2:"):
                doc.relations.append(BratRelation(parts[0], bits[0], bits[1][5:], bits[2][5:]))
        elif kind == "N":
            bits = parts[1].split()
            if len(bits) >= 3 and bits[2].startswith("Wikidata:"):
                norms.append((bits[1], bits[2].split(":", 1)[1]))
    for eid, qid in norms:
        e = doc.entities.get(eid)
        if e is not None and e.wikidata is None:
            doc.entities[eid] = BratEntity(e.id, e.type, e.fragments, e.text, qid)
    return doc


def read_doc(ann_path: Path | str) -> BratDoc:
    """Read ``X.ann`` and its ``X.txt`` (UTF-8, newlines kept as written)."""
    ann_path = Path(ann_path)
    with open(ann_path.with_suffix(".txt"), encoding="utf-8", newline="") as f:
        text = f.read()
    with open(ann_path, encoding="utf-8", newline="") as f:
        ann = f.read()
    return parse_ann(ann, text, ann_path.stem)


def read_dir(folder: Path | str) -> list[BratDoc]:
    """Every ``.ann`` document of a folder, sorted by file name (deterministic)."""
    return [read_doc(p) for p in sorted(Path(folder).glob("*.ann"))]
