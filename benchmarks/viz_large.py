"""How the HTML view holds up on a large graph: a generated event graph of 5,000 nodes.

Measures the Python side (view + layout + page) and, when Debian's chromium is
installed, the headless browser: time from navigation to the first drawing with
every node in place, and the time a hover takes to show its tooltip once ready.

    python benchmarks/viz_large.py [--nodes 5000] [--out /tmp/viz_large.html] [--screenshot PNG]
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.views import network as viz  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def generate(n_nodes: int = 5000, seed: int = 1) -> nx.MultiDiGraph:
    """An event graph shaped like a news corpus: countries, leaders, persons, organisations,
    cities, and events (70% of the nodes) with participants, places and met-with edges."""
    rnd = random.Random(seed)
    G = nx.MultiDiGraph()
    n_articles = max(10, n_nodes // 10)
    G.graph["articles"] = {f"a{i}": {"title": f"Headline {i}", "date": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
                                     "url": f"https://news.example/{i}", "source": f"feed/{i}.txt", "lang": "en"}
                           for i in range(n_articles)}

    def ev(i):
        a = f"a{rnd.randrange(n_articles)}"
        return [{"article": a, "sentence": f"Sentence {i} of {a} saying who met whom.", "start": 0, "end": 10,
                 "rule": "bench", "confidence": 1.0}]

    counts = {"Country": n_nodes * 3 // 100, "Leader": n_nodes * 6 // 100, "Person": n_nodes * 10 // 100,
              "Organization": n_nodes // 100, "City": n_nodes * 10 // 100}
    ids = {}
    for typ, k in counts.items():
        ids[typ] = []
        for i in range(k):
            n = f"{typ.lower()}/{i}"
            G.add_node(n, category="entity", type=typ, label=f"{typ} {i}", sources=["a0"], evidence=ev(i))
            if typ == "Country":
                G.nodes[n]["iso2"] = chr(65 + i // 26 % 26) + chr(65 + i % 26)
            ids[typ].append(n)
    for i, p in enumerate(ids["Leader"]):
        G.add_edge(p, ids["Country"][i % len(ids["Country"])], key="leaderOf", type="leaderOf", label="leader of", evidence=ev(i))
    for i, c in enumerate(ids["City"]):
        G.add_edge(c, ids["Country"][i % len(ids["Country"])], key="locatedIn", type="locatedIn", label="located in", evidence=ev(i))
    kinds = ["Meeting"] * 5 + ["Summit", "Visit", "PhoneCall", "AgreementSigning", "Statement"]
    people = ids["Leader"] * 3 + ids["Person"]
    i = 0
    while G.number_of_nodes() < n_nodes:
        e = f"event/{i}"
        kind = rnd.choice(kinds)
        date = f"2025-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
        G.add_node(e, category="event", type=kind, label=f"{kind} {i}", status="happened", start_date=date,
                   end_date="", sources=["a1"], source_count=1, evidence=ev(i))
        parts = sorted(set(rnd.sample(people, 2 if kind != "Statement" else 1)))
        for p in parts:
            G.add_edge(e, p, key="participant", type="participant", label="participant", evidence=ev(i))
        G.add_edge(e, rnd.choice(ids["City"]), key="heldIn", type="heldIn", label="held in", evidence=ev(i))
        if kind in ("Meeting", "Summit", "Visit", "PhoneCall") and len(parts) == 2:
            a, b = parts
            G.add_edge(a, b, key=f"metWith|{e}", type="metWith", label="met with", event=e, date=date, evidence=ev(i))
            G.add_edge(b, a, key=f"metWith|{e}", type="metWith", label="met with", event=e, date=date, evidence=ev(i))
        i += 1
    return G


def browser_times(path: Path, screenshot: str | None = None) -> dict:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        t0 = time.perf_counter()
        page.goto(path.as_uri())
        page.wait_for_function("window.dipkgReady === true", timeout=300_000, polling=50)
        ready = time.perf_counter() - t0
        drawn = page.evaluate("[dipkg.network.body.nodeIndices.length, dipkg.network.body.edgeIndices.length]")
        # interactive: hover a node and time until its tooltip shows
        nid = page.evaluate("dipkg.nodes.getIds()[0]")
        xy = page.evaluate("(id) => { var p = dipkg.network.getPosition(id); return dipkg.network.canvasToDOM(p); }", nid)
        box = page.locator("#graph").bounding_box()
        t1 = time.perf_counter()
        page.mouse.move(box["x"] + xy["x"], box["y"] + xy["y"])
        page.wait_for_function("document.getElementById('tip').style.display === 'block'", timeout=60_000, polling=10)
        hover = time.perf_counter() - t1
        t2 = time.perf_counter()
        page.evaluate("dipkg.network.moveTo({scale: 1.5}); dipkg.network.redraw()")
        zoom = time.perf_counter() - t2
        if screenshot:
            page.evaluate("dipkg.network.fit()")
            page.wait_for_timeout(300)
            page.screenshot(path=screenshot)
        browser.close()
    return {"ready_s": ready, "hover_to_tooltip_s": hover, "zoom_redraw_s": zoom, "drawn": drawn, "errors": errors}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=5000)
    ap.add_argument("--out", default=None, help="where to write the page (default: a temporary file)")
    ap.add_argument("--screenshot", default=None)
    args = ap.parse_args()
    G = generate(args.nodes)
    print(f"graph: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges")
    t = time.perf_counter()
    V = viz.make_view(G)
    t_view = time.perf_counter() - t
    t = time.perf_counter()
    pos = viz.layout(V)
    t_layout = time.perf_counter() - t
    t = time.perf_counter()
    html = viz.render_html(V)   # includes the layout again
    t_page = time.perf_counter() - t
    print(f"view: {V.number_of_nodes()} nodes, {V.number_of_edges()} edges drawn; page {len(html) / 1e6:.1f} MB")
    print(f"python: view {t_view:.2f} s, layout {t_layout:.2f} s, page incl. layout {t_page:.2f} s, "
          f"total {t_view + t_page:.2f} s")
    out = Path(args.out) if args.out else Path(tempfile.mkdtemp()) / "viz_large.html"
    out.write_text(html, encoding="utf-8")
    assert len(pos) == V.number_of_nodes()
    if not os.path.exists(CHROMIUM):
        print(f"browser: skipped ({CHROMIUM} is not installed)")
        return 0
    r = browser_times(out, args.screenshot)
    print(f"browser: interactive (first drawing) after {r['ready_s']:.2f} s; hover -> tooltip {r['hover_to_tooltip_s'] * 1000:.0f} ms; "
          f"zoom + redraw {r['zoom_redraw_s'] * 1000:.0f} ms; drawn {r['drawn'][0]} nodes, {r['drawn'][1]} edges; "
          f"errors: {r['errors'] or 'none'}")
    return 0 if not r["errors"] else 1


if __name__ == "__main__":
    sys.exit(main())
