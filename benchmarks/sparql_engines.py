"""Named queries on a synthetic event graph: pyoxigraph (Oxigraph) vs rdflib's in-memory engine.

    python benchmarks/sparql_engines.py                 # about 1.07 million triples
    python benchmarks/sparql_engines.py --events 2000   # a quick run

The graph is shaped like the exports (persons and leaders, countries, organizations,
cities, articles, events of every kind with participants, places, dates, codes,
evidence nodes and reified facts, metWith between persons of happened meetings);
generated from a fixed seed, so every run sees the same graph. Each named query of
ontology/queries/ runs on both engines with the same text and must give the same
number of rows; printed: load times, per-query seconds (Oxigraph: best of --repeat;
rdflib: one run, it is slow, in a forked process stopped after --rdflib-timeout seconds,
then reported as ">T" with the ratio as a lower bound) and the ratio rdflib / Oxigraph.
"""
from __future__ import annotations

import argparse
import hashlib
import io
import math
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.sparql.named import list_queries, render  # noqa: E402

DIP = "https://w3id.org/dipkg/ontology#"
ID = "https://w3id.org/dipkg/id/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
PROV = "http://www.w3.org/ns/prov#"
SCHEMA = "https://schema.org/"
KINDS = [("Meeting", "040", "CONSULT"), ("Summit", "043", "CONSULT:multilateral"),
         ("Visit", "042", "CONSULT:visit"), ("PhoneCall", "040", "CONSULT:phone"),
         ("AgreementSigning", "057", "AGREE"), ("Statement", "010", "STATEMENT")]
MEETS = {"Meeting", "Summit", "Visit", "PhoneCall"}


def generate(events: int, seed: int = 7) -> tuple[bytes, dict]:
    """N-Triples of a synthetic graph, and a few nodes to use as query parameters."""
    rnd = random.Random(seed)
    out = io.StringIO()
    w = out.write

    def iri(x: str) -> str:
        return f"<{ID}{x}>"

    def lit(text: str, lang: str | None = None, dt: str | None = None) -> str:
        text = text.replace("\\", "\\\\").replace('"', '\\"')
        return f'"{text}"@{lang}' if lang else (f'"{text}"^^<{dt}>' if dt else f'"{text}"')

    def t(s: str, p: str, o: str) -> None:
        w(f"{s} {p} {o} .\n")

    a_, label, derived, ev_p = f"<{RDF}type>", f"<{RDFS}label>", f"<{PROV}wasDerivedFrom>", f"<{DIP}evidence>"
    n_countries, n_orgs = 200, 30
    n_cities, n_persons, n_articles = max(50, events // 20), max(200, events // 10), max(100, events // 4)
    countries = [f"country/c{i:03d}" for i in range(n_countries)]
    orgs = [f"org/o{i:02d}" for i in range(n_orgs)]
    cities = [f"city/x{i:04d}" for i in range(n_cities)]
    persons = [f"person/p{i:05d}" for i in range(n_persons)]
    articles = [f"article/{hashlib.sha256(str(i).encode()).hexdigest()[:16]}" for i in range(n_articles)]
    counter = [0]

    def evidence(art: str, rule: str) -> str:
        counter[0] += 1
        e = iri(f"evidence/{counter[0]:08x}")
        t(e, a_, f"<{DIP}Evidence>")
        t(e, derived, iri(art))
        t(e, f"<{DIP}sentence>", lit(f"Sentence {counter[0]} of the article, naming the participants."))
        t(e, f"<{DIP}charStart>", lit(str(counter[0] % 900), dt=XSD + "integer"))
        t(e, f"<{DIP}charEnd>", lit(str(counter[0] % 900 + 40), dt=XSD + "integer"))
        t(e, f"<{DIP}rule>", lit(rule))
        t(e, f"<{DIP}confidence>", lit("0.9", dt=XSD + "decimal"))
        return e

    def fact(s: str, p: str, o: str, art: str, rule: str, role: str | None = None) -> None:
        t(s, p, o)
        f = iri("fact/" + hashlib.sha256(f"{s}{p}{o}".encode()).hexdigest()[:16])
        t(f, a_, f"<{RDF}Statement>")
        t(f, f"<{RDF}subject>", s)
        t(f, f"<{RDF}predicate>", p)
        t(f, f"<{RDF}object>", o)
        t(f, f"<{DIP}confidence>", lit("0.9", dt=XSD + "decimal"))
        if role:
            t(f, f"<{DIP}role>", lit(role))
        t(f, ev_p, evidence(art, rule))

    for i, art in enumerate(articles):
        t(iri(art), a_, f"<{DIP}Article>")
        t(iri(art), f"<{SCHEMA}headline>", lit(f"Headline {i}", "en"))
        t(iri(art), f"<{SCHEMA}datePublished>", lit(f"20{15 + i % 10}-{1 + i % 12:02d}-{1 + i % 28:02d}", dt=XSD + "date"))
        t(iri(art), f"<{SCHEMA}inLanguage>", lit("ru" if i % 3 else "en"))
    for i, c in enumerate(countries):
        t(iri(c), a_, f"<{DIP}Country>")
        t(iri(c), label, lit(f"Country {i}", "en"))
        t(iri(c), label, lit(f"Страна {i}", "ru"))
        t(iri(c), derived, iri(articles[i % n_articles]))
        for o in rnd.sample(orgs, 2):
            fact(iri(c), f"<{DIP}memberOf>", iri(o), articles[i % n_articles], "kb.membership")
    for i, o in enumerate(orgs):
        t(iri(o), a_, f"<{DIP}Organization>")
        t(iri(o), label, lit(f"Organization {i}", "en"))
    for i, c in enumerate(cities):
        t(iri(c), a_, f"<{DIP}City>")
        t(iri(c), a_, f"<{DIP}Place>")
        t(iri(c), label, lit(f"City {i}", "en"))
        fact(iri(c), f"<{DIP}locatedIn>", iri(countries[i % n_countries]), articles[i % n_articles], "kb.city_country")
    for i, p in enumerate(persons):
        t(iri(p), a_, f"<{DIP}Person>")
        t(iri(p), label, lit(f"Person {i}", "en"))
        t(iri(p), label, lit(f"Персона {i}", "ru"))
        t(iri(p), derived, iri(articles[i % n_articles]))
        if i < n_countries * 2:
            t(iri(p), a_, f"<{DIP}Leader>")
            fact(iri(p), f"<{DIP}leaderOf>", iri(countries[i % n_countries]), articles[i % n_articles], "kb.office")
    met: set[tuple[str, str]] = set()
    # a few busy leaders, as in the news: participants follow a skewed distribution
    weights = [1.0 / (1 + k) ** 0.8 for k in range(n_persons)]
    for i in range(events):
        kind, cameo, plover = KINDS[rnd.choices(range(6), weights=[5, 1, 2, 2, 1, 3])[0]]
        e = iri(f"event/{i:08x}")
        art = articles[rnd.randrange(n_articles)]
        status = rnd.choices(["happened", "planned", "cancelled", "denied"], weights=[85, 10, 3, 2])[0]
        n_part = 1 if kind == "Statement" else (rnd.randint(4, 8) if kind == "Summit" else 2)
        parts = sorted(set(rnd.choices(persons, weights=weights, k=n_part)))
        date = f"20{15 + i % 10}-{1 + (i // 7) % 12:02d}-{1 + i % 28:02d}"
        t(e, a_, f"<{DIP}{kind}>")
        t(e, a_, f"<{DIP}Event>")
        t(e, label, lit(f"{kind} {i}", "en"))
        t(e, f"<{DIP}status>", lit(status))
        t(e, f"<{DIP}startDate>", lit(date, dt=XSD + "date"))
        t(e, f"<{DIP}cameoCode>", lit(cameo))
        t(e, f"<{DIP}cameoConcept>", f"<https://w3id.org/dipkg/cameo/{cameo}>")
        t(e, f"<{DIP}ploverCode>", lit(plover))
        t(e, f"<{DIP}ploverConcept>", f"<https://w3id.org/dipkg/plover/{plover.replace(':', '-')}>")
        t(e, f"<{DIP}sourceCount>", lit("1", dt=XSD + "integer"))
        t(e, derived, iri(art))
        t(e, ev_p, evidence(art, f"ru.event.{kind.lower()}"))
        for p in parts:
            fact(e, f"<{DIP}participant>", iri(p), art, f"ru.event.{kind.lower()}",
                 role="speaker" if kind == "Statement" else "participant")
            if kind == "Statement":
                t(e, f"<{DIP}speaker>", iri(p))
                t(e, f"<{DIP}quote>", lit(f"Quote {i}", "ru"))
        if kind != "Statement":
            fact(e, f"<{DIP}heldIn>", iri(rnd.choice(cities)), art, "ru.event.place")
        if kind in MEETS and status == "happened":
            for x in parts:
                for y in parts:
                    if x != y and (x, y) not in met:
                        met.add((x, y))
                        fact(iri(x), f"<{DIP}metWith>", iri(y), art, "ru.metwith")
    params = {"person": persons[0], "place": countries[0], "from": "2018-01-01", "to": "2019-12-31",
              "code": "04", "node": persons[1], "speaker": persons[0],
              "events-by-plover": {"code": "CONSULT"}}
    return out.getvalue().encode("utf-8"), params


def _rdflib_child(g, text: str, conn) -> None:
    t0 = time.perf_counter()
    rows = len(list(g.query(text)))
    conn.send((time.perf_counter() - t0, rows))


def _rdflib_run(g, text: str, timeout: float) -> tuple[float | None, int | None]:
    """One rdflib query in a forked child (shares the loaded graph); None if it overran."""
    import multiprocessing as mp

    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe()
    proc = ctx.Process(target=_rdflib_child, args=(g, text, child))
    proc.start()
    try:
        if parent.poll(timeout):
            return parent.recv()
        return None, None
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--events", type=int, default=11000, help="events to generate (11000: about 1.07M triples)")
    ap.add_argument("--repeat", type=int, default=3, help="Oxigraph runs per query (best is kept)")
    ap.add_argument("--only", nargs="*", help="named queries to run (default: all)")
    ap.add_argument("--rdflib-timeout", type=float, default=120.0,
                    help="stop an rdflib query after this many seconds (default: 120)")
    args = ap.parse_args(argv)

    import pyoxigraph as ox
    import rdflib

    t0 = time.perf_counter()
    data, params = generate(args.events)
    n_triples = data.count(b"\n")
    print(f"generated {n_triples:,} triples ({len(data) / 1e6:.0f} MB N-Triples) in {time.perf_counter() - t0:.1f} s")

    t0 = time.perf_counter()
    store = ox.Store()
    store.bulk_load(data, ox.RdfFormat.N_TRIPLES)
    ox_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    g = rdflib.Graph()
    g.parse(data=data.decode("utf-8"), format="nt")
    rd_load = time.perf_counter() - t0
    print(f"load: pyoxigraph {ox_load:.1f} s ({len(store):,} triples), rdflib {rd_load:.1f} s ({len(g):,} triples)")

    queries = list_queries()
    names = args.only or list(queries)
    print(f"\n{'query':<22} {'rows':>7} {'pyoxigraph s':>13} {'rdflib s':>10} {'ratio':>8}")
    ratios = []
    for name in names:
        q = queries[name]
        values = {p.name: params[p.name] for p in q.params if p.name in params}
        values.update(params.get(name, {}))
        text = render(q, values)
        best = math.inf
        for _ in range(max(1, args.repeat)):
            t0 = time.perf_counter()
            ox_rows = len(list(store.query(text)))
            best = min(best, time.perf_counter() - t0)
        rd, rd_rows = _rdflib_run(g, text, args.rdflib_timeout)
        if rd is None:
            ratio = args.rdflib_timeout / best
            ratios.append(ratio)
            print(f"{name:<22} {ox_rows:>7} {best:>13.4f} {'>' + format(args.rdflib_timeout, 'g'):>10} "
                  f"{'>' + format(ratio, '.0f'):>7}x", flush=True)
            continue
        ratio = rd / best if best > 0 else math.inf
        ratios.append(ratio)
        same = "" if ox_rows == rd_rows else f"  ROWS DIFFER: rdflib {rd_rows}"
        print(f"{name:<22} {ox_rows:>7} {best:>13.4f} {rd:>10.3f} {ratio:>7.0f}x{same}", flush=True)
    geo = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
    print(f"\n{len(ratios)} queries on {n_triples:,} triples: pyoxigraph faster by {min(ratios):.0f}x to "
          f"{max(ratios):.0f}x (geometric mean {geo:.0f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
