"""Records round-trip through JSON unchanged."""
from __future__ import annotations

from kg.model import Extraction, from_json, to_json


def test_model_extraction_round_trip(fixture_result):
    from kg.extract import extract

    article = next(iter(fixture_result.records.articles.values()))
    x = extract(article)
    assert x.events and x.relations and x.quantities
    again = from_json(Extraction, to_json(x))
    assert again == x
    assert to_json(again) == to_json(x)
