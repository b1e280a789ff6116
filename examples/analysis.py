"""A walk through an analysis in Python, on the corpus we wrote (tests/data/corpus12).

Thirteen short news articles, seven Russian and six English, from several outlets: the SCO
summit in Tianjin and two bilateral meetings on its sidelines, a Putin–Erdoğan phone call, and
two meetings of the presidents of Kazakhstan and Uzbekistan a month apart (Astana, then
Tashkent), with a state visit, an agreement and trade figures.

    python examples/analysis.py                 # prints the walk-through
    python examples/analysis.py --out analysis/ # also writes GEXF, node-link JSON, Neo4j CSV, CSV tables

(It lives in docs/, not examples/: ``kg build examples/`` reads every file under examples/
as an article, and the committed exports/ are that build.)
"""
from __future__ import annotations

import argparse
from pathlib import Path

import kg
import kg.analysis as ka
from kg.graph import formats as graph_io

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "corpus12"


def name(G, node: str) -> str:
    return G.nodes[node].get("label", node)


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--corpus", default=str(CORPUS), help="articles to build (default: tests/data/corpus12)")
    p.add_argument("--out", help="also write the exports and tables to this folder")
    args = p.parse_args(argv)

    # 1. Build one graph from all the articles: reports of one meeting merge into one event.
    result = kg.build([args.corpus])
    G = result.networkx
    s = ka.stats(G, top=5)
    print(f"{s['articles']} articles -> {s['entities']} entities, {s['events']} events "
          f"({s['merged_events']} reported by several articles, at most {s['max_sources']})")

    # Why did reports become one event? The merge log travels on the node.
    for n, d in G.nodes(data=True):
        if d.get("category") == "event" and d["source_count"] > 1:
            print(f"  {d['label']}: {d['source_count']} sources, confidence {d['confidence']}")
            for m in d["merged_from"]:
                print(f"      merged {len(m['ids'])} reports: {m['reason']}")

    # 2. Who met whom, and how often (meetings, summits, visits, calls that happened).
    print("\nWho met whom:")
    for a, b, n in ka.who_met_whom(G):
        print(f"  {name(G, a)} – {name(G, b)}: {n}")

    # 3. A leader's timeline, a country's timeline.
    print("\nShavkat Mirziyoyev, by date:")
    for t in ka.timeline(G, "Мирзиёев"):
        others = ", ".join(name(G, o) for o in t["with"])
        print(f"  {t['date']}  {t['type']:<16} {t['role']:<11} {others}")
    print("\nChina, by date:")
    for t in ka.timeline(G, "China"):
        print(f"  {t['date']}  {t['type']:<16} {t['role']:<11} {t['label']}")

    # 4. The country network: central countries and communities.
    H = ka.country_network(G)
    c = ka.centrality(H)
    print("\nCountries by weighted degree (shared events), with PageRank and betweenness:")
    for n in sorted(c, key=lambda n: (-c[n]["strength"], n)):
        print(f"  {name(G, n):<12} {c[n]['strength']:>4.0f}  pagerank {c[n]['pagerank']:.3f}  "
              f"betweenness {c[n]['betweenness']:.3f}")
    print("Communities (Louvain, seed 0):", [sorted(name(G, n) for n in com) for com in ka.communities(H)])

    # 5. A bilateral summary: Kazakhstan and Uzbekistan.
    b = ka.bilateral(G, "Kazakhstan", "Uzbekistan")
    print(f"\nKazakhstan – Uzbekistan: {len(b['meetings'])} meetings ({b['first']} .. {b['last']}), "
          f"{len(b['agreements'])} agreement signing(s), {len(b['statements'])} statement(s)")
    for m in b["meetings"]:
        print(f"  {m['date']}  {m['type']:<8} {m['label']}  [{m['source_count']} sources]")
    for q in b["quantities"]:
        print(f"  figure: {q['label']}")
    for st in b["statements"]:
        print(f"  {name(G, st['speaker'])}: «{st['quote']}»")

    # 6. DataFrames for pandas users.
    try:
        events = ka.events_dataframe(G)
        people = ka.participants_dataframe(G)
    except ImportError as exc:
        print(f"\n(pandas is not installed: {exc})")
        events = people = None
    if events is not None:
        print("\nEvents per month and kind:")
        table = events.groupby([events.start_date.dt.strftime("%Y-%m"), "type"]).size().unstack(fill_value=0)
        print(table.to_string())
        print("\nEvents per leader:")
        leaders = people[people.participant_type == "Leader"]
        print(leaders.groupby("label").event.nunique().sort_values(ascending=False).to_string())

    # 7. Exports for Gephi, d3 and Neo4j.
    if args.out:
        out = Path(args.out)
        written = graph_io.write_gexf(G, out / "graph.gexf"), graph_io.write_nodelink(G, out / "graph.json")
        written += tuple(graph_io.write_neo4j(G, out / "neo4j"))
        if events is not None:
            events.to_csv(out / "events.csv", index=False)
            people.to_csv(out / "participants.csv", index=False)
            written += (out / "events.csv", out / "participants.csv")
        print("\nwritten:", ", ".join(str(w) for w in written))


if __name__ == "__main__":
    main()
