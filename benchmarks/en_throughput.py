"""Milliseconds per article of the English pipeline on the Wikinews texts of ../shared/corpus.

    python benchmarks/en_throughput.py [CORPUS_DIR]

Reads every ``wikinews-en/*.txt`` as users' files are read, warms up (knowledge base loaded,
one pass discarded), then times ``extract_en`` over all articles, best of three passes, on
one core. Prints one line: articles, characters, ms per article, ms per 1,000 characters.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

from kg.extract.en import extract_en
from kg.ingest import read_file
from kg.kb import load


def main(corpus: Path) -> None:
    folder = corpus / "wikinews-en" if (corpus / "wikinews-en").is_dir() else corpus
    articles = [a for f in sorted(folder.glob("*.txt")) for a in read_file(f) if not isinstance(a, Exception)]
    if not articles:
        raise SystemExit(f"{folder}: no articles")
    kb = load()
    for a in articles:
        extract_en(a, kb)
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        for a in articles:
            extract_en(a, kb)
        best = min(best, time.perf_counter() - t0)
    chars = sum(len(a.text) for a in articles)
    print(f"en pipeline: {len(articles)} articles, {chars} chars, "
          f"{1000 * best / len(articles):.1f} ms per article, {1e6 * best / chars:.2f} ms per 1,000 chars")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus")
