"""kg stats and kg export, on a build and on a graph.graphml export."""
from __future__ import annotations

import json

import pytest

from kg.graph import formats as graph_io
from kg.cli import main


@pytest.fixture(scope="module")
def graphml(corpus12, tmp_path_factory):
    out = tmp_path_factory.mktemp("c12")
    path = out / "graph.graphml"
    path.write_text(corpus12.graphml(), encoding="utf-8")
    return path


@pytest.mark.parametrize("argv", [["stats", "--help"], ["export", "--help"]])
def test_cli_stats_export_have_help(argv, capsys):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 0 and "usage: kg" in capsys.readouterr().out


def test_cli_stats_on_graphml(graphml, capsys):
    assert main(["stats", str(graphml), "--top", "2"]) == 0
    out = capsys.readouterr().out
    assert "articles: 13" in out
    assert "Meeting            4" in out
    assert "date range: 2025-08-31 .. 2025-11-13" in out
    assert "most sources: 6" in out
    leaders = out.split("top leaders by meetings", 1)[1].strip().splitlines()[1:]
    assert len(leaders) == 2 and leaders[0].split()[0] == "4"


def test_cli_stats_json_same_from_build_and_graphml(graphml, data_dir, capsys):
    assert main(["stats", str(graphml), "--json"]) == 0
    from_graphml = json.loads(capsys.readouterr().out)
    assert main(["stats", str(data_dir / "corpus12"), "--json"]) == 0
    from_build = json.loads(capsys.readouterr().out)
    assert from_graphml == from_build
    assert from_build["types"]["Leader"] == 6 and from_build["unlinked"] == from_build["entities"] - from_build["linked"]


def test_cli_stats_nothing_readable(tmp_path, capsys):
    (tmp_path / "empty.txt").write_bytes(b"")
    assert main(["stats", str(tmp_path)]) == 2
    assert "kg: error:" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["gexf", "nodelink", "neo4j", "graphml"])
def test_cli_export_formats_read_back(graphml, tmp_path, fmt, capsys):
    out = tmp_path / graph_io.FORMATS[fmt]
    assert main(["export", str(graphml), "--format", fmt, "-o", str(out)]) == 0
    assert f"{fmt}:" in capsys.readouterr().out
    H = getattr(graph_io, f"read_{fmt}")(out)
    G = graph_io.read_graphml(graphml)
    assert H.number_of_nodes() == G.number_of_nodes() and H.number_of_edges() == G.number_of_edges()
