"""The seed article's expectations (shared/seed/EXPECTED.md) as SPARQL ASK checks.

The same checks run in the tests (on a fixture we wrote in the seed's layout)
and in the CI quality gate (on the seed itself, when ../shared is present).
"""
from __future__ import annotations

from ..sparql.query import run_query
from ..vocab import sparql_prefixes

__all__ = ["PREFIXES", "CHECKS", "run_checks"]

#: every export prefix as a SPARQL PREFIX line (kg.vocab)
PREFIXES = sparql_prefixes()
_TOKAYEV = '?t rdfs:label "Касым-Жомарт Токаев"@ru .'
_XI = "?x owl:sameAs wd:Q15031 ."

#: (name, ASK pattern, expected answer)
CHECKS: list[tuple[str, str, bool]] = [
    ("Tokayev is a Leader, leader of Kazakhstan",
     f"{_TOKAYEV} ?t a dip:Leader, dip:Person ; dip:leaderOf ?kz . ?kz owl:sameAs wd:Q232 ; a dip:Country", True),
    ("Xi Jinping is a Leader, leader of China",
     f"{_XI} ?x a dip:Leader ; dip:leaderOf ?cn . ?cn owl:sameAs wd:Q148 ; a dip:Country", True),
    ("the SCO is an Organization", "?o owl:sameAs wd:Q485207 ; a dip:Organization", True),
    ("Tianjin is a City in China", "?c owl:sameAs wd:Q11736 ; a dip:City, dip:Place ; dip:locatedIn ?cn . ?cn owl:sameAs wd:Q148", True),
    ("Beijing is a City in China", "?c owl:sameAs wd:Q956 ; a dip:City ; dip:locatedIn ?cn . ?cn owl:sameAs wd:Q148", True),
    ("Tokayev met with Xi, both ways", f"{_TOKAYEV} {_XI} ?t dip:metWith ?x . ?x dip:metWith ?t", True),
    ("the talks: a Meeting of both, in Tianjin, on 2025-08-30",
     f"{_TOKAYEV} {_XI} ?m a dip:Meeting, dip:Event ; dip:participant ?t, ?x ; dip:heldIn ?c ; "
     '    dip:startDate "2025-08-30"^^xsd:date . ?c owl:sameAs wd:Q11736', True),
    ("the summit: organised by the SCO, in Tianjin, 2025-08-31 to 2025-09-01, Tokayev takes part",
     f'{_TOKAYEV} ?s a dip:Summit ; dip:organizer ?o ; dip:heldIn ?c ; dip:startDate "2025-08-31"^^xsd:date ; '
     '    dip:endDate "2025-09-01"^^xsd:date ; dip:participant ?t . ?o owl:sameAs wd:Q485207 . ?c owl:sameAs wd:Q11736', True),
    ("Kazakhstan is a member of the SCO", "?c owl:sameAs wd:Q232 ; dip:memberOf ?o . ?o owl:sameAs wd:Q485207", True),
    ("China is a member of the SCO", "?c owl:sameAs wd:Q148 ; dip:memberOf ?o . ?o owl:sameAs wd:Q485207", True),
    ("events derive from their article",
     "?m a dip:Meeting ; prov:wasDerivedFrom ?a . ?a a dip:Article ; schema:headline ?h ; schema:datePublished ?d", True),
    ("one node for Tokayev", '?a rdfs:label "Касым-Жомарт Токаев"@ru . ?b rdfs:label ?l . ?b a dip:Person . '
     'FILTER(?a != ?b && CONTAINS(LCASE(STR(?l)), "токаев"))', False),
    ("one node for Xi Jinping", '?a owl:sameAs wd:Q15031 . ?b a dip:Person ; rdfs:label ?l . '
     'FILTER(?a != ?b && CONTAINS(LCASE(STR(?l)), "цзиньпин"))', False),
    ("no person named after a rubric or a photo credit",
     '?p a dip:Person ; rdfs:label ?l . FILTER(REGEX(STR(?l), "ПОЛИТИКА|НОВОСТИ|Акорд"))', False),
]


def run_checks(store) -> list[tuple[str, bool]]:
    """(name, passed) for every check, on a pyoxigraph store or an RDF file path."""
    out = []
    for name, pattern, expected in CHECKS:
        answer = run_query(store, PREFIXES + "ASK { " + pattern + " }").rows == [["true"]]
        out.append((name, answer == expected))
    return out
