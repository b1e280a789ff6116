"""What both Russian evaluations need: our predictions per document, and matching.

A document is extracted as an :class:`~kg.model.Article` whose text is the raw
file text (no normalisation), so gold character offsets stay valid.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from ..corpora.nerel import name_lemmas
from ..extract.ru import extract_ru
from ..extract.ru.nlp import models
from ..kinds import met_with_kinds
from ..model import Article, Event, Extraction

__all__ = ["Prediction", "predict", "name_lemmas", "names_match", "NAME_RULES",
           "ner_type", "natasha_spans", "pairs_of", "met_with_persons"]

#: rules whose mentions are names (not pronouns or role phrases): the NER measure uses these
NAME_RULES = ("ru.ner.natasha", "ru.gazetteer.kb", "ru.coref.surname", "ru.coref.given_name")


def ner_type(entity_type: str) -> str | None:
    return {"Person": "PER", "Leader": "PER", "Country": "LOC", "City": "LOC", "Place": "LOC",
            "Organization": "ORG"}.get(entity_type)


@dataclass
class Prediction:
    doc: str
    extraction: Extraction
    names: dict[str, set[str]] = field(default_factory=dict)  # entity id -> every surface/label

    def entity_names(self, eid: str) -> set[str]:
        return self.names.get(eid, {eid})


def predict(doc: str, text: str, date: str | None = None) -> Prediction:
    art = Article(id=hashlib.sha256(text.encode()).hexdigest()[:16], text=text, date=date, lang="ru",
                  source=doc)
    x = extract_ru(art)
    names: dict[str, set[str]] = {}
    for e in x.entities:
        names[e.id] = {n for n in (e.label_ru, e.label_en, *e.aliases) if n}
    for m in x.mentions:
        ent = _entity_of(x, m)
        if ent:
            names.setdefault(ent, set()).update({m.text, m.normal})
    return Prediction(doc, x, names)


def _entity_of(x: Extraction, m) -> str | None:
    if m.kb_id:
        return m.kb_id
    for e in x.entities:
        if any(ev.start == m.start and ev.end == m.end for ev in e.evidence):
            return e.id
    return None


def names_match(gold: str | set[str], ours: set[str]) -> bool:
    """A gold name and one of our names share a content word (in any inflection)."""
    golds = {gold} if isinstance(gold, str) else gold
    g = set().union(*(name_lemmas(x) for x in golds)) if golds else set()
    return any(g & name_lemmas(o) for o in ours)


def natasha_spans(text: str) -> list[tuple[int, int, str]]:
    """Natasha NER alone on the raw text: the baseline the NER measure compares with."""
    from natasha import Doc

    m = models()
    doc = Doc(text)
    doc.segment(m["segmenter"])
    doc.tag_ner(m["ner"])
    return [(s.start, s.stop, s.type) for s in doc.spans]


def pairs_of(items: list[str]) -> list[tuple[str, str]]:
    """Every unordered pair of a list, in list order."""
    return [(items[i], items[j]) for i in range(len(items)) for j in range(i + 1, len(items))]


def met_with_persons(x: Extraction) -> list[tuple[Event, list[str]]]:
    """Each event of a met-with kind with its persons, sorted; who declined took no part
    (no pair with them, as ``dip:metWith``)."""
    persons = {e.id for e in x.entities if e.type in ("Person", "Leader")}
    return [(ev, sorted({p.entity for p in ev.participants if p.entity in persons and p.role != "declined"}))
            for ev in x.events if ev.kind in met_with_kinds()]
