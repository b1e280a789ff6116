"""Coordinates of countries and cities: from the knowledge base to networkx and RDF (W3C Basic
Geo, geo:lat/geo:long), checked by the SHACL shapes and reachable by the events-near query."""
from __future__ import annotations

import pytest
import rdflib
from rdflib import Literal
from rdflib.namespace import XSD

from kg.errors import QueryError
from kg.kb import geo
from kg.sparql import named
from kg.sparql.query import run_query
from kg.sparql.validate import load_graph, validate
from kg.vocab import GEO, ID



def test_coordinates_on_nodes_and_in_rdf(fixture_result, fixture_graph):
    points = geo()
    G = fixture_result.networkx
    g = load_graph(fixture_graph / "graph.ttl")
    placed = [n for n, d in G.nodes(data=True) if d.get("type") in ("Country", "City") and n in points]
    assert placed, "the fixture names countries and cities of the knowledge base"
    for n in placed:
        lat, long = points[n]["lat"], points[n]["long"]
        assert (G.nodes[n]["lat"], G.nodes[n]["long"]) == (lat, long)
        assert -90 <= lat <= 90 and -180 <= long <= 180
        assert float(g.value(ID[n], GEO.lat)) == pytest.approx(lat, abs=5e-4)
        assert float(g.value(ID[n], GEO.long)) == pytest.approx(long, abs=5e-4)
    assert all("iso_numeric" in G.nodes[n] for n in placed if n.startswith("country/"))
    persons = [n for n, d in G.nodes(data=True) if d.get("type") in ("Person", "Leader")]
    assert persons and not any((ID[n], GEO.lat, None) in g for n in persons)


def test_coordinates_shapes(fixture_graph):
    g = load_graph(fixture_graph / "graph.ttl")
    assert validate(g)[0]
    city = next(s for s in g.subjects(GEO.lat, None) if "/city/" in str(s))
    bad = rdflib.Graph()
    for t in g:
        bad.add(t)
    bad.set((city, GEO.lat, Literal("95.5", datatype=XSD.decimal)))  # off the globe
    conforms, text = validate(bad)
    assert not conforms and "Value is not <=" in text
    bad.remove((city, GEO.lat, None))  # a longitude without its latitude
    conforms, text = validate(bad)
    assert not conforms and "both or none" in text


def test_coordinates_events_near(fixture_graph):
    q = named.render(named.get("events-near"), {"lat": "39.1", "long": "117.2"})
    rows = run_query(fixture_graph / "graph.ttl", q).rows
    assert rows and all(abs(float(r[5]) - 39.1) <= 2 and abs(float(r[6]) - 117.2) <= 2 for r in rows)
    far = named.render(named.get("events-near"), {"lat": "-33.9", "long": "18.4", "degrees": "1"})
    assert run_query(fixture_graph / "graph.ttl", far).rows == []
    with pytest.raises(QueryError):
        named.render(named.get("events-near"), {"lat": "north", "long": "117"})
