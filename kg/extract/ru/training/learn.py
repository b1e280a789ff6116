"""Training-side machinery shared by the training script and the benchmark:
feature rows of NEREL documents, document-grouped cross-validation, thresholds
and link-level scores.

Everything here is deterministic: documents are sorted by name, folds are
assigned round-robin over that order, rows follow (document, event, candidate)
order, and LightGBM runs single-threaded with its deterministic flags.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from ...linker.features import CATEGORICAL, FEATURE_NAMES, DocView, event_features
from ...linker.items import LABELS
from ...linker.model import STACK_NAMES, in_window, mask_types, stack_features
from .data import LinkDoc

__all__ = ["Rows", "build_rows", "fold_of", "inner_folds", "fit", "predict", "stack_rows", "oof", "decide",
           "stage2_inputs", "cv_probs",
           "event_keys", "Counts", "Scorer", "score_links", "best_thresholds", "BASE_PARAMS", "STAGE2_NAMES"]

#: LightGBM settings that make training reproducible byte for byte
BASE_PARAMS: dict = {
    "deterministic": True, "force_row_wise": True, "num_threads": 1, "seed": 17, "bagging_seed": 17,
    "feature_fraction_seed": 17, "data_random_seed": 17, "drop_seed": 17, "extra_seed": 17, "verbose": -1,
}
#: the second stage's inputs: the pair's features and the first stage's view of the event
STAGE2_NAMES: tuple[str, ...] = FEATURE_NAMES + STACK_NAMES


@dataclass
class Rows:
    """Feature rows with their labels and what they stand for; the rows of one
    event are contiguous (``bounds``: where each event's rows start, then the end)."""

    X: np.ndarray
    y: np.ndarray  # 0 none, 1 participant, 2 place, 3 date
    doc: np.ndarray  # document index of each row
    types: list[str] = field(default_factory=list)  # candidate coarse type of each row
    pairs: list[tuple[int, str, str]] = field(default_factory=list)  # (doc index, event id, entity id)
    bounds: list[int] = field(default_factory=list)


def build_rows(docs: Sequence[LinkDoc], window: int) -> Rows:
    """One row per (event, candidate in window) of every document."""
    code = {lab: k + 1 for k, lab in enumerate(LABELS)}
    xs: list[list[float]] = []
    ys: list[int] = []
    dd: list[int] = []
    types: list[str] = []
    pairs: list[tuple[int, str, str]] = []
    bounds: list[int] = []
    for di, d in enumerate(docs):
        view = DocView(d.sents)
        cands = [it for _, it in d.entities]
        for eid, ev in d.events:
            keep = [in_window(ev, c, window) for c in cands]
            if not any(keep):
                continue
            bounds.append(len(ys))
            for (xid, c), row, k in zip(d.entities, event_features(view, ev, cands, keep), keep):
                if not k:
                    continue
                xs.append(row)
                ys.append(code.get(d.gold.get((eid, xid), ""), 0))
                dd.append(di)
                types.append(c.type)
                pairs.append((di, eid, xid))
    bounds.append(len(ys))
    X = np.asarray(xs, dtype=np.float64).reshape(-1, len(FEATURE_NAMES))
    return Rows(X, np.asarray(ys, dtype=np.int32), np.asarray(dd, dtype=np.int32), types, pairs, bounds)


def event_keys(rows: Rows) -> np.ndarray:
    """Index of each row's event (rows of one event are contiguous): the groups
    :func:`decide` reads."""
    return np.repeat(np.arange(len(rows.bounds) - 1), np.diff(rows.bounds))


def fold_of(n_docs: int, k: int = 5) -> np.ndarray:
    """Fold of each document (sorted by name): round-robin, so deterministic."""
    return np.arange(n_docs) % k


def inner_folds(doc: np.ndarray, k: int = 5) -> np.ndarray:
    """Folds of the rows of a subset of documents: round-robin over its documents."""
    uniq = np.unique(doc)
    pos = {d: i for i, d in enumerate(uniq.tolist())}
    return np.fromiter((pos[d] % k for d in doc.tolist()), dtype=np.int64, count=len(doc))


def fit(X: np.ndarray, y: np.ndarray, mode: str, params: dict, rounds: int, names: Sequence[str]) -> list:
    """LightGBM booster(s): "multiclass" one booster over four classes (none,
    participant, place, date), "binary" three one-vs-rest boosters."""
    import lightgbm as lgb

    cat = [f for f in names if f in CATEGORICAL]
    p = {**BASE_PARAMS, **params}
    targets = [("multiclass", y)] if mode == "multiclass" else [("binary", (y == k).astype(np.int32)) for k in (1, 2, 3)]
    out = []
    for objective, target in targets:
        extra = {"objective": objective, **({"num_class": 4} if objective == "multiclass" else {})}
        ds = lgb.Dataset(X, label=target, feature_name=list(names), categorical_feature=cat, free_raw_data=False,
                         params={"verbose": -1})
        out.append(lgb.train({**p, **extra}, ds, num_boost_round=rounds))
    return out


def predict(boosters: list, X: np.ndarray, mode: str, rounds: int | None = None) -> np.ndarray:
    """(n, 3) probabilities of participant, place, date (first ``rounds`` only)."""
    if mode == "multiclass":
        return boosters[0].predict(X, num_iteration=rounds, num_threads=1)[:, 1:4]
    return np.stack([b.predict(X, num_iteration=rounds, num_threads=1) for b in boosters], axis=1)


def stack_rows(P: np.ndarray, rows: Rows) -> np.ndarray:
    """:func:`stack_features` event by event over all rows (P has a row per row)."""
    out = np.zeros((len(P), len(STACK_NAMES)))
    for a, b in zip(rows.bounds[:-1], rows.bounds[1:]):
        out[a:b] = stack_features(P[a:b])
    return out


def oof(X: np.ndarray, y: np.ndarray, folds: np.ndarray, mode: str, params: dict, rounds: int,
        names: Sequence[str], types: Sequence[str], checkpoints: Sequence[int] = ()) -> dict[int, np.ndarray]:
    """Out-of-fold probabilities (type-masked) after ``rounds`` and each checkpoint."""
    marks = sorted(set(checkpoints) | {rounds})
    out = {r: np.zeros((len(y), 3)) for r in marks}
    for k in sorted(set(folds.tolist())):
        tr = folds != k
        boosters = fit(X[tr], y[tr], mode, params, rounds, names)
        for r in marks:
            out[r][~tr] = predict(boosters, X[~tr], mode, r)
    t = np.asarray(types)
    return {r: mask_types(P, t) for r, P in out.items()}


def stage2_inputs(rows: Rows, P1: np.ndarray) -> np.ndarray:
    """The second stage's input rows: the features and :func:`stack_rows` of P1."""
    return np.hstack([rows.X, stack_rows(P1, rows)])


def cv_probs(rows: Rows, n_docs: int, mode: str, params1: dict, rounds1: int,
             stage2: dict | None = None) -> np.ndarray:
    """Out-of-fold probabilities of the pipeline over 5 document folds. With a second
    stage (``stage2``: ``params`` and ``rounds``), each outer fold's second stage
    learns from inner out-of-fold first-stage probabilities of its training
    documents (nested), as the final second stage learns from out-of-fold ones."""
    folds = fold_of(n_docs)[rows.doc]
    if stage2 is None:
        return oof(rows.X, rows.y, folds, mode, params1, rounds1, FEATURE_NAMES, rows.types)[rounds1]
    out = np.zeros((len(rows.y), 3))
    for k in range(5):
        tr = folds != k
        full = np.zeros((len(rows.y), 3))
        full[tr] = oof(rows.X[tr], rows.y[tr], inner_folds(rows.doc[tr]), mode, params1, rounds1, FEATURE_NAMES,
                       [t for t, ok in zip(rows.types, tr) if ok])[rounds1]
        b1 = fit(rows.X[tr], rows.y[tr], mode, params1, rounds1, FEATURE_NAMES)
        full[~tr] = mask_types(predict(b1, rows.X[~tr], mode), [t for t, ok in zip(rows.types, tr) if not ok])
        X2 = stage2_inputs(rows, full)
        b2 = fit(X2[tr], rows.y[tr], mode, stage2["params"], stage2["rounds"], STAGE2_NAMES)
        out[~tr] = predict(b2, X2[~tr], mode)
    return mask_types(out, rows.types)


def decide(P: np.ndarray, thresholds: Sequence[float], events: np.ndarray | None = None,
           single: Sequence[bool] = (False, True, True)) -> np.ndarray:
    """The label chosen per row (0 none, 1..3): the most probable label among those
    at or above their threshold (a pair fills at most one role). With ``events`` (an
    event index per row), a label marked ``single`` (place, date: NEREL gives an
    event one place and one date in 97% of cases) goes only to the event's most
    probable candidate (the first on ties). The same decision as
    :meth:`kg.extract.linker.model.Linker.links`."""
    thr = np.asarray(thresholds, dtype=np.float64)
    ok = P >= thr
    if events is not None:
        events = np.asarray(events)
        for j in range(P.shape[1]):
            if not single[j]:
                continue
            idx = np.flatnonzero(ok[:, j])
            if not len(idx):
                continue
            order = idx[np.lexsort((idx, -P[idx, j], events[idx]))]  # by event, best first
            first = np.r_[True, events[order][1:] != events[order][:-1]]
            keep = np.zeros(len(P), dtype=bool)
            keep[order[first]] = True
            ok[:, j] &= keep
    best = np.where(ok, P, -1.0).argmax(axis=1)
    return np.where(ok.any(axis=1), best + 1, 0)


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp else 0.0

    def as_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "p": round(self.p, 4), "r": round(self.r, 4),
                "f1": round(self.f1, 4)}


class Scorer:
    """Link-level counts against every gold link of the documents: links no
    candidate can reach count as misses. A row's label is its gold link's, so the
    counts are array sums."""

    def __init__(self, docs: Sequence[LinkDoc], rows: Rows, doc_subset: set[int] | None = None) -> None:
        self.y = rows.y
        in_subset = np.ones(len(rows.y), dtype=bool) if doc_subset is None else np.isin(rows.doc, sorted(doc_subset))
        meeting = np.fromiter((eid in docs[di].meeting for di, eid, _ in rows.pairs), dtype=bool, count=len(rows.y))
        self.mask = {False: in_subset, True: in_subset & meeting}
        self.total = {(lab, meet): sum(1 for di, d in enumerate(docs) if doc_subset is None or di in doc_subset
                                       for (eid, _), lb in d.gold.items()
                                       if lb == lab and (not meet or eid in d.meeting))
                      for lab in LABELS for meet in (False, True)}

    def counts(self, chosen: np.ndarray, meeting_only: bool = False) -> dict[str, Counts]:
        out = {}
        m = self.mask[meeting_only]
        for j, lab in enumerate(LABELS):
            pred = (chosen == j + 1) & m
            tp = int((pred & (self.y == j + 1)).sum())
            out[lab] = Counts(tp, int(pred.sum()) - tp, self.total[(lab, meeting_only)] - tp)
        return out


def score_links(docs: Sequence[LinkDoc], rows: Rows, chosen: np.ndarray, meeting_only: bool = False,
                doc_subset: set[int] | None = None) -> dict[str, Counts]:
    """Link-level counts per label (see :class:`Scorer`)."""
    return Scorer(docs, rows, doc_subset).counts(chosen, meeting_only)


def best_thresholds(docs: Sequence[LinkDoc], rows: Rows, P: np.ndarray,
                    grid: Sequence[float] = tuple(np.round(np.arange(0.10, 0.91, 0.025), 3)),
                    single: Sequence[bool] | None = None) -> list[float]:
    """Per-label thresholds maximising link F1 on out-of-fold probabilities: one label
    at a time, the others held where they are (they interact only through "one label
    per pair"), two passes. ``single``: as in :func:`decide`."""
    thr = [0.5, 0.5, 0.5]
    keys = event_keys(rows)
    scorer = Scorer(docs, rows)
    for _ in range(2):
        for j, lab in enumerate(LABELS):
            best = (-1.0, thr[j])
            for t in grid:
                cand = list(thr)
                cand[j] = float(t)
                chosen = decide(P, cand) if single is None else decide(P, cand, keys, single)
                f = scorer.counts(chosen)[lab].f1
                if f > best[0] + 1e-12:
                    best = (f, float(t))
            thr[j] = best[1]
    return thr
