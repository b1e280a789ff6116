"""Provenance-shaped exports of the RDF graph: TriG with one named graph per
article, N-Triples, and a VoID/DCAT description of the dataset.

All deterministic: triples and graphs are written in sorted order, no blank nodes.
"""
from __future__ import annotations

from collections import Counter, defaultdict

from rdflib import BNode, Graph, Literal, URIRef

from .vocab import DIP, ID_NS, PREFIXES, PROV, RDF

__all__ = ["partition_by_article", "to_trig", "to_ntriples", "void_description", "DATASET_IRI"]

DATASET_IRI = ID_NS + "dataset"


def _ox(term):
    """The pyoxigraph term of an rdflib term (used by kg.store and kg.push)."""
    import pyoxigraph as ox

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):  # never produced by kg.rdf; kept for foreign graphs
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype is not None:
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))


def partition_by_article(g: Graph) -> dict[URIRef | None, list[tuple]]:
    """Triples by the article that supports them (``None``: the default graph).

    A triple about a node goes to every article the node is ``prov:wasDerivedFrom``;
    an asserted relation and its ``rdf:Statement`` go to the articles of the
    statement's evidence; a ``dip:evidence`` link goes to the evidence's article.
    Triples no article supports (none in a normal build) stay in the default graph.
    """
    articles = set(g.subjects(RDF.type, DIP.Article))
    arts: dict = defaultdict(set)
    for a in articles:
        arts[a].add(a)
    for s, o in g.subject_objects(PROV.wasDerivedFrom):
        if o in articles:
            arts[s].add(o)
    asserted: dict = {}
    for f in g.subjects(RDF.type, RDF.Statement):
        fa = set()
        for e in g.objects(f, DIP.evidence):
            fa |= arts.get(e, set())
        arts[f] |= fa
        spo = (g.value(f, RDF.subject), g.value(f, RDF.predicate), g.value(f, RDF.object))
        asserted.setdefault(spo, set()).update(fa)
    out: dict = defaultdict(list)
    for s, p, o in g:
        if p == DIP.evidence:
            where = arts.get(o) or arts.get(s)
        elif (s, p, o) in asserted and asserted[(s, p, o)]:
            where = asserted[(s, p, o)]
        else:
            where = arts.get(s)
        for a in (where or (None,)):
            out[a].append((s, p, o))
    return dict(out)


def to_trig(g: Graph) -> str:
    """TriG: the default graph (if any) and one named graph per article IRI.

    Written with rdflib only (no Oxigraph import in a build: it costs memory), each
    graph as rdflib's sorted Turtle, relative to ``@base <https://w3id.org/dipkg/id/>``.
    """
    prefixes = {k: v for k, v in PREFIXES.items() if k != "id"}  # "id:article\/…" reads badly: @base
    head = [f"@base <{ID_NS}> .\n"] + [f"@prefix {k}: <{v}> .\n" for k, v in prefixes.items()]
    known = {line.strip() for line in head}
    parts = partition_by_article(g)
    blocks = []
    for name in sorted(parts, key=lambda n: "" if n is None else str(n)):
        sub = Graph(bind_namespaces="none")
        for k, v in prefixes.items():
            sub.bind(k, v)
        for t in parts[name]:
            sub.add(t)
        # split on "\n" only and leave the body as it is: literals may hold \r, U+2028, ...
        lines = sub.serialize(format="turtle", base=ID_NS).split("\n")
        n = 0
        while n < len(lines) and (lines[n].startswith(("@prefix", "@base")) or not lines[n].strip()):
            n += 1
        if any(x.strip() and x.strip() not in known for x in lines[:n]):
            body = to_ntriples(sub)  # an unexpected prefix: plain triples
        else:
            body = "\n".join(lines[n:]).strip("\n") + "\n"
        label = "" if name is None else f"<{str(name)[len(ID_NS):]}> " if str(name).startswith(ID_NS) \
            else f"<{name}> "
        blocks.append(label + "{\n" + body + "}\n")
    return "".join(head) + "\n" + "\n".join(blocks)


def to_ntriples(g: Graph) -> str:
    """N-Triples, one triple a line, lines sorted."""
    # rdflib leaves \r raw in literals, which N-Triples forbids (\r occurs nowhere else);
    # lines end at "\n" only (U+2028 and friends may sit in literals)
    data = g.serialize(format="nt").replace("\r", "\\r")
    return "".join(sorted(line + "\n" for line in data.split("\n") if line))


_VOID_HEAD = """@prefix void: <http://rdfs.org/ns/void#> .
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .

# VoID and DCAT description of the dataset; relative IRIs (<graph.ttl>) name the
# files next to this one.
"""

_DISTRIBUTIONS = (
    ("graph.ttl", "text/turtle", "Turtle"), ("graph.nt", "application/n-triples", "N-Triples"),
    ("graph.jsonld", "application/ld+json", "JSON-LD (context: ontology/context.jsonld, embedded)"),
    ("graph.trig", "application/trig", "TriG, one named graph per article"),
    ("graph.graphml", "application/graphml+xml", "GraphML (networkx view)"),
    ("graph.html", "text/html", "interactive HTML view"),
)


def _lit(value) -> str:
    return Literal(value).n3()


def void_description(g: Graph) -> str:
    """Turtle text of a void:Dataset / dcat:Dataset with counts and partitions."""
    ds = f"<{DATASET_IRI}>"
    classes = Counter(o for o in g.objects(None, RDF.type))
    props = Counter(p for p in g.predicates())
    dates = sorted(str(o) for o in g.objects(None, DIP.startDate))
    articles = sorted(str(a) for a in g.subjects(RDF.type, DIP.Article))
    lines = [_VOID_HEAD, f"{ds} a void:Dataset , dcat:Dataset ;",
             '    dcterms:title "dipkg: diplomatic events extracted from news"@en ,',
             '        "dipkg: дипломатические события из новостей"@ru ;',
             "    dcterms:license <https://creativecommons.org/licenses/by/4.0/> ;",
             "    void:vocabulary <https://w3id.org/dipkg/ontology#> , <https://schema.org/> ,",
             "        <http://www.w3.org/ns/prov#> , <http://www.w3.org/2004/02/skos/core#> ;",
             "    dcterms:conformsTo <https://w3id.org/dipkg/ontology> ;",
             f"    void:uriSpace {_lit(ID_NS)} ;",
             f"    void:triples {len(g)} ;",
             f"    void:entities {len({s for s in g.subjects() if isinstance(s, URIRef)})} ;",
             f"    void:distinctSubjects {len(set(g.subjects()))} ;",
             f"    void:properties {len(props)} ;",
             f"    void:distinctObjects {len(set(g.objects()))} ;",
             f"    void:classes {len(classes)} ;",
             "    void:exampleResource " + " , ".join(f"<{a}>" for a in articles[:3]) + " ;"
             if articles else "",
             "    void:dataDump " + " , ".join(f"<{n}>" for n, _, _ in _DISTRIBUTIONS[:4]) + " ;",
             "    dcat:distribution " + " , ".join(f"<{DATASET_IRI}/{n}>" for n, _, _ in _DISTRIBUTIONS) + " ;"]
    if dates:
        lines.append(f"    dcterms:temporal <{DATASET_IRI}/period> ;")
    lines.append("    void:classPartition " + " , ".join(
        f"<{DATASET_IRI}/class/{_local(c)}>" for c in sorted(classes)) + " ;")
    lines.append("    void:propertyPartition " + " , ".join(
        f"<{DATASET_IRI}/property/{_local(p)}>" for p in sorted(props)) + " .")
    lines = [x for x in lines if x]
    lines.append("")
    for name, mime, title in _DISTRIBUTIONS:
        lines += [f"<{DATASET_IRI}/{name}> a dcat:Distribution ;", f"    dcterms:title {_lit(title)} ;",
                  f"    dcat:mediaType <https://www.iana.org/assignments/media-types/{mime}> ;",
                  f"    dcat:downloadURL <{name}> .", ""]
    if dates:
        lines += [f"<{DATASET_IRI}/period> a dcterms:PeriodOfTime ;",
                  f'    dcat:startDate "{dates[0]}"^^xsd:date ;', f'    dcat:endDate "{dates[-1]}"^^xsd:date .', ""]
    for c in sorted(classes):
        lines += [f"<{DATASET_IRI}/class/{_local(c)}> void:class <{c}> ;",
                  f"    void:entities {classes[c]} .", ""]
    for p in sorted(props):
        lines += [f"<{DATASET_IRI}/property/{_local(p)}> void:property <{p}> ;",
                  f"    void:triples {props[p]} .", ""]
    return "\n".join(lines)


def _local(iri) -> str:
    """A readable, IRI-safe partition name: ``dip-Meeting``, ``rdf-type``."""
    text = str(iri)
    for prefix, ns in PREFIXES.items():
        if text.startswith(ns):
            return f"{prefix}-{text[len(ns):]}"
    import hashlib

    return "x-" + hashlib.sha256(text.encode()).hexdigest()[:12]
