"""Whether an event happened, is planned, was cancelled or denied (Russian): from negation, cue
words, the tense of the trigger or of the verb above it. :func:`status` is called by
:mod:`.events` for every draft.
"""
from __future__ import annotations

from ..context import Context
from .lexicon import CANCELLED_CUES, DENIAL_CUES, INVITATIONS, MODAL_VERBS, PLANNED_CUES
from .nlp import Sentence
from .participants import clause_range

__all__ = ["status"]


def status(ctx: Context, s: Sentence, i: int, start: str | None, ignore: frozenset = frozenset()) -> str:
    """happened / planned / cancelled / denied, from negation, cue words and tense.

    The tense of the trigger (or of the verb governing it) decides between
    happened and planned; cue words («планирует», «предстоящий») only when
    there is no finite verb to tell.
    """
    lset = {t.lemma for t in s.tokens} - ignore
    neg_before = lambda k: k > 0 and s.tokens[k - 1].lemma == "не"  # noqa: E731
    if _cue_governs(s, i, DENIAL_CUES - ignore, hops=3):
        return "denied"
    for k, t in enumerate(s.tokens):
        if t.lemma == "состояться" and neg_before(k):
            return "cancelled"
    if _cue_governs(s, i, CANCELLED_CUES - ignore, hops=1):
        return "cancelled"
    trig = s.tokens[i]
    if trig.pos == "VERB" and neg_before(i):
        return "denied" if trig.feats.get("Tense") == "Past" else "cancelled"
    for a in _aux_of(s, i):
        if trig.pos == "VERB" and neg_before(a):  # «не будет встречаться»
            return "denied" if s.tokens[a].feats.get("Tense") == "Past" else "cancelled"
    if any(t.head == i and t.rel == "amod" and t.lemma in PLANNED_CUES for t in s.tokens):
        return "planned"  # «до запланированного визита», «предстоящие переговоры»
    tense = _governing_tense(s, i)
    if i + 2 < len(s.tokens) and s.tokens[i + 1].text == "," and s.tokens[i + 2].lemma == "который":
        # «разрешили встречу, которая пройдет в понедельник»: the clause about the event tells
        relative = [s.tokens[k] for k in clause_range(s, i + 2) if s.tokens[k].pos in ("VERB", "AUX")]
        if any(x.feats.get("Tense") == "Fut" for x in relative):
            tense = "Fut"
    if tense == "Fut":
        return "planned"
    if tense is None and lset & PLANNED_CUES:
        return "planned"
    if start and ctx.article.date and start > ctx.article.date:
        return "planned"
    return "happened"


def _cue_governs(s: Sentence, i: int, cues, hops: int = 2) -> bool:
    """A status cue bears on the trigger at i: it is above it in the tree («отменил
    визит», «отмена встречи», «опроверг сообщения о переговорах») or modifies it
    («отложенная встреча»). A cue elsewhere in the sentence is about something else
    («подписали соглашение о взаимной отмене виз»); an event something is moved to
    («перенести выборы на следующую встречу») is not the one moved."""
    toks = s.tokens
    if any(toks[c].head == i and toks[c].rel in ("amod", "acl") and toks[c].lemma in cues for c in range(len(toks))):
        return True
    if any(toks[c].head == i and toks[c].rel == "case" and toks[c].lemma == "на" for c in range(len(toks))):
        return False
    k, n = toks[i].head, 0
    while 0 <= k < len(toks) and n < hops:
        if toks[k].lemma in cues:
            return True
        k, n = toks[k].head, n + 1
    return False


def _governing_tense(s: Sentence, i: int) -> str | None:
    """Tense of the trigger if a finite verb, else of the nearest verb above it in
    the tree; a modal verb on the way («может посетить») makes it future."""
    for a in _aux_of(s, i):
        if s.tokens[a].feats.get("Tense"):
            return s.tokens[a].feats["Tense"]  # «будет встречаться»: the auxiliary tells
    framed = _framed(s, i)
    k, hops, came_by = i, 0, ""
    while 0 <= k < len(s.tokens) and hops < 4:
        t = s.tokens[k]
        if k != i and t.lemma in MODAL_VERBS and not framed \
                and (t.lemma not in INVITATIONS or came_by in ("xcomp", "acl", "obj")):
            # an invitation makes future what it invites to («пригласил посетить»), not the
            # talks in which it was made («в телефонном разговоре пригласил»)
            return "Fut"
        if t.pos in ("VERB", "AUX") and t.feats.get("Tense"):
            return t.feats["Tense"]
        k, came_by = t.head, t.rel
        hops += 1
    return None


#: words before a trigger noun that make it the time of the clause's verb («В ходе переговоров
#: договорились …», «По итогам встречи пообещал …»): a modal verb there is no intention to meet
_FRAMES = {("в", "ход"), ("во", "время"), ("в", "время"), ("по", "итог"), ("по", "результат"), ("после",)}


def _framed(s: Sentence, i: int) -> bool:
    j = i
    while j > 0 and s.tokens[j - 1].pos == "ADJ":
        j -= 1
    before = tuple(x.lemma for x in s.tokens[max(0, j - 2): j])
    return s.tokens[i].pos == "NOUN" and (before in _FRAMES or before[-1:] in _FRAMES)


def _aux_of(s: Sentence, i: int) -> list[int]:
    """The auxiliaries of the trigger verb («будет» in «будет встречаться»)."""
    return [t.i for t in s.tokens if t.head == i and t.rel.startswith("aux")]
