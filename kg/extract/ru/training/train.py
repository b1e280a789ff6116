"""Train the shipped linker on NEREL v1.1 train, choosing everything by 5-fold CV.

    python -m kg.extract.ru.training.train --shared ../shared [--cache DIR] [--out DIR] [-j 2]

Reads ONLY ``corpus/nerel-v1.1/train`` (dev is never read here). Steps:

1. analyse every document as the extractor would (event sentences parsed);
2. for each candidate window, build the pair rows and report the recall the
   window allows;
3. first stage: 5-fold cross-validation grouped by document over a small grid
   (window x multiclass or binary x leaves x rounds, within a size budget); the
   configuration with the best macro F1 (participant, place, date) wins;
4. ablations of the chosen configuration (the event lemma class, the document
   features): reported, so that a lexicon that only fits the data shows;
5. second stage (:func:`kg.extract.linker.model.stack_features`): nested CV; kept
   only when it raises the macro F1 by more than :data:`STACK_GAIN`;
6. thresholds per label, and "one place / one date per event" or not, on the
   out-of-fold probabilities of the final pipeline;
7. final fits on all train documents; ``meta.json`` and the model files written.

Deterministic: the same data gives byte-identical files (sorted inputs, fixed
seeds, LightGBM single-threaded with ``deterministic`` and ``force_row_wise``;
``-j`` only runs independent grid points in parallel).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

import numpy as np

from ...linker.features import FEATURE_NAMES
from ...linker.items import LABELS, ROLE_TYPES
from ...linker.model import LINKER_RULE, LINKER_VERSION, META_FILE, in_window
from . import learn
from .data import LinkDoc, load_split

__all__ = ["main", "train", "fit_and_write", "GRID", "recall_caps"]

WINDOWS = (1, 2, 3)
MODES = ("multiclass", "binary")
LEAVES = (15, 31)
CHECKPOINTS = (50, 75, 100, 150, 200, 300)
PARAMS = {"learning_rate": 0.1, "min_data_in_leaf": 20, "feature_fraction": 0.8, "lambda_l2": 1.0,
          "max_cat_to_onehot": 8, "cat_smooth": 10.0}
#: leaves over all trees of the shipped model (LightGBM's text format takes ~110 bytes a
#: leaf: 13,000 leaves are about 1.45 MB); the second stage takes STAGE2's share of them
LEAF_BUDGET = 13_000
STAGE2 = {"leaves": 7, "rounds": 100}
#: macro-F1 gain the second stage must bring to be kept
STACK_GAIN = 0.002
GRID = [(w, m, lv) for w in WINDOWS for m in MODES for lv in LEAVES]
ABLATIONS = {"without the event lemma class": ("ev_class",),
             "without the document features": ("key_sents", "key_in_ev_sent", "key_min_sent_dist",
                                               "key_in_headline", "key_first_mention", "cand_in_headline",
                                               "ev_in_headline")}


def _trees_per_round(mode: str) -> int:
    return 4 if mode == "multiclass" else 3


def _stage1_budget() -> int:
    return LEAF_BUDGET - _trees_per_round("multiclass") * STAGE2["leaves"] * STAGE2["rounds"]


def recall_caps(docs: list[LinkDoc], windows=(0, 1, 2, 3, 5, 99)) -> dict[str, dict[str, float]]:
    """Share of gold links whose entity is a candidate of an allowed type in the window."""
    total = {lab: 0 for lab in LABELS}
    reach = {(lab, w): 0 for lab in LABELS for w in windows}
    for d in docs:
        ev, en = dict(d.events), dict(d.entities)
        for (e, x), lab in d.gold.items():
            total[lab] += 1
            if e in ev and x in en and en[x].type in ROLE_TYPES[lab]:
                for w in windows:
                    reach[(lab, w)] += in_window(ev[e], en[x], w)
    return {lab: {str(w): round(reach[(lab, w)] / max(total[lab], 1), 4) for w in windows} for lab in LABELS}


def _macro(c: dict) -> float:
    return float(np.mean([c[lab].f1 for lab in LABELS]))


def _evaluate(docs, rows, P, single=(False, True, True)):
    thr = learn.best_thresholds(docs, rows, P, single=single)
    chosen = learn.decide(P, thr, learn.event_keys(rows), single)
    sc = learn.Scorer(docs, rows)
    return thr, sc.counts(chosen), sc.counts(chosen, meeting_only=True)


_ROWS: dict[int, learn.Rows] = {}
_DOCS: list[LinkDoc] = []


def _cv_point(point):
    """Out-of-fold scores of one grid point at every checkpoint within the budget."""
    window, mode, leaves = point
    rows = _ROWS[window]
    budget = _stage1_budget() // (_trees_per_round(mode) * leaves)
    marks = [r for r in CHECKPOINTS if r <= budget]
    folds = learn.fold_of(len(_DOCS))[rows.doc]
    Ps = learn.oof(rows.X, rows.y, folds, mode, {**PARAMS, "num_leaves": leaves}, max(marks), FEATURE_NAMES,
                   rows.types, marks)
    out = []
    for r in marks:
        thr, c, _ = _evaluate(_DOCS, rows, Ps[r])
        out.append({"window": window, "mode": mode, "leaves": leaves, "rounds": r, "macro_f1": round(_macro(c), 4),
                    **{lab: round(c[lab].f1, 4) for lab in LABELS}})
    return out


def _ablate(cfg: dict, drop: tuple[str, ...]) -> dict:
    rows = _ROWS[cfg["window"]]
    cols = [k for k, f in enumerate(FEATURE_NAMES) if f not in drop]
    names = [FEATURE_NAMES[k] for k in cols]
    folds = learn.fold_of(len(_DOCS))[rows.doc]
    P = learn.oof(rows.X[:, cols], rows.y, folds, cfg["mode"], {**PARAMS, "num_leaves": cfg["leaves"]},
                  cfg["rounds"], names, rows.types)[cfg["rounds"]]
    _, c, _ = _evaluate(_DOCS, rows, P)
    return {"macro_f1": round(_macro(c), 4), **{lab: c[lab].as_dict() for lab in LABELS}}


def _stage2_cfg() -> dict:
    return {"params": {**PARAMS, "num_leaves": STAGE2["leaves"]}, "rounds": STAGE2["rounds"]}


def _nerel_commit(shared: Path) -> str:
    readme = (shared / "corpus" / "nerel-v1.1" / "README.md").read_text(encoding="utf-8")
    m = re.search(r"commit ([0-9a-f]{40})", readme)
    return m.group(1) if m else ""


def _write_stage(out: Path, boosters: list, mode: str, prefix: str) -> list[str]:
    names = [f"{prefix}.txt"] if mode == "multiclass" else [f"{prefix}.{lab}.txt" for lab in LABELS]
    for name, b in zip(names, boosters):
        text = b.model_to_string(num_iteration=-1)
        (out / name).write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8", newline="\n")
    return names


def train(shared: Path, out: Path, cache: Path | None = None, jobs: int = 1, log=print) -> dict:
    """Run the whole selection and the final fit; returns the meta written."""
    t0 = time.time()
    folder = shared / "corpus" / "nerel-v1.1" / "train"
    docs = load_split(folder, cache=cache)
    _DOCS[:] = docs
    log(f"{len(docs)} train documents analysed ({time.time() - t0:.0f} s)")
    caps = recall_caps(docs)
    log("recall cap by window: " + json.dumps(caps))
    for w in WINDOWS:
        _ROWS[w] = learn.build_rows(docs, w)
        log(f"window {w}: {len(_ROWS[w].y)} pairs")
    if jobs > 1:
        import multiprocessing as mp

        with mp.get_context("fork").Pool(jobs) as pool:
            results = pool.map(_cv_point, GRID, chunksize=1)
    else:
        results = [_cv_point(p) for p in GRID]
    grid = [r for rs in results for r in rs]
    for r in grid:
        log("cv " + json.dumps(r))
    # best macro F1; ties to the smaller model, then the smaller window
    best = max(grid, key=lambda r: (r["macro_f1"], -r["rounds"] * r["leaves"] * _trees_per_round(r["mode"]),
                                    -r["window"]))
    cfg = {k: best[k] for k in ("window", "mode", "leaves", "rounds")}
    log(f"chosen first stage: {cfg} ({time.time() - t0:.0f} s)")
    ablations = {name: _ablate(cfg, drop) for name, drop in ABLATIONS.items()}
    for name, a in ablations.items():
        log(f"ablation {name}: macro F1 {a['macro_f1']}")
    rows = _ROWS[cfg["window"]]
    folds = learn.fold_of(len(docs))[rows.doc]
    p1 = {**PARAMS, "num_leaves": cfg["leaves"]}
    P1 = learn.oof(rows.X, rows.y, folds, cfg["mode"], p1, cfg["rounds"], FEATURE_NAMES, rows.types)[cfg["rounds"]]
    P2 = learn.cv_probs(rows, len(docs), cfg["mode"], p1, cfg["rounds"], _stage2_cfg())
    _, c1, _ = _evaluate(docs, rows, P1)
    _, c2, _ = _evaluate(docs, rows, P2)
    stacked = _macro(c2) > _macro(c1) + STACK_GAIN
    log(f"second stage: macro F1 {_macro(c2):.4f} vs {_macro(c1):.4f} for the first alone -> "
        f"{'kept' if stacked else 'left out'} ({time.time() - t0:.0f} s)")
    P = P2 if stacked else P1
    decisions = {}
    for single in ((False, False, False), (False, True, True)):
        thr, c, cm = _evaluate(docs, rows, P, single)
        decisions[single] = (_macro(c), thr, c, cm)
    single = max(decisions, key=lambda s: (decisions[s][0], s))
    _, thr, cv, cvm = decisions[single]
    n_links = {lab: sum(1 for d in docs for v in d.gold.values() if v == lab) for lab in LABELS}
    extra = {
        "trained_on": "NEREL v1.1 train (corpus/nerel-v1.1/train)", "nerel_commit": _nerel_commit(shared),
        "counts": {"documents": len(docs), "events": sum(len(d.events) for d in docs),
                   "meeting_events": sum(len(d.meeting) for d in docs),
                   "candidates": sum(len(d.entities) for d in docs), "links": n_links,
                   "pairs_in_window": int(len(rows.y)),
                   "positive_pairs": {lab: int((rows.y == j + 1).sum()) for j, lab in enumerate(LABELS)}},
        "recall_cap_by_window": caps,
        "cv": {"folds": "5, grouped by document (round-robin over sorted names)",
               "all_events": {lab: cv[lab].as_dict() for lab in LABELS},
               "meeting_events": {lab: cvm[lab].as_dict() for lab in LABELS},
               "first_stage_only_macro_f1": round(_macro(c1), 4), "two_stages_macro_f1": round(_macro(c2), 4),
               "one_place_date_per_event": {str(list(s)): round(v[0], 4) for s, v in decisions.items()},
               "ablations": ablations, "grid": grid},
    }
    meta = fit_and_write(rows, len(docs), cfg, _stage2_cfg() if stacked else None, thr, single, out, extra,
                         oof1=P1)
    for lab in LABELS:
        log(f"cv {lab}: {cv[lab].as_dict()}  meeting-like: {cvm[lab].as_dict()}")
    log(f"written to {out} ({time.time() - t0:.0f} s in all)")
    return meta


def fit_and_write(rows: learn.Rows, n_docs: int, cfg: dict, stage2: dict | None, thresholds, single, out: Path,
                  extra: dict, params: dict | None = None, oof1: np.ndarray | None = None) -> dict:
    """The final fits on all ``rows`` and the files: ``model.txt`` (or one file per
    label for binary boosters), ``model.stage2.txt`` with a second stage, and
    ``meta.json``. ``cfg``: window, mode, leaves, rounds; ``stage2``: its params and
    rounds; ``extra``: what else meta.json records (counts, CV figures); ``oof1``: the
    first stage's out-of-fold probabilities, when already computed."""
    import lightgbm as lgb

    p1 = {**(PARAMS if params is None else params), "num_leaves": cfg["leaves"]}
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("model*.txt"):
        old.unlink()
    b1 = learn.fit(rows.X, rows.y, cfg["mode"], p1, cfg["rounds"], FEATURE_NAMES)
    stages = [{"mode": cfg["mode"], "files": _write_stage(out, b1, cfg["mode"], "model"),
               "leaves": cfg["leaves"], "rounds": cfg["rounds"], "inputs": "features"}]
    if stage2 is not None:
        # the second stage learns from out-of-fold first-stage probabilities over all rows
        P1 = oof1 if oof1 is not None else learn.oof(rows.X, rows.y, learn.fold_of(n_docs)[rows.doc], cfg["mode"],
                                                     p1, cfg["rounds"], FEATURE_NAMES, rows.types)[cfg["rounds"]]
        b2 = learn.fit(learn.stage2_inputs(rows, P1), rows.y, cfg["mode"], stage2["params"], stage2["rounds"],
                       learn.STAGE2_NAMES)
        stages.append({"mode": cfg["mode"], "files": _write_stage(out, b2, cfg["mode"], "model.stage2"),
                       "leaves": stage2["params"]["num_leaves"], "rounds": stage2["rounds"],
                       "inputs": "features + stack"})
    meta = {
        "version": LINKER_VERSION, "rule": LINKER_RULE, "lightgbm": lgb.__version__, "window": cfg["window"],
        "stages": stages, "params": {**learn.BASE_PARAMS, **{k: v for k, v in p1.items() if k != "num_leaves"}},
        "features": list(FEATURE_NAMES),
        "thresholds": {lab: float(thresholds[j]) for j, lab in enumerate(LABELS)},
        "single": {lab: bool(single[j]) for j, lab in enumerate(LABELS)},
        **extra,
    }
    (out / META_FILE).write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8",
                                 newline="\n")
    return meta


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m kg.extract.ru.training.train", description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, required=True, help="the shared folder (reads corpus/nerel-v1.1/train)")
    ap.add_argument("--out", type=Path, default=Path(__file__).parents[2] / "linker",
                    help="where to write (default: the linker package, kg/extract/linker)")
    ap.add_argument("--cache", type=Path, default=None, help="folder to keep analyses between runs")
    ap.add_argument("-j", "--jobs", type=int, default=1, help="grid points run in parallel (results identical)")
    a = ap.parse_args(argv)
    train(a.shared, a.out, a.cache, a.jobs, log=lambda m: print(m, file=sys.stderr, flush=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
