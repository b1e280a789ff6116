"""SHACL: every export of the fixture conforms; broken graphs do not, and say why."""
from __future__ import annotations

import rdflib
from rdflib import Literal

from kg.cli import main
from kg.sparql.validate import validate
from kg.vocab import DIP, ID


def _copy(path) -> rdflib.Graph:
    return rdflib.Graph().parse(path)


def test_validate_every_rdf_export_conforms(fixture_graph):
    for name in ("graph.ttl", "graph.nt", "graph.jsonld", "graph.trig"):
        conforms, report = validate(fixture_graph / name)
        assert conforms, f"{name}:\n{report}"


def test_validate_cli_exit_codes(fixture_graph, tmp_path, capsys):
    assert main(["validate", str(fixture_graph / "graph.ttl")]) == 0
    assert "Conforms: True" in capsys.readouterr().out
    g = _copy(fixture_graph / "graph.ttl")
    g.remove((ID["person/xi-jinping"], DIP.leaderOf, None))
    broken = tmp_path / "broken.ttl"
    g.serialize(broken, format="turtle")
    assert main(["validate", str(broken)]) == 1
    out = capsys.readouterr().out
    assert "Conforms: False" in out and "dip:Leader needs dip:leaderOf" in out


def test_validate_broken_graphs_fail(fixture_graph):
    base = _copy(fixture_graph / "graph.ttl")
    meeting = next(base.subjects(rdflib.RDF.type, DIP.Meeting))
    xi, tok = ID["person/xi-jinping"], ID["person/kassym-jomart-tokayev"]
    evidence = next(base.subjects(rdflib.RDF.type, DIP.Evidence))

    def broken(edit):
        g = rdflib.Graph()
        for t in base:
            g.add(t)
        edit(g)
        return validate(g)

    cases = {
        "meeting with one participant": lambda g: g.remove((meeting, DIP.participant, xi)),
        "date not xsd:date": lambda g: (g.remove((meeting, DIP.startDate, None)),
                                        g.add((meeting, DIP.startDate, Literal("30 August 2025")))),
        "unknown status": lambda g: (g.remove((meeting, DIP.status, None)), g.add((meeting, DIP.status, Literal("maybe")))),
        "asymmetric metWith": lambda g: g.remove((xi, DIP.metWith, tok)),
        "evidence without sentence": lambda g: g.remove((evidence, DIP.sentence, None)),
        "confidence above 1": lambda g: (g.remove((evidence, DIP.confidence, None)),
                                         g.add((evidence, DIP.confidence, Literal("1.5", datatype=rdflib.XSD.decimal)))),
    }
    for what, edit in cases.items():
        conforms, report = broken(edit)
        assert not conforms, what
        assert "Constraint Violation" in report, what
    # a planned meeting may name a single participant
    conforms, report = broken(lambda g: (g.remove((meeting, DIP.participant, xi)),
                                         g.remove((meeting, DIP.status, None)),
                                         g.add((meeting, DIP.status, Literal("planned"))),
                                         [g.remove(t) for t in list(g.triples((None, DIP.metWith, None)))],
                                         [g.remove((f, None, None)) for f in list(g.subjects(rdflib.RDF.predicate, DIP.metWith))],
                                         [g.remove((f, None, None)) for f in list(g.subjects(rdflib.RDF.object, xi))
                                          if (f, rdflib.RDF.subject, meeting) in g]))
    assert conforms, report
