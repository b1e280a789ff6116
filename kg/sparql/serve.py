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
"""
from __future__ import annotations

import csv
import html
import io
import json
import multiprocessing as mp
import queue
import re
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape as xml_escape

from ..errors import QueryError
from ..store import (
    is_store,  # issue 9: serve a store made by kg build --store, in place
)
from ..vocab import PREFIXES
from .named import list_queries
from .query import load_store

__all__ = ["serve", "make_server", "WorkerPool", "classify"]

MAX_BODY = 64 * 1024
_SELECT_TYPES = {"application/sparql-results+json": "json", "application/json": "json",
                 "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
                 "text/csv": "csv", "text/tab-separated-values": "tsv"}
_GRAPH_TYPES = {"text/turtle": "turtle", "application/x-turtle": "turtle", "application/n-triples": "nt",
                "text/plain": "nt", "application/rdf+xml": "rdfxml", "application/ld+json": "jsonld"}
_MIME = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
         "csv": "text/csv; charset=utf-8", "tsv": "text/tab-separated-values; charset=utf-8",
         "turtle": "text/turtle; charset=utf-8", "nt": "application/n-triples",
         "rdfxml": "application/rdf+xml", "jsonld": "application/ld+json"}
_UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
_STRIP = re.compile(r'''"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'|"(?:[^"\\\n]|\\.)*"'''
                    r"""|'(?:[^'\\\n]|\\.)*'|<[^<>"{}|^`\\\s]*>|#[^\n]*""")


# ---------------------------------------------------------------- what a request asks for

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


def negotiate(accept: str | None, table: dict[str, str], default: str) -> str:
    """The format for an Accept header (q-values honoured; unknown or wildcard: the default)."""
    choices = []
    for n, part in enumerate((accept or "").split(",")):
        fields = [f.strip() for f in part.split(";")]
        mime, q = fields[0].lower(), 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if mime and q > 0:
            choices.append((-q, n, mime))
    for _, _, mime in sorted(choices):
        if mime in table:
            return table[mime]
        if mime in ("*/*", "application/*", "text/*"):
            return default
    return default


# ---------------------------------------------------------------- worker processes

def _json_term(t) -> dict:
    import pyoxigraph as ox

    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Literal):
        d = {"type": "literal", "value": t.value}
        if t.language:
            d["xml:lang"] = t.language
        elif t.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            d["datatype"] = t.datatype.value
        return d
    return {"type": "triple", "value": str(t)}


def _xml_term(t) -> str:
    d = _json_term(t)
    if d["type"] == "uri":
        return f"<uri>{xml_escape(d['value'])}</uri>"
    if d["type"] == "bnode":
        return f"<bnode>{xml_escape(d['value'])}</bnode>"
    attrs = ""
    if "xml:lang" in d:
        attrs = f' xml:lang="{xml_escape(d["xml:lang"])}"'
    elif "datatype" in d:
        attrs = f' datatype="{xml_escape(d["datatype"])}"'
    return f"<literal{attrs}>{xml_escape(d['value'])}</literal>"


def _select_body(cols: list[str], rows: list, fmt: str) -> bytes:
    if fmt == "json":
        bindings = [{c: _json_term(r[i]) for i, c in enumerate(cols) if r[i] is not None} for r in rows]
        return json.dumps({"head": {"vars": cols}, "results": {"bindings": bindings}},
                          ensure_ascii=False).encode("utf-8")
    if fmt == "xml":
        out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>']
        out += [f'<variable name="{xml_escape(c)}"/>' for c in cols]
        out.append("</head>\n<results>")
        for r in rows:
            out.append("<result>" + "".join(f'<binding name="{xml_escape(c)}">{_xml_term(r[i])}</binding>'
                                            for i, c in enumerate(cols) if r[i] is not None) + "</result>")
        out.append("</results>\n</sparql>\n")
        return "\n".join(out).encode("utf-8")
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(cols)
        for r in rows:
            w.writerow(["" if t is None else ("_:" + t.value if _json_term(t)["type"] == "bnode" else
                                              getattr(t, "value", str(t))) for t in r])
        return buf.getvalue().encode("utf-8")
    lines = ["\t".join("?" + c for c in cols)]
    for r in rows:
        lines.append("\t".join("" if t is None else str(t).replace("\t", "\\t") for t in r))
    return ("\n".join(lines) + "\n").encode("utf-8")


def _ask_body(value: bool, fmt: str) -> tuple[bytes, str]:
    if fmt == "xml":
        return (f'<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/>'
                f"<boolean>{'true' if value else 'false'}</boolean></sparql>\n").encode(), _MIME["xml"]
    return json.dumps({"head": {}, "boolean": bool(value)}).encode(), _MIME["json"]


def _execute(store, job: dict) -> tuple[int, str, bytes, dict]:
    """Run one query; returns (status, content type, body, extra headers)."""
    import pyoxigraph as ox

    started = time.monotonic()
    deadline = started + job["timeout"]
    limit = job["limit"]
    try:
        kwargs = {"use_default_graph_as_union": not job.get("default_graphs")}
        if job.get("default_graphs"):
            kwargs["default_graph"] = [ox.NamedNode(g) for g in job["default_graphs"]]
        if job.get("named_graphs"):
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in job["named_graphs"]]
        result = store.query(job["query"], **kwargs)
        truncated = False
        if isinstance(result, ox.QuerySolutions):
            cols = [v.value for v in result.variables]
            rows = []
            for sol in result:
                if len(rows) >= limit:
                    truncated = True
                    break
                rows.append([sol[c] for c in cols])
                if len(rows) % 1000 == 0 and time.monotonic() > deadline:
                    return _timeout_reply(job["timeout"])
            fmt = negotiate(job["accept"], _SELECT_TYPES, "json")
            body, ctype = _select_body(cols, rows, fmt), _MIME[fmt]
        elif isinstance(result, (bool, ox.QueryBoolean)):
            body, ctype = _ask_body(bool(result), negotiate(job["accept"], _SELECT_TYPES, "json"))
        else:
            triples = []
            for t in result:
                if len(triples) >= limit:
                    truncated = True
                    break
                triples.append(t)
                if len(triples) % 1000 == 0 and time.monotonic() > deadline:
                    return _timeout_reply(job["timeout"])
            fmt = negotiate(job["accept"], _GRAPH_TYPES, "turtle")
            rdf_format = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES,
                          "rdfxml": ox.RdfFormat.RDF_XML, "jsonld": ox.RdfFormat.JSON_LD}[fmt]
            prefixes = PREFIXES if fmt in ("turtle", "rdfxml") else None
            body = ox.serialize(triples, format=rdf_format, prefixes=prefixes) if prefixes else \
                ox.serialize(triples, format=rdf_format)
            ctype = _MIME[fmt]
    except SyntaxError as exc:
        return 400, "text/plain; charset=utf-8", f"SPARQL syntax error: {exc}\n".encode(), {}
    except (OSError, ValueError, RuntimeError) as exc:
        return 500, "text/plain; charset=utf-8", f"query failed: {exc}\n".encode(), {}
    headers = {"X-SPARQL-Truncated": f"true; limit={limit}"} if truncated else {}
    return 200, ctype, body, headers


def _timeout_reply(timeout: float) -> tuple[int, str, bytes, dict]:
    return (503, "text/plain; charset=utf-8",
            f"query timed out after {timeout:g} s and was stopped (narrow it, or add LIMIT)\n".encode(), {})


def _worker_main(path: str, conn) -> None:
    try:
        store = load_store(path)
    except Exception as exc:  # reported to the parent, which refuses to start
        conn.send(("error", str(exc)))
        return
    conn.send(("ready", len(store)))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(_execute(store, job))


class _Worker:
    def __init__(self, path: str, ready_timeout: float = 600.0):
        ctx = mp.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(path, child), daemon=True, name="kg-serve-worker")
        self.proc.start()
        child.close()
        if not self.conn.poll(ready_timeout):
            self.kill()
            raise QueryError(f"{path}: the query worker did not start in {ready_timeout:g} s")
        kind, value = self.conn.recv()
        if kind != "ready":
            self.kill()
            raise QueryError(value)
        self.triples = value

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        self.conn.close()


class WorkerPool:
    """Worker processes holding the graph; a query that overruns its deadline kills its worker."""

    def __init__(self, path: str | Path, size: int = 2, grace: float = 0.5):
        self.path = str(path)
        self.grace = grace
        self._free: queue.Queue[_Worker] = queue.Queue()
        self._closed = False
        first = _Worker(self.path)  # fails fast, in the caller, if the graph cannot be loaded
        self.triples = first.triples
        self._free.put(first)
        for _ in range(max(1, size) - 1):
            self._free.put(_Worker(self.path))

    def _replace(self) -> None:
        try:
            w = _Worker(self.path)
        except QueryError as exc:
            print(f"kg serve: cannot restart a worker: {exc}", file=sys.stderr)
            return
        if self._closed:
            w.kill()
        else:
            self._free.put(w)

    def run(self, job: dict) -> tuple[int, str, bytes, dict]:
        timeout = job["timeout"]
        try:
            w = self._free.get(timeout=timeout)
        except queue.Empty:
            return 503, "text/plain; charset=utf-8", b"all query workers are busy; try again\n", {}
        try:
            w.conn.send(job)
            if w.conn.poll(timeout + self.grace):
                reply = w.conn.recv()
                self._free.put(w)
                return reply
        except (EOFError, OSError, BrokenPipeError):
            w.kill()
            threading.Thread(target=self._replace, daemon=True).start()
            return 500, "text/plain; charset=utf-8", b"the query worker died; try again\n", {}
        w.kill()  # a runaway query: stop it for good
        threading.Thread(target=self._replace, daemon=True).start()
        return _timeout_reply(timeout)

    def close(self) -> None:
        self._closed = True
        while True:
            try:
                self._free.get_nowait().kill()
            except queue.Empty:
                break


# ---------------------------------------------------------------- HTTP

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

    def do_GET(self):
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

    do_HEAD = do_GET

    def do_POST(self):
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
                quiet: bool = False) -> tuple[ThreadingHTTPServer, WorkerPool]:
    """The HTTP server and its worker pool (call ``serve_forever``; then ``shutdown`` and ``pool.close``)."""
    if not Path(graph).is_file() and not is_store(graph):
        raise QueryError(f"{graph}: no such file")
    if timeout <= 0 or limit <= 0:
        raise QueryError("--timeout and --limit must be positive")
    pool = WorkerPool(graph, size=workers)
    handler = type("Handler", (_Handler,), {"pool": pool, "timeout_s": float(timeout), "limit": int(limit),
                                            "cors_origin": cors_origin, "quiet": quiet})
    try:
        server = ThreadingHTTPServer((host, port), handler)
    except OSError as exc:
        pool.close()
        raise QueryError(f"cannot listen on {host}:{port} ({exc.strerror or exc})") from None
    server.daemon_threads = True
    return server, pool


def serve(graph: str | Path, host: str = "127.0.0.1", port: int = 7878, timeout: float = 10.0,
          limit: int = 10000, workers: int = 2, cors_origin: str | None = None) -> int:
    server, pool = make_server(graph, host, port, timeout, limit, workers, cors_origin)
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
