"""kg build -j N: worker processes give exactly the serial build's exports."""
from __future__ import annotations

import subprocess
import sys

from kg.pipeline import build, build_articles


def test_parallel_two_processes_identical_exports(corpus12, data_dir):
    par = build([data_dir / "corpus12"], jobs=2, progress=False)
    assert len(par.records.articles) == 13
    assert par.ntriples() == corpus12.ntriples()
    assert par.trig() == corpus12.trig()
    assert par.turtle() == corpus12.turtle()
    assert par.graphml() == corpus12.graphml()


def test_parallel_failures_reported_like_serial(data_dir):
    import dataclasses

    from kg.ingest import read_paths

    good = [a for a in read_paths([data_dir / "corpus12" / "12_ru_putin_erdogan_call.txt"])]
    bad = dataclasses.replace(good[0], id="0" * 16, lang="xx", source="bad.txt")
    serial = build_articles(good + [bad])
    par = build_articles(good + [bad], jobs=2, progress=False)
    assert [(e.source, e.reason) for e in par.errors] == [(e.source, e.reason) for e in serial.errors]
    assert len(par.errors) == 1 and par.errors[0].source == "bad.txt" and "not supported" in par.errors[0].reason
    assert par.ntriples() == serial.ntriples()


def test_parallel_cli_progress_bar_on_request(tmp_path, data_dir):
    src = tmp_path / "in"
    src.mkdir()
    for name in ("07_ru_tokayev_mirziyoyev_astana.txt", "08_en_tokayev_mirziyoyev_astana.txt"):
        (src / name).write_bytes((data_dir / "corpus12" / name).read_bytes())
    p = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(src), "-o", str(tmp_path / "out"),
                        "-j", "2", "--progress"], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    assert "2/2" in p.stderr and "failed=0" in p.stderr  # articles done and failures, on stderr
    assert "2/2" not in p.stdout
    q = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(src), "-o", str(tmp_path / "out2"), "-j", "2"],
                       capture_output=True, text=True)
    assert q.returncode == 0 and "2/2" not in q.stderr  # not a terminal, no --progress: no bar
    assert (tmp_path / "out" / "graph.nt").read_bytes() == (tmp_path / "out2" / "graph.nt").read_bytes()
