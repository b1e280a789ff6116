"""The ``kg`` command: a thin layer over the library.

Exit codes: 0 success; 1 some input failed (the rest was built and written);
2 usage error or nothing could be done; 3 an internal error (one line; KG_DEBUG=1 shows the traceback).
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import __version__
from .errors import KGError

__all__ = ["main"]


def _err(msg: str) -> None:
    print(f"kg: error: {msg}", file=sys.stderr)


def cmd_build(args: argparse.Namespace) -> int:
    if args.store:
        return _build_store(args)
    from .pipeline import build

    result = build(args.inputs, jobs=args.jobs, progress=args.progress, scheduler=args.scheduler)
    for e in result.errors:
        _err(str(e))
    rec = result.records
    if not rec.articles:
        _err("no article could be read; nothing written")
        return 2
    paths = result.write(args.output)
    print(f"{len(rec.articles)} articles, {len(rec.entities)} entities, {len(rec.events)} events, "
          f"{len(rec.relations)} relations -> " + ", ".join(str(p) for p in paths))
    if result.errors:
        print(f"{len(result.errors)} input(s) failed (listed above)", file=sys.stderr)
        return 1
    return 0


def _build_store(args: argparse.Namespace) -> int:
    """``kg build --store DIR``: the persistent, incremental build (kg.store)."""
    from .store import build_store

    outdir = None if args.no_exports else args.output
    res = build_store(args.inputs, args.store, outdir=outdir, jobs=args.jobs, progress=args.progress,
                      scheduler=args.scheduler, refresh=args.refresh)
    for e in res.errors:
        _err(str(e))
    if not res.articles:
        _err("no article could be read; nothing written")
        return 2
    head = (f"{res.read} articles read: {res.extracted} extracted, {res.skipped} unchanged; "
            f"store {args.store}: {res.articles} articles")
    if res.unchanged:
        print(head + "; graph and exports up to date")
    else:
        n = res.counts
        print(head + f", {n['entity']} entities, {n['event']} events, {n['relation']} relations; "
              f"{res.graphs_replaced} named graphs replaced" + (" (incremental merge)" if res.incremental else "")
              + (" -> " + ", ".join(str(p) for p in res.exports) if res.exports else ""))
    if res.errors:
        print(f"{len(res.errors)} input(s) failed (listed above)", file=sys.stderr)
        return 1
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    from .sparql import named as named_queries
    from .sparql.query import run_query

    if args.list:
        for q in named_queries.list_queries().values():
            print(f"{q.usage()}\n    {q.description}")
            for prm in q.params:
                default = f", default {prm.default}" if prm.default is not None else ""
                print(f"    {prm.name} ({prm.type}{default}): {prm.description}")
        return 0
    if not args.graph:
        _err("give a GRAPH file (or --list)")
        return 2
    if args.name:
        if args.file or args.sparql:
            _err("give either --name or a query, not both")
            return 2
        sparql = named_queries.render(named_queries.get(args.name), named_queries.parse_params(args.param))
    elif args.param:
        _err("--param goes with --name")
        return 2
    elif args.file:
        sparql = Path(args.file).read_text(encoding="utf-8")
    elif args.sparql:
        sparql = args.sparql
    else:
        _err("give a query as an argument, with -f FILE or with --name NAME")
        return 2
    table = run_query(args.graph, sparql)
    sys.stdout.write(table.render(args.format))
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from .sparql.validate import validate

    conforms, report = validate(args.graph)
    sys.stdout.write(report if report.endswith("\n") else report + "\n")
    return 0 if conforms else 1


def cmd_serve(args: argparse.Namespace) -> int:
    from .sparql.serve import serve

    return serve(args.graph, host=args.host, port=args.port, timeout=args.timeout, limit=args.limit,
                 workers=args.workers, cors_origin=args.cors_origin, allow_hosts=args.allow_host or ())


def cmd_kb(args: argparse.Namespace) -> int:
    from .kb import commands

    if args.kb_command == "lookup":
        lines = commands.lookup_lines(" ".join(args.name))
        if not lines:
            print(f"no entry matches {' '.join(args.name)!r}")
            return 1
    else:
        lines = commands.stats_lines()
    print("\n".join(lines))
    return 0


def cmd_view(args: argparse.Namespace) -> int:
    from .atomic import write_atomic
    from .views import load_graph, make_view, to_html
    from .views.overview import PANELS, render_overview

    inputs = args.inputs
    errors = []
    if len(inputs) == 1 and str(inputs[0]).lower().endswith(".graphml"):
        G = load_graph(inputs[0])
    else:
        from .pipeline import build

        result = build(inputs)
        errors = result.errors
        for e in errors:
            _err(str(e))
        if not result.records.articles:
            _err("no article could be read; nothing written")
            return 2
        G = result.networkx
    if args.view in PANELS:  # the linked overview (kg.views.overview)
        V = make_view(G, "full", args.focus, args.depth, args.types, args.date_from, args.date_to) \
            if (args.focus or args.types or args.date_from or args.date_to) else G
        html = render_overview(V, title=args.title, panel=args.view)
    else:
        html = to_html(G, title=args.title, view=args.view, focus=args.focus, depth=args.depth,
                       types=args.types, date_from=args.date_from, date_to=args.date_to,
                       physics=False if args.no_physics else None)
    write_atomic(args.output, html)
    print(f"{args.view} view -> {args.output}")
    return 1 if errors else 0


def cmd_eval(args: argparse.Namespace) -> int:
    import json

    from .evaluation.run import run, summary

    corpus = Path(args.corpus)
    if not corpus.is_dir():
        _err(f"{corpus}: not a folder")
        return 2
    reports = run(corpus, tuple(args.only or ()), baseline=not args.no_baseline)
    if not reports:
        _err(f"{corpus}: no known corpus folder in it (factrueval-dev, nerel, petrarch, wikinews-en)")
        return 2
    for r in reports:
        print(r.text(max_errors=args.errors))
        print()
    if args.json:
        from .atomic import write_atomic

        write_atomic(args.json, json.dumps(summary(reports), indent=1, sort_keys=True) + "\n")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    import json

    from .analysis import stats, stats_text
    from .pipeline import load_or_build

    G, errors, n_articles = load_or_build(args.inputs)
    for e in errors:
        _err(str(e))
    if not n_articles:
        _err("no article could be read")
        return 2
    s = stats(G, top=args.top)
    sys.stdout.write(json.dumps(s, ensure_ascii=False, indent=1) + "\n" if args.json else stats_text(s))
    return 1 if errors else 0


def cmd_export(args: argparse.Namespace) -> int:
    from .graph.formats import FORMATS, write
    from .pipeline import load_or_build

    G, errors, n_articles = load_or_build(args.inputs)
    for e in errors:
        _err(str(e))
    if not n_articles:
        _err("no article could be read; nothing written")
        return 2
    paths = write(G, args.format, args.output or FORMATS[args.format])
    print(f"{args.format}: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges -> "
          + ", ".join(str(p) for p in paths))
    return 1 if errors else 0


def cmd_push(args) -> int:
    from .sparql.push import push

    password = args.password if args.password is not None else os.environ.get("KG_PUSH_PASSWORD")
    if not Path(args.graph).exists():
        _err(f"{args.graph}: no such file or directory")
        return 2
    rep = push(args.graph, endpoint=args.endpoint, graph_store=args.graph_store, user=args.user,
               password=password, timeout=args.timeout, all_graphs=args.all, progress=args.progress)
    how = "Graph Store Protocol" if args.graph_store else "SPARQL Update"
    print(f"{rep.graphs} graphs ({rep.triples} triples) pushed by {how} in {rep.requests} requests"
          + (f"; {rep.skipped} unchanged since the last push" if rep.skipped else ""))
    return 0


def make_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kg", description="Diplomatic event knowledge graph from news articles.")
    p.add_argument("--version", action="version", version=f"dipkg {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="build the graph from articles and write the exports",
                       description="Read articles (files or directories: agency text, .txt, .html, .jsonl, "
                                   "RSS/Atom) and write graph.ttl, graph.jsonld, graph.html, graph.graphml.")
    b.add_argument("inputs", nargs="+", help="files or directories (read recursively)")
    b.add_argument("-o", "--output", default="exports", help="output folder (default: exports/)")
    b.add_argument("-j", "--jobs", type=int, default=None, metavar="N",
                   help="extraction processes (default: all cores; 1: in this process)")
    b.add_argument("--progress", action="store_true", default=None,
                   help="show a progress bar on stderr (default: only when stderr is a terminal)")
    b.add_argument("--scheduler", metavar="ADDRESS",
                   help="run the extraction on a Dask cluster, e.g. tcp://host:8786 (pip install 'dipkg[scale]')")
    b.add_argument("--store", metavar="DIR",
                   help="keep records and RDF in this persistent store: unchanged articles are skipped, "
                        "new ones added (the store's graph is every article it holds)")
    b.add_argument("--refresh", action="store_true", help="with --store: extract every input again")
    b.add_argument("--no-exports", action="store_true", help="with --store: update the store only")
    b.set_defaults(func=cmd_build)

    q = sub.add_parser("query", help="run SPARQL over an export",
                       description="Run a SPARQL SELECT/ASK/CONSTRUCT query over an RDF file with Oxigraph.")
    q.add_argument("graph", nargs="?", help="an RDF file: .ttl, .nt, .jsonld, .trig")
    q.add_argument("sparql", nargs="?", help="the query text")
    q.add_argument("-f", "--file", help="read the query from this file")
    q.add_argument("--name", help="run a named query from ontology/queries/ (see --list)")
    q.add_argument("--param", action="append", metavar="NAME=VALUE",
                   help="a named query's parameter (repeatable); values become SPARQL terms, never raw text")
    q.add_argument("--list", action="store_true", help="list the named queries and their parameters")
    q.add_argument("--format", choices=("table", "csv", "json"), default="table")
    q.set_defaults(func=cmd_query)

    val = sub.add_parser("validate", help="check an export against the SHACL shapes",
                         description="Validate an RDF export (.ttl, .nt, .jsonld, .trig) against "
                                     "ontology/shapes.ttl with pySHACL; exit 0 if it conforms, 1 if not.")
    val.add_argument("graph", help="an RDF file")
    val.set_defaults(func=cmd_validate)

    srv = sub.add_parser("serve", help="a read-only SPARQL endpoint on localhost",
                         description="Serve an RDF file as a read-only SPARQL 1.1 Protocol endpoint "
                                     "(GET/POST /sparql, query page at /).")
    srv.add_argument("graph", help="an RDF file: .ttl, .nt, .jsonld, .trig")
    srv.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    srv.add_argument("--port", type=int, default=7878, help="port (default: 7878; 0 picks a free one)")
    srv.add_argument("--timeout", type=float, default=10.0, help="seconds a query may run (default: 10)")
    srv.add_argument("--limit", type=int, default=10000, help="most result rows/triples returned (default: 10000)")
    srv.add_argument("--workers", type=int, default=2, help="query worker processes (default: 2)")
    srv.add_argument("--cors-origin", metavar="ORIGIN",
                     help="allow this browser origin (e.g. a YASGUI page) to query; none by default")
    srv.add_argument("--allow-host", action="append", metavar="NAME",
                     help="also answer requests whose Host header is NAME (repeatable); by default only the "
                          "bound address (and localhost when bound to loopback), against DNS rebinding")
    srv.set_defaults(func=cmd_serve)

    v = sub.add_parser("view", help="write the interactive HTML view of a graph",
                       description="Write one self-contained HTML page (works offline) for a graph.graphml "
                                   "export or for any input `kg build` takes.")
    v.add_argument("inputs", nargs="+", metavar="GRAPH_OR_INPUT", help="a .graphml export, or articles to build")
    v.add_argument("-o", "--output", default="view.html", help="the page to write (default: view.html)")
    v.add_argument("--view", choices=("full", "meetings", "countries", "overview", "timeline", "map", "network"),
                   default="full", help="full event graph, leaders' meeting network, countries linked by shared "
                   "events; or the linked overview page (timeline, map, network, events table) opened on all "
                   "panels or on one")
    v.add_argument("--focus", metavar="NAME", help="only the neighbourhood of the node with this name")
    v.add_argument("--depth", type=int, default=2, help="steps around --focus (default: 2)")
    v.add_argument("--types", nargs="+", metavar="TYPE", help="node types to keep, e.g. Leader Country Summit Event")
    v.add_argument("--from", dest="date_from", metavar="DATE", help="keep events from this date (YYYY-MM-DD)")
    v.add_argument("--to", dest="date_to", metavar="DATE", help="keep events up to this date (YYYY-MM-DD)")
    v.add_argument("--no-physics", action="store_true", help="lay out in Python and start with physics off")
    v.add_argument("--title", default="dipkg graph", help="the page title")
    v.set_defaults(func=cmd_view)

    e = sub.add_parser("eval", help="measure the extractors on annotated corpora",
                       description="Precision, recall and F1 on factRuEval-2016, NEREL, PETRARCH-2 gold "
                                   "sentences and Wikinews links found under CORPUS, with the errors listed.")
    e.add_argument("corpus", help="a folder holding factrueval-dev/, nerel/, petrarch/, wikinews-en/")
    e.add_argument("--only", action="append", choices=("factrueval", "nerel", "nerel-dev", "petrarch", "wikinews"),
                   help="run only this evaluation (repeatable)")
    e.add_argument("--errors", type=int, default=30, help="errors to list per report (default 30)")
    e.add_argument("--json", help="also write the scores as JSON to this file")
    e.add_argument("--no-baseline", action="store_true", help="skip the natasha-alone NER baseline")
    e.set_defaults(func=cmd_eval)

    st = sub.add_parser("stats", help="summarise a graph: counts, top leaders, dates, merges",
                        description="Counts by type, top leaders by meetings, date range, articles, unlinked "
                                    "entities, merged events, for a graph.graphml export or any input kg build takes.")
    st.add_argument("inputs", nargs="+", metavar="GRAPH_OR_INPUT", help="a .graphml export, or articles to build")
    st.add_argument("--top", type=int, default=10, help="leaders to list (default: 10)")
    st.add_argument("--json", action="store_true", help="print the summary as JSON")
    st.set_defaults(func=cmd_stats)

    x = sub.add_parser("export", help="write the graph for Gephi, d3/networkx or Neo4j",
                       description="Write a graph (a .graphml export, or any input kg build takes) as GEXF "
                                   "(Gephi), node-link JSON, GraphML, or nodes.csv + relationships.csv for "
                                   "neo4j-admin database import.")
    x.add_argument("inputs", nargs="+", metavar="GRAPH_OR_INPUT", help="a .graphml export, or articles to build")
    x.add_argument("--format", required=True, choices=("gexf", "nodelink", "neo4j", "graphml"))
    x.add_argument("-o", "--output", help="the file to write (a folder for neo4j); default graph.gexf, "
                                          "graph.json, graph.graphml or neo4j/")
    x.set_defaults(func=cmd_export)

    pu = sub.add_parser("push", help="send the graph to a SPARQL 1.1 store, one named graph per article",
                       description="Send an export (.trig, .ttl, .nt, .jsonld) or a --store folder to any SPARQL "
                                   "1.1 store: Graph Store Protocol PUT per article graph (--graph-store), or "
                                   "SPARQL Update in chunks of 1,000 triples (--endpoint). Re-pushing an article "
                                   "replaces its graph.")
    pu.add_argument("graph", metavar="GRAPH_OR_STORE", help="an RDF export or a kg build --store folder")
    pu.add_argument("--endpoint", metavar="URL", help="SPARQL Update endpoint, e.g. http://127.0.0.1:7878/update")
    pu.add_argument("--graph-store", metavar="URL",
                   help="Graph Store Protocol endpoint, e.g. http://127.0.0.1:7878/store (preferred when given)")
    pu.add_argument("--user", help="user name (HTTP Basic, or Digest when the server asks)")
    pu.add_argument("--password", help="password (or the KG_PUSH_PASSWORD environment variable)")
    pu.add_argument("--all", action="store_true", help="from a store: send every graph, not only the changed ones")
    pu.add_argument("--timeout", type=float, default=120.0, help="seconds per request (default: 120)")
    pu.add_argument("--progress", action="store_true", default=None, help="show a progress bar on stderr")
    pu.set_defaults(func=cmd_push)

    k = sub.add_parser("kb", help="the shipped knowledge base", description="Look up or count KB entries.")
    ksub = k.add_subparsers(dest="kb_command", required=True)
    kl = ksub.add_parser("lookup", help="entries matching a name, and why they matched")
    kl.add_argument("name", nargs="+")
    ksub.add_parser("stats", help="counts of countries, cities, organizations, leaders")
    k.set_defaults(func=cmd_kb)
    return p


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KGError as exc:
        _err(str(exc))
        return 2
    except KeyboardInterrupt:
        _err("interrupted")
        return 130
    except Exception as exc:  # issue 10: a bug reaches the user as one line, not a traceback
        if os.environ.get("KG_DEBUG"):
            raise
        _err(f"internal error ({type(exc).__name__}: {str(exc)[:300]}); set KG_DEBUG=1 for the traceback")
        return 3


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
