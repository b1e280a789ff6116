"""English sentences and tokens: syntok, with article offsets.

Paragraphs are split on line breaks first (headlines and datelines have no
final full stop), then syntok splits sentences and tokens. syntok keeps
abbreviations inside sentences («U.S.», «Gen.», «Aug.») but returns their
final full stop as a token of its own; it is glued back here, so that «U.S.»
is one token. No tagger, no parser: the rules work on word forms, case and
the knowledge base.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lexicon import lemma

__all__ = ["Token", "Sentence", "analyse"]


@dataclass
class Token:
    i: int  # index in the sentence
    text: str
    start: int  # article offsets
    end: int
    lower: str = ""
    lemma: str = ""
    pos: str = ""  # "PUNCT" for punctuation, else ""

    @property
    def cap(self) -> bool:
        """Starts with a capital letter (or is an all-caps abbreviation)."""
        return self.text[:1].isupper()


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    text: str
    tokens: list[Token] = field(default_factory=list)
    spans: list = field(default_factory=list)  # kept for parity with the Russian records

    def token_at(self, offset: int) -> Token | None:
        for t in self.tokens:
            if t.start <= offset < t.end:
                return t
        return None


_PARA = re.compile(r"\n\s*\n|\n(?=\S)")
_ABBR = re.compile(r"^(?:[A-Za-z](?:\.[A-Za-z])+|[A-Z]|Mr|Mrs|Ms|Dr|Gen|Lt|Col|Sen|Rep|Gov|Jan|Feb|Mar|Apr|Jun|"
                   r"Jul|Aug|Sep|Sept|Oct|Nov|Dec|St|Jr|Sr|Prof|Maj|Capt|Adm|Sgt|Brig|Cmdr|No|Co|Corp|Inc|Ltd|"
                   r"Mt|Ft|Messrs|Pres|Amb|Ph|vs|etc)$")
_PUNCT = re.compile(r"^\W+$")
MAX_PARA_CHARS = 20000


def _paragraphs(text: str):
    pos = 0
    for m in _PARA.finditer(text):
        if m.start() > pos:
            yield pos, text[pos:m.start()]
        pos = m.end()
    if pos < len(text):
        yield pos, text[pos:]


def _chunks(offset: int, para: str):
    """Overlong paragraphs (no line breaks at all) in bounded pieces, cut at spaces."""
    i = 0
    while i < len(para):
        j = min(len(para), i + MAX_PARA_CHARS)
        if j < len(para):
            k = para.rfind(" ", i, j)
            j = k + 1 if k > i else j
        yield offset + i, para[i:j]
        i = j


def analyse(text: str) -> list[Sentence]:
    """Sentences with tokens, offsets in ``text``."""
    from syntok import segmenter

    out: list[Sentence] = []
    for p_off, para in _paragraphs(text):
        for c_off, chunk in _chunks(p_off, para):
            if not chunk.strip():
                continue
            for paragraph in segmenter.analyze(chunk):
                for sent in paragraph:
                    raw = [(c_off + t.offset, t.value) for t in sent if t.value]
                    if raw:
                        out.append(_sentence(len(out), text, raw))
    return out


def _sentence(index: int, text: str, raw: list[tuple[int, str]]) -> Sentence:
    spans: list[list[int]] = []
    for off, value in raw:
        end = off + len(value)
        if spans and value == "." and spans[-1][1] == off and _ABBR.match(text[spans[-1][0]:spans[-1][1]]):
            spans[-1][1] = end  # «U.S» + «.» -> «U.S.»
            continue
        spans.append([off, end])
    start, end = spans[0][0], spans[-1][1]
    s = Sentence(index=index, start=start, end=end, text=text[start:end])
    for i, (a, b) in enumerate(spans):
        word = text[a:b]
        low = word.lower()
        s.tokens.append(Token(i=i, text=word, start=a, end=b, lower=low, lemma=lemma(low),
                              pos="PUNCT" if _PUNCT.match(word) else ""))
    return s
