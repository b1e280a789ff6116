"""The one place entity ids are minted: mentions -> entities.

Linked mentions become the knowledge-base entry's node (``country/kz``,
``person/xi-jinping``); the same id in any article and any language, so
entities merge across articles by construction. Unlinked mentions get an id
scoped to their article (``person/ivanov~35fa926d``): an unlinked «Иванов» in
two unrelated articles is two people until something ties them (cross-article
merging decides that later, and says why).

Inside one article, an unlinked surname joins the full name it shortens
(«Петров» after «Иван Петров»).
"""
from __future__ import annotations

import re
import unicodedata

from ..kb import KBEntry, KnowledgeBase, Match, normalize
from ..model import Entity, Evidence

__all__ = ["slug", "kb_entity", "EntityTable", "pick_match"]

_TRANSLIT = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s",
     "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"]))


def slug(text: str) -> str:
    """ASCII slug of a name, for readable IRIs (Cyrillic transliterated)."""
    t = normalize(text)
    t = "".join(_TRANSLIT.get(ch, ch) for ch in t)
    t = unicodedata.normalize("NFKD", t).encode("ascii", "ignore").decode()
    t = re.sub(r"[^a-z0-9]+", "-", t).strip("-")
    return t[:60] or "x"


_PREFIX = {"Person": "person", "Leader": "person", "Country": "country", "City": "city",
           "Place": "place", "Organization": "org"}

#: NER/mention type -> KB types it may link to
COMPATIBLE = {
    "Person": ("Person",),
    "Leader": ("Person",),
    "Country": ("Country",),
    "City": ("City",),
    "Place": ("City", "Country"),
    "Organization": ("Organization", "Country"),
}


def pick_match(matches: list[Match], mention_type: str, context: set[str] = frozenset(),
               allow_surname: bool = True) -> KBEntry | None:
    """Choose the KB entry a mention refers to, or None when unsure.

    Preference: a type compatible with the mention's; full names over
    aliases over surnames; among several, one already in the article's
    context (a country whose cities are mentioned, say); otherwise, when still
    ambiguous, no link rather than a wrong one.
    """
    allowed = COMPATIBLE.get(mention_type, ())
    cands = [m for m in matches if m.entry.type in allowed] or \
            ([m for m in matches if mention_type == "Place"])
    if not allow_surname:
        cands = [m for m in cands if m.kind != "surname"]
    if not cands:
        return None
    best_kind = min(("name", "alias", "surname").index(m.kind) if m.kind in ("name", "alias", "surname") else 3
                    for m in cands)
    top = [m for m in cands if ("name", "alias", "surname", "adjective").index(m.kind) == best_kind] \
        if best_kind < 3 else cands
    ids = sorted({m.entry.id for m in top})
    if len(ids) == 1:
        return top[0].entry
    in_ctx = [i for i in ids if i in context]
    if len(in_ctx) == 1:
        return next(m.entry for m in top if m.entry.id == in_ctx[0])
    # a country beats a same-named city or organization unless context says otherwise
    countries = [m for m in top if m.entry.type == "Country"]
    if mention_type in ("Place", "Country") and len({m.entry.id for m in countries}) == 1:
        return countries[0].entry
    return None


def kb_entity(entry: KBEntry, evidence: tuple[Evidence, ...] = ()) -> Entity:
    aliases = tuple(sorted(set(entry.aliases_en + entry.aliases_ru)))
    return Entity(id=entry.id, type=entry.type, label_en=entry.name_en, label_ru=entry.name_ru,
                  wikidata=entry.wikidata, aliases=aliases, kb_id=entry.id, evidence=evidence)


class EntityTable:
    """Entities of one article, built up mention by mention."""

    def __init__(self, kb: KnowledgeBase, article_id: str, lang: str):
        self.kb = kb
        self.article_id = article_id
        self.lang = lang
        self._entities: dict[str, dict] = {}
        self._surnames: dict[str, str] = {}  # unlinked surname -> entity id

    def add_linked(self, entry: KBEntry, ev: Evidence, surface: str) -> str:
        rec = self._entities.setdefault(entry.id, {"entry": entry, "evidence": [], "aliases": set(),
                                                   "type": entry.type})
        rec["evidence"].append(ev)
        rec["aliases"].add(surface)
        return entry.id

    def add_unlinked(self, normal: str, type_: str, ev: Evidence, surface: str) -> str:
        words = normal.split("(")[0].split() or normal.split()  # a gloss: «Джорджина Родригес (Georgina Rodríguez)»
        key = None
        if type_ == "Person":
            last = normalize(words[-1]) if words else ""
            if last in self._surnames:
                key = self._surnames[last]
        if key is None:
            key = f"{_PREFIX.get(type_, 'thing')}/{slug(normal)}~{self.article_id[:8]}"
            if type_ == "Person" and words:
                self._surnames.setdefault(normalize(words[-1]), key)
        rec = self._entities.setdefault(key, {"entry": None, "evidence": [], "aliases": set(),
                                              "type": type_, "label": normal})
        # the longest form is the label («Иван Петров» over «Петров»)
        if len(normal) > len(rec.get("label", "")):
            rec["label"] = normal
        rec["evidence"].append(ev)
        rec["aliases"].add(surface)
        return key

    def set_type(self, entity_id: str, type_: str) -> None:
        if entity_id in self._entities:
            self._entities[entity_id]["type"] = type_

    def type_of(self, entity_id: str) -> str | None:
        rec = self._entities.get(entity_id)
        return rec["type"] if rec else None

    def ids(self) -> list[str]:
        return sorted(self._entities)

    def entities(self) -> list[Entity]:
        out = []
        for eid in sorted(self._entities):
            rec = self._entities[eid]
            ev = tuple(sorted(set(rec["evidence"])))
            if rec["entry"] is not None:
                e = kb_entity(rec["entry"], ev)
                if rec["type"] != e.type:
                    e = Entity(**{**e.__dict__, "type": rec["type"]})
                out.append(e)
            else:
                label = rec["label"]
                out.append(Entity(id=eid, type=rec["type"],
                                  label_ru=label if self.lang == "ru" else "",
                                  label_en=label if self.lang == "en" else "",
                                  aliases=tuple(sorted(a for a in rec["aliases"] if a != label)),
                                  evidence=ev))
        return out
