"""``kg eval CORPUS``: every evaluation whose data is in the corpus folder.

Recognised subfolders: ``factrueval-dev`` and ``nerel`` (Russian; their counts
are also pooled into "Russian, both corpora"), ``nerel-v1.1/dev`` (scored alone), ``petrarch`` and
``wikinews-en`` (English). Returns the reports; :func:`summary` gives the
flat ``{"report/measure": {"precision", "recall", "f1", ...}}`` used by the CI
gates in ``benchmarks/gates.json``.
"""
from __future__ import annotations

from pathlib import Path

from . import Report

__all__ = ["run", "summary"]


def run(corpus: str | Path, which: tuple[str, ...] = (), baseline: bool = True) -> list[Report]:
    corpus = Path(corpus)
    reports: list[Report] = []

    def wanted(name: str) -> bool:
        return not which or name in which

    ru: list[Report] = []
    if (corpus / "factrueval-dev").is_dir() and wanted("factrueval"):
        from . import factrueval

        ru.append(factrueval.evaluate(corpus / "factrueval-dev", baseline=baseline))
    if (corpus / "nerel").is_dir() and wanted("nerel"):
        from . import nerel

        ru.append(nerel.evaluate(corpus / "nerel", baseline=baseline))
    reports += ru
    if len(ru) > 1:
        reports.append(_pool("Russian, both corpora", ru))
    if (corpus / "nerel-v1.1" / "dev").is_dir() and wanted("nerel-dev"):
        # the whole NEREL v1.1 dev split (94 documents): scored, never tuned on
        from . import nerel

        dev = nerel.evaluate(corpus / "nerel-v1.1" / "dev", baseline=baseline, title="NEREL v1.1 dev")
        reports.append(dev)
        frev = [r for r in ru if r.title.startswith("factRuEval")]
        if frev:  # the measures issue 16 asks for pooled over both scored-only sets
            reports.append(_pool("NEREL v1.1 dev + factRuEval dev", [dev, *frev]))
    if (corpus / "petrarch").is_dir() and wanted("petrarch"):
        from . import petrarch

        reports.append(petrarch.evaluate(corpus / "petrarch"))
    if (corpus / "wikinews-en").is_dir() and wanted("wikinews"):
        from . import wikinews

        reports.append(wikinews.evaluate(corpus / "wikinews-en"))
    return reports


def _pool(title: str, reports: list[Report]) -> Report:
    out = Report(title)
    for r in reports:
        for s in r.scores:
            t = out.score(s.name)
            t.tp, t.fp, t.fn = t.tp + s.tp, t.fp + s.fp, t.fn + s.fn
    return out


def summary(reports: list[Report]) -> dict[str, dict]:
    return {f"{r.title}/{s.name}": s.as_dict() for r in reports for s in r.scores}


