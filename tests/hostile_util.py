"""Helpers of the hostile-input, crash and determinism tests (issue 10): run the CLI as a user
does, in a subprocess, and measure it."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).parent.parent
FIXTURE = ROOT / "tests" / "data" / "articles" / "talks_fixture.txt"

# A small launcher runs `kg ARGS...` as its child and reports the child's peak RSS
# (getrusage(RUSAGE_CHILDREN).ru_maxrss, KiB on Linux: the largest of kg and of its waited-for
# worker processes) to the file named by KG_TEST_RUSAGE. The launcher is there because a
# process forked from pytest would count pytest's own memory as its peak.
_LAUNCHER = r"""
import json, os, resource, subprocess, sys, time
t0 = time.monotonic()
proc = subprocess.run([sys.executable, "-c",
                       "import sys; from kg.cli import main; sys.exit(main(sys.argv[1:]))", *sys.argv[1:]])
with open(os.environ["KG_TEST_RUSAGE"], "w") as fh:
    json.dump({"maxrss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
               "seconds": time.monotonic() - t0}, fh)
sys.exit(proc.returncode)
"""


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str
    seconds: float
    peak_rss_mb: float

    def error_lines(self) -> list[str]:
        return [ln for ln in self.stderr.splitlines() if ln.startswith("kg: error: ")]


def kg_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("KG_DEBUG",)}
    env.setdefault("PYTHONHASHSEED", "0")
    env.update(extra)
    return env


def run_kg(args: list[str], cwd: Path, timeout: float = 600, **env: str) -> Run:
    """``kg ARGS`` in a subprocess; its exit code, output, wall time and peak RSS."""
    usage = Path(cwd) / f".rusage.{os.getpid()}.{time.monotonic_ns()}.json"
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", _LAUNCHER, *args], cwd=cwd, capture_output=True,
                          text=True, timeout=timeout, env=kg_env(KG_TEST_RUSAGE=str(usage), **env))
    seconds = time.monotonic() - started
    try:
        peak = json.loads(usage.read_text())["maxrss_kb"] / 1024
        usage.unlink()
    except (OSError, ValueError):
        peak = float("nan")
    return Run(proc.returncode, proc.stdout, proc.stderr, seconds, peak)


def kg_command(args: list[str]) -> list[str]:
    """The command line of ``kg ARGS`` in this interpreter (for Popen)."""
    return [sys.executable, "-c", "import sys; from kg.cli import main; sys.exit(main(sys.argv[1:]))", *args]
