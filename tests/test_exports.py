"""Exports: the four files, deterministic, offline HTML, readable back, and
exports/ in the repository is what the current code produces."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import networkx as nx
import rdflib
from rdflib.compare import isomorphic

from kg.pipeline import EXPORT_FILES

ROOT = Path(__file__).parent.parent


def test_exports_four_files(fixture_graph):
    for name in EXPORT_FILES:
        assert (fixture_graph / name).stat().st_size > 0, name


def test_exports_deterministic(tmp_path, data_dir):
    """Same input twice, in separate processes with different hash seeds: identical bytes."""
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "kg.cli", "build", str(data_dir / "articles"), "-o", str(out)],
                       check=True, env=env, capture_output=True, cwd=ROOT)
        outs.append(out)
    for name in EXPORT_FILES:
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes(), name


def test_exports_repository_folder_is_current(tmp_path):
    """exports/ holds the example's exports exactly as the README command makes them."""
    out = tmp_path / "exports"
    subprocess.run([sys.executable, "-m", "kg.cli", "build", "examples/", "-o", str(out)],
                   check=True, capture_output=True, cwd=ROOT)
    for name in EXPORT_FILES:
        assert (ROOT / "exports" / name).read_bytes() == (out / name).read_bytes(), \
            f"exports/{name} is stale: run the README's first command"


def test_exports_turtle_and_jsonld_same_triples(fixture_graph):
    ttl = rdflib.Graph().parse(fixture_graph / "graph.ttl")
    jsonld = rdflib.Graph().parse(fixture_graph / "graph.jsonld", format="json-ld")
    assert len(ttl) > 100
    assert isomorphic(ttl, jsonld)
    again = rdflib.Graph().parse(data=ttl.serialize(format="turtle"), format="turtle")
    assert isomorphic(ttl, again)


def test_exports_graphml_reads_back(fixture_graph, fixture_result):
    G = nx.read_graphml(fixture_graph / "graph.graphml", force_multigraph=True)
    H = fixture_result.networkx
    assert G.number_of_nodes() == H.number_of_nodes()
    assert G.number_of_edges() == H.number_of_edges()
    assert G.nodes["person/xi-jinping"]["wikidata"] == "Q15031"


def test_exports_html_is_offline(fixture_graph):
    html = (fixture_graph / "graph.html").read_text(encoding="utf-8")
    # nothing is loaded from elsewhere: no src/href to a URL, no @import, no CDN
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html, re.I)
    assert "@import" not in html and "cdn" not in html.lower().replace("cdnjs", "")
    assert "vis.Network" in html and "Tianjin" in html
