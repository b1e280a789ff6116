"""Linking quality of the knowledge base on NEREL (brat files whose entities carry Wikidata ids).

    python -m kg.kb.evaluate [../shared/corpus/nerel] [--errors]

For every gold COUNTRY, CITY, ORGANIZATION and PERSON mention with a Wikidata id, the
mention text is resolved with :meth:`KnowledgeBase.resolve` (the coarse type a Russian
NER gives: a place, an organization or a person; the other entities linked in the same
document as context). A link counts when the chosen entry has a Wikidata id:
precision = correct links / links made, recall = correct links / gold links.
Entries without a Wikidata id cannot be checked and are counted apart.
"""
from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from kg.kb import KnowledgeBase, load

__all__ = ["nerel_linking", "read_ann"]

TYPES = {"COUNTRY": ("Country", "City"), "CITY": ("Country", "City"),
         "ORGANIZATION": ("Organization",), "PERSON": ("Person",)}


@dataclass(frozen=True)
class Mention:
    doc: str
    tid: str
    type: str
    text: str
    qid: str | None


def read_ann(path: Path) -> list[Mention]:
    """Entity mentions of one brat ``.ann`` file with their Wikidata ids (None when NULL or absent)."""
    ents: dict[str, tuple[str, str]] = {}
    refs: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 3:
            ents[parts[0]] = (parts[1].split()[0], parts[2])
        elif line.startswith("N") and len(parts) >= 2:
            fields = parts[1].split()
            if len(fields) == 3 and fields[2].startswith("Wikidata:Q"):
                refs[fields[1]] = fields[2].split(":", 1)[1]
    return [Mention(path.stem, tid, t, text, refs.get(tid)) for tid, (t, text) in ents.items()]


def _inconsistent_places(mentions: list[Mention]) -> set[str]:
    """COUNTRY/CITY mentions whose gold id is also given to a non-place mention of the document.

    NEREL sometimes puts an organization's id on a country name («Россия» carrying the id of
    the Gas Exporting Countries Forum) or tags a national team as a country («Мексика» with the
    id of the football team, which «сборная Мексики» also carries). Such a gold id names no place,
    so these mentions are left out of the place figures (and counted as skipped).
    """
    non_place = {m.qid for m in mentions if m.qid and m.type not in ("COUNTRY", "CITY", "STATE_OR_PROVINCE",
                                                                     "LOCATION")}
    return {m.tid for m in mentions if m.type in ("COUNTRY", "CITY") and m.qid in non_place}


def _link_document(kb: KnowledgeBase, mentions: list[Mention]) -> dict[str, object]:
    """Resolve each mention; a second pass uses the first pass's links as context."""
    first = {m.tid: kb.resolve(m.text, TYPES[m.type]) for m in mentions}
    context = {r.entry.id for r in first.values() if r is not None}
    out = {}
    for m in mentions:
        r = first[m.tid]
        ctx = tuple(sorted(context - ({r.entry.id} if r else set())))
        out[m.tid] = kb.resolve(m.text, TYPES[m.type], context_ids=ctx)
    return out


def nerel_linking(corpus_dir: str | Path, kb: KnowledgeBase | None = None,
                  errors: list[str] | None = None) -> dict:
    """Per-type precision and recall of linking gold mentions to Wikidata ids."""
    kb = kb or load()
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for path in sorted(Path(corpus_dir).glob("*.ann")):
        all_mentions = read_ann(path)
        inconsistent = _inconsistent_places(all_mentions)
        counts["COUNTRY"]["skipped"] += sum(1 for m in all_mentions if m.tid in inconsistent and m.type == "COUNTRY")
        counts["CITY"]["skipped"] += sum(1 for m in all_mentions if m.tid in inconsistent and m.type == "CITY")
        mentions = [m for m in all_mentions if m.type in TYPES and m.qid and m.tid not in inconsistent]
        links = _link_document(kb, mentions)
        for m in mentions:
            c = counts[m.type]
            c["gold"] += 1
            match = links[m.tid]
            if match is None:
                continue
            if not match.entry.wikidata:
                c["linked_without_id"] += 1
                continue
            c["links"] += 1
            if m.qid in (match.entry.wikidata, *match.entry.attrs.get("wikidata_alt", ())):
                c["correct"] += 1
            elif errors is not None:
                errors.append(f"{m.doc}\t{m.type}\t{m.text}\tgold {m.qid}\tgot {match.entry.id} "
                              f"{match.entry.wikidata} ({match.kind}: {match.matched})")
    result = {}
    for t in TYPES:
        c = counts[t]
        result[t] = {"gold": c["gold"], "links": c["links"], "correct": c["correct"],
                     "linked_without_id": c["linked_without_id"], "skipped_inconsistent": c["skipped"],
                     "precision": round(c["correct"] / c["links"], 4) if c["links"] else None,
                     "recall": round(c["correct"] / c["gold"], 4) if c["gold"] else None}
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="NEREL linking precision/recall")
    ap.add_argument("corpus", nargs="?", default=str(Path(__file__).parents[3] / "shared/corpus/nerel"))
    ap.add_argument("--errors", action="store_true", help="print the wrong links")
    args = ap.parse_args(argv)
    errs: list[str] = []
    res = nerel_linking(args.corpus, errors=errs)
    for t, r in res.items():
        print(f"{t:13} gold {r['gold']:4}  links {r['links']:4}  correct {r['correct']:4}  "
              f"precision {r['precision']}  recall {r['recall']}  (linked to entries without id: "
              f"{r['linked_without_id']}; gold place ids naming a non-place, skipped: {r['skipped_inconsistent']})")
    if args.errors:
        print("\n".join(errs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
