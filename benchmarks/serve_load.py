"""Load test of `kg serve` on loopback (issue 10): a bounded number of concurrent clients.

    python benchmarks/serve_load.py [GRAPH] [--clients 8] [--requests 200] [--workers 2]
    python benchmarks/serve_load.py --url http://127.0.0.1:7878/sparql     # an endpoint already running

Starts `kg serve GRAPH --port 0` (127.0.0.1 only) unless --url is given, then CLIENTS threads each
send REQUESTS queries (a mix of SELECT, ASK, CONSTRUCT and a named query's text, GET and POST) and
reports requests, failures, throughput and latency percentiles. Exit status 1 if any request
failed. Only ever talks to 127.0.0.1.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
P = "PREFIX dip: <https://w3id.org/dipkg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
QUERIES = [
    ("GET", P + "SELECT ?p ?name WHERE { ?p a dip:Leader ; rdfs:label ?name } ORDER BY ?name",
     "application/sparql-results+json"),
    ("GET", "ASK { ?s ?p ?o }", "application/sparql-results+json"),
    ("POST", P + "SELECT ?a ?b WHERE { ?a dip:metWith ?b }", "text/csv"),
    ("GET", P + "CONSTRUCT { ?e a dip:Meeting ; dip:participant ?x } WHERE { ?e a dip:Meeting ; dip:participant ?x }",
     "text/turtle"),
    ("POST", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "application/sparql-results+xml"),
]


def one_request(url: str, i: int) -> tuple[bool, float, str]:
    method, query, accept = QUERIES[i % len(QUERIES)]
    if method == "GET":
        req = urllib.request.Request(url + "?" + urllib.parse.urlencode({"query": query}), headers={"Accept": accept})
    else:
        req = urllib.request.Request(url, data=query.encode(), headers={
            "Accept": accept, "Content-Type": "application/sparql-query"})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            r.read()
            ok, why = r.status == 200, str(r.status)
    except (urllib.error.URLError, OSError) as exc:
        ok, why = False, f"{type(exc).__name__}: {exc}"
    return ok, time.perf_counter() - started, why


def percentile(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        return float("nan")
    k = min(len(sorted_values) - 1, max(0, round(q / 100 * (len(sorted_values) - 1))))
    return sorted_values[k]


def run_load(url: str, clients: int, requests: int) -> dict:
    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()

    def client(c: int) -> None:
        for k in range(requests):
            ok, dt, why = one_request(url, c + k)
            with lock:
                latencies.append(dt)
                if not ok:
                    failures.append(why)

    one_request(url, 0)  # warm-up (not counted)
    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as ex:
        list(ex.map(client, range(clients)))
    wall = time.perf_counter() - started
    lat = sorted(latencies)
    return {"clients": clients, "requests": len(lat), "failures": len(failures),
            "failure_examples": sorted(set(failures))[:5], "seconds": round(wall, 2),
            "throughput_rps": round(len(lat) / wall, 1),
            "p50_ms": round(percentile(lat, 50) * 1000, 1), "p90_ms": round(percentile(lat, 90) * 1000, 1),
            "p99_ms": round(percentile(lat, 99) * 1000, 1), "max_ms": round(lat[-1] * 1000, 1) if lat else None}


def start_server(graph: Path, workers: int) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([sys.executable, "-c", "import sys; from kg.cli import main; sys.exit(main(sys.argv[1:]))",
                             "serve", str(graph), "--port", "0", "--workers", str(workers)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = proc.stdout.readline()
    m = re.search(r"(http://127\.0\.0\.1:\d+/sparql)", line)
    if not m:
        proc.kill()
        raise SystemExit(f"kg serve did not start: {line!r}")
    return proc, m.group(1)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("graph", nargs="?", default=str(ROOT / "exports" / "graph.ttl"))
    ap.add_argument("--url", help="an endpoint already running on 127.0.0.1")
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--requests", type=int, default=200, help="requests per client")
    ap.add_argument("--workers", type=int, default=2, help="kg serve --workers")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if args.url and not re.match(r"http://(127\.0\.0\.1|localhost)[:/]", args.url):
        raise SystemExit("--url must be on 127.0.0.1 (this is a load test)")
    proc = None
    url = args.url
    if not url:
        proc, url = start_server(Path(args.graph), args.workers)
    try:
        report = run_load(url, args.clients, args.requests)
    finally:
        if proc:
            proc.terminate()
            proc.wait(10)
    report["endpoint"] = url
    if args.json:
        print(json.dumps(report, indent=1))
    else:
        print(f"{report['clients']} clients x {args.requests} requests on {url}: {report['requests']} requests, "
              f"{report['failures']} failures, {report['throughput_rps']} req/s, p50 {report['p50_ms']} ms, "
              f"p90 {report['p90_ms']} ms, p99 {report['p99_ms']} ms, max {report['max_ms']} ms")
        for f in report["failure_examples"]:
            print("  failure:", f)
    return 1 if report["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
