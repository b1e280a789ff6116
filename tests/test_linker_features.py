"""Features of (event, candidate) pairs: the same rows however they are asked for,
the invariants they promise, and the analysis parity the training relies on."""
from __future__ import annotations

import math
import random
from pathlib import Path

import pytest

from kg.extract.ru.training import learn
from kg.extract.ru.training.data import build_doc, load_split
from kg.corpora.brat import read_doc
from kg.extract.linker.features import CATEGORICAL, FEATURE_NAMES, DocView, event_features, features
from kg.extract.linker.items import Item, item_at
from kg.extract.ru import nlp

FIX = Path(__file__).parent / "data" / "linker"
F = {name: k for k, name in enumerate(FEATURE_NAMES)}


@pytest.fixture(scope="module")
def docs():
    return load_split(FIX)


def test_items_and_gold_links(docs):
    a, b = docs
    ev = dict(a.events)
    assert ev["T11"].type == "EVENT" and ev["T11"].sent == 1
    assert a.gold[("T11", "T10")] == "participant" and a.gold[("T11", "T12")] == "place"
    assert a.gold[("T11", "T7")] == "date" and ("T11", "T8") not in a.gold  # WORKS_AS is not an event link
    # FACILITY and LOCATION are PLACE; «Евросоюза» an ORGANIZATION
    ents = dict(a.entities)
    assert ents["T12"].type == "PLACE" and ents["T23"].type == "ORGANIZATION"
    assert dict(b.entities)["T21"].type == "PLACE"
    assert a.meeting == frozenset({"T3", "T11", "T17", "T22"})


def test_span_crossing_a_sentence_reads_its_own_sentence(docs):
    b = docs[1]
    view = DocView(b.sents)
    it = dict(b.entities)["T21"]  # «Бергене\n\nБывший»: headline into the body
    assert it.sent == 0 and it.end > b.sents[0].end
    toks = view.toks(it)
    assert toks and all(b.sents[0].tokens[i].end <= b.sents[0].end for i in toks)
    # a span inside a token («премьер» of «Экс-премьер») still has its token
    pm = dict(b.entities)["T1"]
    assert b.sents[0].tokens[view.head(pm)].text in ("Экс-премьер", "Норвегии")


def test_rows_are_finite_sized_and_categorical_codes_are_whole(docs):
    rows = learn.build_rows(docs, 1)
    assert rows.X.shape[1] == len(FEATURE_NAMES) and len(rows.y) == len(rows.pairs) > 50
    assert all(math.isfinite(v) for v in rows.X.ravel())
    for name in CATEGORICAL:
        col = rows.X[:, F[name]]
        assert (col == col.round()).all() and (col >= -1).all()
    assert set(rows.y.tolist()) == {0, 1, 2, 3}


def test_distance_and_nesting_invariants(docs):
    a = docs[0]
    view = DocView(a.sents)
    ev = dict(a.events)["T3"]  # «встретился» in the headline
    cands = [c for _, c in a.entities]
    rows = event_features(view, ev, cands)
    for c, row in zip(cands, rows):
        assert row[F["sent_dist"]] == c.sent - ev.sent and row[F["abs_sent_dist"]] == abs(c.sent - ev.sent)
        assert (row[F["tok_dist"]] < 0) == (c.start < ev.start)
        assert row[F["cand_in_headline"]] == (c.sent == 0)
    ents = dict(a.entities)
    country = cands.index(ents["T2"])  # «Франции» inside «Президент Франции»
    assert rows[country][F["cand_outer_type"]] > 0
    assert rows[cands.index(ents["T1"])][F["cand_n_inner"]] == 1
    # ranks among the candidates of one type start at 0
    assert min(r[F["rank_type"]] for c, r in zip(cands, rows) if c.type == "COUNTRY") == 0


def test_one_pair_equals_its_batched_row_and_order_does_not_matter(docs):
    a = docs[0]
    view = DocView(a.sents)
    ev = dict(a.events)["T11"]
    cands = [c for _, c in a.entities]
    rows = event_features(view, ev, cands)
    for k in (0, 5, len(cands) - 1):
        assert features(a.sents, ev, cands[k], cands) == rows[k]
    shuffled = cands[:]
    random.Random(3).shuffle(shuffled)
    again = event_features(DocView(a.sents), ev, shuffled)
    assert [again[shuffled.index(c)] for c in cands] == rows


def test_parse_at_parses_the_event_sentence_and_changes_nothing_by_default():
    text = "Вчера в Новосибирске открылась выставка картин.\n\nХудожник Иван Лунин показал новые работы."
    plain = nlp.analyse(text)
    assert [s.parsed for s in plain] == [False, False]  # no parse cue
    assert repr(nlp.analyse(text, parse_at=())) == repr(plain)
    at = text.index("открылась")
    forced = nlp.analyse(text, parse_at=[at])
    assert [s.parsed for s in forced] == [True, False]
    assert any(t.rel == "root" for t in forced[0].tokens)
    assert repr(forced[1]) == repr(plain[1])  # the other sentence analysed as before


def test_training_parses_every_gold_event_sentence(docs):
    for d in docs:
        assert all(d.sents[ev.sent].parsed for _, ev in d.events)


def test_item_checks_and_lookup(docs):
    a = docs[0]
    with pytest.raises(ValueError):
        Item(0, 3, 3, "PERSON")
    with pytest.raises(ValueError):
        Item(0, 0, 3, "Person")
    k = a.text.index("Брюссель")
    assert item_at(a.sents, k, k + 8, "CITY").sent == 3  # headline, two sentences, then this one
    assert item_at(a.sents, a.sents[1].end, a.sents[1].end + 1, "CITY").sent == 2  # a space: the next one


def test_build_doc_skips_relations_to_missing_entities():
    bdoc = read_doc(FIX / "a01.ann")
    bdoc.relations.append(type(bdoc.relations[0])("R99", "AGENT", "T404", "T3"))
    d = build_doc(bdoc, nlp.analyse(bdoc.text))
    assert ("T3", "T404") not in d.gold and len(d.gold) == 11
