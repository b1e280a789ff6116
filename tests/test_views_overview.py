"""The overview page's data and HTML (kg/views/overview.py), without a browser: the data's shape
against kg.analysis, determinism, escaping of hostile strings in every panel's data, the
vendored files against their pins, and the wiring into `kg build` and `kg view`."""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import networkx as nx
import pytest

import kg.analysis as ka
from kg.errors import KGError
from kg.views import overview as ov

HOSTILE = '</script><img src=x onerror=alert(1)>'


def page_data(html: str, element: str = "data") -> dict:
    m = re.search(r'<script type="application/json" id="%s">(.*?)</script>' % element, html, re.S)
    assert m, element
    return json.loads(m.group(1))


def hostile_graph() -> nx.MultiDiGraph:
    """The example graph with a hostile string in every text that reaches a panel."""
    G = ka.example_graph()
    for n, d in G.nodes(data=True):
        if d.get("category") in ("entity", "event"):
            d["label"] = f"{d['label']} {HOSTILE}"
            d["label_ru"] = f"ru {HOSTILE}"
            for e in d.get("evidence", []):
                e["sentence"] = f"{e['sentence']} {HOSTILE} \u2028 & <b>"
                e["rule"] = f"rule {HOSTILE}"
        if d.get("category") == "event":
            d["quote"] = HOSTILE
    for a in G.graph["articles"].values():
        a["title"] = f"Title {HOSTILE}"
        a["url"] = "javascript:alert(1)"
        a["source"] = HOSTILE
    return G


def test_data_shape_matches_analysis():
    G = ka.example_graph()
    D = ov.overview_data(G)
    assert set(D) == {"events", "entities", "articles", "kinds", "persons", "countries", "counts"}
    events = [n for n, d in G.nodes(data=True) if d["category"] == "event"]
    assert sorted(e["i"] for e in D["events"]) == sorted(events)
    assert [e["d"] for e in D["events"]] == sorted(e["d"] for e in D["events"])
    ents = [e["i"] for e in D["entities"]]
    assert ents == sorted(ents)
    first = D["events"][0]
    assert set(first) >= {"i", "l", "k", "s", "d", "e", "p", "pl", "h", "cs", "n", "cf", "ev", "m"}
    astana = D["events"][[e["i"] for e in D["events"]].index("event/astana-talks")]
    assert astana["n"] == 2 and astana["cf"] == 0.978 and len(astana["ev"]) == 2
    assert D["entities"][astana["pl"]]["i"] == "city/astana"
    assert D["entities"][astana["h"]]["i"] == "country/kz"
    sentence, art, rule, conf = astana["ev"][0]
    assert D["articles"][art]["i"] in ("a4", "a5") and sentence.startswith("A sentence of")
    # coordinates and ISO numeric codes from the knowledge base
    by_id = {e["i"]: e for e in D["entities"]}
    assert by_id["country/kz"]["n"] == "398" and 50 < by_id["country/kz"]["la"] < 52
    assert 55 < by_id["city/moscow"]["la"] < 56 and 37 < by_id["city/moscow"]["lo"] < 38
    # persons carry their country (leaderOf); leaders keep their type
    assert D["entities"][by_id["person/xi-jinping"]["c"]]["i"] == "country/cn"
    assert by_id["person/vladimir-putin"]["t"] == "Leader"
    # the two networks are kg.analysis' meeting and country networks
    for key, H in (("persons", ka.meeting_network(G)), ("countries", ka.country_network(G))):
        got = {tuple(sorted((ents[a], ents[b]))): len(evs) for a, b, evs in D[key]["edges"]}
        want = {tuple(sorted((a, b))): d["weight"] for a, b, d in H.edges(data=True)}
        assert got == want, key
        assert sorted(ents[n[0]] for n in D[key]["nodes"]) == sorted(H.nodes)
    assert D["counts"]["first"] == "2025-08-30" and D["counts"]["last"] == "2025-12-01"
    kinds = [k["k"] for k in D["kinds"]]
    assert kinds[:6] == ["Meeting", "Summit", "Visit", "PhoneCall", "AgreementSigning", "Statement"]


def test_same_graph_same_bytes():
    G = ka.example_graph()
    a = ov.render_overview(G, title="t")
    assert a == ov.render_overview(G, title="t")
    # the same graph built in another order
    H = nx.MultiDiGraph()
    H.graph.update(G.graph)
    for n in reversed(list(G.nodes)):
        H.add_node(n, **G.nodes[n])
    for u, v, k, d in reversed(list(G.edges(keys=True, data=True))):
        H.add_edge(u, v, key=k, **d)
    assert ov.render_overview(H, title="t") == a
    assert json.dumps(ov.overview_data(H)) == json.dumps(ov.overview_data(G))


def test_hostile_strings_are_data_in_every_panel():
    G = hostile_graph()
    html = ov.render_overview(G, title=HOSTILE)
    # never markup: the raw string appears nowhere in the page
    assert HOSTILE not in html
    assert "<img src=x" not in html and "</script><img" not in html
    raw = re.search(r'<script type="application/json" id="data">(.*?)</script>', html, re.S).group(1)
    assert not set("<>&\u2028\u2029") & set(raw)          # the data element holds no markup character
    assert "<title>&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;</title>" in html
    D = page_data(html)
    # ... but every panel's data holds it, unchanged, as text
    assert all(HOSTILE in e["l"] for e in D["events"])                       # timeline, table
    assert all(HOSTILE in e["l"] for e in D["entities"])                     # network, map, side panel
    assert all(HOSTILE in x[0] and HOSTILE in x[2] for e in D["events"] for x in e["ev"])   # evidence
    assert all(HOSTILE in a["t"] and a["s"] == HOSTILE for a in D["articles"])
    assert all(e.get("q") == HOSTILE for e in D["events"])
    # only the fixed scripts are in the page: no src, no other element from data
    assert re.findall(r"<script[^>]*\bsrc=", html) == []
    assert html.count("<script") == 12


def test_page_is_offline_and_locked_down():
    html = ov.render_overview(ka.example_graph())
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert csp.startswith("default-src 'none'") and "connect-src" not in csp
    assert "sourceMappingURL" not in html
    for attr in ("src", "href"):
        assert not re.search(r'<(?:script|link|img|iframe)[^>]*\b%s=["\']?(?:https?:)?//' % attr, html)
    for el in ('id="network"', 'id="timeline"', 'id="map"', 'id="events"'):
        assert el in html
    world = page_data(html, "world")
    assert world["type"] == "Topology" and len(world["objects"]["countries"]["geometries"]) > 200


@pytest.mark.parametrize("panel", ov.PANELS)
def test_panels(panel):
    html = ov.render_overview(ka.example_graph(), panel=panel)
    assert f'data-panel="{panel}"' in html and f'class="layout-{panel}"' in html


def test_unknown_panel():
    with pytest.raises(KGError):
        ov.render_overview(ka.example_graph(), panel="globe")


def test_vendored_files_match_their_pins():
    manifest = json.loads((ov.VENDOR / "VENDOR.json").read_text(encoding="utf-8"))
    names = set()
    for pkg in manifest["packages"]:
        assert re.fullmatch(r"\d+\.\d+\.\d+", pkg["version"]) and pkg["integrity"].startswith("sha512-")
        assert any(f["name"].upper().startswith("LICENSE") for f in pkg["files"]), pkg["package"]
        for f in pkg["files"]:
            data = (ov.VENDOR / pkg["folder"] / f["name"]).read_bytes()
            assert hashlib.sha256(data).hexdigest() == f["sha256"] and len(data) == f["bytes"], f["name"]
            names.add(Path(pkg["folder"]) / f["name"])
    for role, path in ov.vendor_files().items():
        assert path.relative_to(ov.VENDOR) in names, role


def test_threshold_and_build_wiring(monkeypatch):
    from kg.pipeline import KnowledgeGraph
    from kg.merge import Records

    G = ka.example_graph()
    assert G.number_of_nodes() <= ov.OVERVIEW_MIN_NODES and not ov.use_overview(G)
    result = KnowledgeGraph(Records())
    result.__dict__["networkx"] = G
    assert 'id="legend"' in result.html() and 'id="timeline"' not in result.html()   # today's network page
    monkeypatch.setattr(ov, "OVERVIEW_MIN_NODES", 10)
    assert ov.use_overview(G)
    page = result.html(title="big")
    assert 'id="timeline"' in page and 'data-panel="overview"' in page and "<title>big</title>" in page


def test_kg_view_overview_options(tmp_path, fixture_graph):
    from kg.cli import main

    for view in ("overview", "timeline", "map", "network", "meetings"):
        out = tmp_path / f"{view}.html"
        assert main(["view", str(fixture_graph / "graph.graphml"), "-o", str(out), "--view", view]) == 0
        text = out.read_text(encoding="utf-8")
        if view == "meetings":
            assert 'id="graph"' in text and 'id="timeline"' not in text
        else:
            assert f'data-panel="{view}"' in text
            D = page_data(text)
            assert D["events"] and any(e["k"] == "Summit" for e in D["events"])
    out = tmp_path / "dated.html"
    assert main(["view", str(fixture_graph / "graph.graphml"), "-o", str(out), "--view", "timeline",
                 "--from", "2025-08-31", "--to", "2025-08-31"]) == 0
    kinds = {e["k"] for e in page_data(out.read_text(encoding="utf-8"))["events"]}
    assert "Summit" in kinds and "Meeting" not in kinds


def test_same_bytes_across_hash_seeds(tmp_path):
    import subprocess
    import sys

    code = ("import hashlib, kg.analysis as ka; from kg.views.overview import render_overview; "
            "print(hashlib.sha256(render_overview(ka.example_graph()).encode()).hexdigest())")
    digests = set()
    for seed in ("1", "2"):
        env = {**__import__("os").environ, "PYTHONHASHSEED": seed}
        digests.add(subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                                   check=True).stdout.strip())
    assert len(digests) == 1
