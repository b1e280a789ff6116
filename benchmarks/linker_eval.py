"""Score the event-argument linker (kg.extract.linker) on NEREL v1.1, gold spans given.

    python benchmarks/linker_eval.py --shared ../shared [--cache DIR] [--model DIR] [--skip-cv]

Prints link-level precision / recall / F1 with tp / fp / fn for participants
(PARTICIPANT_IN + AGENT), places (TAKES_PLACE_IN) and dates (POINT_IN_TIME,
START_TIME, END_TIME), each for events of every kind and for the meeting-like ones
(kg.evaluation.nerel.MEETING_WORDS):

(a) 5-fold cross-validation over nerel-v1.1/train (documents grouped, the shipped
    configuration and thresholds: the figures training chose them by);
(b) nerel-v1.1/dev with the shipped model, through the inference API
    (``Linker.links``), never tuned on;

with the baseline "nearest PERSON / ORGANIZATION / COUNTRY in the event's sentence"
(nearest CITY / COUNTRY / PLACE for places, nearest DATE for dates), a 95% document
bootstrap interval of dev participant F1, the recall the candidate window allows,
and milliseconds per document for the analysis (natasha) and for features + scoring.
Gold event and entity spans are given; a gold link whose entity no candidate
covers (a TIME, an IDEOLOGY) counts as a miss. Nothing is learnt from dev.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import numpy as np

from kg.extract.ru.training import learn
from kg.corpora.brat import read_dir
from kg.extract.ru.training.data import analyse_doc, build_doc, load_split
from kg.extract.linker.items import LABELS, ROLE_TYPES
from kg.extract.linker.model import Linker
from kg.extract.ru.training.train import recall_caps

BASELINE_TYPES = {"participant": {"PERSON", "ORGANIZATION", "COUNTRY"}, "place": {"CITY", "COUNTRY", "PLACE"},
                  "date": {"DATE"}}


def _line(name: str, c: learn.Counts) -> str:
    return f"  {name:<34} P {c.p:.3f}  R {c.r:.3f}  F1 {c.f1:.3f}   tp {c.tp:>5}  fp {c.fp:>5}  fn {c.fn:>5}"


def _print_block(title: str, counts: dict, meeting: dict) -> None:
    print(title)
    for lab in LABELS:
        print(_line(lab, counts[lab]))
    for lab in LABELS:
        print(_line(f"{lab} (meeting-like events)", meeting[lab]))


def _count(docs, predicted: set, meeting_only: bool = False, per_doc: bool = False):
    """Counts per label of predicted (doc index, event id, entity id, label) against
    gold; per document too when ``per_doc``."""
    out = {lab: learn.Counts() for lab in LABELS}
    by_doc = []
    of_doc: dict[int, set] = {}
    for p in predicted:
        of_doc.setdefault(p[0], set()).add(p)
    for di, d in enumerate(docs):
        gold = {(di, e, x, lab) for (e, x), lab in d.gold.items() if not meeting_only or e in d.meeting}
        pred = {p for p in of_doc.get(di, ()) if not meeting_only or p[1] in d.meeting}
        row = {}
        for lab in LABELS:
            g = {x for x in gold if x[3] == lab}
            p = {x for x in pred if x[3] == lab}
            c = learn.Counts(len(g & p), len(p - g), len(g - p))
            row[lab] = c
            out[lab].tp += c.tp
            out[lab].fp += c.fp
            out[lab].fn += c.fn
        by_doc.append(row)
    return (out, by_doc) if per_doc else out


def baseline(docs) -> set:
    """Nearest candidate of the baseline types in the event's sentence, by characters."""
    pred = set()
    for di, d in enumerate(docs):
        for eid, ev in d.events:
            for lab in LABELS:
                near = [(abs(c.start - ev.start), c.start, xid) for xid, c in d.entities
                        if c.sent == ev.sent and c.type in BASELINE_TYPES[lab]
                        and not (c.start >= ev.start and c.end <= ev.end)]
                if near:
                    pred.add((di, eid, min(near)[2], lab))
    return pred


def bootstrap_f1(by_doc: list, label: str, n: int = 2000, seed: int = 7) -> tuple[float, float]:
    rng = random.Random(seed)
    vals = []
    for _ in range(n):
        tp = fp = fn = 0
        for _ in range(len(by_doc)):
            c = by_doc[rng.randrange(len(by_doc))][label]
            tp, fp, fn = tp + c.tp, fp + c.fp, fn + c.fn
        vals.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    vals.sort()
    return vals[int(0.025 * n)], vals[int(0.975 * n) - 1]


def cross_validation(train_docs, linker: Linker) -> None:
    meta = linker.meta
    st = meta["stages"]
    params = {k: v for k, v in meta["params"].items() if k not in learn.BASE_PARAMS}
    stage2 = None
    if len(st) > 1:
        stage2 = {"params": {**params, "num_leaves": st[1]["leaves"]}, "rounds": st[1]["rounds"]}
    rows = learn.build_rows(train_docs, linker.window)
    t = time.time()
    P = learn.cv_probs(rows, len(train_docs), st[0]["mode"], {**params, "num_leaves": st[0]["leaves"]},
                       st[0]["rounds"], stage2)
    thr = [linker.thresholds[lab] for lab in LABELS]
    single = [linker.single[lab] for lab in LABELS]
    chosen = learn.decide(P, thr, learn.event_keys(rows), single)
    sc = learn.Scorer(train_docs, rows)
    _print_block(f"(a) 5-fold CV over nerel-v1.1/train ({len(train_docs)} documents, {time.time() - t:.0f} s)",
                 sc.counts(chosen), sc.counts(chosen, meeting_only=True))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, required=True)
    ap.add_argument("--cache", type=Path, default=None, help="folder to keep train analyses between runs")
    ap.add_argument("--model", type=Path, default=None, help="a model folder (default: the shipped model)")
    ap.add_argument("--skip-cv", action="store_true", help="dev only")
    a = ap.parse_args(argv)
    corpus = a.shared / "corpus" / "nerel-v1.1"
    linker = Linker.from_dir(a.model) if a.model else Linker.load()
    st = linker.meta["stages"]
    stages = " + ".join("{} {} leaves x {}".format(s["mode"], s["leaves"], s["rounds"]) for s in st)
    print(f"model {linker.meta['rule']}: window ±{linker.window} sentences (+ headline), {stages}, "
          f"thresholds {linker.thresholds}")
    train_docs = load_split(corpus / "train", cache=a.cache)
    caps_train = recall_caps(train_docs, (linker.window,))
    if not a.skip_cv:
        cross_validation(train_docs, linker)
    _print_block("    baseline on train (nearest candidate in the sentence)",
                 _count(train_docs, baseline(train_docs)), _count(train_docs, baseline(train_docs), True))

    # (b) dev through the inference API, timed
    from kg.extract.ru.nlp import models

    models()  # load natasha before timing
    docs, t_an, t_sc = [], 0.0, 0.0
    predicted = set()
    for di, bdoc in enumerate(read_dir(corpus / "dev")):
        t = time.perf_counter()
        sents = analyse_doc(bdoc)
        t_an += time.perf_counter() - t
        d = build_doc(bdoc, sents)
        docs.append(d)
        t = time.perf_counter()
        cands = [c for _, c in d.entities]
        for eid, ev in d.events:
            for link in linker.links(sents, ev, cands):
                predicted.add((di, eid, d.entities[link.index][0], link.label))
        t_sc += time.perf_counter() - t
    counts, by_doc = _count(docs, predicted, per_doc=True)
    _print_block(f"(b) nerel-v1.1/dev ({len(docs)} documents, {sum(len(d.events) for d in docs)} events, "
                 f"{sum(len(d.meeting) for d in docs)} meeting-like)", counts, _count(docs, predicted, True))
    lo, hi = bootstrap_f1(by_doc, "participant")
    print(f"  dev participant F1 {counts['participant'].f1:.3f}, 95% document bootstrap [{lo:.3f}, {hi:.3f}]")
    _cross_sentence(docs, predicted)
    base = baseline(docs)
    _print_block("    baseline on dev (nearest candidate in the sentence)", _count(docs, base), _count(docs, base, True))
    caps_dev = recall_caps(docs, (linker.window,))
    w = str(linker.window)
    print("recall cap of the candidate window (gold links whose entity is a candidate in the window):")
    for lab in LABELS:
        print(f"  {lab:<12} train {caps_train[lab][w]:.3f}   dev {caps_dev[lab][w]:.3f}")
    n = len(docs)
    print(f"time per dev document (one core): analysis {1000 * t_an / n:.1f} ms, "
          f"features + scoring {1000 * t_sc / n:.1f} ms")
    return 0


def _cross_sentence(docs, predicted: set) -> None:
    """Dev recall of links within the event's sentence and across sentences."""
    for lab in ("participant", "place"):
        hit = {True: [0, 0], False: [0, 0]}
        for di, d in enumerate(docs):
            ev, en = dict(d.events), dict(d.entities)
            for (e, x), lb in d.gold.items():
                if lb != lab or x not in en or en[x].type not in ROLE_TYPES[lab]:
                    continue
                same = en[x].sent == ev[e].sent
                hit[same][1] += 1
                hit[same][0] += (di, e, x, lab) in predicted
        print(f"  dev {lab} recall within the sentence {hit[True][0]}/{hit[True][1]}, "
              f"across sentences {hit[False][0]}/{hit[False][1]}")


if __name__ == "__main__":
    np.seterr(all="ignore")
    sys.exit(main())
