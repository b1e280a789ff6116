"""Who took part in an event a later sentence names by a pronoun (Russian).

«В Астане прошла конференция ... В ней приняли участие министр ... и глава МИД ...»: the
second sentence holds no trigger, so no rule that starts from one sees its names. Here a
participation verb (:data:`~.lexicon.PARTICIPATION_CUES`: «участвовать», «принять участие»,
«присутствовать», «выступить») whose oblique argument is a third-person pronoun under «в» or
«на» opening the sentence («В нём ...», «На ней ...», «В них ...») refers back to the nearest
event of the two sentences before that people gather for (a meeting, talks, a summit), whose trigger noun agrees with
the pronoun in gender and number («в ней» is the conference, not the summit). The verb's
subjects, found as for a trigger (:func:`.participants.participants`), join that event, and
the sentence is added to its evidence under :data:`RULE`.
"""
from __future__ import annotations

from ..context import Context
from ..drafts import Draft
from .lexicon import PARTICIPATION_PRONOUNS
from .nlp import Sentence, Token
from .participants import children, has_case, participants, takes_part

__all__ = ["RULE", "participants_by_pronoun"]

RULE = "ru.event.participation.anaphor"
#: the kinds a pronoun may take back to: events people gather for
GATHERINGS = ("Meeting", "Summit")
#: how many sentences back the event may be named
REACH = 2


def participants_by_pronoun(ctx: Context, drafts: list[Draft]) -> None:
    """Add to ``drafts`` (one article's, in order, before they are joined) the persons a
    trigger-less sentence says took part in an event by naming it with a pronoun."""
    with_trigger = {d.sent for d in drafts}
    for s in ctx.sents:
        if s.index in with_trigger or not s.parsed:
            continue
        for v, agree in _participation(s):
            target = _antecedent(ctx, drafts, s.index, agree)
            if target is None:
                continue
            # as for a summit: the surface fallbacks that guess the other side of two-sided
            # talks do not apply to a list of who took part
            found = participants(ctx, s, v.i, "Summit")
            for m in found:
                target.participants.setdefault(m.entity, "participant")
            if found:
                target.evidence.append(ctx.evidence(s, v.start, v.end, RULE, 0.8))


def _participation(s: Sentence) -> list[tuple[Token, tuple[str, ...]]]:
    """The participation verbs of sentence s with a pronoun «в/на нём» under them, and the
    gender or number that pronoun asks of its antecedent."""
    kids = children(s)
    out = []
    for v in s.tokens:
        if not takes_part(s, kids, v.i) or v.pos != "VERB":
            continue
        for c in kids.get(v.i, ()):
            form = s.tokens[c].text.lower()
            # the pronoun opens the sentence («В нём участвовали ...»): further in, it takes
            # back something the sentence itself named («Вернисаж прошёл ..., присутствовали на нём ...»)
            if form in PARTICIPATION_PRONOUNS and c <= 2 and s.tokens[c].rel == "obl" \
                    and has_case(s, kids, c, ("в", "во", "на")):
                out.append((v, PARTICIPATION_PRONOUNS[form]))
                break
    return out


def _antecedent(ctx: Context, drafts: list[Draft], sent: int, agree: tuple[str, ...]) -> Draft | None:
    """The nearest earlier gathering within :data:`REACH` sentences whose trigger agrees."""
    for d in reversed(drafts):
        if d.sent >= sent or d.sent < sent - REACH or d.kind not in GATHERINGS or d.reference:
            continue
        if _agrees(ctx.sents[d.sent], d.trigger, agree):
            return d
    return None


def _agrees(s: Sentence, trigger: str, agree: tuple[str, ...]) -> bool:
    for t in s.tokens:
        if t.text == trigger:
            number = t.feats.get("Number")
            if number == "Plur" or t.lemma == "переговоры":
                return "Plur" in agree
            return t.feats.get("Gender") in agree
    return False
