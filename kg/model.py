"""The records that flow through the pipeline.

article -> mentions -> entities, events, relations -> graph -> exports.

Every record is a frozen dataclass made of plain values (str, int, float, None
and tuples of those or of other records), so that it hashes, compares, sorts
and round-trips through JSON with :func:`to_json` / :func:`from_json`.

Every fact carries :class:`Evidence`: the article, the sentence, the character
span in the article text and the name of the rule that produced it.
"""
from __future__ import annotations

import dataclasses
import json
import operator
import typing
from dataclasses import dataclass

__all__ = [
    "Article",
    "Evidence",
    "Mention",
    "Entity",
    "Participant",
    "Event",
    "Relation",
    "Quantity",
    "Extraction",
    "to_dict",
    "from_dict",
    "to_json",
    "from_json",
    "decode_extraction",
    "sorted_evidence",
    "record_key",
    "ENTITY_TYPES",
    "EVENT_STATUSES",
    "RELATION_TYPES",
]

#: Entity types, named as the ontology classes (without the ``dip:`` prefix).
ENTITY_TYPES = ("Person", "Leader", "Country", "Organization", "City", "Place")
EVENT_STATUSES = ("happened", "planned", "cancelled", "denied")
#: Relation predicates, named as the ontology properties.
RELATION_TYPES = ("metWith", "participant", "heldIn", "leaderOf", "memberOf",
                  "locatedIn", "partOf", "organizer")


@dataclass(frozen=True, order=True)
class Article:
    """One news article, as read from an input file.

    ``id`` is a stable hash of the normalised text, so the same article read
    twice (from two files, or a file and a feed) is one article.
    ``text`` is the body the extractors see; character offsets in every
    :class:`Evidence` point into it.
    """

    id: str
    text: str
    title: str = ""
    date: str | None = None  # ISO date of publication, YYYY-MM-DD
    lang: str = "und"
    source: str = ""  # the input path or URL as given
    url: str = ""
    rubric: str = ""
    lead: str = ""
    caption: str = ""
    credit: str = ""
    title_span: tuple[int, int] | None = None  # where the headline lies in ``text``


@dataclass(frozen=True, order=True)
class Evidence:
    """Where a fact came from."""

    article_id: str
    sentence: str
    start: int  # character offsets of the supporting span in the article text
    end: int
    rule: str  # the extractor or rule that produced the fact, e.g. "ru.event.trigger"
    confidence: float = 1.0


#: the sort key of :class:`Evidence`: its fields in order, as the dataclass's own ``<`` compares
#: them (a C-level key: sorting thousands of evidence items stays fast)
EVIDENCE_KEY = operator.attrgetter("article_id", "sentence", "start", "end", "rule", "confidence")


def sorted_evidence(items: typing.Iterable[Evidence]) -> tuple[Evidence, ...]:
    """Distinct evidence items in their natural order (``tuple(sorted(set(items)))``, faster)."""
    return tuple(sorted(set(items), key=EVIDENCE_KEY))


def record_key(record) -> tuple:
    """A sort key for a record that, unlike the dataclass's own ``<``, never compares ``None``
    with a value: field by field, a missing value (``None``) sorts after every present one.
    Records without ``None`` fields sort exactly as ``<`` sorts them."""
    return tuple((True, "") if v is None else (False, v)
                 for v in (getattr(record, f.name) for f in dataclasses.fields(record)))


@dataclass(frozen=True, order=True)
class Mention:
    """A span of text that names (or refers to) an entity."""

    article_id: str
    start: int
    end: int
    text: str
    type: str  # one of ENTITY_TYPES
    normal: str  # the nominative / normalised form
    rule: str
    kb_id: str | None = None  # knowledge-base entry it resolved to, if any


@dataclass(frozen=True, order=True)
class Entity:
    """A resolved entity: one node of the graph."""

    id: str  # local id, e.g. "person/xi-jinping"; the IRI is minted from it
    type: str  # the most specific of ENTITY_TYPES
    label_en: str = ""
    label_ru: str = ""
    wikidata: str | None = None  # "Q15031"
    aliases: tuple[str, ...] = ()
    kb_id: str | None = None
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, order=True)
class Participant:
    entity: str  # Entity.id
    role: str = "participant"  # participant, host, guest, speaker, signatory


@dataclass(frozen=True, order=True)
class Event:
    """Something that happened (or was planned, cancelled, denied)."""

    id: str
    kind: str  # an event kind of kg.kinds (the ontology class)
    label: str = ""
    participants: tuple[Participant, ...] = ()
    place: str | None = None  # Entity.id of a City, Place or Country
    start_date: str | None = None
    end_date: str | None = None
    status: str = "happened"
    organizer: str | None = None  # Entity.id
    ordinal: int | None = None  # "the 25th summit"
    cameo: str | None = None
    plover: str | None = None
    trigger: str = ""
    topics: tuple[str, ...] = ()
    quote: str = ""  # for statements: the quoted or reported text
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, order=True)
class Quantity:
    """A reported figure, e.g. a trade turnover of 44 billion US dollars in 2024."""

    id: str
    measure: str  # trade_turnover, investment, export, ...
    amount: float
    currency: str | None = None  # ISO 4217 for money
    unit: str = ""
    year: int | None = None
    concerns: tuple[str, ...] = ()  # Entity ids (the countries it is between)
    qualifier: str = ""  # e.g. "record"
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, order=True)
class Relation:
    """A typed link between two entities (or two events)."""

    subject: str
    predicate: str  # one of RELATION_TYPES
    object: str
    start_date: str | None = None
    end_date: str | None = None
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one article, before graph building."""

    article: Article
    mentions: tuple[Mention, ...] = ()
    entities: tuple[Entity, ...] = ()
    events: tuple[Event, ...] = ()
    relations: tuple[Relation, ...] = ()
    quantities: tuple[Quantity, ...] = ()


# --------------------------------------------------------------------------- JSON


def to_dict(record: typing.Any) -> typing.Any:
    """A record (or tuple of records) as plain JSON-ready data."""
    if dataclasses.is_dataclass(record):
        return {f.name: to_dict(getattr(record, f.name)) for f in dataclasses.fields(record)}
    if isinstance(record, (tuple, list)):
        return [to_dict(x) for x in record]
    if isinstance(record, dict):
        return {k: to_dict(v) for k, v in record.items()}
    return record


def _convert(tp: typing.Any, value: typing.Any) -> typing.Any:
    if value is None:
        return None
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Union or (origin is not None and str(origin) == "<class 'types.UnionType'>"):
        non_none = [a for a in args if a is not type(None)]
        return _convert(non_none[0], value) if non_none else value
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_convert(args[0], v) for v in value)
        return tuple(_convert(a, v) for a, v in zip(args, value))
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return from_dict(tp, value)
    if tp is dict or origin is dict:
        return dict(value)
    return value


_HINTS: dict[type, dict[str, typing.Any]] = {}


def from_dict(cls: type, data: dict) -> typing.Any:
    """Rebuild a record of type ``cls`` from :func:`to_dict` output."""
    hints = _HINTS.get(cls)
    if hints is None:
        hints = _HINTS[cls] = typing.get_type_hints(cls)
    kwargs = {}
    for f in dataclasses.fields(cls):
        if f.name in data:
            kwargs[f.name] = _convert(hints[f.name], data[f.name])
    return cls(**kwargs)


def _fields(cls: type, data: dict, convert: dict[str, typing.Callable] | None = None) -> typing.Any:
    """``cls(**data)`` for a record of scalars, with ``convert`` applied to some fields; fields
    missing from ``data`` (records stored before a field existed) keep their defaults."""
    kwargs = {}
    for name in _FIELD_NAMES.get(cls) or _FIELD_NAMES.setdefault(cls, tuple(f.name for f in dataclasses.fields(cls))):
        if name in data:
            value = data[name]
            if convert and name in convert and value is not None:
                value = convert[name](value)
            kwargs[name] = value
    return cls(**kwargs)


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def decode_evidence(items) -> tuple[Evidence, ...]:
    """Evidence items from their :func:`to_dict` output."""
    return tuple(Evidence(d["article_id"], d["sentence"], d["start"], d["end"], d["rule"], d.get("confidence", 1.0))
                 for d in items)


def _participants(items) -> tuple[Participant, ...]:
    return tuple(Participant(**p) for p in items)


def _converters(evidence) -> dict[type, dict[str, typing.Callable]]:
    """How each record's non-scalar fields are made from JSON data (``evidence``: for evidence lists)."""
    return {Article: {"title_span": tuple}, Entity: {"aliases": tuple, "evidence": evidence},
            Event: {"participants": _participants, "topics": tuple, "evidence": evidence},
            Relation: {"evidence": evidence}, Quantity: {"concerns": tuple, "evidence": evidence}}


_CONVERTERS = _converters(decode_evidence)


def decode_record(cls: type, data: dict) -> typing.Any:
    """An :class:`Article`, :class:`Entity`, :class:`Event`, :class:`Relation` or
    :class:`Quantity` from its :func:`to_dict` output, fast (the field types are known here)."""
    return _fields(cls, data, _CONVERTERS[cls])


def decode_extraction(data: dict, mentions: bool = True, article_text: bool = True) -> Extraction:
    """An :class:`Extraction` from :func:`to_dict` output, fast (a store reads tens of thousands):
    the field types are known here, and equal evidence items become one object (an article's
    evidence recurs across its entities, events and relations). ``mentions=False`` leaves the
    mentions out, ``article_text=False`` the article's text (merging and graphs read neither)."""
    evidence_cache: dict[tuple, Evidence] = {}

    def evidence(items) -> tuple[Evidence, ...]:
        out = []
        for d in items:
            key = (d["article_id"], d["sentence"], d["start"], d["end"], d["rule"], d.get("confidence", 1.0))
            ev = evidence_cache.get(key)
            if ev is None:
                ev = evidence_cache[key] = Evidence(*key)
            out.append(ev)
        return tuple(out)

    conv = _converters(evidence)
    article = data["article"]
    if not article_text:
        article = {k: v for k, v in article.items() if k != "text"}
        article["text"] = ""
    return Extraction(
        article=_fields(Article, article, conv[Article]),
        mentions=tuple(Mention(**m) for m in data.get("mentions", ())) if mentions else (),
        entities=tuple(_fields(Entity, e, conv[Entity]) for e in data.get("entities", ())),
        events=tuple(_fields(Event, e, conv[Event]) for e in data.get("events", ())),
        relations=tuple(_fields(Relation, r, conv[Relation]) for r in data.get("relations", ())),
        quantities=tuple(_fields(Quantity, q, conv[Quantity]) for q in data.get("quantities", ())),
    )


def to_json(record: typing.Any) -> str:
    """Deterministic JSON text of a record."""
    return json.dumps(to_dict(record), ensure_ascii=False, sort_keys=True)


def from_json(cls: type, text: str) -> typing.Any:
    if cls is Extraction:
        return decode_extraction(json.loads(text))
    return from_dict(cls, json.loads(text))
