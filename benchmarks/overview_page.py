"""How the overview page (kg/views/overview.py) holds up at the size of a 10,000-article store.

Builds the page for a graph -- a GraphML export given with --graph, or a synthetic graph with the
counts of a 10,000-article store (the README's Scale section: about 24,000 networkx nodes; issue
17: 11,027 nodes for 1,259 real articles) -- and measures in headless chromium:

* the page's size and the Python time to write it;
* the first drawing: from navigation until every panel has drawn (network, timeline, map, table);
* interactions, each timed inside the page from the call to the second animation frame after it
  (the page has painted): choosing a time range (the brush: every panel filters), sorting and
  searching the table, a row click (evidence in the side panel, highlights elsewhere), a person
  click (highlights, the person's panel). Median and worst of several runs.

    python benchmarks/overview_page.py [--graph exports/graph.graphml] [--events 10000] [--runs 7]
                                       [--out /tmp/overview_bench.html] [--screenshot PNG]

Targets (issue 17): first drawing < 5 s, interactions < 200 ms.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.kb import geo  # noqa: E402
from kg.views.overview import render_overview  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
KINDS = ["Meeting"] * 6 + ["Summit", "Visit", "Visit", "PhoneCall", "PhoneCall", "AgreementSigning", "Statement",
                           "Statement"]
STATUS = ["happened"] * 17 + ["planned", "planned", "cancelled", "denied"]


def synthesize(events: int = 10_000, nodes: int = 24_000, articles: int = 10_000, seed: int = 17) -> nx.MultiDiGraph:
    """An event graph with the counts of a 10,000-article store: the knowledge base's countries and
    cities (with their coordinates), 2,500 persons (400 of them leaders), 300 organizations,
    ``events`` events over 1990-2026 (most in the last three years) and unlinked entities up to
    ``nodes`` nodes; evidence sentences and headlines of news length."""
    rnd = random.Random(seed)
    G = nx.MultiDiGraph()
    G.graph["articles"] = {f"art{i:05d}": {"title": f"Headline number {i} about talks and visits between leaders",
                                           "date": f"{rnd.randint(2015, 2026)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}",
                                           "url": f"https://news.example/{i}", "source": f"feed/{i}.txt", "lang": "ru"}
                           for i in range(articles)}
    arts = sorted(G.graph["articles"])

    def evidence(k: int) -> list[dict]:
        return [{"article": rnd.choice(arts), "sentence": f"Sentence {rnd.randrange(10**6)}: " + "the sides discussed "
                 "cooperation in trade, energy and transport, and agreed to meet again next year. " * 2,
                 "start": 0, "end": 40, "rule": "ru.event.meeting", "confidence": 0.85} for _ in range(k)]

    g = geo()
    countries = sorted(n for n in g if n.startswith("country/") and "lat" in g[n])
    cities = sorted(n for n in g if n.startswith("city/") and "lat" in g[n])
    city_country = {}
    for i, c in enumerate(countries):
        G.add_node(c, category="entity", type="Country", label=f"Country {c[8:].upper()}", iso2=c[8:].upper(),
                   evidence=evidence(2), sources=[], **g[c])
    for c in cities:
        G.add_node(c, category="entity", type="City", label=c[5:].replace("-", " ").title(), evidence=evidence(1),
                   sources=[], **g[c])
        city_country[c] = rnd.choice(countries)
        G.add_edge(c, city_country[c], key="locatedIn", type="locatedIn", label="located in", evidence=evidence(1))
    weights = [1.0 / (1 + i) ** 0.9 for i in range(len(countries))]   # a few countries make most news
    persons = [f"person/p{i:04d}" for i in range(2500)]
    for i, p in enumerate(persons):
        leader = i < 400
        G.add_node(p, category="entity", type="Leader" if leader else "Person", label=f"Person {i} Surname{i}",
                   label_ru=f"Персона {i}", evidence=evidence(3), sources=[])
        if leader:
            c = rnd.choices(countries, weights)[0]
            G.add_edge(p, c, key="leaderOf", type="leaderOf", label="leader of", evidence=evidence(1))
    pweights = [1.0 / (1 + i) ** 0.8 for i in range(len(persons))]
    orgs = [f"org/o{i}" for i in range(300)]
    for o in orgs:
        G.add_node(o, category="entity", type="Organization", label=f"Organization {o[5:]}", evidence=evidence(1),
                   sources=[])
    for i in range(events):
        e = f"event/e{i:05d}"
        year = rnd.randint(1990, 2023) if rnd.random() < 0.35 else rnd.randint(2024, 2026)
        start = f"{year}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
        kind = rnd.choice(KINDS)
        end = start[:8] + f"{min(28, int(start[8:]) + rnd.randint(1, 3)):02d}" if kind == "Summit" else ""
        ev = evidence(rnd.randint(1, 6))
        undated = rnd.random() < 0.1
        G.add_node(e, category="event", type=kind, label=f"{kind} number {i}", status=rnd.choice(STATUS),
                   start_date="" if undated else start, end_date="" if undated else end, evidence=ev,
                   sources=sorted({x["article"] for x in ev}), source_count=len({x["article"] for x in ev}),
                   confidence=round(rnd.uniform(0.6, 0.99), 3), quote="" if kind != "Statement" else "We agreed.")
        k = 1 if kind == "Statement" else rnd.choice([2, 2, 2, 3, 4]) if kind != "Summit" else rnd.randint(3, 8)
        for p in sorted(set(rnd.choices(persons, pweights, k=k))):
            G.add_edge(e, p, key="participant", type="participant", label="participant", role="participant", evidence=ev)
        if rnd.random() < 0.2:
            G.add_edge(e, rnd.choices(countries, weights)[0], key="participant", type="participant", label="participant",
                       role="participant", evidence=ev)
        if rnd.random() < 0.75 and kind != "PhoneCall":
            G.add_edge(e, rnd.choice(cities), key="heldIn", type="heldIn", label="held in", evidence=ev)
        if kind == "Summit" and rnd.random() < 0.5:
            G.add_edge(e, rnd.choice(orgs), key="organizer", type="organizer", label="organizer", evidence=ev)
    i = 0
    while G.number_of_nodes() < nodes:       # unlinked names, places and figures the page does not show
        G.add_node(f"other/x{i:05d}", category="entity", type=rnd.choice(["Person", "Place", "Organization"]),
                   label=f"Unlinked {i}", evidence=evidence(1), sources=[])
        i += 1
    return G


INTERACT = """async ([what, arg]) => {
  const frames = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  await frames();
  const t = performance.now();
  if (what === 'brush') dipkg.brush(arg[0], arg[1]);
  else if (what === 'reset') dipkg.setRange('', '', 'reset'), dipkg.tl.showRange();
  else if (what === 'sort') dipkg.sortBy(arg[0], arg[1]);
  else if (what === 'search') dipkg.search(arg);
  else if (what === 'row') document.querySelectorAll('#rows .row')[arg].click();
  else if (what === 'person') dipkg.selectEntity(dipkg.idOfEnt[arg], 'network');
  await frames();
  return performance.now() - t;
}"""


def measure(path: Path, runs: int, screenshot: str | None) -> dict:
    from playwright.sync_api import sync_playwright

    out: dict = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        errors, requests = [], []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("request", lambda r: requests.append(r.url))
        t = time.perf_counter()
        page.goto(path.resolve().as_uri(), timeout=300_000)
        page.wait_for_function("() => window.dipkgReady === true", timeout=300_000, polling=20)
        out["first_draw_s"] = time.perf_counter() - t
        out["first_draw_in_page_s"] = page.evaluate("performance.now()") / 1000
        D = page.evaluate("[dipkg.D.counts, dipkg.D.persons.nodes.length, dipkg.D.persons.edges.length]")
        out["counts"], out["network"] = D[0], (D[1], D[2])
        out["phases"] = page.evaluate("dipkg.times")
        top = page.evaluate("() => { var best = 0, id = null; dipkg.D.persons.nodes.forEach(n => {"
                            " var k = dipkg.byEnt[n[0]].length; if (k > best) { best = k; id = dipkg.N[n[0]].i; } }); return id; }")
        first, last = D[0]["first"], D[0]["last"]
        ranges = [("2025-03-01", "2025-03-31"), ("2010-01-01", "2019-12-31"), ("2026-06-01", "2026-06-07")]
        plan = [("brush", r) for r in ranges] + [("reset", None)]
        plan += [("sort", (3, True)), ("sort", (0, False)), ("sort", (5, False)), ("sort", (0, True))]
        plan += [("search", "surname1"), ("search", "summit"), ("search", "")]
        plan += [("row", 3), ("row", 10), ("person", top), ("row", 0)]
        times: dict[str, list[float]] = {}
        for _ in range(runs):
            for what, arg in plan:
                ms = page.evaluate(INTERACT, [what, arg])
                times.setdefault(what, []).append(ms)
        out["interactions_ms"] = {k: (statistics.median(v), max(v)) for k, v in times.items()}
        out["range"] = (first, last)
        if screenshot:
            page.screenshot(path=screenshot)
        out["errors"], out["requests"] = errors, [u for u in requests if u != path.resolve().as_uri()]
        browser.close()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--graph", help="a GraphML export (kg build's graph.graphml) instead of the synthetic graph")
    ap.add_argument("--events", type=int, default=10_000, help="events of the synthetic graph (default 10,000)")
    ap.add_argument("--nodes", type=int, default=24_000, help="nodes of the synthetic graph (default 24,000)")
    ap.add_argument("--runs", type=int, default=7, help="runs of each interaction (default 7)")
    ap.add_argument("--out", default="/tmp/overview_bench.html")
    ap.add_argument("--screenshot")
    args = ap.parse_args(argv)
    print("command:", "python benchmarks/overview_page.py " + " ".join(argv if argv is not None else sys.argv[1:]))
    t = time.perf_counter()
    if args.graph:
        from kg.views import load_graph

        G = load_graph(args.graph)
    else:
        G = synthesize(args.events, args.nodes)
    t_graph = time.perf_counter() - t
    t = time.perf_counter()
    html = render_overview(G, title="dipkg overview benchmark")
    t_page = time.perf_counter() - t
    out = Path(args.out)
    out.write_text(html, encoding="utf-8")
    size = out.stat().st_size
    print(f"graph: {G.number_of_nodes():,} nodes, {G.number_of_edges():,} edges "
          f"({'read' if args.graph else 'synthesised'} in {t_graph:.1f} s)")
    print(f"page: {size / 1e6:.1f} MB written in {t_page:.1f} s -> {out}")
    if not Path(CHROMIUM).exists():
        print("no chromium: browser figures skipped")
        return 0
    m = measure(out, args.runs, args.screenshot)
    c = m["counts"]
    print(f"in the page: {c['events']:,} events ({c['undated']:,} undated), {c['entities']:,} entities, "
          f"{c['articles']:,} articles; person network {m['network'][0]:,} nodes / {m['network'][1]:,} edges; "
          f"dates {m['range'][0]} - {m['range'][1]}")
    ok_draw = m["first_draw_s"] < 5
    print(f"first drawing of all panels: {m['first_draw_s']:.2f} s from navigation "
          f"({m['first_draw_in_page_s']:.2f} s page clock)  target < 5 s: {'ok' if ok_draw else 'MISSED'}")
    print("  phases (page clock, s):", ", ".join(f"{k} {v / 1000:.2f}" for k, v in m["phases"].items()))
    worst = 0.0
    for what, (med, mx) in m["interactions_ms"].items():
        worst = max(worst, mx)
        print(f"  {what:7s} median {med:6.1f} ms   worst {mx:6.1f} ms")
    print(f"interactions: worst {worst:.0f} ms  target < 200 ms: {'ok' if worst < 200 else 'MISSED'}")
    print(f"console errors: {len(m['errors'])}; requests other than the page: {len(m['requests'])}")
    for e in m["errors"][:5]:
        print("  error:", e)
    return 0 if ok_draw and worst < 200 and not m["errors"] and not m["requests"] else 1


if __name__ == "__main__":
    sys.exit(main())
