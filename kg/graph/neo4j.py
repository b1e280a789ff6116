"""Neo4j CSV: a folder with ``nodes.csv`` and ``relationships.csv`` for the bulk
importer, with default settings (``,`` separator, ``"`` quotes, ``;`` inside
arrays, no multi-line fields)::

    neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv neo4j

Nodes: ``id:ID`` (the graph's node id), ``:LABEL`` (the type, its superclasses
and the category, e.g. ``Leader;Person;Entity``), then properties typed in the
header (``confidence:double``, ``source_count:long``, ``start_date:date``, ``aliases:string[]``, ...).
Relationships: ``:START_ID``, ``:END_ID``, ``:TYPE`` (the predicate in upper
snake case: ``MET_WITH``, ``PARTICIPANT``, ``HELD_IN``), then the properties,
among them ``predicate`` (``metWith``) and ``key``. Line breaks in text
become spaces and ``;`` inside array items becomes ``,``; evidence lists are
JSON strings.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

import networkx as nx

from ..atomic import write_atomic
from ..vocab import superclasses
from .graphml import _decode

__all__ = ["write_neo4j", "read_neo4j", "neo4j_type"]

_NEO4J_HEADER = re.compile(
    r"^(?:[A-Za-z_][A-Za-z0-9_]*)?"
    r"(?::(?:ID|LABEL|START_ID|END_ID|TYPE|IGNORE|int|long|float|double|boolean|byte|short|char|string|"
    r"date|localtime|time|localdatetime|datetime|duration|point)(?:\[\])?)?$")


def neo4j_type(predicate: str) -> str:
    """A predicate as a Neo4j relationship type: ``metWith`` -> ``MET_WITH``.

    >>> neo4j_type("heldIn"), neo4j_type("participant")
    ('HELD_IN', 'PARTICIPANT')
    """
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", predicate).upper()


def _clean(text: str) -> str:
    return re.sub(r"[\r\n\u2028\u2029]+", " ", text)


_DATE_ATTRS = ("start_date", "end_date", "date")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _columns(dicts: list[dict], skip: set[str]) -> list[tuple[str, str]]:
    """(property, neo4j type) for every attribute, typed by the values it takes."""
    kinds: dict[str, set[str]] = {}
    for d in dicts:
        for k, v in d.items():
            if k in skip or v is None:
                continue
            if k in _DATE_ATTRS and isinstance(v, str) and (not v or _ISO_DATE.match(v)):
                t = "date"
            elif isinstance(v, bool):
                t = "boolean"
            elif isinstance(v, int):
                t = "long"
            elif isinstance(v, float):
                t = "double"
            elif isinstance(v, (list, tuple)) and all(isinstance(x, str) for x in v) and k != "evidence":
                t = "string[]"
            else:
                t = "string"
            kinds.setdefault(k, set()).add(t)
    cols = []
    for k in sorted(kinds):
        ts = kinds[k]
        t = ts.pop() if len(ts) == 1 else ("double" if ts <= {"long", "double"} else "string")
        cols.append((k, t))
    return cols


def _cell(v, t: str) -> str:
    if v is None:
        return ""
    if t == "string[]":
        return ";".join(_clean(str(x)).replace(";", ",") for x in v)
    if t == "boolean":
        return "true" if v else "false"
    if t in ("long", "double"):
        return "" if v == "" else repr(v) if isinstance(v, float) else str(v)
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False, sort_keys=True)
    return _clean(str(v))


def _labels(d: dict) -> str:
    typ = d.get("type") or "Node"
    labels = [typ, *superclasses(typ)]
    if d.get("category"):
        labels.append(str(d["category"]).capitalize())
    return ";".join(dict.fromkeys(re.sub(r"[^A-Za-z0-9_]", "_", x) for x in labels))


def _csv_text(header: list[str], rows: list[list[str]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def write_neo4j(G: nx.MultiDiGraph, folder: str | os.PathLike) -> list[Path]:
    """Write ``nodes.csv`` and ``relationships.csv`` for ``neo4j-admin database import``."""
    out = Path(folder)
    nodes = sorted(G.nodes)
    ncols = _columns([G.nodes[n] for n in nodes], skip={"id"})
    header = ["id:ID", ":LABEL"] + [f"{k}:{t}" for k, t in ncols]
    rows = [[str(n), _labels(G.nodes[n])] + [_cell(G.nodes[n].get(k), t) for k, t in ncols] for n in nodes]
    write_atomic(out / "nodes.csv", _csv_text(header, rows))
    edges = sorted(G.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2])))
    ecols = _columns([{**d, "key": k} for _, _, k, d in edges], skip={"type", "predicate"})
    header = [":START_ID", ":END_ID", ":TYPE", "predicate:string"] + [f"{k}:{t}" for k, t in ecols]
    rows = []
    for u, v, k, d in edges:
        pred = str(d.get("type") or str(k).split("|", 1)[0])
        full = {**d, "key": k}
        rows.append([str(u), str(v), neo4j_type(pred), pred] + [_cell(full.get(c), t) for c, t in ecols])
    write_atomic(out / "relationships.csv", _csv_text(header, rows))
    return [out / "nodes.csv", out / "relationships.csv"]


def _parse(value: str, t: str):
    if t.endswith("[]"):
        return [x for x in value.split(";")] if value else []
    if value == "":
        return None
    if t in ("long", "int"):
        return int(value)
    if t in ("double", "float"):
        return float(value)
    if t == "boolean":
        return value == "true"
    return value


def read_neo4j(folder: str | os.PathLike) -> nx.MultiDiGraph:
    """The Neo4j CSV pair read back; raises ``ValueError`` on a malformed header or a dangling id."""
    folder = Path(folder)
    G = nx.MultiDiGraph()
    with open(folder / "nodes.csv", encoding="utf-8", newline="") as fh:
        rows = csv.reader(fh)
        header = next(rows)
        _check_header(header, required=("id:ID", ":LABEL"))
        for row in rows:
            d = {}
            for h, val in zip(header, row):
                name, _, t = h.partition(":")
                if t in ("ID", "LABEL"):
                    continue
                parsed = _parse(val, t or "string")
                if parsed is not None:
                    d[name] = parsed
            G.add_node(row[header.index("id:ID")], labels=row[header.index(":LABEL")].split(";"), **d)
    with open(folder / "relationships.csv", encoding="utf-8", newline="") as fh:
        rows = csv.reader(fh)
        header = next(rows)
        _check_header(header, required=(":START_ID", ":END_ID", ":TYPE"))
        for row in rows:
            d = {}
            for h, val in zip(header, row):
                name, _, t = h.partition(":")
                if t in ("START_ID", "END_ID", "TYPE"):
                    continue
                parsed = _parse(val, t or "string")
                if parsed is not None:
                    d[name] = parsed
            u, v = row[header.index(":START_ID")], row[header.index(":END_ID")]
            for end in (u, v):
                if end not in G:
                    raise ValueError(f"relationships.csv: {end!r} is not a node of nodes.csv")
            d["type"] = d.pop("predicate", row[header.index(":TYPE")])
            d["neo4j_type"] = row[header.index(":TYPE")]
            G.add_edge(u, v, key=d.pop("key", d["type"]), **d)
    for n, d in G.nodes(data=True):
        _decode(d)
    for _, _, d in G.edges(data=True):
        _decode(d)
    return G


def _check_header(header: list[str], required: tuple[str, ...]) -> None:
    for h in header:
        if not _NEO4J_HEADER.match(h):
            raise ValueError(f"not a Neo4j import header field: {h!r}")
    for r in required:
        if r not in header:
            raise ValueError(f"missing header field {r!r}")
    if len(set(h.partition(":")[0] for h in header if h.partition(":")[0])) != \
            len([h for h in header if h.partition(":")[0]]):
        raise ValueError("duplicate property in header")

