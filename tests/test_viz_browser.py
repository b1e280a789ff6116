"""The HTML view in a real headless browser (Debian's chromium driven by Playwright).

Playwright's Python package talks to the system chromium (`executable_path`), so
nothing is downloaded; `.ci/run` installs chromium with apt-get and Playwright
through the `test` extra. Screenshots land in tests/artifacts/ (git-ignored).
"""
from __future__ import annotations

import json
from pathlib import Path

from kg import views as viz
from kg.cli import main

ROOT = Path(__file__).parent.parent
from browser_util import browser, screenshot  # noqa: F401 (browser: the fixture, used by name)


class Opened:
    def __init__(self, browser, path: Path, width: int = 1280, height: int = 800):
        self.page = browser.new_page(viewport={"width": width, "height": height})
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.url = path.resolve().as_uri()
        self.page.goto(self.url)
        self.page.wait_for_function("window.dipkgReady === true", timeout=60_000)
        # physics settles (stabilisation), then switches itself off
        self.page.wait_for_function("!document.getElementById('physics').checked", timeout=60_000)

    def js(self, expr, arg=None):
        return self.page.evaluate(expr, arg)

    def drawn(self):
        return self.js("[dipkg.nodeView.length, dipkg.edgeView.length, dipkg.network.body.nodeIndices.length,"
                       " dipkg.network.body.edgeIndices.length]")

    def hover(self, node_id):
        xy = self.js("(id) => dipkg.network.canvasToDOM(dipkg.network.getPosition(id))", node_id)
        box = self.page.locator("#graph").bounding_box()
        self.page.mouse.move(1, 1)
        self.page.mouse.move(box["x"] + xy["x"], box["y"] + xy["y"], steps=3)
        self.page.wait_for_function("document.getElementById('tip').style.display === 'block'", timeout=10_000)
        return self.page.inner_text("#tip")

    def screenshot(self, name):
        return screenshot(self.page, name)

    def label_overlaps(self):
        """Pairs of node labels whose boxes (as drawn) overlap."""
        return self.js("""() => {
          var b = dipkg.network.body, boxes = [];
          b.nodeIndices.forEach(function (id) { var s = b.nodes[id].labelModule.size;
            if (s && s.width) boxes.push([id, s.left, s.top, s.left + s.width, s.top + s.height]); });
          var out = [];
          for (var i = 0; i < boxes.length; i++) for (var j = i + 1; j < boxes.length; j++) {
            var a = boxes[i], c = boxes[j];
            if (a[1] < c[3] && c[1] < a[3] && a[2] < c[4] && c[2] < a[4]) out.push([a[0], c[0]]); }
          return out; }""")

    def check_clean(self):
        assert self.errors == [], self.errors
        assert set(self.requests) == {self.url}, f"requests to other places: {self.requests}"


def test_browser_fixture_page(browser, fixture_graph, fixture_result):
    G = fixture_result.networkx
    o = Opened(browser, fixture_graph / "graph.html")
    n_edges = viz.full_view(G).number_of_edges()
    assert o.drawn() == [G.number_of_nodes(), n_edges, G.number_of_nodes(), n_edges]
    assert o.js("dipkg.nodes.length") == G.number_of_nodes()
    legend = o.page.inner_text("#legend")
    for name in ("Leader", "Country", "Organization", "City", "Meeting", "Summit", "Statement"):
        assert name in legend
    assert o.js("document.querySelectorAll('#legend input[type=checkbox]').length") == len({d["type"] for _, d in G.nodes(data=True)})
    text = o.hover("person/xi-jinping")
    sentences = {e["sentence"] for e in G.nodes["person/xi-jinping"]["evidence"]}
    assert any(s[:60] in text for s in sentences), text
    assert "Казахстан и Китай договорились расширять сотрудничество" in text and "2025-08-30" in text
    o.screenshot("fixture.png")
    o.check_clean()


def test_browser_edge_tooltip_and_details(browser, fixture_graph):
    o = Opened(browser, fixture_graph / "graph.html")
    # an edge's evidence through the page's own tooltip function (at a fixed point)
    eid = o.js("dipkg.edges.get({filter: function (e) { return e.rel === 'metWith'; }})[0].id")
    o.js("(id) => dipkg.showTip('edge', id, {x: 100, y: 100})", eid)
    tip = o.page.inner_text("#tip")
    assert "met with" in tip and "переговоры" in tip
    # clicking a node pins its evidence in the details panel
    xy = o.js("dipkg.network.canvasToDOM(dipkg.network.getPosition('person/kassym-jomart-tokayev'))")
    box = o.page.locator("#graph").bounding_box()
    o.page.mouse.click(box["x"] + xy["x"], box["y"] + xy["y"])
    o.page.wait_for_selector("#details", state="visible")
    assert "Kassym-Jomart Tokayev" in o.page.inner_text("#details")
    o.check_clean()


def test_browser_filters_search_physics(browser, fixture_graph, fixture_result):
    G = fixture_result.networkx
    o = Opened(browser, fixture_graph / "graph.html")
    n, e = o.drawn()[:2]
    statements = sum(1 for _, d in G.nodes(data=True) if d["type"] == "Statement")
    o.page.locator("#legend input[data-type=Statement]").uncheck()
    n2, e2, drawn_n, _ = o.drawn()
    assert n2 == n - statements and drawn_n == n2 and e2 < e
    o.page.locator("#legend input[data-type=Statement]").check()
    assert o.drawn()[:2] == [n, e]
    # the date range: only the summit day (the meeting was the day before)
    o.page.fill("#from", "2025-08-31")
    o.page.fill("#to", "2025-08-31")
    o.page.dispatch_event("#to", "change")
    kinds = o.js("dipkg.nodeView.get().map(function (n) { return n.kind; })")
    assert "Summit" in kinds and "Meeting" not in kinds and "Statement" not in kinds
    assert not o.js("dipkg.edgeView.get().some(function (e) { return e.rel === 'metWith'; })")
    o.page.fill("#from", "")
    o.page.fill("#to", "")
    o.page.dispatch_event("#to", "change")
    assert o.drawn()[:2] == [n, e]
    # search by name selects and focuses the node
    o.page.fill("#search", "tokayev")
    o.page.press("#search", "Enter")
    assert o.js("dipkg.network.getSelectedNodes()") == ["person/kassym-jomart-tokayev"]
    found = o.page.inner_text("#found")
    assert found.startswith("1/") and int(found[2:]) >= 1      # the person first, then events naming them
    o.page.press("#search", "Enter")                          # Enter again: the next match
    if int(found[2:]) > 1:
        assert o.page.inner_text("#found").startswith("2/")
        assert o.js("dipkg.network.getSelectedNodes()") != ["person/kassym-jomart-tokayev"]
    o.page.fill("#search", "nobody at all")
    o.page.press("#search", "Enter")
    assert o.page.inner_text("#found") == "no match"
    # physics has settled and switched off; the checkbox turns it back on and off
    assert o.js("dipkg.network.physics.physicsEnabled") is False
    o.page.check("#physics")
    assert o.js("dipkg.network.physics.physicsEnabled") is True
    o.page.uncheck("#physics")
    assert o.js("dipkg.network.physics.physicsEnabled") is False
    o.check_clean()


HOSTILE = {
    "title": "<script>window.__xss=1</script>Токаев и Си Цзиньпин <img src=x onerror=\"window.__xss=2\">",
    "date": "2025-08-30", "url": "javascript:window.__xss=3", "lang": "ru",
    "text": ("Президент Казахстана Касым-Жомарт Токаев провел переговоры с председателем КНР Си Цзиньпином "
             "в Тяньцзине <script>window.__xss=1</script> и <img src=x onerror=\"window.__xss=2\">.\n\n"
             "Саммит ШОС пройдет в Тяньцзине 31 августа."),
}


def test_browser_hostile_article_runs_no_code(browser, tmp_path):
    src = tmp_path / "hostile.jsonl"
    src.write_text(json.dumps(HOSTILE, ensure_ascii=False) + "\n", encoding="utf-8")
    page = tmp_path / "hostile.html"
    assert main(["view", str(src), "-o", str(page)]) == 0
    o = Opened(browser, page)
    assert o.js("typeof window.__xss") == "undefined"
    assert o.js("document.querySelectorAll('img').length") == 0
    meeting = o.js("dipkg.nodes.get({filter: function (n) { return n.kind === 'Meeting'; }})[0].id")
    text = o.hover(meeting)
    assert "<script>window.__xss=1</script>" in text and '<img src=x onerror="window.__xss=2">' in text
    text = o.hover("person/kassym-jomart-tokayev")
    assert "<script>window.__xss=1</script>Токаев и Си Цзиньпин" in text      # the headline, as text
    o.js("(id) => dipkg.network.selectNodes([id])", meeting)
    xy = o.js("(id) => dipkg.network.canvasToDOM(dipkg.network.getPosition(id))", meeting)
    box = o.page.locator("#graph").bounding_box()
    o.page.mouse.click(box["x"] + xy["x"], box["y"] + xy["y"])
    o.page.wait_for_selector("#details", state="visible")
    assert o.js("Array.from(document.querySelectorAll('#details a')).filter(function (a) {"
                " return a.href.indexOf('javascript:') === 0; }).length") == 0
    assert "javascript:window.__xss=3" in o.page.inner_text("#details")   # shown, not linked
    o.screenshot("hostile.png")
    assert o.js("typeof window.__xss") == "undefined"
    o.check_clean()


def test_browser_example_is_readable(browser, tmp_path):
    out = tmp_path / "example"
    assert main(["build", str(ROOT / "examples"), "-o", str(out)]) == 0
    o = Opened(browser, out / "graph.html")
    labels = " ".join(o.js("dipkg.nodeView.get().map(function (n) { return n.label; })"))
    for want in ("Kassym-Jomart Tokayev", "Xi Jinping", "China (CN)", "Kazakhstan (KZ)", "Meeting · Tianjin",
                 "Summit · Tianjin", "Tianjin", "Shanghai Cooperation Organisation"):
        assert want in labels
    # every node is inside the viewport after stabilisation, and labels don't overlap each other
    inside = o.js("""() => { var n = dipkg.network, g = document.getElementById('graph');
        return dipkg.nodeView.getIds().every(function (id) { var p = n.canvasToDOM(n.getPosition(id));
          return p.x > 0 && p.y > 0 && p.x < g.clientWidth && p.y < g.clientHeight; }); }""")
    assert inside
    assert o.label_overlaps() == []
    o.screenshot("example.png")
    o.check_clean()


def test_browser_views_meetings_and_countries(browser, fixture_graph, tmp_path):
    for view, expected in (("meetings", 2), ("countries", 2)):
        page = tmp_path / f"{view}.html"
        assert main(["view", str(fixture_graph / "graph.graphml"), "-o", str(page), "--view", view]) == 0
        o = Opened(browser, page)
        assert o.drawn() == [expected, 1, expected, 1]
        edge = o.js("dipkg.edges.get()[0]")
        assert edge["label"] == ("met with" if view == "meetings" else "2 shared events")
        o.screenshot(f"view_{view}.png")
        o.check_clean()


def test_browser_large_graph_interactive(browser, tmp_path):
    """2,000 nodes: laid out in Python, physics off, drawn and hoverable within seconds
    (benchmarks/viz_large.py measures 5,000)."""
    import time

    import networkx as nx

    R = nx.gnm_random_graph(2000, 4000, seed=5)
    G = nx.MultiDiGraph(articles={"a": {"title": "T", "date": "2025-01-01", "url": "", "source": "s"}})
    ev = [{"article": "a", "sentence": "Generated sentence.", "start": 0, "end": 1, "rule": "r", "confidence": 1.0}]
    for i in R.nodes:
        G.add_node(f"n{i}", type=("Leader", "Country", "Meeting")[i % 3], category="entity", label=f"Node {i}", evidence=ev)
    for u, v in R.edges:
        G.add_edge(f"n{u}", f"n{v}", key="partOf", type="partOf", label="part of", evidence=ev)
    page = tmp_path / "large.html"
    page.write_text(viz.to_html(G), encoding="utf-8")
    t = time.perf_counter()
    o = Opened(browser, page)
    ready = time.perf_counter() - t
    assert o.drawn() == [2000, 4000, 2000, 4000]
    assert o.js("dipkg.network.physics.physicsEnabled") is False
    assert "Generated sentence." in o.hover("n0")
    assert ready < 30, f"interactive after {ready:.1f} s"
    o.screenshot("large_2000.png")
    o.check_clean()
