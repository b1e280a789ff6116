"""The working state of one article while a language's steps run over it (any language).

The steps of :mod:`kg.extract.ru` and :mod:`kg.extract.en` read and extend it: mentions and
the entities they resolve to, relations, roles, event drafts, figures.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..kb import KnowledgeBase
from ..model import Article, Evidence, Quantity, Relation
from .drafts import Draft
from .entities import EntityTable

__all__ = ["M", "Context"]


@dataclass
class M:
    """A mention inside the working context (richer than model.Mention)."""

    sent: int
    start: int  # article offsets
    end: int
    text: str
    type: str
    entity: str  # entity id
    tokens: tuple[int, ...]  # token indexes in its sentence
    rule: str
    normal: str = ""
    kb_id: str | None = None

    @property
    def first(self) -> int:
        return self.tokens[0] if self.tokens else -1

    @property
    def last(self) -> int:
        return self.tokens[-1] if self.tokens else -1


@dataclass
class Context:
    article: Article
    kb: KnowledgeBase
    sents: list  # the language's sentence records (each with .index, .start, .end, .text, .tokens)
    table: EntityTable
    mentions: list[M] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    roles: dict[str, set[str]] = field(default_factory=dict)  # person id -> {of ids}
    titles: dict[str, set[str]] = field(default_factory=dict)  # person id -> {roles the article names them with}
    drafts: list[Draft] = field(default_factory=list)  # events found so far, in article order
    quantities: list[Quantity] = field(default_factory=list)
    # mentions by sentence, in list order, indexed lazily (mentions are only ever appended):
    # lookups stay linear on articles with thousands of mentions (issue 10, a 1 MB text)
    _by_sent: dict[int, list[M]] = field(default_factory=dict, init=False, repr=False, compare=False)
    _indexed: int = field(default=0, init=False, repr=False, compare=False)

    def _sent_mentions(self, i: int) -> list[M]:
        if self._indexed != len(self.mentions):
            if self._indexed > len(self.mentions):  # the list was replaced: index again
                self._by_sent, self._indexed = {}, 0
            for m in self.mentions[self._indexed:]:
                self._by_sent.setdefault(m.sent, []).append(m)
            self._indexed = len(self.mentions)
        return self._by_sent.get(i, [])

    def evidence(self, sent, start: int, end: int, rule: str, confidence: float = 1.0) -> Evidence:
        return Evidence(self.article.id, sent.text, start, end, rule, confidence)

    def add_reference(self, sent, start: int, end: int, entity: str, tokens: tuple[int, ...], rule: str,
                      confidence: float, type_: str | None = None) -> M:
        """A mention that refers to an entity without naming it (a pronoun, a role or group
        phrase): linked to the knowledge-base entry when there is one, with its evidence."""
        text = sent.text[start - sent.start: end - sent.start]
        entry = self.kb.get(entity)
        if entry is not None:
            self.table.add_linked(entry, self.evidence(sent, start, end, rule, confidence), text)
        m = M(sent.index, start, end, text, type_ or self.type_of(entity) or "Person", entity, tokens, rule,
              kb_id=entity if entry is not None else None)
        self.mentions.append(m)
        return m

    def in_sent(self, i: int, types: tuple[str, ...] | None = None) -> list[M]:
        return sorted((m for m in self._sent_mentions(i) if types is None or m.type in types),
                      key=lambda m: m.start)

    def mention_at_token(self, sent: int, tok: int) -> M | None:
        for m in self._sent_mentions(sent):
            if tok in m.tokens:
                return m
        return None

    def type_of(self, entity: str) -> str | None:
        return self.table.type_of(entity)
