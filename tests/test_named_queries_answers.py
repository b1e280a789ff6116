"""Each named query answers the analysts' question on the talks fixture; parameters are safe."""
from __future__ import annotations

import pytest

from kg.cli import main
from kg.errors import QueryError
from kg.sparql.named import get, list_queries, render, term
from kg.sparql.query import run_query

ID = "https://w3id.org/dipkg/id/"
XI, TOK = ID + "person/xi-jinping", ID + "person/kassym-jomart-tokayev"


def run(store, name, **params):
    table = run_query(store, render(get(name), params))
    return [dict(zip(table.columns, r)) for r in table.rows]


def test_named_queries_listed_with_headers():
    qs = list_queries()
    assert {"meetings-of", "who-met-whom", "events-in-place", "summit-participants", "leader-timeline",
            "country-pairs", "events-by-cameo", "events-by-plover", "fact-evidence", "statements-of"} <= set(qs)
    for q in qs.values():
        assert q.description, q.name
        for p in q.params:
            assert f"${p.name}" in q.text and p.description


def test_named_meetings_of(fixture_store):
    rows = run(fixture_store, "meetings-of", person="person/xi-jinping")
    assert [(r["other"], r["name"]) for r in rows] == [(TOK, "Kassym-Jomart Tokayev")]
    assert int(rows[0]["meetings"]) >= 1 and rows[0]["first"] == "2025-08-30"


def test_named_who_met_whom(fixture_store):
    rows = run(fixture_store, "who-met-whom")
    assert {(r["aName"], r["bName"]) for r in rows} == {("Kassym-Jomart Tokayev", "Xi Jinping")}


def test_named_events_in_place_and_dates(fixture_store):
    city = run(fixture_store, "events-in-place", place="city/tianjin", **{"from": "2025-08-01", "to": "2025-09-30"})
    kinds = {r["kind"].rsplit("#", 1)[1] for r in city}
    assert {"Meeting", "Summit"} <= kinds and all(r["where"] == ID + "city/tianjin" for r in city)
    # a country finds the events in its cities
    country = run(fixture_store, "events-in-place", place=ID + "country/cn")
    assert {r["event"] for r in city} <= {r["event"] for r in country}
    later = run(fixture_store, "events-in-place", place="country/cn", **{"from": "2025-08-31"})
    assert later and all(r["date"] >= "2025-08-31" for r in later)
    assert "Meeting" not in {r["kind"].rsplit("#", 1)[1] for r in later}


def test_named_summit_participants(fixture_store):
    rows = run(fixture_store, "summit-participants")
    assert {r["participant"] for r in rows} >= {XI, TOK}
    assert {r["place"] for r in rows} == {"Tianjin"} and {r["status"] for r in rows} == {"planned"}


def test_named_leader_timeline(fixture_store):
    rows = run(fixture_store, "leader-timeline", person="person/kassym-jomart-tokayev")
    kinds = [r["kind"].rsplit("#", 1)[1] for r in rows]
    assert {"Meeting", "Summit", "Statement"} <= set(kinds)
    dates = [r["date"] for r in rows if r["date"]]
    assert dates == sorted(dates)


def test_named_country_pairs(fixture_store):
    rows = run(fixture_store, "country-pairs")
    assert [(r["aName"], r["bName"]) for r in rows] == [("China", "Kazakhstan")]
    assert int(rows[0]["meetings"]) >= 1


def test_named_events_by_codes(fixture_store):
    consult = run(fixture_store, "events-by-cameo", code="04")
    assert {r["cameo"] for r in consult} >= {"040", "043"} and all(r["cameo"].startswith("04") for r in consult)
    assert all(r["concept"] == "https://w3id.org/dipkg/cameo/" + r["cameo"] for r in consult)
    plover = run(fixture_store, "events-by-plover", code="CONSULT")
    assert {"CONSULT", "CONSULT:multilateral"} <= {r["plover"] for r in plover}
    only = run(fixture_store, "events-by-plover", code="CONSULT:multilateral")
    assert only and {r["plover"] for r in only} == {"CONSULT:multilateral"}
    assert run(fixture_store, "events-by-plover", code="STATEMENT")


def test_named_fact_evidence(fixture_store):
    rows = run(fixture_store, "fact-evidence", node="person/xi-jinping")
    leader = [r for r in rows if r["predicate"].endswith("#leaderOf")]
    assert leader and leader[0]["object"] == ID + "country/cn"
    assert all(0 < float(r["confidence"]) <= 1 and r["rule"] and r["sentence"] for r in rows)
    assert any("Си Цзиньпин" in r["sentence"] for r in rows)


def test_named_statements_of(fixture_store):
    rows = run(fixture_store, "statements-of", speaker="person/kassym-jomart-tokayev")
    assert any("Казахстан поддерживает" in (r["quote"] or "") for r in rows)


def test_named_params_become_terms_never_raw_text():
    assert term("person/xi-jinping", "iri") == f"<{XI}>"
    assert term('a" } ; DROP ALL #', "string") == '"a\\" } ; DROP ALL #"'
    for bad, typ in (("x> } DROP ALL { <y", "iri"), ("http://a b", "iri"), ("2025-02-30", "date"),
                     ("30.08.2025", "date"), ("1; DROP", "integer")):
        with pytest.raises(QueryError):
            term(bad, typ)
    q = get("meetings-of")
    with pytest.raises(QueryError):
        render(q, {})  # missing person
    with pytest.raises(QueryError):
        render(q, {"person": "person/x", "nobody": "1"})
    text = render(get("events-in-place"), {"place": "city/tianjin"})
    assert "$" not in text.split("\n", 5)[-1] and '"0001-01-01"^^' in text


def test_named_query_cli(fixture_graph, capsys):
    assert main(["query", "--list"]) == 0
    out = capsys.readouterr().out
    assert "meetings-of --param person=" in out and "person (iri)" in out
    assert main(["query", str(fixture_graph / "graph.trig"), "--name", "meetings-of",
                 "--param", "person=person/xi-jinping", "--format", "csv"]) == 0
    assert "Kassym-Jomart Tokayev" in capsys.readouterr().out
    assert main(["query", str(fixture_graph / "graph.ttl"), "--name", "meetings-of",
                 "--param", "person=<x> } DROP ALL"]) == 2
    assert "not a valid IRI" in capsys.readouterr().err
