"""The HTML view without a browser: views, filters, GraphML read-back, escaping,
determinism, the layout, and `kg view`."""
from __future__ import annotations

import json
import re
import time

import networkx as nx
import pytest

from kg import views as viz
from kg.cli import main
from kg.errors import KGError

HOSTILE_SCRIPT = "<script>window.__xss=1</script>"
HOSTILE_IMG = '<img src=x onerror="window.__xss=2">'


def page_data(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="data">(.*?)</script>', html, re.S)
    assert m, "the page carries its data as JSON"
    return json.loads(m.group(1))


def test_viz_full_view_merges_met_with_pairs(fixture_result):
    G = fixture_result.networkx
    V = viz.full_view(G)
    met = [(u, v) for u, v, d in G.edges(data=True) if d["type"] == "metWith"]
    pairs = {tuple(sorted(e)) for e in met}
    assert len(met) == 2 and len(pairs) == 1
    assert V.number_of_nodes() == G.number_of_nodes()
    assert V.number_of_edges() == G.number_of_edges() - len(met) + len(pairs)
    (a, b), = pairs
    d = V.get_edge_data(a, b)["metWith"]
    assert d["weight"] == 1 and d["undirected"] and d["dates"] == ["2025-08-30"] and d["evidence"]


def test_viz_meetings_view_weights_by_meetings():
    G = nx.MultiDiGraph(articles={})
    for n in ("a", "b", "c"):
        G.add_node(n, type="Leader", category="entity", label=n.upper())
    G.add_node("x", type="Country", category="entity", label="X")
    for i, (u, v, date) in enumerate([("a", "b", "2024-01-01"), ("a", "b", "2025-02-02"), ("b", "c", "2025-03-03")]):
        for s, t in ((u, v), (v, u)):
            G.add_edge(s, t, key=f"metWith|e{i}", type="metWith", label="met with", event=f"e{i}", date=date,
                       evidence=[{"article": "art", "sentence": f"s{i}", "start": 0, "end": 1, "rule": "r"}])
    V = viz.meetings_view(G)
    assert sorted(V.nodes) == ["a", "b", "c"]          # the country is not a person
    assert V.number_of_edges() == 2
    assert V.get_edge_data("a", "b")["metWith"]["weight"] == 2
    assert V.get_edge_data("a", "b")["metWith"]["label"] == "met with ×2"
    assert V.get_edge_data("b", "c")["metWith"]["weight"] == 1
    # the date filter keeps only the meetings in range
    W = viz.make_view(G, view="meetings", date_from="2025-01-01")
    assert W.get_edge_data("a", "b")["metWith"]["weight"] == 1
    assert viz.make_view(G, view="meetings", date_to="2023-12-31").number_of_nodes() == 0


def test_viz_countries_view_links_countries_through_leaders(fixture_result):
    V = viz.countries_view(fixture_result.networkx)
    assert sorted(V.nodes) == ["country/cn", "country/kz"]
    d = V.get_edge_data("country/cn", "country/kz")["sharedEvents"]
    # the meeting and the summit both have the two leaders as participants
    assert d["weight"] == 2 and len(d["events"]) == 2 and d["evidence"]
    assert all(V.nodes[n]["iso2"] for n in V.nodes)


def test_viz_ego_view_and_find_node(fixture_result):
    G = fixture_result.networkx
    assert viz.find_node(G, "Tokayev") == "person/kassym-jomart-tokayev"
    assert viz.find_node(G, "си цзиньпин") == "person/xi-jinping"   # Russian label, any case
    V1 = viz.make_view(G, focus="Tokayev", depth=1)
    V2 = viz.make_view(G, focus="Tokayev", depth=2)
    assert V1.graph["focus"] == "person/kassym-jomart-tokayev"
    assert "country/kz" in V1 and "city/beijing" not in V1
    assert set(V1.nodes) < set(V2.nodes) <= set(G.nodes)
    with pytest.raises(KGError, match="no node matches"):
        viz.find_node(G, "Nobody Atall")


def test_viz_filter_types(fixture_result):
    G = fixture_result.networkx
    V = viz.make_view(G, types=["Leader", "country"])
    assert {d["type"] for _, d in V.nodes(data=True)} == {"Leader", "Country"}
    assert V.number_of_nodes() == 4
    events = viz.make_view(G, types=["Event"])
    assert {d["category"] for _, d in events.nodes(data=True)} == {"event"}
    with pytest.raises(KGError, match="unknown node type"):
        viz.make_view(G, types=["Planet"])
    with pytest.raises(KGError, match="not a date"):
        viz.make_view(G, date_from="30.08.2025")


def test_viz_date_filter_drops_events_out_of_range(fixture_result):
    G = fixture_result.networkx
    V = viz.make_view(G, date_from="2025-08-31", date_to="2025-08-31")
    kinds = sorted(d["type"] for _, d in V.nodes(data=True) if d["category"] == "event")
    assert kinds == ["Summit"]
    assert not any(d["type"] == "metWith" for _, _, d in V.edges(data=True))  # the meeting was on the 30th


def test_viz_graphml_reads_back_with_decoded_attributes(fixture_graph, fixture_result):
    G = viz.load_graph(fixture_graph / "graph.graphml")
    H = fixture_result.networkx
    assert G.number_of_nodes() == H.number_of_nodes() and G.number_of_edges() == H.number_of_edges()
    assert G.nodes["person/xi-jinping"]["evidence"] == H.nodes["person/xi-jinping"]["evidence"]
    assert isinstance(G.nodes["person/xi-jinping"]["aliases"], list)
    assert G.graph["articles"] == json.loads(json.dumps(H.graph["articles"]))
    # the page from the export is the page from the build
    assert viz.to_html(G) == viz.to_html(H)


def test_viz_page_has_styles_legend_and_evidence(fixture_result):
    G = fixture_result.networkx
    html = viz.to_html(G, title="Talks <b>")
    assert "<title>Talks &lt;b&gt;</title>" in html
    data = page_data(html)
    nodes = {n["id"]: n for n in data["nodes"]}
    assert len(nodes) == G.number_of_nodes() and len(data["edges"]) == viz.full_view(G).number_of_edges()
    assert nodes["person/xi-jinping"]["shape"] == "star"
    assert nodes["country/cn"]["label"] == "China (CN)"
    shapes = {n["kind"]: (n["shape"], n["color"]["background"]) for n in data["nodes"]}
    assert len(set(shapes.values())) == len(shapes), "each type has its own colour and shape"
    assert {l["type"] for l in data["legend"]} == {d["type"] for _, d in G.nodes(data=True)}
    assert {e["label"] for e in data["edges"]} >= {"met with", "participant", "held in", "leader of", "member of"}
    inf = data["info"]["n"]["person/xi-jinping"]
    assert inf["e"] and inf["e"][0][0] in {e["sentence"] for e in G.nodes["person/xi-jinping"]["evidence"]}
    art = data["articles"][inf["e"][0][1]]
    assert art["t"] == "Казахстан и Китай договорились расширять сотрудничество" and art["d"] == "2025-08-30"
    assert all(len(i["e"]) for i in data["info"]["e"]), "every edge has evidence"
    # node size grows with degree
    assert nodes["person/kassym-jomart-tokayev"]["size"] > nodes["city/beijing"]["size"]


def test_viz_hostile_text_is_escaped():
    G = nx.MultiDiGraph(articles={"a1": {"title": HOSTILE_SCRIPT, "date": "2025-01-01",
                                         "url": "javascript:alert(1)", "source": "x"}})
    ev = [{"article": "a1", "sentence": f"Talks {HOSTILE_SCRIPT} {HOSTILE_IMG} \u2028end", "start": 0,
           "end": 5, "rule": "r", "confidence": 1.0}]
    G.add_node("p/<x>", type="Leader", category="entity", label=f"Evil {HOSTILE_IMG}", evidence=ev)
    G.add_node("c", type="Country", category="entity", label="C", evidence=ev)
    G.add_edge("p/<x>", "c", key="leaderOf", type="leaderOf", label="leader of", evidence=ev)
    html = viz.to_html(G)
    body = html.split("<script>", 2)[2]  # after vis-network
    assert "<script>window" not in html and "<img" not in html
    assert "</script" not in body.split('id="data">', 1)[1].split("</script>", 1)[0]
    data = page_data(html)       # ... and the text itself is intact in the data
    assert HOSTILE_SCRIPT in data["info"]["n"]["p/<x>"]["e"][0][0]
    assert data["articles"]["a1"]["t"] == HOSTILE_SCRIPT


def test_viz_page_deterministic_and_offline(fixture_result):
    G = fixture_result.networkx
    a, b = viz.to_html(G), viz.to_html(fixture_result.networkx.copy())
    assert a == b
    assert viz.render_html(viz.make_view(G), physics=False) == viz.render_html(viz.make_view(G), physics=False)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", a, re.I)
    assert "Content-Security-Policy" in a and "default-src 'none'" in a


def _random_graph(n: int, seed: int = 3) -> nx.MultiDiGraph:
    R = nx.gnm_random_graph(n, 2 * n, seed=seed)
    G = nx.MultiDiGraph(articles={})
    for i in R.nodes:
        G.add_node(f"n{i}", type="Person", category="entity", label=f"Person {i}")
    for u, v in R.edges:
        G.add_edge(f"n{u}", f"n{v}", key="partOf", type="partOf", label="part of")
    return G


def test_viz_layout_deterministic_and_spread():
    G = _random_graph(600)
    p1, p2 = viz.layout(G), viz.layout(G.copy())
    assert p1 == p2 and len(p1) == 600
    assert len(set(p1.values())) > 590, "nodes do not pile up"
    # large graphs get positions from Python and physics off
    data = page_data(viz.to_html(G))
    assert data["physics"] is False and all("x" in n and "y" in n for n in data["nodes"])
    small = page_data(viz.to_html(_random_graph(50)))
    assert small["physics"] is True and not any("x" in n for n in small["nodes"])


def test_viz_5k_page_builds_fast():
    G = _random_graph(5000)
    t = time.perf_counter()
    html = viz.to_html(G)
    elapsed = time.perf_counter() - t
    assert len(page_data(html)["nodes"]) == 5000
    assert elapsed < 30, f"5k-node page took {elapsed:.1f} s"   # about 2 s here; pyvis's from_nx path is quadratic


def test_cli_view_from_graphml_and_from_input(tmp_path, fixture_graph, data_dir, capsys):
    out1, out2 = tmp_path / "a.html", tmp_path / "b.html"
    assert main(["view", str(fixture_graph / "graph.graphml"), "-o", str(out1), "--view", "meetings"]) == 0
    assert main(["view", str(data_dir / "articles" / "talks_fixture.txt"), "-o", str(out2), "--view", "meetings"]) == 0
    assert out1.read_bytes() == out2.read_bytes()
    assert {n["id"] for n in page_data(out1.read_text(encoding="utf-8"))["nodes"]} == \
        {"person/kassym-jomart-tokayev", "person/xi-jinping"}
    out3 = tmp_path / "c.html"
    assert main(["view", str(fixture_graph / "graph.graphml"), "-o", str(out3), "--focus", "Tokayev",
                 "--depth", "1", "--types", "Leader", "Country", "Meeting", "--from", "2025-08-30",
                 "--to", "2025-08-30", "--no-physics"]) == 0
    data = page_data(out3.read_text(encoding="utf-8"))
    assert data["physics"] is False and data["focus"] == "person/kassym-jomart-tokayev"
    assert {n["kind"] for n in data["nodes"]} == {"Leader", "Country", "Meeting"}
    assert main(["view", str(fixture_graph / "graph.graphml"), "-o", str(out3), "--focus", "Nobody Atall"]) == 2
    assert "no node matches" in capsys.readouterr().err
    assert main(["view", str(tmp_path / "missing.graphml"), "-o", str(out3)]) == 2


def test_build_html_is_the_full_view(fixture_graph, fixture_result):
    html = (fixture_graph / "graph.html").read_text(encoding="utf-8")
    assert html == viz.to_html(fixture_result.networkx)
