"""Natasha, loaded once per process, and an adapter to our own sentence records.

Paragraphs are split on blank lines first (headlines and leads have no final
full stop), then razdel splits sentences; natasha tags morphology, syntax and
NER. Offsets are converted to article offsets here, once.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

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

    def token_at(self, offset: int) -> Token | None:
        for t in self.tokens:
            if t.start <= offset < t.end:
                return t
        return None


@functools.lru_cache(maxsize=1)
def models():
    from natasha import (MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger,
                         NewsSyntaxParser, Segmenter)

    from ...parallel import one_blas_thread

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


def analyse(text: str) -> list[Sentence]:
    """Sentences with tokens (morphology, syntax, lemmas) and NER spans.

    Natasha runs on a whole paragraph at a time (its NER uses the context),
    overlong paragraphs are cut into bounded chunks first.
    """
    from natasha import Doc

    m = models()
    out: list[Sentence] = []
    for p_off, para in _paragraphs(text):
        for c_off, chunk in _chunks(p_off, para):
            if chunk.strip():
                out.extend(_doc_sentences(len(out), c_off, chunk, m, Doc))
    return out


def _doc_sentences(first_index: int, offset: int, raw: str, m, Doc) -> list[Sentence]:
    doc = Doc(raw)
    doc.segment(m["segmenter"])
    # cut runaway sentences (no punctuation) so the taggers stay bounded
    doc.tag_morph(m["morph"])
    doc.parse_syntax(m["syntax"])
    doc.tag_ner(m["ner"])
    out: list[Sentence] = []
    for s in doc.sents:
        sent = Sentence(index=first_index + len(out), start=offset + s.start, end=offset + s.stop, text=s.text)
        id_to_i = {t.id: i for i, t in enumerate(s.tokens)}
        for i, t in enumerate(s.tokens):
            t.lemma = _lemma(t.text, t.pos, tuple(sorted((t.feats or {}).items())))
            sent.tokens.append(Token(i=i, text=t.text, start=offset + t.start, end=offset + t.stop,
                                     pos=t.pos or "", feats=dict(t.feats or {}),
                                     head=id_to_i.get(t.head_id, -1), rel=t.rel or "",
                                     lemma=(t.lemma or t.text.lower()).replace("ё", "е")))
        out.append(sent)
    for sp in doc.spans:
        sp.normalize(m["morph_vocab"])
        for sent in out:
            if sent.start <= offset + sp.start < sent.end:
                toks = tuple(t.i for t in sent.tokens if offset + sp.start <= t.start < offset + sp.stop)
                sent.spans.append(Span(start=offset + sp.start, end=offset + sp.stop, type=sp.type,
                                       text=sp.text, normal=sp.normal or sp.text, tokens=toks))
                break
    return out
