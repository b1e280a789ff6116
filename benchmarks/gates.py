"""Quality gates for CI: measured scores must not drop below their pinned values.

    python benchmarks/gates.py --shared ../shared

Gate 1: the seed article's graph holds everything in seed/EXPECTED.md (SPARQL checks).
Exit status 1 when any gate fails.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from kg.cli import main as kg_main
from kg.evaluation.expected import run_checks


def seed_gate(shared: Path) -> bool:
    seed = sorted((shared / "seed").glob("*.txt"))
    with tempfile.TemporaryDirectory() as out:
        rc = kg_main(["build", *map(str, seed), "-o", out])
        if rc != 0:
            print(f"FAIL seed build exited {rc}")
            return False
        results = run_checks(Path(out) / "graph.ttl")
    for name, ok in results:
        print(("ok   " if ok else "FAIL ") + name)
    passed = sum(ok for _, ok in results)
    print(f"seed: {passed}/{len(results)} checks")
    return passed == len(results)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", default="../shared")
    args = ap.parse_args()
    shared = Path(args.shared)
    ok = seed_gate(shared)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
