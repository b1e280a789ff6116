"""The ``kg`` command: a thin layer over the library.

Exit codes: 0 success; 1 some input failed (the rest was built and written);
2 usage error or nothing could be done.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .errors import KGError

__all__ = ["main"]


def _err(msg: str) -> None:
    print(f"kg: error: {msg}", file=sys.stderr)


def cmd_build(args: argparse.Namespace) -> int:
    from .build import build

    result = build(args.inputs)
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


def cmd_query(args: argparse.Namespace) -> int:
    from .query import run_query

    if args.file:
        sparql = Path(args.file).read_text(encoding="utf-8")
    elif args.sparql:
        sparql = args.sparql
    else:
        _err("give a query as an argument or with -f FILE")
        return 2
    table = run_query(args.graph, sparql)
    sys.stdout.write(table.render(args.format))
    return 0


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


def make_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kg", description="Diplomatic event knowledge graph from news articles.")
    p.add_argument("--version", action="version", version=f"dipkg {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="build the graph from articles and write the exports",
                       description="Read articles (files or directories: agency text, .txt, .html, .jsonl, "
                                   "RSS/Atom) and write graph.ttl, graph.jsonld, graph.html, graph.graphml.")
    b.add_argument("inputs", nargs="+", help="files or directories (read recursively)")
    b.add_argument("-o", "--output", default="exports", help="output folder (default: exports/)")
    b.set_defaults(func=cmd_build)

    q = sub.add_parser("query", help="run SPARQL over an export",
                       description="Run a SPARQL SELECT/ASK/CONSTRUCT query over an RDF file with Oxigraph.")
    q.add_argument("graph", help="an RDF file: .ttl, .nt, .jsonld, .trig")
    q.add_argument("sparql", nargs="?", help="the query text")
    q.add_argument("-f", "--file", help="read the query from this file")
    q.add_argument("--format", choices=("table", "csv", "json"), default="table")
    q.set_defaults(func=cmd_query)

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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
