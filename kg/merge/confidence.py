"""How sure we are of a fact, from its evidence.

A fact (a node, an edge, a reified RDF statement) carries evidence: one item
per supporting span, each naming its article, the rule that fired and the
extractor's own confidence. :func:`confidence` turns that into one number in
[0, 1]:

1. Each evidence item supports the fact with ``rule_weight(rule) * confidence``.
   Rules that read the fact directly in the text (``*.ner.*``,
   ``*.gazetteer.kb``, ``*.role.apposition``, ``*.event.*``, ``*.statement.*``,
   ``*.quantity.*``, ...) weigh :data:`DIRECT_WEIGHT`; coreference
   (``*.coref.*``: a surname, a pronoun, "the president") weighs
   :data:`COREF_WEIGHT`; facts the knowledge base adds next to a sentence that
   merely names the entities (``kb.*``) weigh :data:`KB_WEIGHT`.
2. An article supports the fact as much as its best evidence item: several
   spans in one article are not independent confirmations.
3. Articles are independent sources, pooled by noisy-OR:
   ``1 - prod(1 - support(article))``, capped at :data:`MAX_CONFIDENCE` (no
   news report is certain; reprints of one wire story count as separate
   articles when their texts differ, so the cap also guards against
   over-counting them).

So one article with a direct rule gives 0.85, two give 0.978, three or more
reach the cap 0.99; a fact only one coreference supports gets 0.6 * 0.9 = 0.54.

    >>> from kg.model import Evidence
    >>> confidence([Evidence("a1", "s", 0, 1, "ru.event.meeting")])
    0.85
    >>> confidence([Evidence("a1", "s", 0, 1, "ru.event.meeting"), Evidence("a2", "s", 0, 1, "en.event.meeting")])
    0.978
    >>> confidence([Evidence("a1", "s", 0, 1, "ru.coref.surname", 0.9)])
    0.54
    >>> confidence([{"article": "a1", "rule": "kb.located_in", "confidence": 1.0}])
    0.7
"""
from __future__ import annotations

from typing import Iterable, Mapping

from ..model import Evidence

__all__ = ["confidence", "rule_weight", "DIRECT_WEIGHT", "COREF_WEIGHT", "KB_WEIGHT", "MAX_CONFIDENCE"]

#: a rule that reads the fact in the text (named entity, apposition, event trigger, quote, figure)
DIRECT_WEIGHT = 0.85
#: a rule that resolves a reference (surname, pronoun, "the president") to an entity
COREF_WEIGHT = 0.6
#: a fact the knowledge base adds (a city's country, a membership, an office)
KB_WEIGHT = 0.7
#: the most a fact drawn from news can get, however many articles repeat it
MAX_CONFIDENCE = 0.99


def rule_weight(rule: str) -> float:
    """How much one piece of evidence from ``rule`` supports a fact.

    >>> rule_weight("ru.role.apposition"), rule_weight("en.coref.pronoun"), rule_weight("kb.office")
    (0.85, 0.6, 0.7)
    """
    parts = rule.split(".")
    if parts[0] == "kb":
        return KB_WEIGHT
    if "coref" in parts:
        return COREF_WEIGHT
    return DIRECT_WEIGHT


def _items(evidence: Iterable[Evidence | Mapping]) -> Iterable[tuple[str, str, float]]:
    for e in evidence:
        if isinstance(e, Evidence):
            yield e.article_id, e.rule, e.confidence
        else:
            yield str(e.get("article", "")), str(e.get("rule", "")), float(e.get("confidence", 1.0))


def confidence(evidence: Iterable[Evidence | Mapping]) -> float:
    """The confidence of a fact from its evidence (:class:`~kg.model.Evidence` or graph dicts).

    No evidence gives 0.0. The result is rounded to three decimals, so that
    exports are byte-identical run to run.
    """
    best: dict[str, float] = {}
    for article, rule, conf in _items(evidence):
        support = rule_weight(rule) * max(0.0, min(1.0, conf))
        best[article] = max(best.get(article, 0.0), support)
    doubt = 1.0
    for support in best.values():
        doubt *= 1.0 - support
    return round(min(MAX_CONFIDENCE, 1.0 - doubt), 3) if best else 0.0
