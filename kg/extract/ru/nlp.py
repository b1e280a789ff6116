"""Natasha, loaded once per process, and an adapter to our own sentence records.

Paragraphs are split on blank lines first (headlines and leads have no final
full stop), then razdel splits sentences; natasha tags morphology, syntax and
NER. Offsets are converted to article offsets here, once.
"""
from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..parallel import one_blas_thread
from .lexicon import PARSE_CUES, PARTICIPATION_CUES, PARTICIPATION_PRONOUNS, PARTNER_TRIGGERS, ROLE_NOUNS

PARTNER_CUES = frozenset(PARTNER_TRIGGERS)

__all__ = ["Token", "Span", "Sentence", "analyse", "models"]


@dataclass
class Token:
    i: int  # index in the sentence
    text: str
    start: int  # article offsets
    end: int
    pos: str
    feats: dict
    head: int  # index of the head in the sentence, -1 for the root
    rel: str
    lemma: str = ""


@dataclass
class Span:
    start: int
    end: int
    type: str  # PER, LOC, ORG
    text: str
    normal: str
    tokens: tuple[int, ...] = ()  # token indexes in the sentence


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    text: str
    tokens: list[Token] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    #: False when the sentence held no parse cue: natasha's taggers did not run on it,
    #: its tokens carry their dictionary reading (pymorphy2), head -1 and no rel
    parsed: bool = True

    def token_at(self, offset: int) -> Token | None:
        for t in self.tokens:
            if t.start <= offset < t.end:
                return t
        return None


@functools.lru_cache(maxsize=1)
def models():
    from natasha import (
        MorphVocab,
        NewsEmbedding,
        NewsMorphTagger,
        NewsNERTagger,
        NewsSyntaxParser,
        Segmenter,
    )

    # natasha's taggers are small matrix products: OpenBLAS's extra threads only spin
    # (measured 18x slower on a busy 2-core machine); parallelism comes from processes
    one_blas_thread()

    emb = NewsEmbedding()
    return {
        "segmenter": Segmenter(),
        "morph_vocab": MorphVocab(),
        "morph": NewsMorphTagger(emb),
        "syntax": NewsSyntaxParser(emb),
        "ner": NewsNERTagger(emb),
    }


_PARA = re.compile(r"\n\s*\n|\n(?=\S)")
#: a sentence longer than this is cut: the neural taggers are quadratic-ish
#: in memory on pathological one-line "sentences" (1 MB with no punctuation)
MAX_SENT_CHARS = 2000


def _paragraphs(text: str):
    pos = 0
    for m in _PARA.finditer(text):
        if m.start() > pos:
            yield pos, text[pos:m.start()]
        pos = m.end()
    if pos < len(text):
        yield pos, text[pos:]


_SENT_END = re.compile(r"(?<=[.!?…])\s+")
#: a paragraph is given to natasha in chunks of at most this many characters
MAX_CHUNK_CHARS = 4 * MAX_SENT_CHARS


def _cut_runon(start: int, piece: str):
    """A "sentence" longer than MAX_SENT_CHARS (no punctuation): pieces cut at spaces."""
    i = 0
    while len(piece) - i > MAX_SENT_CHARS:
        k = piece.rfind(" ", i + 1, i + MAX_SENT_CHARS)
        j = k + 1 if k > i else i + MAX_SENT_CHARS
        yield start + i, piece[i:j]
        i = j
    if i < len(piece):
        yield start + i, piece[i:]


def _chunks(offset: int, para: str):
    """Split overlong paragraphs into bounded pieces: whole sentences packed up to
    MAX_CHUNK_CHARS, and a run-on "sentence" (no punctuation) cut at spaces into pieces
    of MAX_SENT_CHARS, each analysed alone (so natasha cannot glue them back together).
    Every chunk, and so every sentence, stays bounded whatever the input."""
    if len(para) <= MAX_SENT_CHARS:
        yield offset, para
        return
    pack_start, pack_end = 0, 0  # the sentences gathered so far: para[pack_start:pack_end]
    pos = 0
    bounds = [m.start() for m in _SENT_END.finditer(para)] + [len(para)]
    for end in bounds:
        sent_start = pos
        pos = end
        nxt = _SENT_END.match(para, end)
        after = nxt.end() if nxt else end
        if end - sent_start > MAX_SENT_CHARS:
            if pack_end > pack_start:
                yield offset + pack_start, para[pack_start:pack_end]
            yield from _cut_runon(offset + sent_start, para[sent_start:end])
            pack_start = pack_end = after
        elif end - pack_start > MAX_CHUNK_CHARS:
            if pack_end > pack_start:
                yield offset + pack_start, para[pack_start:pack_end]
            pack_start, pack_end = sent_start, end
        else:
            pack_end = end
        pos = after
    if pack_end > pack_start:
        yield offset + pack_start, para[pack_start:pack_end]


@functools.lru_cache(maxsize=200_000)
def _lemma(word: str, pos: str, feats: tuple) -> str:
    """natasha's lemmatisation (pymorphy2 under it), cached: the same word with the
    same tags always gets the same lemma, and news repeats its words."""
    return models()["morph_vocab"].lemmatize(word, pos, dict(feats))


def analyse(text: str, *, parse_at: Iterable[int] = ()) -> list[Sentence]:
    """Sentences with tokens (morphology, syntax, lemmas) and NER spans.

    Paragraphs are segmented one by one (overlong ones cut into bounded chunks
    first); then each tagger runs once over the whole article, its items fed in
    order of length so that slovnet's batches of eight pad little:

    - NER over every paragraph;
    - morphology and syntax over the sentences that hold a parse cue (a trigger or
      a reporting verb: the rules that read the tree start from one of them);
    - in the other sentences, morphology only over a window of WINDOW tokens on
      each side of every name, which is what its normal form needs. The tagger is
      three convolutions of width three, so a token WINDOW tokens from a window's
      edge gets exactly the tags it gets in the whole sentence. Every other token
      keeps its dictionary reading (pymorphy2) and no head.

    On news this runs the syntax parser on about a quarter of the tokens and the
    morphology tagger on about half; benchmarks/scale.py measures the whole.

    ``parse_at``: article offsets whose sentences are parsed too, cue or not. The
    linker's training (kg.extract.linker) passes its gold event offsets, so that the
    event's sentence is parsed as the extractor's trigger sentence always is at
    inference, and every other sentence is analysed as it would be there. Empty
    (the default), nothing changes.
    """
    from natasha import Doc
    from slovnet.bio import bio_spans

    m = models()
    docs = []
    for p_off, para in _paragraphs(text):
        for c_off, chunk in _chunks(p_off, para):
            if chunk.strip():
                doc = Doc(chunk)
                doc.segment(m["segmenter"])
                docs.append((c_off, doc))
    spans_of: list[list[tuple[int, int, str]]] = [[] for _ in docs]
    for d, tags in _by_length(_raw(m["ner"]), [[t.text for t in doc.tokens] for _, doc in docs]):
        spans_of[d] = [(sp.start, sp.stop, sp.type) for sp in bio_spans(docs[d][1].tokens, tags)]
    sents = [(d, s) for d, (_, doc) in enumerate(docs) for s in doc.sents]
    forced = sorted(set(parse_at))
    parse, windows = [], []  # sentences to parse; (sentence, first, end) token windows to tag
    for k, (d, s) in enumerate(sents):
        person = any(t == "PER" and s.start <= a < s.stop for a, _, t in spans_of[d])
        words = [t.text for t in s.tokens]
        cue = _has_cue(words, person) or (not person and _has_role_noun(words) and _has_cue(words, True))
        if cue or (forced and _holds_any(docs[d][0], s, forced)):
            parse.append(k)
            continue
        for i, t in enumerate(s.tokens):
            t.pos, t.feats, t.lemma = _dictionary_reading(t.text, i == 0)
        for first, end in _name_windows(s, spans_of[d]):
            windows.append((k, first, end))
    items = [(k, 0, len(sents[k][1].tokens)) for k in parse] + windows
    for n, tags in _by_length(_raw(m["morph"]), [[t.text for t in sents[k][1].tokens[a:b]] for k, a, b in items]):
        k, a, b = items[n]
        for t, tag in zip(sents[k][1].tokens[a:b], tags):
            t.pos, t.feats = _conll_tag(tag)
            t.lemma = None
    for n, (ids, heads, rels) in _by_length(_raw(m["syntax"]), [[t.text for t in sents[k][1].tokens] for k in parse]):
        for t, i, h, r in zip(sents[parse[n]][1].tokens, ids, heads, rels):
            t.id, t.head_id, t.rel = i, h, r
    parsed = {id(sents[k][1]) for k in parse}
    out: list[Sentence] = []
    for d, (offset, doc) in enumerate(docs):
        out.extend(_sentences(len(out), offset, doc, spans_of[d], m, parsed))
    return out


def _holds_any(offset: int, s, offsets: list[int]) -> bool:
    """Whether razdel sentence ``s`` of a chunk at ``offset`` holds one of the sorted
    article ``offsets``."""
    k = bisect.bisect_left(offsets, offset + s.start)
    return k < len(offsets) and offsets[k] < offset + s.stop


#: tokens tagged on each side of a name in an unparsed sentence (the morphology
#: tagger's receptive field: three convolutions of width three)
WINDOW = 3


def _name_windows(s, spans) -> list[tuple[int, int]]:
    """Token windows [first, end) around the NER names of an unparsed sentence,
    merged where they touch. A name's normal form needs the tagger's reading in
    context: pymorphy2 alone does not know «Райкконена», reads «Думы» as a plural
    and cannot tell the gender of «Новодевичьем». A name whose every word can only
    be a nominative singular needs no window."""
    out: list[list[int]] = []
    toks = s.tokens
    for start, stop, type_ in spans:
        if not (s.start <= start < s.stop):
            continue
        inside = [i for i, t in enumerate(toks) if start <= t.start and t.stop <= stop]
        if not inside or all(_surely_nominative(toks[i].text) for i in inside):
            continue  # «Путин», «Казахстан»: already the normal form, whatever the context
        a, b = max(0, inside[0] - WINDOW), min(len(toks), inside[-1] + 1 + WINDOW)
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


@functools.lru_cache(maxsize=200_000)
def _word_lemmas(word: str) -> frozenset[str]:
    """Every lemma pymorphy2 gives a word (any reading), and the word itself."""
    w = word.lower().replace("ё", "е")
    return frozenset({w} | {p.normal_form.replace("ё", "е") for p in models()["morph_vocab"].parse(w)})


_PROPER = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"})


@functools.lru_cache(maxsize=200_000)
def _dictionary_reading(word: str, initial: bool = False) -> tuple[str, dict, str]:
    """(UD pos, UD feats, lemma) of a word out of context, for unparsed sentences:
    pymorphy2's most likely reading, except that a capitalised word inside a sentence
    takes its most likely proper-noun reading when it has one («Путина» is Путин's
    genitive, not the fishing season), tagged PROPN as natasha's tagger would. A
    sentence's first word is capitalised anyway: it is PROPN only when its most
    likely reading is a name («Того» opens sentences as a pronoun, not as Togo)."""
    if not word[:1].isalnum():
        return "PUNCT", {}, word
    forms = models()["morph_vocab"](word)
    if not forms:
        return "X", {}, word.lower()
    form = forms[0]
    pos = form.pos
    if not form.is_known and word[:1].isupper():
        # pymorphy2 guesses from the ending, well for «цифровизацию», badly for names
        # («Атлантис» -> «атлантисы»): a capitalised word it does not know is a name
        # and keeps its written form
        return "PROPN", {}, word.lower()
    if initial:
        return ("PROPN" if form.tag.grammemes & _PROPER else pos), form.feats, form.normal
    if word[:1].isupper():
        proper = next((f for f in forms if f.tag.grammemes & _PROPER), None)
        if proper is not None:
            form, pos = proper, "PROPN"
    return pos, form.feats, form.normal


@functools.lru_cache(maxsize=200_000)
def _surely_nominative(word: str) -> bool:
    """Whether every reading pymorphy2 knows for a word is a nominative singular or a
    word without case (punctuation, numbers): its normal form is the word itself."""
    if not word[:1].isalpha():
        return True
    forms = models()["morph_vocab"](word)
    return bool(forms) and all(f.is_known and f.tag.case == "nomn" and f.tag.number != "plur" for f in forms)


def _has_cue(words: list[str], person: bool = True) -> bool:
    """Whether a sentence may hold something a tree-reading rule starts from. A verb that
    is an event only with a person for partner (``PARTNER_TRIGGERS``) is a cue only in a
    sentence where NER found a person; a participation verb only there and after an opening
    «в нём», «на ней» (kg.extract.ru.anaphora)."""
    cues = PARSE_CUES if person else PARSE_CUES - PARTNER_CUES
    if person and any(w.lower() in PARTICIPATION_PRONOUNS for w in words[:3]):
        cues = cues | PARTICIPATION_CUES
    # a word can be a form of a cue only if it starts as one does (Russian inflects at the
    # end; over the 41,708 word forms of ../shared/corpus no exception): most words skip
    # the dictionary lookup
    return any(w.lower().replace("ё", "е").startswith(_CUE_STARTS) and not _word_lemmas(w).isdisjoint(cues)
               for w in words if w[:1].isalpha())


def _has_role_noun(words: list[str]) -> bool:
    """Whether a sentence names an office (``ROLE_NOUNS``): «Президенты России и Франции
    обсудили …» has partners for a partner verb though NER finds no person."""
    return any(w.lower().startswith(_ROLE_STARTS) and not _word_lemmas(w).isdisjoint(ROLE_NOUNS)
               for w in words if w[:1].isalpha())


#: the first three letters of every role noun (see _has_role_noun)
_ROLE_STARTS = tuple(sorted({r[:3] for r in ROLE_NOUNS}))
#: the first three letters of every cue lemma (see _has_cue)
_CUE_STARTS = tuple(sorted({c[:3] for c in PARSE_CUES | PARTICIPATION_CUES}))


def _raw(api):
    """A slovnet tagger (natasha's NER, morphology or syntax model) as a function from
    lists of words, already tokenised by razdel, to its raw predictions: tag strings,
    or (ids, head ids, relations). natasha's own wrappers would tokenise the text a
    second time and build a record per token; the words and the model are the same."""
    infer = api.infer

    def run(items):
        return infer.decoder(infer.process(infer.encoder(items)))
    return run


@functools.lru_cache(maxsize=4096)
def _conll_tag(tag: str) -> tuple[str, dict]:
    """«NOUN|Case=Gen|Number=Sing» -> ("NOUN", {"Case": "Gen", "Number": "Sing"})."""
    pos, _, feats = tag.partition("|")
    return pos, dict(f.split("=", 1) for f in feats.split("|") if "=" in f)


def _by_length(tag, items: list, key=lambda x: len(x)):
    """(index, result) of tagger ``tag`` over ``items``, fed shortest first."""
    order = sorted(range(len(items)), key=lambda k: (key(items[k]), k))
    return zip(order, tag([items[k] for k in order]))


def _sentences(first_index: int, offset: int, doc, spans, m, parsed: set[int]) -> list[Sentence]:
    out: list[Sentence] = []
    unparsed = []
    for s in doc.sents:
        sent = Sentence(index=first_index + len(out), start=offset + s.start, end=offset + s.stop, text=s.text,
                        parsed=id(s) in parsed)
        if not sent.parsed:
            unparsed.append((s.start, s.stop))
        id_to_i = {t.id: i for i, t in enumerate(s.tokens)} if sent.parsed else {}
        for i, t in enumerate(s.tokens):
            lemma = t.lemma or _lemma(t.text, t.pos, tuple(sorted((t.feats or {}).items())))
            sent.tokens.append(Token(i=i, text=t.text, start=offset + t.start, end=offset + t.stop,
                                     pos=t.pos or "", feats=dict(t.feats or {}),
                                     head=id_to_i.get(t.head_id, -1), rel=t.rel or "",
                                     lemma=(lemma or t.text.lower()).replace("ё", "е")))
        out.append(sent)
    starts = [t.start for t in doc.tokens]
    for start, stop, type_ in spans:
        in_tree = not any(a <= start < b for a, b in unparsed)
        normal = _normal(doc, start, stop, type_, m, parsed=in_tree, starts=starts)
        for sent in out:
            if sent.start <= offset + start < sent.end:
                toks = tuple(t.i for t in sent.tokens if offset + start <= t.start < offset + stop)
                sent.spans.append(Span(start=offset + start, end=offset + stop, type=type_,
                                       text=doc.text[start:stop], normal=normal, tokens=toks))
                break
    return out


def _normal(doc, start: int, stop: int, type_: str, m, parsed: bool, starts: list[int]) -> str:
    """natasha's normal form of a span (nominative, morphology-aware).

    An organization's name is inflected along its tree («Совета Безопасности» ->
    «Совет Безопасности»); in a sentence left unparsed, the head is taken to be the
    first noun, inflected with the adjectives before it, and the rest kept as written.
    """
    from natasha.doc import DocSpan
    from natasha.norm import inflect_word, recover_shapes, recover_spaces

    # the span's tokens, found by their starts (``starts``: the chunk's, sorted)
    first = bisect.bisect_left(starts, start)
    tokens = [t for t in doc.tokens[first:bisect.bisect_left(starts, stop, first)] if t.stop <= stop]
    if type_ == "ORG" and not parsed:
        head = next((k for k, t in enumerate(tokens) if t.pos in ("NOUN", "PROPN")), len(tokens) - 1)
        words = [inflect_word(m["morph_vocab"], t) if k <= head else t.text for k, t in enumerate(tokens)]
        return recover_spaces(recover_shapes(words, tokens), tokens) or doc.text[start:stop]
    key = None
    if type_ != "ORG":  # a person's or place's normal form depends on its tokens alone, not on the tree
        key = (type_, tuple((t.start - start, t.text, t.pos, tuple(sorted((t.feats or {}).items())))
                            for t in tokens))
        if key in _NORMALS:
            return _NORMALS[key]
    span = DocSpan(start, stop, type_, doc.text[start:stop])
    span.tokens = tokens
    span.normalize(m["morph_vocab"])
    normal = span.normal or span.text
    if key is not None:
        if len(_NORMALS) >= 100_000:
            _NORMALS.clear()
        _NORMALS[key] = normal
    return normal


#: normal forms of PER and LOC spans by their tokens (texts, offsets, tags): names recur
_NORMALS: dict[tuple, str] = {}
