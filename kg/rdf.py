"""Records -> RDF (rdflib), under the dipkg ontology, and its serialisations.

The contract (see README): every node has ``rdf:type`` for its class and each
``dip:`` superclass, ``rdfs:label`` with language tags and ``skos:altLabel``
aliases; linked entities ``owl:sameAs`` their Wikidata entity; events are
``prov:wasDerivedFrom`` their articles. Each relation triple is also reified
(``rdf:Statement``) so SPARQL can reach its evidence: the article, sentence,
character span, rule and confidence. No blank nodes: every IRI is minted from
stable ids, so exports are byte-identical for the same input.
"""
from __future__ import annotations

import hashlib
import json
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD as XSD_NS

from .confidence import confidence as fact_confidence
from .graph import SUPERCLASSES
from .ingest.lang import detect_language
from .model import Evidence
from .records import METWITH_KINDS, Records
from .vocab import (DCTERMS, DIP, ID, JSONLD_CONTEXT, OWL, PREFIXES, PROV, RDF, RDFS, SCHEMA, SKOS, WD, cameo_concept,
                    entity_iri, plover_concept)

__all__ = ["to_rdf", "serialize", "article_iri", "evidence_iri"]


def article_iri(article_id: str) -> URIRef:
    return ID[f"article/{article_id}"]


def evidence_iri(ev: Evidence) -> URIRef:
    key = f"{ev.article_id}|{ev.start}|{ev.end}|{ev.rule}"
    return ID["evidence/" + hashlib.sha256(key.encode()).hexdigest()[:16]]


def _fact_iri(s: str, p: str, o: str) -> URIRef:
    return ID["fact/" + hashlib.sha256(f"{s}|{p}|{o}".encode()).hexdigest()[:16]]


def _date(value: str) -> Literal:
    return Literal(value, datatype=XSD_NS.date)


def _decimal(value: float) -> Literal:
    """An xsd:decimal whose lexical form is canonical (one form in every serialisation)."""
    text = format(Decimal(str(round(value, 3))).normalize(), "f")
    if "." not in text:
        text += ".0"
    return Literal(text, datatype=XSD_NS.decimal, normalize=False)


def _incomplete(ev) -> bool:
    """Fewer named participants than the kind implies: a meeting or call with one
    named side, or an event with no participant and no organizer."""
    if not ev.participants and not ev.organizer:
        return True
    return ev.kind in ("Meeting", "PhoneCall") and len(ev.participants) < 2


def _lang_literal(text: str, default: str) -> Literal:
    lang = detect_language(text)
    return Literal(text, lang=lang if lang in ("ru", "en") else default)


class _Builder:
    def __init__(self) -> None:
        self.g = Graph(bind_namespaces="none")
        for prefix, ns in PREFIXES.items():
            self.g.bind(prefix, ns)

    def add(self, s, p, o) -> None:
        self.g.add((s, p, o))

    def evidence(self, subject: URIRef, evidence) -> None:
        for ev in sorted(set(evidence)):
            e = evidence_iri(ev)
            self.add(subject, DIP.evidence, e)
            self.add(e, RDF.type, DIP.Evidence)
            self.add(e, PROV.wasDerivedFrom, article_iri(ev.article_id))
            self.add(e, DIP.sentence, Literal(ev.sentence))
            self.add(e, DIP.charStart, Literal(ev.start))
            self.add(e, DIP.charEnd, Literal(ev.end))
            self.add(e, DIP.rule, Literal(ev.rule))
            self.add(e, DIP.confidence, _decimal(ev.confidence))

    def typed(self, node: URIRef, cls: str) -> None:
        self.add(node, RDF.type, DIP[cls])
        for sup in SUPERCLASSES.get(cls, ()):
            self.add(node, RDF.type, DIP[sup])

    def fact(self, s: URIRef, p: URIRef, o: URIRef, evidence, role: str | None = None) -> None:
        """The triple, and its reification carrying the evidence."""
        self.add(s, p, o)
        f = _fact_iri(str(s), str(p), str(o))
        self.add(f, RDF.type, RDF.Statement)
        self.add(f, RDF.subject, s)
        self.add(f, RDF.predicate, p)
        self.add(f, RDF.object, o)
        if role:
            self.add(f, DIP.role, Literal(role))
        if evidence:
            # issue 8: the fact's confidence pools its evidence (sources, rules): kg/confidence.py
            self.add(f, DIP.confidence, _decimal(fact_confidence(evidence)))
        self.evidence(f, evidence)


def to_rdf(rec: Records) -> Graph:
    b = _Builder()
    for a in rec.sorted_articles():
        node = article_iri(a.id)
        b.add(node, RDF.type, DIP.Article)
        if a.title:
            b.add(node, SCHEMA.headline, Literal(a.title, lang=a.lang if a.lang in ("ru", "en") else None))
        if a.date:
            b.add(node, SCHEMA.datePublished, _date(a.date))
        b.add(node, SCHEMA.inLanguage, Literal(a.lang))
        b.add(node, DCTERMS.source, Literal(a.source))
        if a.url:
            b.add(node, SCHEMA.url, Literal(a.url, datatype=XSD_NS.anyURI))
        if a.rubric:
            b.add(node, DIP.rubric, Literal(a.rubric))
    for e in rec.sorted_entities():
        node = entity_iri(e.id)
        b.typed(node, e.type)
        if e.label_en:
            b.add(node, RDFS.label, Literal(e.label_en, lang="en"))
        if e.label_ru:
            b.add(node, RDFS.label, Literal(e.label_ru, lang="ru"))
        for alias in e.aliases:
            if alias not in (e.label_en, e.label_ru):
                b.add(node, SKOS.altLabel, _lang_literal(alias, "und"))
        if e.wikidata:
            b.add(node, OWL.sameAs, WD[e.wikidata])
        for art in sorted({ev.article_id for ev in e.evidence}):
            b.add(node, PROV.wasDerivedFrom, article_iri(art))
        b.evidence(node, e.evidence)
    labels = {e.id: e.label_en or e.label_ru for e in rec.sorted_entities()}
    from .graph import event_label
    for ev in rec.sorted_events():
        node = entity_iri(ev.id)
        b.typed(node, ev.kind)
        names = [labels.get(p.entity, p.entity) for p in ev.participants]
        b.add(node, RDFS.label, Literal(ev.label or event_label(
            ev.kind, names, labels.get(ev.place) if ev.place else None, ev.start_date), lang="en"))
        for p in ev.participants:
            b.fact(node, DIP.participant, entity_iri(p.entity), ev.evidence, role=p.role)
            if p.role == "speaker":
                b.add(node, DIP.speaker, entity_iri(p.entity))
        if ev.place:
            b.fact(node, DIP.heldIn, entity_iri(ev.place), ev.evidence)
        if ev.organizer:
            b.fact(node, DIP.organizer, entity_iri(ev.organizer), ev.evidence)
        if ev.start_date:
            b.add(node, DIP.startDate, _date(ev.start_date))
        if ev.end_date:
            b.add(node, DIP.endDate, _date(ev.end_date))
        b.add(node, DIP.status, Literal(ev.status))
        if _incomplete(ev):
            b.add(node, DIP.participantsIncomplete, Literal(True))
        if ev.ordinal:
            b.add(node, DIP.ordinal, Literal(ev.ordinal))
        if ev.cameo:
            b.add(node, DIP.cameoCode, Literal(ev.cameo))
            b.add(node, DIP.cameoConcept, cameo_concept(ev.cameo))
        if ev.plover:
            b.add(node, DIP.ploverCode, Literal(ev.plover))
            b.add(node, DIP.ploverConcept, plover_concept(ev.plover))
        for t in ev.topics:
            b.add(node, DIP.topic, Literal(t, lang="en"))
        if ev.quote:
            b.add(node, DIP.quote, _lang_literal(ev.quote, "und"))
        arts = sorted({x.article_id for x in ev.evidence})
        for art in arts:
            b.add(node, PROV.wasDerivedFrom, article_iri(art))
        b.add(node, DIP.sourceCount, Literal(len(arts)))
        if ev.evidence:  # issue 8: the event's confidence, as on the networkx node
            b.add(node, DIP.confidence, _decimal(fact_confidence(ev.evidence)))
        b.evidence(node, ev.evidence)
    for r in rec.sorted_relations():
        b.fact(entity_iri(r.subject), DIP[r.predicate], entity_iri(r.object), r.evidence)
    for q in rec.sorted_quantities():
        node = entity_iri(q.id)
        b.add(node, RDF.type, DIP.Quantity)
        b.add(node, DIP.measure, Literal(q.measure))
        b.add(node, DIP.amount, _decimal(q.amount))
        if q.currency:
            b.add(node, DIP.currency, Literal(q.currency))
        if q.year:
            b.add(node, DIP.year, Literal(str(q.year), datatype=XSD_NS.gYear))
        for c in q.concerns:
            b.add(node, DIP.concerns, entity_iri(c))
        for art in sorted({x.article_id for x in q.evidence}):
            b.add(node, PROV.wasDerivedFrom, article_iri(art))
        b.evidence(node, q.evidence)
    _met_with(b, rec)
    return b.g


def _met_with(b: _Builder, rec: Records) -> None:
    person_types = ("Person", "Leader")
    pooled: dict[tuple[str, str], set] = {}
    for ev in rec.sorted_events():
        if ev.kind not in METWITH_KINDS or ev.status != "happened":
            continue
        persons = sorted({p.entity for p in ev.participants
                          if p.role != "declined" and p.entity in rec.entities and rec.entities[p.entity].type in person_types})
        for x in persons:
            for y in persons:
                if x != y:
                    pooled.setdefault((x, y), set()).update(ev.evidence)
    for (x, y), evs in sorted(pooled.items()):
        b.fact(entity_iri(x), DIP.metWith, entity_iri(y), tuple(sorted(evs)))


def serialize(g: Graph, fmt: str) -> str:
    """Deterministic text of the graph: ``turtle``, ``nt``, ``json-ld``, ``trig`` (per article)."""
    if fmt == "turtle":
        return g.serialize(format="turtle")
    if fmt == "nt":
        from .dataset import to_ntriples

        return to_ntriples(g)
    if fmt == "trig":
        from .dataset import to_trig

        return to_trig(g)
    if fmt == "json-ld":
        data = json.loads(g.serialize(format="json-ld", context=JSONLD_CONTEXT, auto_compact=True))
        return json.dumps(_sort_jsonld(data), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    raise ValueError(f"unknown RDF format {fmt!r}")


def _sort_jsonld(data):
    if isinstance(data, dict):
        return {k: _sort_jsonld(v) for k, v in data.items()}
    if isinstance(data, list):
        items = [_sort_jsonld(v) for v in data]
        return sorted(items, key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
    return data
