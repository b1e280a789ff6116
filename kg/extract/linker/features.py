"""Features of an (event item, candidate item) pair, from natasha's analysis only.

The same code serves training (NEREL's gold spans) and inference (the
extractor's spans): it reads nothing but the :class:`~kg.extract.ru.nlp.Sentence`
list and the two items, so whatever produced the spans, a pair is described the
same way. Four groups:

- the pair in the text: distance in tokens and sentences, side, nesting, what
  lies between (commas, verbs, other candidates);
- morphology and syntax of each head token: POS, case, preposition, voice,
  dependency relation, and, when both stand in one parsed sentence, the tree
  path between them (steps up and down, the relations where the two branches
  meet, subject/object/oblique/nmod flags, coordination climbed);
- competition: the candidate's rank by distance among candidates of its type,
  and whether another mention of the same entity stands nearer the event;
- the document: headline position, how often the entity's key lemma recurs and
  how near the event, the event's lemma class (:mod:`.vocab`).

Sentences without a parse (see ``analyse``) give -1 for every tree feature;
the model sees that at training too, since training analyses articles the same
way. Every feature is a float; the categorical ones are codes into the closed
vocabularies of :mod:`.vocab`, listed in :data:`CATEGORICAL`.
"""
from __future__ import annotations

import bisect
from collections.abc import Sequence

from .items import COARSE_TYPES, Item
from .vocab import CASES, EVENT_CLASS_OF, POS, PREPOSITIONS, RELS

__all__ = ["FEATURE_NAMES", "CATEGORICAL", "DocView", "features", "event_features"]

_POS = {v: k for k, v in enumerate(POS)}
_CASE = {v: k for k, v in enumerate(CASES)}
_REL = {v: k for k, v in enumerate(RELS)}
_PREP = {v: k for k, v in enumerate(PREPOSITIONS)}
_TYPE = {v: k for k, v in enumerate(COARSE_TYPES)}
_CONTENT = ("NOUN", "PROPN")
_SUBJ = {"nsubj", "nsubj:pass", "csubj"}
_NOM = {"nmod", "appos"}

FEATURE_NAMES: tuple[str, ...] = (
    # the pair in the text
    "sent_dist", "abs_sent_dist", "tok_dist", "abs_tok_dist", "cand_in_event", "event_in_cand",
    "overlap", "commas_between", "verbs_between", "cands_between", "same_type_between", "quotes_between",
    # the candidate
    "cand_type", "cand_pos", "cand_case", "cand_prep", "cand_rel", "cand_rel_eff", "cand_ntok", "cand_number",
    "cand_animate", "cand_outer_type", "cand_n_inner", "cand_in_headline", "cand_parsed",
    "cand_capital",
    # the event
    "ev_pos", "ev_rel", "ev_class", "ev_ntok", "ev_voice_pass", "ev_verbform",
    "ev_in_headline", "ev_case", "ev_pron", "ev_pron_subj", "ev_named_subj",
    # the tree (same parsed sentence)
    "path_up", "path_down", "path_len", "lca_pos", "lca_rel_cand", "lca_rel_ev", "cand_is_subj",
    "cand_is_obj", "cand_is_obl", "cand_is_nmod", "cand_child_of_ev", "ev_child_of_cand", "conj_climbed",
    # competition
    "rank_type", "rank_type_side", "n_type_in_ev_sent", "rank_all", "rank_path_type",
    "same_key_nearer", "pron_agree", "cand_main_subj",
    # the document
    "key_sents", "key_in_ev_sent", "key_min_sent_dist", "key_in_headline", "key_first_mention",
)
CATEGORICAL: tuple[str, ...] = ("cand_type", "cand_pos", "cand_case", "cand_prep", "cand_rel", "cand_rel_eff",
                                "cand_outer_type", "ev_pos", "ev_rel", "ev_class", "ev_verbform",
                                "ev_case", "lca_pos", "lca_rel_cand", "lca_rel_ev")
_VERBFORM = {"": 0, "Fin": 1, "Inf": 2, "Part": 3, "Conv": 4}
_NONE = -1.0
_QUOTES = frozenset({"«", "»", "\"", "(", ")", "„", "“", "”"})


class DocView:
    """Per-article lookups shared by every pair of the article: token positions,
    item heads and keys, key lemmas by sentence. Build one per article."""

    def __init__(self, sents: Sequence) -> None:
        self.sents = sents
        self.tok0: list[int] = []  # global index of each sentence's first token
        n = 0
        for s in sents:
            self.tok0.append(n)
            n += len(s.tokens)
        self.lemma_sents: dict[str, list[int]] = {}
        for k, s in enumerate(sents):
            for t in s.tokens:
                lst = self.lemma_sents.setdefault(t.lemma, [])
                if not lst or lst[-1] != k:
                    lst.append(k)
        self._toks: dict[Item, tuple[int, ...]] = {}
        self._head: dict[Item, int] = {}

    def toks(self, it: Item) -> tuple[int, ...]:
        """Indexes of the tokens of the item's sentence that overlap its span."""
        got = self._toks.get(it)
        if got is None:
            s = self.sents[it.sent]
            got = tuple(t.i for t in s.tokens if t.start < it.end and t.end > it.start)
            self._toks[it] = got
        return got

    def head(self, it: Item) -> int:
        """The item's head token: in a parsed sentence the first token whose head lies
        outside the span; for a person, or in an unparsed sentence, the first noun (the
        last one for a person: the surname, which recurs); -1 when the item covers no
        token of its sentence."""
        got = self._head.get(it)
        if got is not None:
            return got
        toks = self.toks(it)
        s = self.sents[it.sent]
        h = -1
        if toks:
            inside = set(toks)
            if s.parsed and it.type != "PERSON":
                outs = [i for i in toks if s.tokens[i].head not in inside or s.tokens[i].head == i]
                h = outs[0] if outs else toks[0]
            else:
                content = [i for i in toks if s.tokens[i].pos in _CONTENT]
                h = (content[-1] if it.type == "PERSON" else content[0]) if content else toks[0]
        self._head[it] = h
        return h

    def key(self, it: Item) -> str:
        """The lemma that names the entity across the article: its head's (the
        surname's for a person)."""
        h = self.head(it)
        return self.sents[it.sent].tokens[h].lemma if h >= 0 else ""

    def gpos(self, it: Item) -> int:
        """Global token index of the item's head (its sentence's first token when it
        has none)."""
        h = self.head(it)
        return self.tok0[it.sent] + max(h, 0)


def _ancestors(s, i: int) -> list[int]:
    out = [i]
    seen = {i}
    while True:
        h = s.tokens[out[-1]].head
        if h < 0 or h in seen or h >= len(s.tokens):
            return out
        out.append(h)
        seen.add(h)


def _climb_conj(s, i: int) -> tuple[int, int]:
    """Climb ``conj`` links: «Путин и Медведев встретились» reads Медведев as Путин."""
    n = 0
    while s.tokens[i].rel == "conj" and 0 <= s.tokens[i].head < len(s.tokens) and s.tokens[i].head != i and n < 8:
        i = s.tokens[i].head
        n += 1
    return i, n


def _prep(s, toks: tuple[int, ...]) -> int:
    """The preposition before a span: the nearest ADP within three tokens before its
    first token, skipping adjectives, determiners and numbers (parsed or not alike)."""
    if not toks:
        return 0
    i = toks[0] - 1
    skipped = 0
    while i >= 0 and skipped < 3:
        t = s.tokens[i]
        if t.pos == "ADP":
            return _PREP.get(t.lemma, _PREP.get(t.text.lower(), len(PREPOSITIONS)))
        if t.pos not in ("ADJ", "DET", "NUM", "PROPN") and t.text != "«":
            return 0
        i -= 1
        skipped += 1
    return 0


def _between(s, a: int, b: int) -> tuple[int, int]:
    """(commas, verbs) strictly between tokens a and b of one sentence."""
    lo, hi = min(a, b), max(a, b)
    commas = verbs = 0
    for t in s.tokens[lo + 1:hi]:
        if t.text in (",", ";", ":", "—", "–"):
            commas += 1
        elif t.pos == "VERB":
            verbs += 1
    return commas, verbs


def _within(a: Item, b: Item) -> bool:
    return b.start <= a.start and a.end <= b.end and a != b


def _tree(s, ce: int, ee: int) -> list[float]:
    """Tree features of candidate head ``ce`` and event head ``ee`` in parsed sentence s."""
    ce2, climbed = _climb_conj(s, ce)
    ca, ea = _ancestors(s, ce2), _ancestors(s, ee)
    epos = {t: k for k, t in enumerate(ea)}
    lca_k = next((k for k, t in enumerate(ca) if t in epos), None)
    if lca_k is None:
        return [_NONE] * 6 + [0.0] * 6 + [float(climbed)]
    lca = ca[lca_k]
    up, down = lca_k, epos[lca]
    rel_c = s.tokens[ca[lca_k - 1]].rel if up > 0 else ""
    rel_e = s.tokens[ea[down - 1]].rel if down > 0 else ""
    # the verb governing a nominal event («провели переговоры»): one step down from the meeting point
    near = down <= 1
    return [float(up), float(down), float(up + down), float(_POS.get(s.tokens[lca].pos, 0)),
            float(_REL.get(rel_c, 0)), float(_REL.get(rel_e, 0)),
            float(near and rel_c in _SUBJ), float(near and rel_c == "obj"),
            float(near and rel_c.startswith("obl")), float(near and rel_c in _NOM),
            float(down == 0 and up == 1), float(up == 0 and down == 1), float(climbed)]


_PRONOUNS = frozenset({"он", "она", "оно", "они"})


def _pronoun(s, eh: int) -> tuple[list[float], tuple[str, str] | None]:
    """Whether a third-person pronoun is an argument of the event («Его доставили»,
    «её награждение»; the entity it stands for is often in an earlier sentence):
    ([pronoun near, pronoun subject, named subject], (gender, number) of the
    pronoun). "Near" is two tree steps in a parsed sentence, three tokens else."""
    near, subj, named = 0.0, 0.0, 0.0
    agree = None
    toks = s.tokens
    anchors = {eh}
    if s.parsed and 0 <= toks[eh].head < len(toks) and toks[eh].rel in ("obj", "obl", "nmod", "xcomp", "nsubj:pass"):
        anchors.add(toks[eh].head)  # «провели переговоры»: the verb's subject is the event's
    for t in toks:
        if s.parsed:
            if t.head in anchors and t.rel in _SUBJ and t.pos in _CONTENT:
                named = 1.0
            if t.pos != "PRON" or t.lemma not in _PRONOUNS:
                continue
            anc = _ancestors(s, t.i)
            if not (anchors & set(anc[:3])):
                continue
            is_subj = t.head in anchors and t.rel in _SUBJ
        else:
            if t.pos != "PRON" or t.lemma not in _PRONOUNS or abs(t.i - eh) > 3:
                continue
            is_subj = False
        near = 1.0
        if is_subj or agree is None:
            agree = (t.feats.get("Gender", ""), t.feats.get("Number", ""))
        subj = max(subj, float(is_subj))
    return [near, subj, named], agree


def _agrees(pron: tuple[str, str] | None, tok) -> float:
    """-1 no pronoun; 1 the candidate's head agrees in gender and number; 0 not."""
    if pron is None:
        return _NONE
    if tok is None:
        return 0.0
    g, n = pron
    if n == "Plur":
        return float(tok.feats.get("Number") == "Plur")
    return float(tok.feats.get("Number", "Sing") != "Plur" and (not g or tok.feats.get("Gender", g) == g))


def _main_subj(s, h: int) -> float:
    """-1 unparsed; 1 when the token (conj climbed) is the subject of its sentence's root."""
    if not s.parsed or h < 0:
        return _NONE
    i, _ = _climb_conj(s, h)
    t = s.tokens[i]
    return float(t.rel in _SUBJ and 0 <= t.head < len(s.tokens) and s.tokens[t.head].rel == "root")


def event_features(view: DocView, event: Item, cands: Sequence[Item], keep: Sequence[bool] | None = None,
                   ) -> list[list[float]]:
    """One feature row per candidate (in order) for one event; ``keep`` marks the
    rows wanted (the others are skipped and come back empty), while every
    candidate still counts in the competition features."""
    sents = view.sents
    es = sents[event.sent]
    eh = view.head(event)
    et = es.tokens[eh] if eh >= 0 else None
    eg = view.gpos(event)
    ev_row = [
        float(_POS.get(et.pos, 0)) if et else 0.0, float(_REL.get(et.rel, 0)) if et else 0.0,
        float(EVENT_CLASS_OF.get(et.lemma, 0)) if et else 0.0,
        float(len(view.toks(event))), float(bool(et and et.feats.get("Voice") == "Pass")),
        float(_VERBFORM.get(et.feats.get("VerbForm", ""), 0)) if et else 0.0,
        float(event.sent == 0), float(_CASE.get(et.feats.get("Case", ""), 0)) if et else 0.0,
    ]
    pron_row, pron = _pronoun(es, eh) if et else ([0.0, 0.0, 0.0], None)
    ev_row += pron_row
    gp = [view.gpos(c) for c in cands]
    dist = [g - eg for g in gp]
    keys = [view.key(c) for c in cands]
    # competition: ranks by |token distance| among candidates of the same type
    by_type: dict[str, list[int]] = {}
    for k, c in enumerate(cands):
        by_type.setdefault(c.type, []).append(abs(dist[k]))
    for v in by_type.values():
        v.sort()
    all_d = sorted(abs(d) for d in dist)
    nearest_of_key: dict[str, int] = {}
    for k, key in enumerate(keys):
        if key and (key not in nearest_of_key or abs(dist[k]) < abs(dist[nearest_of_key[key]])):
            nearest_of_key[key] = k
    n_type_sent: dict[str, int] = {}
    for c in cands:
        if c.sent == event.sent:
            n_type_sent[c.type] = n_type_sent.get(c.type, 0) + 1
    tree_of: dict[int, list[float]] = {}
    if es.parsed and eh >= 0:
        for k, c in enumerate(cands):
            ch = view.head(c)
            if c.sent == event.sent and ch >= 0:
                tree_of[k] = _tree(es, ch, eh)
    path_rank: dict[int, int] = {}
    for typ in by_type:
        ks = sorted((k for k in tree_of if cands[k].type == typ), key=lambda k: (tree_of[k][2], abs(dist[k]), k))
        for r, k in enumerate(ks):
            path_rank[k] = r
    rows: list[list[float]] = []
    for k, c in enumerate(cands):
        if keep is not None and not keep[k]:
            rows.append([])
            continue
        s = sents[c.sent]
        ch = view.head(c)
        ct = s.tokens[ch] if ch >= 0 else None
        toks = view.toks(c)
        d = dist[k]
        type_d = by_type[c.type]
        same_side = sorted(abs(dist[j]) for j, o in enumerate(cands) if o.type == c.type and (dist[j] < 0) == (d < 0))
        lo, hi = min(gp[k], eg), max(gp[k], eg)
        between = [j for j in range(len(cands)) if j != k and lo < gp[j] < hi]
        if c.sent == event.sent and ch >= 0 and eh >= 0:
            commas, verbs = _between(s, ch, eh)
        else:
            commas, verbs = _NONE, _NONE
        outer = [o for o in cands if _within(c, o)]
        outer_t = min(outer, key=lambda o: (o.end - o.start, o)).type if outer else ""
        n_inner = sum(1 for o in cands if _within(o, c))
        key = keys[k]
        occ = view.lemma_sents.get(key, []) if key else []
        others = [x for x in occ if x != c.sent]  # the key's sentences but the candidate's own
        key_min = min((abs(x - event.sent) for x in others), default=99)
        nk = nearest_of_key.get(key, k)
        quote_side = 0.0
        if c.sent == event.sent and ch >= 0 and eh >= 0:
            quote_side = float(sum(1 for t in s.tokens[min(ch, eh) + 1:max(ch, eh)] if t.text in _QUOTES))
        row = [
            float(c.sent - event.sent), float(abs(c.sent - event.sent)), float(d), float(abs(d)),
            float(_within(c, event) or c == event), float(_within(event, c)),
            float(c.start < event.end and event.start < c.end), float(commas), float(verbs),
            float(len(between)), float(sum(1 for j in between if cands[j].type == c.type)), quote_side,
            float(_TYPE[c.type]), float(_POS.get(ct.pos, 0)) if ct else 0.0,
            float(_CASE.get(ct.feats.get("Case", ""), 0)) if ct else 0.0, float(_prep(s, toks)),
            float(_REL.get(ct.rel, 0)) if ct else 0.0,
            float(_REL.get(s.tokens[_climb_conj(s, ch)[0]].rel, 0)) if ct and s.parsed else 0.0,
            float(len(toks)), float({"Sing": 1, "Plur": 2}.get(ct.feats.get("Number", ""), 0)) if ct else 0.0,
            float({"Anim": 1, "Inan": 2}.get(ct.feats.get("Animacy", ""), 0)) if ct else 0.0,
            float(_TYPE[outer_t]) + 1 if outer_t else 0.0, float(n_inner),
            float(c.sent == 0), float(s.parsed), float(bool(ct and ct.text[:1].isupper())),
            *ev_row,
            *(tree_of.get(k) or [_NONE] * 6 + [0.0] * 7),
            float(bisect.bisect_left(type_d, abs(d))),
            float(bisect.bisect_left(same_side, abs(d))) if same_side else _NONE,
            float(n_type_sent.get(c.type, 0)), float(bisect.bisect_left(all_d, abs(d))),
            float(path_rank.get(k, -1)), float(nk != k and abs(dist[nk]) < abs(d)), _agrees(pron, ct),
            _main_subj(s, ch),
            float(len(occ)), float(event.sent in others), float(key_min), float(bool(occ) and occ[0] == 0),
            float(bool(occ) and occ[0] == c.sent),
        ]
        rows.append(row)
    return rows


def features(sents: Sequence, event: Item, candidate: Item, candidates: Sequence[Item] = (),
             view: DocView | None = None) -> list[float]:
    """The feature row of one (event, candidate) pair. ``candidates``: every entity
    item of the article (the competition and nesting features read them; the
    candidate is added when missing). Batch with :func:`event_features`."""
    cands = list(candidates)
    if candidate not in cands:
        cands.append(candidate)
    view = view or DocView(sents)
    keep = [c == candidate for c in cands]
    return next(r for r in event_features(view, event, cands, keep) if r)
