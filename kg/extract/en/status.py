"""Whether an English event happened, is planned, was cancelled or denied: negation, modal
verbs and cue words near the trigger. :func:`status` is called by :mod:`.events` for every draft.
"""
from __future__ import annotations

from .context import EnContext
from .lexicon import CANCELLED_CUES, DENIAL_CUES, PLANNED_CUES
from .nlp import Sentence

__all__ = ["status", "window"]

_INTENT = {"plan", "intend", "hope", "want", "wish", "seek", "aim", "propose", "offer", "invite", "ready",
           "willing", "eager", "keen", "would", "like", "agree", "invitation"}
_MODAL_FUT = {"will", "shall", "'ll", "wo", "to"}
_PAST_NEG = {"did", "didn't", "has", "have", "had", "hasn't", "haven't", "hadn't", "was", "were", "wasn't",
             "weren't", "never"}


def window(s: Sentence, i: int, before: int, after: int) -> list[str]:
    return [t.lower for t in s.tokens[max(0, i - before): i + after + 1]]


def _negated(s: Sentence, i: int) -> str | None:
    """"past" for «did not meet», "future" for «will not attend», None otherwise."""
    toks = s.tokens
    for k in range(max(0, i - 3), i):
        if toks[k].lower in ("not", "n't", "never") or toks[k].lower.endswith("n't"):
            prev = {x.lower for x in toks[max(0, k - 2): k + 1]}
            if prev & {"will", "wo", "won't", "shall", "would", "'ll"}:
                return "future"
            return "past"
    return None


def status(ctx: EnContext, s: Sentence, i: int) -> tuple[str, bool]:
    """(status, intent) from negation, modal verbs and cue words near the trigger."""
    toks = s.tokens
    lemmas = {t.lemma for t in toks}
    lows = [t.lower for t in toks]
    near = set(window(s, i, 6, 3))
    near_lem = {t.lemma for t in toks[max(0, i - 6): i + 4]}
    if near_lem & DENIAL_CUES or ("no" in lows[max(0, i - 2): i] and toks[i].lemma not in ("call",)):
        return "denied", False
    if near_lem & CANCELLED_CUES or ("called" in near and "off" in near) or ("pulled" in near and "out" in near):
        return "cancelled", False
    if "not" in near and "held" in near:
        return "cancelled", False
    neg = _negated(s, i)
    if neg == "past":
        return "denied", False
    if neg == "future":
        return "cancelled", False
    before = lows[max(0, i - 4): i]
    before_lem = {t.lemma for t in toks[max(0, i - 5): i]}
    intent = bool(before_lem & _INTENT) and "to" in before
    if intent:
        return "planned", True
    if before and (set(before[-3:]) & {"will", "shall", "'ll"}):
        return "planned", False
    if toks[i].lemma in ("visit", "meeting", "summit", "talks", "trip") \
            and set(lows[i + 1: i + 3]) & {"will", "is", "are"} \
            and set(lows[i + 1: i + 5]) & {"will", "to", "scheduled", "expected", "planned", "due", "set"}:
        return "planned", False  # «the visit will take him to Ottawa», «talks are scheduled for»
    if "to" in before[-2:]:
        k = i - 1 if lows[i - 1] == "to" else i - 2
        gov = {t.lemma for t in toks[max(0, k - 3): k]} | {t.lower for t in toks[max(0, k - 3): k]}
        if gov & (PLANNED_CUES | {"is", "are", "be", "going", "due", "set", "scheduled", "expected", "was"}):
            return "planned", False
    clause = lows[max(0, i - 12): i]
    if "to" in clause and set(clause[:clause.index("to")]) & {"scheduled", "expected", "due", "planning",
                                                               "plans", "planned", "set", "intends"}:
        return "planned", False
    if near & {"upcoming", "forthcoming", "planned", "scheduled", "proposed", "next"} or \
            (lemmas & {"schedule", "expect"} and toks[i].lemma in ("meeting", "summit", "visit", "talks")):
        return "planned", False
    return "happened", False
