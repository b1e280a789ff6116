"""Provenance exports: N-Triples, TriG per article, JSON-LD with the published context, VoID."""
from __future__ import annotations

import json
from pathlib import Path

import rdflib
from rdflib.compare import isomorphic

from kg.vocab import DIP, ID, PROV

ONT = Path(__file__).parent.parent / "ontology"


def _union(trig_path) -> tuple[rdflib.Graph, set]:
    ds = rdflib.Dataset()
    ds.parse(trig_path, format="trig")
    g = rdflib.Graph()
    names = set()
    for s, p, o, c in ds.quads((None, None, None, None)):
        g.add((s, p, o))
        names.add(c)
    return g, names


def test_dataset_ntriples_and_trig_hold_the_turtle_triples(fixture_graph):
    ttl = rdflib.Graph().parse(fixture_graph / "graph.ttl")
    nt = rdflib.Graph().parse(fixture_graph / "graph.nt", format="nt")
    assert isomorphic(ttl, nt)
    lines = (fixture_graph / "graph.nt").read_text(encoding="utf-8").splitlines()
    assert lines == sorted(lines) and not any("_:" in x.split(" ")[0] for x in lines)
    union, names = _union(fixture_graph / "graph.trig")
    assert isomorphic(ttl, union)


def test_dataset_trig_named_graph_per_article(fixture_graph):
    ds = rdflib.Dataset()
    ds.parse(fixture_graph / "graph.trig", format="trig")
    articles = set(rdflib.Graph().parse(fixture_graph / "graph.ttl").subjects(rdflib.RDF.type, DIP.Article))
    named = {g.identifier for g in ds.graphs() if len(g) and g.identifier != rdflib.graph.DATASET_DEFAULT_GRAPH_ID}
    assert articles and named == articles
    art = next(iter(articles))
    g = ds.graph(art)
    # the article's graph holds its events, the facts with their evidence, and the evidence itself
    assert (ID["person/xi-jinping"], DIP.metWith, ID["person/kassym-jomart-tokayev"]) in g
    ev = next(g.objects(None, DIP.evidence))
    assert (ev, PROV.wasDerivedFrom, art) in g and g.value(ev, DIP.sentence)


def test_dataset_jsonld_expands_with_published_context(fixture_graph):
    data = json.loads((fixture_graph / "graph.jsonld").read_text(encoding="utf-8"))
    published = json.loads((ONT / "context.jsonld").read_text(encoding="utf-8"))["@context"]
    assert data["@context"] == published
    # swap the embedded context for the published file's and expand: the same triples as Turtle
    data["@context"] = published
    g = rdflib.Graph().parse(data=json.dumps(data), format="json-ld")
    ttl = rdflib.Graph().parse(fixture_graph / "graph.ttl")
    assert len(g) > 100 and isomorphic(g, ttl)
    assert any("participant" in node for node in data["@graph"])


def test_dataset_void_describes_the_graph(fixture_graph):
    ttl = rdflib.Graph().parse(fixture_graph / "graph.ttl")
    void = rdflib.Graph().parse(fixture_graph / "void.ttl", format="turtle")
    VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
    DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
    ds = ID["dataset"]
    assert (ds, rdflib.RDF.type, VOID.Dataset) in void and (ds, rdflib.RDF.type, DCAT.Dataset) in void
    assert int(void.value(ds, VOID.triples)) == len(ttl)
    dumps = {str(d).rsplit("/", 1)[-1] for d in void.objects(ds, VOID.dataDump)}
    assert {"graph.ttl", "graph.nt", "graph.trig", "graph.jsonld"} <= dumps
    part = ID["dataset/class/dip-Meeting"]
    assert int(void.value(part, VOID.entities)) == len(set(ttl.subjects(rdflib.RDF.type, DIP.Meeting)))
    assert not any(isinstance(t, rdflib.BNode) for triple in void for t in triple)


def test_dataset_provenance_is_queryable(fixture_store):
    """Per fact: the article, the sentence, the rule and the extractor's confidence."""
    from kg.sparql.query import run_query

    table = run_query(fixture_store, """
      PREFIX dip: <https://w3id.org/dipkg/ontology#>
      PREFIX prov: <http://www.w3.org/ns/prov#>
      PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
      SELECT ?conf ?article ?sentence ?rule WHERE {
        ?f a rdf:Statement ; rdf:subject ?e ; rdf:predicate dip:heldIn ; rdf:object <https://w3id.org/dipkg/id/city/tianjin> ;
           dip:confidence ?conf ; dip:evidence ?ev .
        ?e a dip:Meeting .
        ?ev prov:wasDerivedFrom ?article ; dip:sentence ?sentence ; dip:rule ?rule . }""")
    assert table.rows
    conf, article, sentence, rule = table.rows[0]
    assert 0 < float(conf) <= 1 and article.startswith("https://w3id.org/dipkg/id/article/")
    assert "Тяньцзин" in " ".join(r[2] for r in table.rows) and rule
