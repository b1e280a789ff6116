"""The linker's brat reader (kg.corpora.brat) on a fixture we wrote ourselves
(tests/data/linker): discontinuous and nested spans, spans inside a token, an entity
text holding newlines, normalisations, relations; and the NEREL -> item mapping."""
from __future__ import annotations

from pathlib import Path

from kg.corpora.brat import parse_ann, read_dir, read_doc

FIX = Path(__file__).parent / "data" / "linker"


def test_discontinuous_nested_and_normalised():
    doc = read_doc(FIX / "a01.ann")
    e = doc.entities
    assert len(e) == 23 and len(doc.relations) == 12
    talks = e["T11"]
    assert talks.discontinuous and talks.fragments == ((103, 109), (130, 140))
    assert talks.text == "провел переговоры" and (talks.start, talks.end) == (103, 140)
    assert doc.text[talks.start:talks.start + 6] == "провел"
    outer, inner = e["T1"], e["T2"]  # «Президент Франции» holds «Франции»
    assert outer.start <= inner.start and inner.end <= outer.end and inner.text == "Франции"
    assert inner.wikidata == "Q142" and outer.wikidata is None
    r = doc.relations[3]
    assert (r.type, r.arg1, r.arg2) == ("AGENT", "T10", "T11")


def test_span_inside_a_token_and_text_with_newlines():
    doc = read_doc(FIX / "b02.ann")
    e = doc.entities
    # «премьер Норвегии» starts inside «Экс-премьер»
    assert (e["T1"].start, e["T1"].text) == (4, "премьер Норвегии")
    # T21's text holds two newlines: the spilled lines are skipped, not read as entities
    assert e["T21"].text == "Бергене\n\nБывший" and len(e) == 21 and len(doc.relations) == 13


def test_fragments_out_of_order_and_bad_lines():
    text = "в субботу, 5 мая, состоялся матч"
    ann = ("T1\tDATE 11 16;2 9\tмая субботу\n"
           "T2\tEVENT 28 32\tматч\n"
           "T3\tCITY 40 45\tнет\n"          # beyond the text: skipped
           "T4\tCITY x y\tплохо\n"          # not offsets: skipped
           "лишняя строка\n"
           "R1\tPOINT_IN_TIME Arg1:T2 Arg2:T1\t\n"
           "R2\tBROKEN\n")
    doc = parse_ann(ann, text)
    assert sorted(doc.entities) == ["T1", "T2"]
    assert doc.entities["T1"].fragments == ((2, 9), (11, 16))
    assert doc.entities["T1"].text == "субботу 5 мая"
    assert [(r.type, r.arg1, r.arg2) for r in doc.relations] == [("POINT_IN_TIME", "T2", "T1")]


def test_read_dir_is_sorted():
    assert [d.name for d in read_dir(FIX)] == ["a01", "b02"]
