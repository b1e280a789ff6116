"""The overview page in a real headless browser (Debian's chromium driven by Playwright, as in
tests/test_viz_browser.py): each panel draws, a time range brushed on the timeline filters the
other panels, a table row opens its evidence, a person clicked in the network is highlighted
elsewhere, the URL fragment restores a selection, hostile strings render as text, and no
request leaves the page (every request is routed and any but the page's own fails the test)."""
from __future__ import annotations

from pathlib import Path

import pytest
from browser_util import browser, screenshot  # noqa: F401 (browser: the fixture, used by name)

import kg.analysis as ka
from kg.views.overview import overview_data, render_overview

HOSTILE = '</script><img src=x onerror="window.__xss=1">'
P, T, X, M = ("person/vladimir-putin", "person/kassym-jomart-tokayev", "person/xi-jinping",
              "person/shavkat-mirziyoyev")


@pytest.fixture(scope="module")
def example_page(tmp_path_factory):
    path = tmp_path_factory.mktemp("overview") / "overview.html"
    path.write_text(render_overview(ka.example_graph(), title="example overview"), encoding="utf-8")
    return path


class Opened:
    def __init__(self, browser, path: Path, fragment: str = ""):
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.url = path.resolve().as_uri()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.refused: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.route("**/*", self._route)
        self.page.goto(self.url + fragment)
        self.page.wait_for_function("() => window.dipkgReady === true", timeout=60_000)

    def _route(self, route):
        if route.request.url.split("#")[0] == self.url:
            route.continue_()
        else:
            self.refused.append(route.request.url)
            route.abort()

    def js(self, expr, arg=None):
        return self.page.evaluate(expr, arg)

    def shown_events(self):
        """Ids of the events the table lists, in its order."""
        return self.js("() => { var out = []; for (var i = 0; i < dipkg.E.length; i++) out.push(i);"
                       " return Array.from(document.querySelectorAll('#rows .row')).filter(r => r.style.display !== 'none')"
                       ".sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top)).map(r => r.dataset.id); }")

    def visible_network(self):
        return self.js("() => { var s = dipkg.net.sets[dipkg.S.net]; return s.nodes.get({filter: n => !n.hidden})"
                       ".map(n => dipkg.N[n.id].i).sort(); }")

    def click_node(self, node_id):
        idx = self.js("(id) => dipkg.idOfEnt[id]", node_id)
        xy = self.js("(i) => dipkg.net.network().canvasToDOM(dipkg.net.network().getPosition(i))", idx)
        box = self.page.locator("#network").bounding_box()
        self.page.mouse.click(box["x"] + xy["x"], box["y"] + xy["y"])

    def screenshot(self, name):
        return screenshot(self.page, name)

    def check_clean(self):
        assert self.errors == [], self.errors
        assert self.refused == [], f"requests the page tried: {self.refused}"
        assert {u.split("#")[0] for u in self.requests} == {self.url}, self.requests


def test_each_panel_draws(browser, example_page):
    D = overview_data(ka.example_graph())
    o = Opened(browser, example_page)
    assert sorted(o.visible_network()) == sorted(D["entities"][n[0]]["i"] for n in D["persons"]["nodes"])
    assert o.js("dipkg.net.network().body.nodeIndices.length") == len(D["persons"]["nodes"])
    assert o.js("document.querySelectorAll('#network canvas').length") == 1
    # the timeline: one item per dated event, drawn on the axis, in one lane per kind
    assert o.js("dipkg.tl.timeline().itemsData.length") == len(D["events"])
    drawn = o.js("document.querySelectorAll('#timeline .vis-item.vis-point, #timeline .vis-item.vis-range').length")
    assert 3 <= drawn <= len(D["events"])       # lanes scrolled out of the panel are not drawn
    assert o.js("document.querySelectorAll('#timeline .vis-label').length") == len({e["k"] for e in D["events"]})
    # the map: countries shaded, cities drawn (pixels of the canvas are not all one colour)
    counts = o.js("() => { var c = dipkg.panels[2].counts(); var o = {}; Object.keys(c).forEach(k => o[dipkg.N[k].i] = c[k]); return o; }")
    assert counts["country/kz"] == 8 and counts["city/astana"] == 3 and counts["city/tianjin"] == 2
    colours = o.js("""() => { var c = document.getElementById('map-canvas'), g = c.getContext('2d');
        var d = g.getImageData(0, 0, c.width, c.height).data, seen = {};
        for (var i = 0; i < d.length; i += 4 * 97) seen[d[i] + ',' + d[i + 1] + ',' + d[i + 2]] = 1;
        return Object.keys(seen).length; }""")
    assert colours > 5
    # the events table lists every event, by date
    rows = o.shown_events()
    assert rows == [e["i"] for e in D["events"]]
    assert o.page.inner_text("#ev-info").startswith(f"{len(D['events'])} of {len(D['events'])} events")
    o.screenshot("overview_example.png")
    o.check_clean()


def test_brushing_a_time_range_filters_the_other_panels(browser, example_page):
    o = Opened(browser, example_page)
    before = o.visible_network()
    assert set(before) == {P, T, X, M}
    # drag on the brush strip over the first days (Tianjin: 30 August to 1 September)
    t0, t1 = o.js("[Date.parse(dipkg.D.counts.first), Date.parse(dipkg.D.counts.last) + 864e5]")
    box = o.page.locator("#brush").bounding_box()

    def x_of(day):
        return box["x"] + (o.js(f"Date.parse('{day}')") - t0) / (t1 - t0) * box["width"]

    y = box["y"] + box["height"] / 2
    o.page.mouse.move(max(box["x"] + 1, x_of("2025-08-29")), y)
    o.page.mouse.down()
    o.page.mouse.move(x_of("2025-09-05"), y, steps=4)
    o.page.mouse.up()
    lo, hi = o.js("[dipkg.S.lo, dipkg.S.hi]")
    assert lo <= "2025-08-30" and "2025-09-01" <= hi < "2025-10-09", (lo, hi)
    # the table: only the two Tianjin events
    assert o.shown_events() == ["event/tianjin-talks", "event/sco-summit"]
    # the network: the summit's four leaders, Putin and Tokayev now with one shared event, not three
    assert set(o.visible_network()) == {P, T, X, M}
    assert o.js("() => { var s = dipkg.net.sets.persons; var a = dipkg.idOfEnt[arguments[0]], b = dipkg.idOfEnt[arguments[1]];"
                " return s.src.edges.filter(e => (e[0] === a && e[1] === b) || (e[0] === b && e[1] === a))"
                "[0][2].filter(i => dipkg.inRange[i]).length; }".replace("arguments[0]", f"'{P}'").replace("arguments[1]", f"'{T}'")) == 1
    # the map: Moscow and Astana have no event in the range any more
    counts = o.js("() => { var c = dipkg.panels[2].counts(); var o = {}; Object.keys(c).forEach(k => o[dipkg.N[k].i] = c[k]); return o; }")
    assert counts.get("city/tianjin") == 2 and not counts.get("city/astana") and not counts.get("city/moscow")
    # the timeline shows the range; the date fields and the fragment say it
    win = o.js("[dipkg.tl.timeline().getWindow().start.toISOString(), dipkg.tl.timeline().getWindow().end.toISOString()]")
    assert win[0][:10] == lo and win[1][:10] > hi
    assert o.page.input_value("#from") == lo and o.page.input_value("#to") == hi
    assert f"from={lo}" in o.js("location.hash")
    # the date fields choose a range too; "all dates" clears it
    o.page.fill("#from", "2025-10-01")
    o.page.fill("#to", "2025-11-30")
    o.page.dispatch_event("#to", "change")
    assert o.shown_events() == ["event/moscow-talks", "event/tokayev-statement", "event/astana-signing",
                                "event/astana-talks", "event/astana-visit"]
    assert set(o.visible_network()) == {P, T}
    # zooming the timeline itself (its window is the range)
    o.js("dipkg.tl.timeline().setWindow(new Date('2025-11-25'), new Date('2025-12-05'), {animation: false})")
    o.page.wait_for_function("() => dipkg.S.lo === '2025-11-25'")
    assert o.shown_events() == ["event/tokayev-mirziyoyev-call"]
    assert set(o.visible_network()) == {T, M}
    o.page.click("#reset")
    assert len(o.shown_events()) == 8 and o.js("dipkg.S.lo + dipkg.S.hi") == ""
    o.check_clean()


def test_table_sorts_searches_and_a_row_opens_its_evidence(browser, example_page):
    o = Opened(browser, example_page)
    o.page.click("#thead .c5")          # sources, most first
    assert o.shown_events()[0] in ("event/astana-talks", "event/tokayev-mirziyoyev-call")
    o.page.click("#thead .c0")
    assert o.shown_events()[0] == "event/tianjin-talks"
    o.page.fill("#search", "mirziyoyev")
    o.page.wait_for_function("() => dipkg.S.q === 'mirziyoyev'")
    assert o.shown_events() == ["event/sco-summit", "event/tokayev-mirziyoyev-call"]
    o.page.fill("#search", "")
    o.page.wait_for_function("() => dipkg.S.q === ''")
    o.page.click("#rows .row[data-id='event/astana-talks']")
    details = o.page.inner_text("#details")
    assert "Meeting: Kassym-Jomart Tokayev – Vladimir Putin, Astana, 2025-11-12" in details
    assert "A sentence of a4." in details and "A sentence of a5." in details
    assert "Article a4 (2025-11-12)" in details and "a4.txt" in details and "confidence: 0.978" in details
    assert o.js("document.querySelector(\"#rows .row[data-id='event/astana-talks']\").classList.contains('sel')")
    # the event is highlighted elsewhere: selected on the timeline, its place and countries on the map
    assert o.js("dipkg.tl.timeline().getSelection()") == [o.js("dipkg.idOfEv['event/astana-talks']")]
    assert o.js("['city/astana', 'country/kz', 'country/ru'].every(id => dipkg.S.hlEnt[dipkg.idOfEnt[id]])")
    assert "sel=e:event%2Fastana-talks" in o.js("location.hash")
    # a participant in the side panel opens that person's panel
    o.page.click("#details .link:text('Vladimir Putin')")
    assert "Meetings over time" in o.page.inner_text("#details")
    o.check_clean()


def test_clicking_a_person_highlights_it_everywhere(browser, example_page):
    o = Opened(browser, example_page)
    o.click_node(X)
    o.page.wait_for_function("() => dipkg.S.sel && dipkg.S.sel.t === 'n'")
    assert o.js("dipkg.N[dipkg.S.sel.i].i") == X
    details = o.page.inner_text("#details")
    assert details.startswith("× close\nXi Jinping") or "Xi Jinping / Си Цзиньпин" in details
    assert "Meetings over time (2)" in details and "Counterparts' countries" in details
    for country in ("Kazakhstan", "Russia", "Uzbekistan"):
        assert country in details
    assert o.js("document.querySelectorAll('#details canvas.mini').length") == 1
    # the table marks Xi's two events, the timeline selects them, the map his country
    assert sorted(o.js("Array.from(document.querySelectorAll('#rows .row.hl')).map(r => r.dataset.id)")) == \
        ["event/sco-summit", "event/tianjin-talks"]
    assert sorted(o.js("dipkg.tl.timeline().getSelection().map(i => dipkg.E[i].i)")) == ["event/sco-summit", "event/tianjin-talks"]
    assert o.js("dipkg.S.hlEnt[dipkg.idOfEnt['person/xi-jinping']] === 1")
    assert o.js("dipkg.net.network().getSelectedNodes().map(i => dipkg.N[i].i)") == [X]
    # a city clicked on the map
    xy = o.js("dipkg.panels[2].cityXY(dipkg.idOfEnt['city/astana'])")
    box = o.page.locator("#map-canvas").bounding_box()
    o.page.mouse.click(box["x"] + xy[0], box["y"] + xy[1])
    o.page.wait_for_function("() => dipkg.N[dipkg.S.sel.i].i === 'city/astana'")
    assert "Astana" in o.page.inner_text("#details")
    assert sorted(o.js("Array.from(document.querySelectorAll('#rows .row.hl')).map(r => r.dataset.id)")) == \
        ["event/astana-signing", "event/astana-talks", "event/astana-visit"]
    # a country clicked on the map (western Kazakhstan, away from any city)
    xy = o.js("dipkg.panels[2].project(58, 47.5)")
    o.page.mouse.click(box["x"] + xy[0], box["y"] + xy[1])
    o.page.wait_for_function("() => dipkg.N[dipkg.S.sel.i].i === 'country/kz'")
    assert "Kazakhstan" in o.page.inner_text("#details")
    assert len(o.js("Array.from(document.querySelectorAll('#rows .row.hl'))")) == 8
    # the countries network
    o.page.check("input[name=net][value=countries]")
    assert set(o.visible_network()) == {"country/cn", "country/kz", "country/ru", "country/uz"}
    o.screenshot("overview_person.png")
    o.check_clean()


def test_the_fragment_restores_a_selection(browser, example_page):
    o = Opened(browser, example_page, "#from=2025-10-01&to=2025-11-30&sel=n:person%2Fkassym-jomart-tokayev&net=countries&q=astana")
    assert o.js("[dipkg.S.lo, dipkg.S.hi, dipkg.S.net, dipkg.S.q]") == ["2025-10-01", "2025-11-30", "countries", "astana"]
    assert o.js("dipkg.N[dipkg.S.sel.i].i") == T
    assert "Kassym-Jomart Tokayev" in o.page.inner_text("#details")
    assert "in this range" in o.page.inner_text("#details")
    assert o.shown_events() == ["event/astana-signing", "event/astana-talks", "event/astana-visit"]
    assert o.page.input_value("#search") == "astana" and o.page.input_value("#from") == "2025-10-01"
    win = o.js("dipkg.tl.timeline().getWindow().start.toISOString()")
    assert win.startswith("2025-10-01")
    # an event, and the panel tabs
    o2 = Opened(browser, example_page, "#sel=e:event%2Fsco-summit&panel=map")
    assert "Summit: " in o2.page.inner_text("#details") and o2.js("document.body.className") == "layout-map"
    assert o2.page.locator("#network").is_hidden() and o2.page.locator("#map").is_visible()
    o.check_clean()
    o2.check_clean()


def test_hostile_strings_render_as_text(browser, tmp_path):
    G = ka.example_graph()
    for _, d in G.nodes(data=True):
        if d.get("category") in ("entity", "event"):
            d["label"] = f"{d['label']} {HOSTILE}"
            for e in d.get("evidence", []):
                e["sentence"] = f"{e['sentence']} {HOSTILE}"
    for a in G.graph["articles"].values():
        a["title"], a["url"] = f"Title {HOSTILE}", "javascript:window.__xss=3"
    page = tmp_path / "hostile.html"
    page.write_text(render_overview(G, title=HOSTILE), encoding="utf-8")
    o = Opened(browser, page)
    assert o.js("typeof window.__xss") == "undefined"
    assert o.js("document.querySelectorAll('img').length") == 0
    assert HOSTILE in o.page.inner_text("#rows")                                  # the table
    o.page.click("#rows .row[data-id='event/sco-summit']")
    details = o.page.inner_text("#details")
    assert f"A sentence of a2. {HOSTILE}" in details and f"Title {HOSTILE}" in details
    assert "javascript:window.__xss=3" in details
    assert o.js("document.querySelectorAll('#details a').length") == 0            # shown, not linked
    o.click_node(X)
    o.page.wait_for_function("() => dipkg.S.sel && dipkg.S.sel.t === 'n'")
    assert f"Xi Jinping {HOSTILE}" in o.page.inner_text("#details")              # the network's person
    assert "Tokayev " + HOSTILE[:20] in o.js("document.getElementById('timeline').textContent")  # timeline labels
    o.js("(i) => dipkg.tip(dipkg.N[i].l, 10, 10)", o.js("dipkg.idOfEnt['country/kz']"))
    assert HOSTILE in o.page.inner_text("#tip")                                   # tooltips (map, network)
    assert o.js("document.title") == HOSTILE
    o.screenshot("overview_hostile.png")
    assert o.js("typeof window.__xss") == "undefined"
    o.check_clean()


def test_many_events_show_counts_until_zoomed_in(browser, tmp_path):
    """Above ITEMS_MAX events in the window the timeline shows counts per kind and period (a
    click on one zooms into it); zoomed in, the events themselves."""
    import sys

    sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
    from overview_page import synthesize

    page = tmp_path / "many.html"
    page.write_text(render_overview(synthesize(events=1500, nodes=4000, articles=500), title="many"), encoding="utf-8")
    o = Opened(browser, page)
    items = o.js("dipkg.tl.timeline().itemsData.get()")
    assert items and all(isinstance(x["id"], str) and x["id"].startswith("c:") for x in items)
    assert sum(x["n"] for x in items) == o.js("dipkg.E.filter(e => e.d).length")
    # a count clicked: the window becomes its period, the other panels follow, events are drawn
    o.js("() => { var x = dipkg.tl.timeline().itemsData.get().filter(x => x.n > 3)[0];"
         " dipkg.tl.timeline().setSelection([]); dipkg.tl.timeline().emit('select', {items: [x.id], event: {}}); }")
    o.page.wait_for_function("() => dipkg.S.lo !== ''")
    items = o.js("dipkg.tl.timeline().itemsData.get()")
    assert items and all(isinstance(x["id"], int) for x in items)
    lo, hi = o.js("[dipkg.S.lo, dipkg.S.hi]")
    assert all(lo <= r <= hi for r in o.js("Array.from(document.querySelectorAll('#rows .row')).filter(r => r.style.display !== 'none')"
                                            ".map(r => dipkg.E[+r.dataset.ev].d)"))
    # the network keeps at most NETWORK_MAX_NODES persons
    assert o.js("dipkg.D.persons.nodes.length") <= 500
    o.screenshot("overview_many.png")
    o.check_clean()
