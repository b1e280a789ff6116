"""Meeting pairs on our own annotation of 177 NEREL v1.1 *train* documents (development only).

    .venv/bin/python benchmarks/silver_meetings.py --shared ../shared            # score, print errors
    .venv/bin/python benchmarks/silver_meetings.py --shared ../shared --select   # the document choice

The documents: NEREL v1.1 train texts with at least one meeting word (the regular
expression below, broader than the extractor's lexicon), minus the 43 older
``corpus/nerel`` texts the rules of earlier rounds were written on: 177, ordered by the
SHA-256 of their file name (the first 90 were annotated first, the guideline's "decisions"
were written after them). The annotation (``data/meetings-nerel-train.tsv``)
follows ``data/meetings-guide.md`` and was made without seeing the extractor's output.
See ``kg/evaluation/silver.py``.
"""
from __future__ import annotations

import argparse
import hashlib
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORDS = re.compile(r"встре[тч]|переговор|бесед|визит|саммит|совещани|консультаци|обсуди|по телефону|телефонн"
                   r"|посети|посещ|прибыл|конференци|форум|принял[аи]? .{0,40}(президент|премьер|министр|делегац)"
                   r"|при[её]м|заседани|переговорил", re.I)


def select(shared: Path, n: int = 177) -> list[str]:
    train = shared / "corpus" / "nerel-v1.1" / "train"
    older = {p.read_text(encoding="utf-8")[:200] for p in (shared / "corpus" / "nerel").glob("*.txt")}
    chosen = []
    for p in sorted(train.glob("*.txt")):
        text = p.read_text(encoding="utf-8")
        if text[:200] not in older and WORDS.search(text):
            chosen.append((hashlib.sha256(p.name.encode()).hexdigest(), p.stem))
    return [name for _, name in sorted(chosen)[:n]]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    ap.add_argument("--select", action="store_true", help="print the chosen documents and stop")
    ap.add_argument("--errors", type=int, default=200, help="error lines to print")
    args = ap.parse_args(argv)
    if args.select:
        print("\n".join(select(args.shared)))
        return 0
    from kg.evaluation.silver import evaluate

    rep = evaluate(HERE / "data" / "meetings-nerel-train.tsv", args.shared / "corpus" / "nerel-v1.1" / "train")
    print(rep.text(max_errors=args.errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
