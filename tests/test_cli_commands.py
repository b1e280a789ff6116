"""The CLI: every command has help; exit codes tell success and partial failure."""
from __future__ import annotations

import subprocess
import sys

import pytest

from kg.cli import main, make_parser


@pytest.mark.parametrize("argv", [["--help"], ["build", "--help"], ["query", "--help"], ["kb", "--help"],
                                  ["kb", "lookup", "--help"], ["kb", "stats", "--help"]])
def test_cli_every_command_has_help(argv, capsys):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 0
    assert "usage: kg" in capsys.readouterr().out


def test_cli_parser_lists_commands():
    text = make_parser().format_help()
    for cmd in ("build", "query", "kb"):
        assert cmd in text


def test_cli_build_partial_failure(tmp_path, data_dir):
    src = tmp_path / "in"
    src.mkdir()
    good = (data_dir / "articles" / "talks_fixture.txt").read_text(encoding="utf-8")
    (src / "good_cp1251.txt").write_bytes(good.encode("cp1251"))
    (src / "empty.txt").write_bytes(b"")
    (src / "blob.dat").write_bytes(bytes(range(256)) * 64)
    out = tmp_path / "out"
    p = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(src), "-o", str(out)],
                       capture_output=True, text=True)
    assert p.returncode == 1
    err_lines = [l for l in p.stderr.splitlines() if l.startswith("kg: error:")]
    assert len(err_lines) == 2
    assert any("empty.txt: empty file" in l for l in err_lines)
    assert any("blob.dat" in l and "binary" in l for l in err_lines)
    assert "Traceback" not in p.stderr
    assert (out / "graph.ttl").exists() and "Тяньцзин" in (out / "graph.ttl").read_text(encoding="utf-8")


def test_cli_build_nothing_readable_is_exit_2(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    assert main(["build", str(tmp_path), "-o", str(tmp_path / "out")]) == 2
    assert not (tmp_path / "out" / "graph.ttl").exists()


def test_cli_query_formats(fixture_graph, capsys):
    q = ("PREFIX dip: <https://w3id.org/dipkg/ontology#> "
         "SELECT ?a ?b WHERE { ?a dip:metWith ?b } ORDER BY ?a")
    assert main(["query", str(fixture_graph / "graph.ttl"), q, "--format", "csv"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "a,b" and len(out) == 3
    assert main(["query", str(fixture_graph / "graph.ttl"), q, "--format", "json"]) == 0
    assert '"a": "https://w3id.org/dipkg/id/person/' in capsys.readouterr().out


def test_cli_query_from_file_and_bad_query(fixture_graph, tmp_path, capsys):
    f = tmp_path / "q.rq"
    f.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert main(["query", str(fixture_graph / "graph.ttl"), "-f", str(f)]) == 0
    assert main(["query", str(fixture_graph / "graph.ttl"), "SELEC nonsense"]) == 2
    assert "SPARQL syntax error" in capsys.readouterr().err
