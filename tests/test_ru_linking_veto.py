"""The learned linker decides where the Russian rules guess (kg/extract/ru/linking.py): a
participant chosen by a surface fallback stays only if the linker gives it VETO or more."""
from __future__ import annotations

from kg.extract.context import Context
from kg.extract.entities import EntityTable
from kg.extract.ru import LANGUAGE
from kg.extract.ru.linking import VETO, link_participants
from kg.ingest import make_article
from kg.kb import load

#: a sentence whose rules tie Putin by the parse and take Scholz by the surface fallback
TEXT = "Переговоры Владимира Путина в Кремле продолжались три часа, сообщил Олаф Шольц."
PUTIN, SCHOLZ = "person/vladimir-putin", "person/olaf-scholz"


class Fixed:
    """A stand-in linker scoring every candidate as a participant with probability ``p``."""

    def __init__(self, p: float):
        self.p = p

    def score(self, sents, event, items):
        return [(self.p, 0.0, 0.0)] * len(items)


def _drafts_before_linking():
    steps = list(LANGUAGE.steps)
    a = make_article(TEXT, source="t", lang="ru", date="2024-01-10")
    kb = load()
    ctx = Context(article=a, kb=kb, sents=LANGUAGE.analyse(a.text), table=EntityTable(kb, a.id, "ru"))
    for step in steps[:steps.index(link_participants)]:
        step(ctx)
    return ctx


def test_ru_linking_marks_the_fallback_as_guessed():
    ctx = _drafts_before_linking()
    (talks,) = [d for d in ctx.drafts if d.kind == "Meeting"]
    assert set(talks.participants) == {PUTIN, SCHOLZ} and talks.guessed == {SCHOLZ}


def test_ru_linking_vetoes_unlikely_guesses_only():
    ctx = _drafts_before_linking()
    link_participants(ctx, linker=Fixed(VETO / 2))
    (talks,) = [d for d in ctx.drafts if d.kind == "Meeting"]
    assert set(talks.participants) == {PUTIN}  # the parse-tied side stays whatever the model says
    ctx = _drafts_before_linking()
    link_participants(ctx, linker=Fixed(VETO))
    assert set([d for d in ctx.drafts if d.kind == "Meeting"][0].participants) == {PUTIN, SCHOLZ}


def test_ru_linking_shipped_model_runs_in_the_pipeline():
    """The shipped model scores the guess (whatever it decides, the tied side stays)."""
    from kg.extract.ru import extract_ru

    x = extract_ru(make_article(TEXT, source="t", lang="ru", date="2024-01-10"))
    (talks,) = [e for e in x.events if e.kind == "Meeting"]
    assert PUTIN in {p.entity for p in talks.participants}
