"""Measuring the extractors: acceptance checks and corpus scores (``kg eval``).

Each corpus reader lives in its own module and returns a :class:`Report`:
named :class:`Score` counts (true positives, false positives, false
negatives) and the errors themselves, so a person can read what went wrong.
"""
from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Score", "Report"]


@dataclass
class Score:
    name: str
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self) -> str:
        return (f"{self.name:<34} P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}"
                f"   (tp {self.tp}, fp {self.fp}, fn {self.fn})")

    def as_dict(self) -> dict:
        return {"name": self.name, "tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class Report:
    title: str
    scores: list[Score] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # one line per error, "doc: what went wrong"
    notes: list[str] = field(default_factory=list)

    def score(self, name: str) -> Score:
        for s in self.scores:
            if s.name == name:
                return s
        s = Score(name)
        self.scores.append(s)
        return s

    def text(self, max_errors: int = 50) -> str:
        lines = [f"# {self.title}"] + [s.line() for s in self.scores] + self.notes
        if self.errors:
            lines.append(f"errors ({len(self.errors)}, first {min(max_errors, len(self.errors))}):")
            lines += ["  " + e for e in self.errors[:max_errors]]
        return "\n".join(lines)
