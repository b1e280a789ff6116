"""The endpoint's worker processes: each holds the graph in an Oxigraph store and runs one
query at a time. A query that outlives its timeout gets a 503 and its worker is killed (and
replaced), so even a query stuck inside the engine stops. Results are written in the format
the request negotiated (SPARQL results JSON/XML/CSV/TSV; Turtle, N-Triples, RDF/XML, JSON-LD).
"""
from __future__ import annotations

import csv
import io
import json
import multiprocessing as mp
import queue
import sys
import threading
import time
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from ..errors import QueryError
from ..vocab import PREFIXES, SPARQL_RESULTS_NS, XSD_NS
from .query import load_store

__all__ = ["WorkerPool", "negotiate", "SELECT_TYPES", "GRAPH_TYPES", "MIME"]

SELECT_TYPES = {"application/sparql-results+json": "json", "application/json": "json",
                 "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
                 "text/csv": "csv", "text/tab-separated-values": "tsv"}
GRAPH_TYPES = {"text/turtle": "turtle", "application/x-turtle": "turtle", "application/n-triples": "nt",
                "text/plain": "nt", "application/rdf+xml": "rdfxml", "application/ld+json": "jsonld"}
MIME = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
         "csv": "text/csv; charset=utf-8", "tsv": "text/tab-separated-values; charset=utf-8",
         "turtle": "text/turtle; charset=utf-8", "nt": "application/n-triples",
         "rdfxml": "application/rdf+xml", "jsonld": "application/ld+json"}


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
        elif t.datatype.value != XSD_NS + "string":
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
        out = [f'<?xml version="1.0"?>\n<sparql xmlns="{SPARQL_RESULTS_NS}">\n<head>']
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
        return (f'<?xml version="1.0"?>\n<sparql xmlns="{SPARQL_RESULTS_NS}"><head/>'
                f"<boolean>{'true' if value else 'false'}</boolean></sparql>\n").encode(), MIME["xml"]
    return json.dumps({"head": {}, "boolean": bool(value)}).encode(), MIME["json"]


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
            fmt = negotiate(job["accept"], SELECT_TYPES, "json")
            body, ctype = _select_body(cols, rows, fmt), MIME[fmt]
        elif isinstance(result, (bool, ox.QueryBoolean)):
            body, ctype = _ask_body(bool(result), negotiate(job["accept"], SELECT_TYPES, "json"))
        else:
            triples = []
            for t in result:
                if len(triples) >= limit:
                    truncated = True
                    break
                triples.append(t)
                if len(triples) % 1000 == 0 and time.monotonic() > deadline:
                    return _timeout_reply(job["timeout"])
            fmt = negotiate(job["accept"], GRAPH_TYPES, "turtle")
            rdf_format = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES,
                          "rdfxml": ox.RdfFormat.RDF_XML, "jsonld": ox.RdfFormat.JSON_LD}[fmt]
            prefixes = PREFIXES if fmt in ("turtle", "rdfxml") else None
            body = ox.serialize(triples, format=rdf_format, prefixes=prefixes) if prefixes else \
                ox.serialize(triples, format=rdf_format)
            ctype = MIME[fmt]
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
