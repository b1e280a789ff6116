"""The RDF of the records as N-Triples terms, and the named graph of each article, without rdflib.

A term is a string in N-Triples syntax (``<iri>``, ``"text"@en``,
``"5"^^<http://www.w3.org/2001/XMLSchema#integer>``), escaped exactly as Oxigraph writes it;
a triple is a tuple of three terms. :func:`emit` makes, in one pass over the records, the set
of every triple (the graph that ``graph.ttl``, ``graph.nt`` and ``graph.jsonld`` hold) and the
triples of each article's named graph (``graph.trig``, the store). Nothing here builds an
rdflib graph: at a few million triples rdflib is slow and takes gigabytes
(:func:`kg.rdf.to_rdf` still gives one, for the Python API).

Where a triple goes (``kg.rdf.rdflib_io.partition_by_article`` applies the same rules to any graph):

1. ``?x dip:evidence ?e``: the article of ``?e``;
2. ``?x prov:wasDerivedFrom ?article``: that article only;
3. ``dip:confidence`` and ``dip:sourceCount`` (figures that pool every report of a node or
   fact): the node's first article (smallest IRI) only;
4. an asserted relation ``?s ?p ?o`` reified as an ``rdf:Statement``: the articles of the
   statement's evidence;
5. anything else about a node: every article the node is derived from (for an article: itself).

Triples no article supports (none in a normal build) are in the default graph (key ``None``).

So an article's graph holds what the article contributes (its evidence, its facts, the nodes it
names with their types, labels and attributes) plus the merge decisions that concern those nodes
(a merged event's participants, dates, label), and nothing that grows with the rest of the
corpus: adding a report of an event rewrites the graphs of that event's reports only when the
merged event changes, and otherwise only the graph that holds its pooled figures.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict

from .. import kinds
from ..ingest.lang import detect_language
from ..kb import geo as kb_geo
from ..merge.confidence import confidence as fact_confidence
from ..merge.records import Records
from ..model import Evidence
from ..vocab import CAMEO_NS, ID_NS, PLOVER_NS, WD_NS, XSD_NS, superclasses
from .named_graphs import RDFTriples, partition
from .terms import (
    DCTERMS_SOURCE,
    DIP_ARTICLE,
    DIP_CONFIDENCE,
    DIP_EVIDENCE,
    DIP_EVIDENCE_CLASS,
    DIP_QUANTITY,
    DIP_SOURCE_COUNT,
    GEO_LAT,
    GEO_LONG,
    OWL_SAME,
    PROV_DERIVED,
    RDF_OBJECT,
    RDF_PREDICATE,
    RDF_STATEMENT,
    RDF_SUBJECT,
    RDFS_LABEL,
    SCHEMA_HEADLINE,
    SCHEMA_LANGUAGE,
    SCHEMA_PUBLISHED,
    SCHEMA_URL,
    SKOS_ALT,
    A,
    decimal_lex,
    dip,
    iri,
    literal,
)

__all__ = ["emit", "RDFTriples", "partition"]


class _Emitter:
    def __init__(self, rec: Records, partition: bool, known=None):
        self.rec = rec
        self.known = rec.articles if known is None else known
        self.union: set = set()
        self.graphs: dict = defaultdict(list) if partition else None
        self.node_arts: dict[str, tuple[str, ...]] = {}
        self.facts: dict[tuple[str, str, str], list] = {}
        self.ev_done: set = set()
        self._iris: dict[str, str] = {}
        self._arts: dict[str, str] = {}
        self._ev_iris: dict[tuple, str] = {}
        self._decimals: dict[float, str] = {}
        self._lang: dict[str, str] = {}
        self.d = {n: dip(n) for n in (
            "participant", "heldIn", "organizer", "speaker", "startDate", "endDate", "status",
            "participantsIncomplete", "ordinal", "cameoCode", "cameoConcept", "ploverCode", "ploverConcept",
            "topic", "quote", "sentence", "charStart", "charEnd", "rule", "role", "rubric", "measure", "amount",
            "currency", "year", "concerns", "metWith")}

    # ---- terms
    def node(self, local_id: str) -> str:
        t = self._iris.get(local_id)
        if t is None:
            t = self._iris[local_id] = "<" + ID_NS + local_id + ">"
        return t

    def article(self, article_id: str) -> str:
        t = self._arts.get(article_id)
        if t is None:
            t = self._arts[article_id] = "<" + ID_NS + "article/" + article_id + ">"
        return t

    def evidence_iri(self, ev: Evidence) -> str:
        key = (ev.article_id, ev.start, ev.end, ev.rule)
        t = self._ev_iris.get(key)
        if t is None:
            digest = hashlib.sha256(f"{ev.article_id}|{ev.start}|{ev.end}|{ev.rule}".encode()).hexdigest()[:16]
            t = self._ev_iris[key] = "<" + ID_NS + "evidence/" + digest + ">"
        return t

    def decimal(self, value: float) -> str:
        t = self._decimals.get(value)
        if t is None:
            t = self._decimals[value] = literal(decimal_lex(value), datatype=XSD_NS + "decimal")
        return t

    @staticmethod
    def integer(value: int) -> str:
        return '"' + str(int(value)) + '"^^<' + XSD_NS + 'integer>'

    def lang_literal(self, text: str, default: str) -> str:
        key = text + "\x00" + default
        t = self._lang.get(key)
        if t is None:
            lang = detect_language(text)
            t = self._lang[key] = literal(text, lang=lang if lang in ("ru", "en") else default)
        return t

    # ---- placement
    def arts(self, evidence) -> tuple[str, ...]:
        """The article IRIs (of articles in the records) of some evidence, sorted."""
        known = self.known
        return tuple(sorted({self.article(a) for a in {ev.article_id for ev in evidence} if a in known}))

    def put(self, t: tuple[str, str, str], where) -> None:
        self.union.add(t)
        if self.graphs is not None:
            if where:
                for g in where:
                    self.graphs[g].append(t)
            else:
                self.graphs[None].append(t)

    def put_all(self, triples: list, where) -> None:
        self.union.update(triples)
        if self.graphs is not None:
            for g in (where or (None,)):
                self.graphs[g].extend(triples)

    @staticmethod
    def first(where: tuple[str, ...]) -> tuple[str, ...]:
        return where[:1]  # sorted: the smallest IRI

    # ---- shapes
    def typed(self, out: list, node: str, cls: str) -> None:
        out.append((node, A, dip(cls)))
        for sup in superclasses(cls):
            out.append((node, A, dip(sup)))

    def derived(self, node: str, evidence, arts: tuple[str, ...]) -> None:
        for art in sorted({ev.article_id for ev in evidence}):
            t = self.article(art)
            self.put((node, PROV_DERIVED, t), (t,) if art in self.known else arts)

    def evidence(self, subject: str, subject_arts: tuple[str, ...], evidence) -> None:
        d = self.d
        for ev in set(evidence):
            e = self.evidence_iri(ev)
            where = (self.article(ev.article_id),) if ev.article_id in self.known else ()
            self.put((subject, DIP_EVIDENCE, e), where or subject_arts)
            if ev in self.ev_done:
                continue
            self.ev_done.add(ev)
            self.put_all([(e, A, DIP_EVIDENCE_CLASS), (e, PROV_DERIVED, self.article(ev.article_id)),
                          (e, d["sentence"], literal(ev.sentence)), (e, d["charStart"], self.integer(ev.start)),
                          (e, d["charEnd"], self.integer(ev.end)), (e, d["rule"], literal(ev.rule)),
                          (e, DIP_CONFIDENCE, self.decimal(ev.confidence))], where)

    def fact(self, s: str, p: str, o: str, evidence, role: str | None = None) -> None:
        """A relation triple, reified with its evidence (emitted in :meth:`flush_facts`)."""
        f = self.facts.get((s, p, o))
        if f is None:
            f = self.facts[(s, p, o)] = [set(), set(), set()]
        f[0].update(evidence)
        if role:
            f[1].add(role)
        if evidence:
            # issue 8: the fact's confidence pools its evidence (sources, rules): kg.merge.confidence
            f[2].add(fact_confidence(evidence))

    def flush_facts(self) -> None:
        for (s, p, o), (evidence, roles, confidences) in self.facts.items():
            key = f"{s[1:-1]}|{p[1:-1]}|{o[1:-1]}"
            f = "<" + ID_NS + "fact/" + hashlib.sha256(key.encode()).hexdigest()[:16] + ">"
            arts = self.arts(evidence)
            self.put((s, p, o), arts or self.node_arts.get(s, ()))
            triples = [(f, A, RDF_STATEMENT), (f, RDF_SUBJECT, s), (f, RDF_PREDICATE, p), (f, RDF_OBJECT, o)]
            triples += [(f, self.d["role"], literal(r)) for r in roles]
            self.put_all(triples, arts)
            for c in confidences:
                self.put((f, DIP_CONFIDENCE, self.decimal(c)), self.first(arts))
            self.evidence(f, arts, evidence)
        self.facts.clear()

    # ---- the records
    def run(self) -> RDFTriples:
        rec, d = self.rec, self.d
        for a in rec.sorted_articles():
            node = self.article(a.id)
            out = [(node, A, DIP_ARTICLE), (node, SCHEMA_LANGUAGE, literal(a.lang)),
                   (node, DCTERMS_SOURCE, literal(a.source))]
            if a.title:
                out.append((node, SCHEMA_HEADLINE, literal(a.title, lang=a.lang if a.lang in ("ru", "en") else None)))
            if a.date:
                out.append((node, SCHEMA_PUBLISHED, literal(a.date, datatype=XSD_NS + "date")))
            if a.url:
                out.append((node, SCHEMA_URL, literal(a.url, datatype=XSD_NS + "anyURI")))
            if a.rubric:
                out.append((node, d["rubric"], literal(a.rubric)))
            self.node_arts[node] = (node,)
            self.put_all(out, (node,))
        geo = kb_geo()
        for e in rec.sorted_entities():
            node = self.node(e.id)
            arts = self.node_arts[node] = self.arts(e.evidence)
            out: list = []
            self.typed(out, node, e.type)
            if e.label_en:
                out.append((node, RDFS_LABEL, literal(e.label_en, lang="en")))
            if e.label_ru:
                out.append((node, RDFS_LABEL, literal(e.label_ru, lang="ru")))
            for alias in e.aliases:
                if alias not in (e.label_en, e.label_ru):
                    out.append((node, SKOS_ALT, self.lang_literal(alias, "und")))
            if e.wikidata:
                out.append((node, OWL_SAME, iri(WD_NS + e.wikidata)))
            where = geo.get(e.kb_id) if e.kb_id else None
            if where and "lat" in where and "long" in where:  # a KB country's or city's point
                out += [(node, GEO_LAT, self.decimal(where["lat"])), (node, GEO_LONG, self.decimal(where["long"]))]
            self.put_all(out, arts)
            self.derived(node, e.evidence, arts)
            self.evidence(node, arts, e.evidence)
        self.events()
        for r in rec.sorted_relations():
            self.fact(self.node(r.subject), dip(r.predicate),
                      self.node(r.object), r.evidence)
        for q in rec.sorted_quantities():
            node = self.node(q.id)
            arts = self.node_arts[node] = self.arts(q.evidence)
            out = [(node, A, DIP_QUANTITY), (node, d["measure"], literal(q.measure)),
                   (node, d["amount"], self.decimal(q.amount))]
            if q.currency:
                out.append((node, d["currency"], literal(q.currency)))
            if q.year:
                out.append((node, d["year"], literal(str(q.year), datatype=XSD_NS + "gYear")))
            out += [(node, d["concerns"], self.node(c)) for c in q.concerns]
            self.put_all(out, arts)
            self.derived(node, q.evidence, arts)
            self.evidence(node, arts, q.evidence)
        self.met_with()
        self.flush_facts()
        return RDFTriples(self.union, dict(self.graphs) if self.graphs is not None else {})

    def events(self) -> None:
        rec, d = self.rec, self.d
        labels = {e.id: e.label_en or e.label_ru for e in rec.entities.values()}
        for ev in rec.sorted_events():
            node = self.node(ev.id)
            arts = self.node_arts[node] = self.arts(ev.evidence)
            out: list = []
            self.typed(out, node, ev.kind)
            names = [labels.get(p.entity, p.entity) for p in ev.participants]
            out.append((node, RDFS_LABEL, literal(ev.label or kinds.event_label(
                ev.kind, names, labels.get(ev.place) if ev.place else None, ev.start_date), lang="en")))
            for p in ev.participants:
                self.fact(node, d["participant"], self.node(p.entity), ev.evidence, role=p.role)
                if p.role == "speaker":
                    out.append((node, d["speaker"], self.node(p.entity)))
            if ev.place:
                self.fact(node, d["heldIn"], self.node(ev.place), ev.evidence)
            if ev.organizer:
                self.fact(node, d["organizer"], self.node(ev.organizer), ev.evidence)
            if ev.start_date:
                out.append((node, d["startDate"], literal(ev.start_date, datatype=XSD_NS + "date")))
            if ev.end_date:
                out.append((node, d["endDate"], literal(ev.end_date, datatype=XSD_NS + "date")))
            out.append((node, d["status"], literal(ev.status)))
            if kinds.participants_incomplete(ev.kind, len(ev.participants), bool(ev.organizer)):
                out.append((node, d["participantsIncomplete"], literal("true", datatype=XSD_NS + "boolean")))
            if ev.ordinal:
                out.append((node, d["ordinal"], self.integer(ev.ordinal)))
            if ev.cameo:
                out.append((node, d["cameoCode"], literal(ev.cameo)))
                out.append((node, d["cameoConcept"], iri(CAMEO_NS + ev.cameo)))
            if ev.plover:
                out.append((node, d["ploverCode"], literal(ev.plover)))
                out.append((node, d["ploverConcept"], iri(PLOVER_NS + ev.plover.replace(":", "-", 1))))
            out += [(node, d["topic"], literal(t, lang="en")) for t in ev.topics]
            if ev.quote:
                out.append((node, d["quote"], self.lang_literal(ev.quote, "und")))
            self.put_all(out, arts)
            self.derived(node, ev.evidence, arts)
            n_sources = len({x.article_id for x in ev.evidence})
            self.put((node, DIP_SOURCE_COUNT, self.integer(n_sources)), self.first(arts))
            if ev.evidence:  # issue 8: the event's confidence, as on the networkx node
                self.put((node, DIP_CONFIDENCE, self.decimal(fact_confidence(ev.evidence))), self.first(arts))
            self.evidence(node, arts, ev.evidence)

    def met_with(self) -> None:
        rec = self.rec
        met_kinds = kinds.met_with_kinds()
        pooled: dict[tuple[str, str], set] = {}
        for ev in rec.sorted_events():
            if ev.kind not in met_kinds or ev.status != "happened":
                continue
            persons = sorted({p.entity for p in ev.participants if p.role != "declined" and p.entity in rec.entities
                              and rec.entities[p.entity].type in ("Person", "Leader")})
            for x in persons:
                for y in persons:
                    if x != y:
                        pooled.setdefault((x, y), set()).update(ev.evidence)
        met = self.d["metWith"]
        for (x, y), evs in sorted(pooled.items()):
            self.fact(self.node(x), met, self.node(y), evs)


def emit(rec: Records, partition: bool = True, known=None) -> RDFTriples:
    """The triples of the records, and (``partition``) each article's named graph. ``known``:
    the ids of every article of the graph, when ``rec`` holds only some of them (an
    incremental build emits the closure of the changed graphs: kg.merge.incremental)."""
    return _Emitter(rec, partition, known).run()

