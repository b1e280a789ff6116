"""Training is deterministic (the same data gives byte-identical model files), and the
decision and scoring helpers it chooses thresholds with count what they claim."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from kg.extract.ru.training import learn
from kg.extract.ru.training.data import load_split
from kg.extract.linker.model import Linker
from kg.extract.ru.training.train import fit_and_write

FIX = Path(__file__).parent / "data" / "linker"
TINY = {"learning_rate": 0.3, "min_data_in_leaf": 2, "min_data_per_group": 2, "min_sum_hessian_in_leaf": 1e-3,
        "feature_fraction": 0.8, "bagging_fraction": 0.8, "bagging_freq": 1, "lambda_l2": 1.0}


@pytest.fixture(scope="module")
def fixture_rows():
    docs = load_split(FIX)
    return docs, learn.build_rows(docs, 1)


def _train(rows, n_docs, out):
    cfg = {"window": 1, "mode": "multiclass", "leaves": 4, "rounds": 8}
    stage2 = {"params": {**TINY, "num_leaves": 3}, "rounds": 4}
    return fit_and_write(rows, n_docs, cfg, stage2, [0.4, 0.4, 0.4], [False, True, True], out,
                         {"counts": {"documents": n_docs}}, params=TINY)


def test_two_trainings_give_identical_bytes(fixture_rows, tmp_path):
    docs, rows = fixture_rows
    m1 = _train(rows, len(docs), tmp_path / "one")
    _train(rows, len(docs), tmp_path / "two")
    files = sorted(p.name for p in (tmp_path / "one").iterdir())
    assert files == ["meta.json", "model.stage2.txt", "model.txt"]
    for name in files:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name
    # the trees split on something: the bagging and feature sampling ran with their seeds
    assert "split_feature=" in (tmp_path / "one" / "model.txt").read_text()
    assert m1["stages"][1]["files"] == ["model.stage2.txt"]
    # and the folder loads as a linker that scores
    lk = Linker.from_dir(tmp_path / "one")
    d = docs[0]
    ev = dict(d.events)["T3"]
    probs = lk.score(d.sents, ev, [c for _, c in d.entities])
    assert len(probs) == len(d.entities) and all(0.0 <= p <= 1.0 for t in probs for p in t)


def test_decide_one_label_per_pair_and_one_place_per_event():
    P = np.array([[0.6, 0.7, 0.0],   # event 0: place wins over participant
                  [0.1, 0.5, 0.0],   # event 0: a second place, less likely
                  [0.2, 0.1, 0.9],   # event 1: a date
                  [0.5, 0.0, 0.0]])  # event 1: a participant
    thr = [0.4, 0.4, 0.4]
    assert learn.decide(P, thr).tolist() == [2, 2, 3, 1]
    assert learn.decide(P, thr, np.array([0, 0, 1, 1]), (False, True, True)).tolist() == [2, 0, 3, 1]


def test_scorer_counts_links_no_candidate_reaches_as_misses(fixture_rows):
    docs, rows = fixture_rows
    sc = learn.Scorer(docs, rows)
    perfect = sc.counts(rows.y.copy())
    gold = {lab: sum(1 for d in docs for v in d.gold.values() if v == lab) for lab in perfect}
    for lab, c in perfect.items():
        assert c.fp == 0 and c.tp + c.fn == gold[lab]
    nothing = sc.counts(np.zeros_like(rows.y))
    assert all(c.tp == 0 and c.fn == gold[lab] for lab, c in nothing.items())


def test_inference_scores_equal_the_training_pipeline(fixture_rows, tmp_path):
    """Linker.score (one event at a time, candidates in any number) gives what the
    batched training rows give through both stages: features, window and stacking
    agree between training and inference."""
    import lightgbm as lgb

    from kg.extract.linker.model import mask_types

    docs, rows = fixture_rows
    _train(rows, len(docs), tmp_path)
    lk = Linker.from_dir(tmp_path)
    b1 = lgb.Booster(model_file=str(tmp_path / "model.txt"))
    b2 = lgb.Booster(model_file=str(tmp_path / "model.stage2.txt"))
    P1 = mask_types(learn.predict([b1], rows.X, "multiclass"), rows.types)
    P = mask_types(learn.predict([b2], learn.stage2_inputs(rows, P1), "multiclass"), rows.types)
    want = {pair: tuple(p) for pair, p in zip(rows.pairs, P.tolist())}
    n = 0
    for di, d in enumerate(docs):
        cands = [c for _, c in d.entities]
        for eid, ev in d.events:
            for (xid, _), got in zip(d.entities, lk.score(d.sents, ev, cands)):
                if (di, eid, xid) in want:
                    assert got == pytest.approx(want[(di, eid, xid)], abs=1e-12)
                    n += 1
                else:
                    assert got == (0.0, 0.0, 0.0)
    assert n == len(rows.y)
