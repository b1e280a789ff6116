"""examples/analysis.py runs on the corpus we wrote and writes its exports."""
from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_analysis_example_script_walks_through(tmp_path, capsys):
    spec = importlib.util.spec_from_file_location("analysis_example", ROOT / "examples" / "analysis.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    mod.main(["--out", str(tmp_path)])
    out = capsys.readouterr().out
    assert out.startswith("13 articles -> ")
    assert "Kassym-Jomart Tokayev – Shavkat Mirziyoyev: 4" in out
    assert "Kazakhstan – Uzbekistan: 4 meetings (2025-08-31 .. 2025-11-13)" in out
    for name in ("graph.gexf", "graph.json", "neo4j/nodes.csv", "neo4j/relationships.csv", "events.csv",
                 "participants.csv"):
        assert (tmp_path / name).stat().st_size > 0
