"""Entity linking of the English pipeline against Wikinews editors' links (``wikinews-en/``).

Each ``NAME.txt`` with a ``NAME.links.tsv`` (start, end, surface, target page
title; offsets in the file's text) is read as users' files are read
(:func:`kg.ingest.read_file`: headline, dateline and body), the link offsets
are carried over to the article text by aligning the two texts, and the
English pipeline runs on it.

A link counts when its target is in the knowledge base: the page title (a
``pt:``/``fr:`` prefix and a ``#section`` dropped) is looked up among the
KB's names and aliases, a ``(country)``/``(city)`` qualifier restricting the
type, and a link whose title has another qualifier («Georgia (U.S. state)»)
is outside the base. For each counted link, our linked mention overlapping
its span the most is right (tp) when it is the target entry, wrong (fp)
otherwise; no linked mention there is a miss (fn). A link whose target is
outside the base but whose bare title names a KB entry we linked there (the
other sense of an ambiguous name) is also wrong.
"""
from __future__ import annotations

import difflib
import re
from pathlib import Path

from ..extract.en import extract_en
from ..ingest import read_file
from ..kb import load
from . import Report

__all__ = ["evaluate", "target_entry", "align"]

_QUAL_TYPES = {"country": ("Country",), "city": ("City",), "state": None, "u.s. state": None}


def _folder(corpus_dir: Path) -> Path:
    p = Path(corpus_dir)
    for cand in (p, p / "wikinews-en", p / "corpus" / "wikinews-en"):
        if cand.is_dir() and any(cand.glob("*.links.tsv")):
            return cand
    raise FileNotFoundError(f"{corpus_dir}: no wikinews-en/*.links.tsv")


def _bare(title: str) -> tuple[str, str | None]:
    t = title.split("#", 1)[0].strip()
    t = re.sub(r"^[a-z]{2}:", "", t)
    m = re.match(r"^(.*?)\s*\(([^)]*)\)\s*$", t)
    if m:
        return m.group(1), m.group(2).lower()
    return t, None


def target_entry(kb, title: str) -> str | None:
    """The KB entry a Wikipedia page title names (by English name or alias), else None."""
    bare, qual = _bare(title)
    if not bare:
        return None
    types = ("Country", "City", "Organization", "Person")
    if qual is not None:
        if qual not in _QUAL_TYPES or _QUAL_TYPES[qual] is None:
            return None
        types = _QUAL_TYPES[qual]
    matches = [m for m in kb.lookup(bare, types) if m.kind in ("name", "alias")]
    ids = sorted({m.entry.id for m in matches})
    if len(ids) == 1:
        return ids[0]
    names = [m for m in matches if m.kind == "name"]
    if len({m.entry.id for m in names}) == 1:
        return names[0].entry.id
    return None


def _other_sense(kb, title: str) -> set[str]:
    """KB entries the bare title names when the page is another sense («Georgia (U.S. state)»)."""
    bare, qual = _bare(title)
    if qual is None or (qual in _QUAL_TYPES and _QUAL_TYPES[qual] is not None):
        return set()
    return {m.entry.id for m in kb.lookup(bare) if m.kind in ("name", "alias")}


def align(raw: str, text: str) -> list[int]:
    """For each offset of ``raw``, the offset in ``text`` (-1 where the character was dropped)."""
    out = [-1] * (len(raw) + 1)
    sm = difflib.SequenceMatcher(None, raw, text, autojunk=False)
    for a, b, n in sm.get_matching_blocks():
        for k in range(n):
            out[a + k] = b + k
    out[len(raw)] = len(text)
    return out


def evaluate(corpus_dir: Path) -> Report:
    kb = load()
    folder = _folder(corpus_dir)
    rep = Report("Wikinews (English): entity linking against the editors' links to KB entries")
    total = rep.score("linking, links to KB entries")
    per_type = {t: rep.score(f"  {t}") for t in ("Country", "City", "Organization", "Person")}
    n_links = n_kb = n_unmapped = 0
    for links_path in sorted(folder.glob("*.links.tsv")):
        txt = links_path.with_name(links_path.name[: -len(".links.tsv")] + ".txt")
        if not txt.exists():
            continue
        raw = txt.read_text(encoding="utf-8")
        art = next((a for a in read_file(txt) if not isinstance(a, Exception)), None)
        if art is None:
            continue
        amap = align(raw, art.text)
        x = extract_en(art, kb)
        linked = [m for m in x.mentions if m.kb_id]
        for line in links_path.read_text(encoding="utf-8").splitlines()[1:]:
            parts = line.split("\t")
            if len(parts) < 4 or not parts[0].isdigit():
                continue
            n_links += 1
            s0, e0, surface, title = int(parts[0]), int(parts[1]), parts[2], parts[3]
            a, b = amap[s0] if s0 < len(amap) else -1, amap[e0 - 1] + 1 if 0 < e0 <= len(raw) and amap[e0 - 1] >= 0 else -1
            if a < 0 or b <= 0:
                n_unmapped += 1
                continue
            gold = target_entry(kb, title)
            over = [(min(b, m.end) - max(a, m.start), -(m.end - m.start), m) for m in linked
                    if m.start < b and a < m.end]
            best = max(over, key=lambda o: (o[0], o[1]))[2] if over else None
            where = f"{txt.name}:{s0} «{surface}» -> {title}"
            if gold is None:
                if best is not None and best.kb_id in _other_sense(kb, title):
                    total.fp += 1
                    rep.errors.append(f"{where}: linked {best.kb_id} (another sense of the name)")
                continue
            n_kb += 1
            typ = kb.get(gold).type
            if best is None:
                total.fn += 1
                per_type[typ].fn += 1
                rep.errors.append(f"{where}: missed ({gold})")
            elif best.kb_id == gold or any(o[2].kb_id == gold for o in over):
                total.tp += 1
                per_type[typ].tp += 1
            else:
                total.fp += 1
                total.fn += 1
                per_type[typ].fp += 1
                per_type[typ].fn += 1
                rep.errors.append(f"{where}: linked «{best.text}» to {best.kb_id}, gold {gold}")
    rep.notes.append(f"links: {n_links}, to KB entries: {n_kb}, offsets not carried over: {n_unmapped}")
    return rep
