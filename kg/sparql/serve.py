"""``kg serve GRAPH``: a read-only SPARQL 1.1 Protocol endpoint on localhost.

The standard library's ``ThreadingHTTPServer`` takes requests; queries run in
worker processes that each hold the graph in an Oxigraph store. A query that
outlives ``timeout`` gets a 503 and its worker process is killed (and replaced),
so even a query stuck inside the engine (a cartesian product under COUNT) stops.

- ``GET /sparql?query=…``, ``POST /sparql`` with ``application/sparql-query`` or a
  form (``query=…``); ``/`` serves a small query page that loads nothing from
  other hosts.
- Results by content negotiation: SELECT/ASK as ``application/sparql-results+json``
  (default), ``+xml``, ``text/csv``, ``text/tab-separated-values``; CONSTRUCT/DESCRIBE
  as Turtle (default), N-Triples, RDF/XML or JSON-LD.
- At most ``limit`` rows (or triples) are returned; a truncated answer says so in
  the ``X-SPARQL-Truncated`` header.
- SPARQL Update (and LOAD), SERVICE and request bodies over 64 KiB are refused
  with a 4xx and a one-line reason.
- A request whose ``Host`` header names another host than the bound address (or, on
  loopback, ``localhost``) or a name given with ``--allow-host`` gets a 403: a web page on
  another site cannot reach the endpoint through DNS rebinding (its requests carry the
  attacker's host name).
- ``HEAD`` answers with the headers a ``GET`` would send, without running the query.
"""
from __future__ import annotations

import html
import json
import re
import signal
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from ..errors import QueryError
from ..store import is_store
from .named import list_queries
from .workers import GRAPH_TYPES, MIME, SELECT_TYPES, WorkerPool, negotiate

__all__ = ["serve", "make_server", "classify", "query_form", "allowed_hosts"]

MAX_BODY = 64 * 1024
_UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
_STRIP = re.compile(r'''"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'|"(?:[^"\\\n]|\\.)*"'''
                    r"""|'(?:[^'\\\n]|\\.)*'|<[^<>"{}|^`\\\s]*>|#[^\n]*""")


def classify(sparql: str) -> str:
    """``"query"``, ``"update"`` or ``"service"`` (federation), from the text outside strings and IRIs."""
    text = _STRIP.sub(" ", sparql)
    if re.search(r"\bSERVICE\b", text, re.I):
        return "service"
    text = re.sub(r"\b(PREFIX\s+[\w.-]*:|BASE)\s*", " ", text, flags=re.I)
    m = re.match(r"\s*([A-Za-z]+)", text)
    if m and m.group(1).upper() in _UPDATE_WORDS:
        return "update"
    return "query"


def query_form(sparql: str) -> str:
    """``"select"``, ``"ask"``, ``"construct"`` or ``"describe"``: what the answer will be (for HEAD)."""
    text = re.sub(r"\b(PREFIX\s+[\w.-]*:|BASE)\s*", " ", _STRIP.sub(" ", sparql), flags=re.I)
    m = re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", text, re.I)
    return m.group(1).lower() if m else "select"


_LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def allowed_hosts(bound: str, extra=()) -> frozenset[str]:
    """The host names a request's ``Host`` header may carry: the bound address, every loopback
    name when bound to loopback, and ``extra`` (``--allow-host``)."""
    names = {bound.lower().strip("[]")} | {h.lower().strip("[]") for h in extra}
    if names & _LOOPBACK:
        names |= _LOOPBACK
    return frozenset(names)


def _host_name(header: str) -> str:
    """The host of a Host header, without the port: ``[::1]:7878`` -> ``::1``."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def _page() -> bytes:
    try:
        examples = {q.name: q.text for q in list_queries().values()}
    except OSError:
        examples = {}
    default = examples.get("who-met-whom", "SELECT * WHERE { ?s ?p ?o } LIMIT 10")
    data = json.dumps(examples, ensure_ascii=False).replace("<", "\\u003c")
    options = "".join(f"<option>{html.escape(n)}</option>" for n in examples)
    return _PAGE.replace("%DEFAULT%", html.escape(default)).replace("%OPTIONS%", options) \
        .replace("%EXAMPLES%", data).encode("utf-8")


_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>dipkg SPARQL</title>
<style>body{font:14px sans-serif;margin:1.5em}textarea{width:100%;height:14em;font:13px monospace}
table{border-collapse:collapse;margin-top:1em}td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}
#msg{color:#a00;white-space:pre-wrap}</style></head>
<body><h1>dipkg SPARQL endpoint</h1>
<p>Read-only. Endpoint: <code>/sparql</code> (GET <code>?query=</code> or POST). Named queries use
<code>$param</code> placeholders: replace them with terms before running.</p>
<form id="f"><label>Example: <select id="ex"><option value="">(choose)</option>%OPTIONS%</select></label>
<textarea id="q" name="query">%DEFAULT%</textarea><br><button type="submit">Run</button></form>
<div id="msg"></div><table id="out"></table>
<script>
const EX = %EXAMPLES%;
document.getElementById('ex').onchange = e => { if (EX[e.target.value]) document.getElementById('q').value = EX[e.target.value]; };
document.getElementById('f').onsubmit = async e => {
  e.preventDefault();
  const msg = document.getElementById('msg'), out = document.getElementById('out');
  msg.textContent = 'running…'; out.replaceChildren();
  const r = await fetch('sparql', {method: 'POST', headers: {'Content-Type': 'application/sparql-query',
    'Accept': 'application/sparql-results+json, text/turtle;q=0.9'}, body: document.getElementById('q').value});
  const text = await r.text();
  if (!r.ok) { msg.textContent = r.status + ': ' + text; return; }
  msg.textContent = r.headers.get('X-SPARQL-Truncated') ? 'truncated: ' + r.headers.get('X-SPARQL-Truncated') : '';
  if (!(r.headers.get('Content-Type') || '').includes('json')) { const pre = document.createElement('pre'); pre.textContent = text; out.append(pre); return; }
  const data = JSON.parse(text);
  if ('boolean' in data) { msg.textContent = 'ASK: ' + data.boolean; return; }
  const head = document.createElement('tr');
  for (const v of data.head.vars) { const th = document.createElement('th'); th.textContent = v; head.append(th); }
  out.append(head);
  for (const b of data.results.bindings) {
    const tr = document.createElement('tr');
    for (const v of data.head.vars) { const td = document.createElement('td'); td.textContent = b[v] ? b[v].value : ''; tr.append(td); }
    out.append(tr);
  }
  msg.textContent += ' ' + data.results.bindings.length + ' rows';
};
</script></body></html>
"""


class _Handler(BaseHTTPRequestHandler):
    server_version = "dipkg-sparql/0.1"
    pool: WorkerPool
    timeout_s: float
    limit: int
    cors_origin: str | None
    hosts: frozenset[str]
    quiet = False
    # issue 10: a client that stops sending (slowloris) is dropped after this many seconds
    # of silence, so idle connections cannot pin threads forever
    timeout = 30

    def log_message(self, fmt, *args):  # noqa: D401 - one line per request on stderr
        if not self.quiet:
            sys.stderr.write("kg serve: %s %s\n" % (self.address_string(), fmt % args))

    def _send(self, status: int, ctype: str, body: bytes, headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        if self.cors_origin:
            self.send_header("Access-Control-Allow-Origin", self.cors_origin)
            self.send_header("Access-Control-Expose-Headers", "X-SPARQL-Truncated")
            self.send_header("Vary", "Origin")
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        self._send(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))

    def do_OPTIONS(self):  # CORS preflight, only when an origin is allowed
        if not self.cors_origin:
            return self._error(405, "method not allowed")
        self.send_response(204)
        self.send_header("Access-Control-Allow-Origin", self.cors_origin)
        self.send_header("Access-Control-Allow-Methods", "GET, POST")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _host_ok(self) -> bool:
        """A browser always sends Host; one naming a host we do not serve is refused (DNS rebinding)."""
        host = self.headers.get("Host")
        if host is None or _host_name(host) in self.hosts:
            return True
        self._error(403, f"Host {host.strip()[:100]!r} is not served here (kg serve --allow-host NAME allows a name)")
        return False

    def do_HEAD(self):
        """The headers of the GET answer, without running the query."""
        if not self._host_ok():
            return
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        if url.path not in ("/", "/sparql", "/query") or "update" in params:
            return self._error(404 if "update" not in params else 403, "")
        if "query" not in params:
            return self._send(200 if url.path == "/" else 400, "text/html; charset=utf-8" if url.path == "/"
                              else "text/plain; charset=utf-8", b"")
        sparql = params["query"][0]
        if classify(sparql) != "query":
            return self._error(403, "")
        form = query_form(sparql)
        if form in ("construct", "describe"):
            ctype = MIME[negotiate(self.headers.get("Accept"), GRAPH_TYPES, "turtle")]
        else:
            ctype = MIME[negotiate(self.headers.get("Accept"), SELECT_TYPES, "json")]
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("X-Content-Type-Options", "nosniff")
        if self.cors_origin:
            self.send_header("Access-Control-Allow-Origin", self.cors_origin)
        self.end_headers()

    def do_GET(self):
        if not self._host_ok():
            return
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        if url.path not in ("/", "/sparql", "/query"):
            return self._error(404, "not found: the endpoint is /sparql")
        if "update" in params:
            return self._error(403, "this endpoint is read-only: SPARQL Update is refused")
        if "query" not in params:
            if url.path == "/":
                body = _page()
                return self._send(200, "text/html; charset=utf-8", body, {
                    "Content-Security-Policy": "default-src 'none'; script-src 'unsafe-inline'; "
                                               "style-src 'unsafe-inline'; connect-src 'self'; form-action 'self'"})
            return self._error(400, "missing the query parameter (?query=…)")
        self._answer(params)

    def do_POST(self):
        if not self._host_ok():
            return
        url = urlsplit(self.path)
        if url.path not in ("/", "/sparql", "/query"):
            return self._error(404, "not found: the endpoint is /sparql")
        length = self.headers.get("Content-Length")
        if length is None:
            return self._error(411, "Content-Length required")
        try:
            n = int(length)
        except ValueError:
            return self._error(400, "bad Content-Length")
        if n > MAX_BODY or n < 0:
            self.close_connection = True
            return self._error(413, f"request body too large (over {MAX_BODY} bytes)")
        body = self.rfile.read(n)
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(url.query, keep_blank_values=True)
        if ctype == "application/sparql-update":
            return self._error(403, "this endpoint is read-only: SPARQL Update is refused")
        if ctype == "application/sparql-query":
            params["query"] = [body.decode("utf-8", errors="replace")]
        elif ctype == "application/x-www-form-urlencoded":
            form = parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)
            if "update" in form:
                return self._error(403, "this endpoint is read-only: SPARQL Update is refused")
            for k, v in form.items():
                params.setdefault(k, []).extend(v)
        else:
            return self._error(415, "use Content-Type application/sparql-query or application/x-www-form-urlencoded")
        if "query" not in params:
            return self._error(400, "missing the query parameter")
        self._answer(params)

    def _answer(self, params: dict) -> None:
        if len(params["query"]) != 1:
            return self._error(400, "give exactly one query")
        sparql = params["query"][0]
        kind = classify(sparql)
        if kind == "update":
            return self._error(403, "this endpoint is read-only: SPARQL Update (INSERT, DELETE, LOAD, CLEAR, "
                                    "DROP, …) is refused")
        if kind == "service":
            return self._error(403, "SERVICE (federated query) is disabled on this endpoint")
        import pyoxigraph as ox

        graphs = {}
        for key, name in (("default-graph-uri", "default_graphs"), ("named-graph-uri", "named_graphs")):
            try:
                graphs[name] = [ox.NamedNode(v).value for v in params.get(key, [])]
            except ValueError:
                return self._error(400, f"{key}: not a valid IRI")
        job = {"query": sparql, "accept": self.headers.get("Accept"), "timeout": self.timeout_s,
               "limit": self.limit, **graphs}
        status, ctype, body, headers = self.pool.run(job)
        self._send(status, ctype, body, headers)


def make_server(graph: str | Path, host: str = "127.0.0.1", port: int = 7878, timeout: float = 10.0,
                limit: int = 10000, workers: int = 2, cors_origin: str | None = None,
                quiet: bool = False, allow_hosts=()) -> tuple[ThreadingHTTPServer, WorkerPool]:
    """The HTTP server and its worker pool (call ``serve_forever``; then ``shutdown`` and ``pool.close``)."""
    if not Path(graph).is_file() and not is_store(graph):
        raise QueryError(f"{graph}: no such file")
    if timeout <= 0 or limit <= 0:
        raise QueryError("--timeout and --limit must be positive")
    pool = WorkerPool(graph, size=workers)
    handler = type("Handler", (_Handler,), {"pool": pool, "timeout_s": float(timeout), "limit": int(limit),
                                            "cors_origin": cors_origin, "quiet": quiet,
                                            "hosts": allowed_hosts(host, allow_hosts)})
    try:
        server = ThreadingHTTPServer((host, port), handler)
    except OSError as exc:
        pool.close()
        raise QueryError(f"cannot listen on {host}:{port} ({exc.strerror or exc})") from None
    server.daemon_threads = True
    return server, pool


def serve(graph: str | Path, host: str = "127.0.0.1", port: int = 7878, timeout: float = 10.0,
          limit: int = 10000, workers: int = 2, cors_origin: str | None = None, allow_hosts=()) -> int:
    server, pool = make_server(graph, host, port, timeout, limit, workers, cors_origin, allow_hosts=allow_hosts)
    h, p = server.server_address[:2]
    print(f"serving {graph} ({pool.triples} triples) read-only at http://{h}:{p}/sparql "
          f"(query page: http://{h}:{p}/); Ctrl-C stops", flush=True)

    def _stop(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _stop)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        pool.close()
    return 0
