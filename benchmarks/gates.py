"""Quality gates for CI: measured scores must not drop below their pinned floors.

    python benchmarks/gates.py --shared ../shared

1. The seed article's graph holds everything in seed/EXPECTED.md (SPARQL checks).
2. ``kg eval`` on ``shared/corpus``, and the meetings we annotated in NEREL v1.1 train
   documents (``benchmarks/silver_meetings.py``): every floor in ``benchmarks/gates.json``
   holds, and our NER is at least as good as natasha's NER alone on the same texts.

Exit status 1 when any gate fails.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from kg.cli import main as kg_main
from kg.evaluation import silver
from kg.evaluation.expected import run_checks
from kg.evaluation.run import run, summary

GATES = Path(__file__).with_name("gates.json")
SILVER = Path(__file__).with_name("data") / "meetings-nerel-train.tsv"


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


def corpus_gate(shared: Path) -> bool:
    gates = json.loads(GATES.read_text(encoding="utf-8"))
    reports = run(shared / "corpus")
    # our own annotation of meetings in NEREL v1.1 train documents (development only; kg/evaluation/silver.py)
    reports.append(silver.evaluate(SILVER, shared / "corpus" / "nerel-v1.1" / "train"))
    for r in reports:
        print(r.text(max_errors=0))
    scores = summary(reports)
    ok = True
    for name, floors in gates["min"].items():
        got = scores.get(name)
        for metric, floor in floors.items():
            value = got[metric] if got else None
            good = value is not None and value >= floor
            ok &= good
            print(f"{'ok  ' if good else 'FAIL'} {name} {metric} = {value} (floor {floor})")
    for ours, base in gates["at_least_baseline"]:
        a, b = scores.get(ours, {}).get("f1"), scores.get(base, {}).get("f1")
        good = a is not None and b is not None and a >= b
        ok &= good
        print(f"{'ok  ' if good else 'FAIL'} {ours} F1 {a} >= natasha alone {b}")
    return ok


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", default="../shared")
    args = ap.parse_args()
    shared = Path(args.shared)
    ok = seed_gate(shared)
    ok = corpus_gate(shared) and ok
    print("quality gates: " + ("passed" if ok else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
