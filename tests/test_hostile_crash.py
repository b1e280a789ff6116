"""Crash safety (issue 10): `kg build` killed with SIGKILL mid-way leaves the previous exports
intact (each file the old one or the complete new one, never a truncated file); the next run
removes the temporary files left behind and finishes the job, without duplicates."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from hostile_util import FIXTURE, ROOT, kg_command, kg_env, run_kg

from kg.pipeline import EXPORT_FILES

BILINGUAL = ROOT / "tests" / "data" / "bilingual"
OLD = "Xi Jinping met Kassym-Jomart Tokayev in Astana on Tuesday to discuss trade.\n"


def _batch(root: Path) -> Path:
    d = root / "batch"
    d.mkdir()
    shutil.copy(FIXTURE, d / "talks.txt")
    shutil.copy(BILINGUAL / "putin_tokayev_en.txt", d / "en.txt")
    for i, (who, whom, where) in enumerate((("Путин", "Эрдоганом", "Анкаре"), ("Лавров", "Ван И", "Пекине"))):
        (d / f"extra{i}.txt").write_text(f"{who} провел переговоры с {whom} в {where}.\n\n"
                                         f"Стороны обсудили торговлю и безопасность.\n", encoding="utf-8")
    return d


def _snapshot(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def _killpg(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # the build and its worker processes (its own group)
    except ProcessLookupError:
        pass
    proc.wait(timeout=30)


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    root = tmp_path_factory.mktemp("crash")
    (root / "old.txt").write_text(OLD, encoding="utf-8")
    batch = _batch(root)
    # the complete new exports, from an undisturbed run elsewhere
    ref = run_kg(["build", "batch", "-o", "ref"], cwd=root)
    assert ref.code == 0, ref.stderr
    return root, _snapshot(root / "ref"), batch


def _old_exports(root: Path, name: str) -> tuple[Path, dict[str, bytes]]:
    out = root / name
    run = run_kg(["build", "old.txt", "-o", name], cwd=root)
    assert run.code == 0, run.stderr
    return out, _snapshot(out)


def _check_whole(out: Path, old: dict[str, bytes], new: dict[str, bytes]) -> list[str]:
    """Every export is the old file or the complete new one; returns the names already new."""
    replaced = []
    for name in EXPORT_FILES:
        data = (out / name).read_bytes()
        assert data in (old[name], new[name]), f"{name}: neither the old nor the new file (truncated?)"
        if data != old[name]:
            replaced.append(name)
    visible = {p.name for p in out.iterdir() if not p.name.startswith(".")}
    assert visible == set(EXPORT_FILES), visible  # no stray file looks like an export
    return replaced


def _rerun_finishes(root: Path, out: Path, new: dict[str, bytes]) -> None:
    run = run_kg(["build", "batch", "-o", out.name], cwd=root)
    assert run.code == 0 and "Traceback" not in run.stderr, run.stderr
    assert _snapshot(out) == new  # byte-identical to the undisturbed run: nothing lost, nothing twice
    assert not list(out.glob(".*.tmp"))


def test_crash_kill_while_exports_are_staged(setup):
    """Killed as soon as the first temporary export file appears: extraction is over, the files
    are being written; the old exports are all still there, whole."""
    root, new, _ = setup
    out, old = _old_exports(root, "out_staged")
    proc = subprocess.Popen(kg_command(["build", "batch", "-o", out.name]), cwd=root, env=kg_env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 600
    try:
        while not list(out.glob(".*.tmp")):
            assert proc.poll() is None, "the build ended before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.002)
    finally:
        _killpg(proc)
    assert b"Traceback" not in proc.stderr.read()
    proc.stderr.close()
    replaced = _check_whole(out, old, new)
    assert replaced == []  # nothing is renamed before every file is written
    assert list(out.glob(".*.tmp"))  # the killed run's leftovers, hidden ...
    _rerun_finishes(root, out, new)  # ... and cleaned up by the next run


@pytest.mark.parametrize("delay", [2.0])
def test_crash_kill_during_extraction(setup, delay):
    root, new, _ = setup
    out, old = _old_exports(root, f"out_{delay:g}")
    proc = subprocess.Popen(kg_command(["build", "batch", "-o", out.name]), cwd=root, env=kg_env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    time.sleep(delay)
    _killpg(proc)
    _check_whole(out, old, new)
    _rerun_finishes(root, out, new)
