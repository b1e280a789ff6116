"""The shipped linker: load the model from package data, score pairs, decide links.

``model.txt`` (LightGBM's text format) and ``meta.json`` (feature names, window,
thresholds, how it was trained and how it scored in cross-validation) sit in this
package and are installed with it; nothing is read from elsewhere or downloaded.
:data:`LINKER_RULE` names the model version: the extractor writes it into the
evidence of every fact the linker decided.
"""
from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

import numpy as np

from .features import FEATURE_NAMES, DocView, event_features
from .items import ENTITY_TYPES, LABELS, ROLE_TYPES, Item

__all__ = ["Linker", "Link", "Stage", "LINKER_RULE", "LINKER_VERSION", "META_FILE", "in_window", "stack_features",
           "STACK_NAMES", "mask_types"]

LINKER_VERSION = "v1"
#: the rule name a learned fact carries in its evidence
LINKER_RULE = f"ru.linker.{LINKER_VERSION}"
META_FILE = "meta.json"
#: the second stage's extra inputs: the first stage's probabilities and, per label,
#: the candidate's rank among the event's candidates, the best probability of the
#: others, and how many candidates pass 0.3 (who else could fill the role)
STACK_NAMES: tuple[str, ...] = tuple(
    [f"p1_{lab}" for lab in LABELS] + [f"rank_{lab}" for lab in LABELS] + [f"best_other_{lab}" for lab in LABELS]
    + [f"n_likely_{lab}" for lab in LABELS])


def stack_features(P: np.ndarray) -> np.ndarray:
    """Second-stage inputs of the candidates of ONE event from their first-stage
    probabilities ``P`` (n, 3): (n, 12), columns as :data:`STACK_NAMES`."""
    n = len(P)
    out = np.zeros((n, 12))
    out[:, 0:3] = P
    for j in range(3):
        p = P[:, j]
        order = np.argsort(-p, kind="stable")
        rank = np.empty(n)
        rank[order] = np.arange(n)
        out[:, 3 + j] = rank
        top = p[order[0]]
        second = p[order[1]] if n > 1 else 0.0
        out[:, 6 + j] = np.where(np.arange(n) == order[0], second, top)
        out[:, 9 + j] = float((p > 0.3).sum())
    return out


class Stage:
    """One stage of the model: a multiclass booster (classes none, participant,
    place, date) or three binary ones (one per label)."""

    def __init__(self, mode: str, boosters: list) -> None:
        if mode not in ("multiclass", "binary") or len(boosters) != (1 if mode == "multiclass" else 3):
            raise ValueError(f"bad stage: {mode} with {len(boosters)} boosters")
        self.mode = mode
        self.boosters = boosters

    def predict(self, X: np.ndarray) -> np.ndarray:
        """(n, 3) probabilities of participant, place, date."""
        if self.mode == "multiclass":
            return self.boosters[0].predict(X, num_threads=1)[:, 1:4]
        return np.stack([b.predict(X, num_threads=1) for b in self.boosters], axis=1)

    @classmethod
    def from_texts(cls, mode: str, texts: list[str]) -> Stage:
        import lightgbm as lgb

        return cls(mode, [lgb.Booster(model_str=t) for t in texts])


def in_window(event: Item, cand: Item, window: int) -> bool:
    """Whether a candidate is scored for an event: within ``window`` sentences of it,
    or in the headline (sentence 0), where an article's main participants stand."""
    return abs(cand.sent - event.sent) <= window or cand.sent == 0


@dataclass(frozen=True)
class Link:
    """A decided link: the candidate's index in the list given, the candidate, its
    label (participant, place or date) and the model's probability for it."""

    index: int
    item: Item
    label: str
    p: float


class Linker:
    """Scores (event, candidate) pairs as participant / place / date.

    ``Linker.load()`` gives the shipped model (cached per process). ``score`` returns
    probabilities; ``links`` applies the per-label thresholds chosen by
    cross-validation, gives each candidate at most one label and each event at most
    one place and one date (its most probable).

    The model has one or two stages (``meta["stages"]``): the first scores each pair
    from its features; the second, when present, rescores it knowing how the first
    scored the event's other candidates (:func:`stack_features`).
    """

    def __init__(self, stages: list[Stage], meta: dict) -> None:
        if tuple(meta["features"]) != FEATURE_NAMES:
            raise ValueError("the model was trained on other features than this code computes: retrain it "
                             "(python -m kg.extract.ru.training.train)")
        if not 1 <= len(stages) <= 2:
            raise ValueError("a linker has one or two stages")
        self.meta = meta
        self.version: str = meta["version"]
        self.window: int = int(meta["window"])
        self.thresholds: dict[str, float] = {lab: float(meta["thresholds"][lab]) for lab in LABELS}
        self.single: dict[str, bool] = {lab: bool(meta.get("single", {}).get(lab, False)) for lab in LABELS}
        self.stages = stages
        self._view: tuple[object, DocView] | None = None

    @classmethod
    def load(cls) -> Linker:
        """The model shipped in the package (read once per process)."""
        return _shipped()

    @classmethod
    def from_dir(cls, folder) -> Linker:
        """A model from a folder holding ``meta.json`` and the files it names (a
        freshly trained model, in tests and benchmarks)."""
        from pathlib import Path

        folder = Path(folder)
        meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
        return cls._build(meta, lambda name: (folder / name).read_text(encoding="utf-8"))

    @classmethod
    def _build(cls, meta: dict, read) -> Linker:
        stages = [Stage.from_texts(st["mode"], [read(f) for f in st["files"]]) for st in meta["stages"]]
        return cls(stages, meta)

    def view(self, sents: Sequence) -> DocView:
        """The per-article lookups, kept while the same sentence list is scored."""
        if self._view is None or self._view[0] is not sents:
            self._view = (sents, DocView(sents))
        return self._view[1]

    def score(self, sents: Sequence, event: Item, candidates: Sequence[Item]) -> list[tuple[float, float, float]]:
        """(p_participant, p_place, p_date) per candidate, in order.

        ``sents``: the article as :func:`kg.extract.ru.nlp.analyse` returns it (the
        event's sentence parsed). ``event``: an item of type EVENT. ``candidates``:
        every entity item of the article, not only the nearby ones: the features
        compare a candidate with the others (competition, nesting, recurrence).
        Candidates beyond the window, and labels a type cannot fill, get 0.
        """
        if event.type != "EVENT":
            raise ValueError(f"the event item must have type EVENT, not {event.type}")
        cands = list(candidates)
        out = [(0.0, 0.0, 0.0)] * len(cands)
        keep = [c.type in ENTITY_TYPES and in_window(event, c, self.window) for c in cands]
        if not any(keep):
            return out
        rows = event_features(self.view(sents), event, cands, keep)
        idx = [k for k, ok in enumerate(keep) if ok]
        types = [cands[k].type for k in idx]
        X = np.asarray([rows[k] for k in idx], dtype=np.float64)
        P = mask_types(self.stages[0].predict(X), types)
        if len(self.stages) > 1:
            P = mask_types(self.stages[1].predict(np.hstack([X, stack_features(P)])), types)
        for r, k in enumerate(idx):
            out[k] = (float(P[r, 0]), float(P[r, 1]), float(P[r, 2]))
        return out

    def links(self, sents: Sequence, event: Item, candidates: Sequence[Item]) -> list[Link]:
        """The links decided for one event, sorted by candidate index."""
        cands = list(candidates)
        probs = self.score(sents, event, cands)
        thr = [self.thresholds[lab] for lab in LABELS]
        best: dict[str, int] = {}
        for k, p in enumerate(probs):
            for j, lab in enumerate(LABELS):
                if self.single[lab] and p[j] >= thr[j] and (lab not in best or p[j] > probs[best[lab]][j]):
                    best[lab] = k
        out = []
        for k, p in enumerate(probs):
            ok = [p[j] >= thr[j] and (not self.single[lab] or best.get(lab) == k) for j, lab in enumerate(LABELS)]
            if any(ok):
                j = max((j for j in range(3) if ok[j]), key=lambda j: p[j])
                out.append(Link(k, cands[k], LABELS[j], p[j]))
        return out


def mask_types(P: np.ndarray, types: Sequence[str]) -> np.ndarray:
    """Zero the probability of a label the candidate's type cannot fill."""
    P = np.array(P, dtype=np.float64)
    for j, lab in enumerate(LABELS):
        ok = np.fromiter((t in ROLE_TYPES[lab] for t in types), dtype=bool, count=len(types))
        P[~ok, j] = 0.0
    return P


@functools.lru_cache(maxsize=1)
def _shipped() -> Linker:
    pkg = resources.files(__package__)
    meta = json.loads(pkg.joinpath(META_FILE).read_text(encoding="utf-8"))
    return Linker._build(meta, lambda name: pkg.joinpath(name).read_text(encoding="utf-8"))
