"""kg.splice: an export rewritten around the records that changed is byte for byte the export
written whole (triples made up here: nasty literals, blank nodes, every format)."""
from __future__ import annotations

import io
import random

import pytest

from kg.rdf import splice
from kg.rdf import writers as dataset
from kg.rdf.terms import literal

FULL = {"graph.nt": dataset.write_ntriples, "graph.ttl": dataset.write_turtle, "graph.jsonld": dataset.write_jsonld}
NASTY = ["plain", 'a "quote"', "line\nbreak", "tab\there", "}\n\n{", "  {\"@id\": 1}", "\u2028x", "@prefix", ".", ""]
P = ["<https://w3id.org/dipkg/ontology#sentence>", "<http://www.w3.org/2000/01/rdf-schema#label>",
     "<https://w3id.org/dipkg/ontology#evidence>", "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"]


def _subject(rnd) -> str:
    k = rnd.randrange(40)
    return f"_:b{k}" if k < 3 else f"<https://w3id.org/dipkg/id/evidence/{k:03x}>" if k < 30 \
        else f"<http://example.org/{k}>"


def _object(rnd) -> str:
    k = rnd.randrange(5)
    if k == 0:
        return "<https://w3id.org/dipkg/ontology#Evidence>"
    if k == 1:
        return f"<https://w3id.org/dipkg/id/person/p{rnd.randrange(5)}>"
    if k == 2:
        return literal(str(rnd.randrange(100)), datatype="http://www.w3.org/2001/XMLSchema#integer")
    return literal(rnd.choice(NASTY), lang=rnd.choice([None, "en", "ru"]))


def _triples(rnd, n) -> set:
    return {(_subject(rnd), rnd.choice(P), _object(rnd)) for _ in range(n)}


def _full(name: str, triples) -> bytes:
    buf = io.StringIO(newline="")
    FULL[name](buf, sorted(triples))
    return buf.getvalue().encode("utf-8")


@pytest.mark.parametrize("name", sorted(FULL))
def test_splice_equals_the_whole_file(tmp_path, name):
    rnd = random.Random(name)
    recs = dataset.Records()
    record = {"graph.nt": recs.nt, "graph.ttl": recs.ttl, "graph.jsonld": recs.jsonld}[name]
    for trial in range(60):
        old = _triples(rnd, rnd.choice([0, 1, 5, 60]))
        new = set(rnd.sample(sorted(old), len(old) // 2)) | _triples(rnd, rnd.choice([0, 1, 30]))
        path = tmp_path / name
        path.write_bytes(_full(name, old))
        subjects = sorted({t[0] for t in old ^ new} | set(rnd.sample(sorted({t[0] for t in new}) or [""], 1)) - {""})
        edits = [(s, record(sorted(t for t in new if t[0] == s)).encode("utf-8")) for s in subjects]
        out = io.BytesIO()
        splice.splice(path, dataset.export_head(name).encode("utf-8"), splice.LAYOUTS[name], edits, out)
        assert out.getvalue() == _full(name, new), (trial, old, new)


def test_splice_trig_replaces_whole_graphs(tmp_path):
    rnd = random.Random(7)
    recs = dataset.Records()
    names = [None] + [f"<https://w3id.org/dipkg/id/article/{k:02d}>" for k in range(12)]

    def whole(graphs) -> bytes:
        buf = io.StringIO(newline="")
        dataset.write_trig(buf, ((n, sorted(graphs[n])) for n in sorted(graphs, key=lambda n: n or "")))
        return buf.getvalue().encode("utf-8")

    for _ in range(40):
        old = {n: _triples(rnd, 8) for n in rnd.sample(names, rnd.randint(1, 8))}
        new = dict(old)
        for n in rnd.sample(names, 4):
            if rnd.random() < 0.3:
                new.pop(n, None)
            else:
                new[n] = _triples(rnd, 5)
        path = tmp_path / "graph.trig"
        path.write_bytes(whole(old))
        changed = sorted((n for n in set(old) | set(new) if old.get(n) != new.get(n)), key=lambda n: n or "")
        edits = [(n or "", recs.trig(n, sorted(new[n])).encode("utf-8") if n in new else b"") for n in changed]
        out = io.BytesIO()
        splice.splice(path, dataset.export_head("graph.trig").encode("utf-8"), splice.LAYOUTS["graph.trig"], edits, out)
        assert out.getvalue() == whole(new)


def test_splice_refuses_another_file(tmp_path):
    path = tmp_path / "graph.ttl"
    path.write_text("# not an export\n", encoding="utf-8")
    with pytest.raises(ValueError):
        splice.splice(path, dataset.export_head("graph.ttl").encode(), splice.LAYOUTS["graph.ttl"], [], io.BytesIO())
