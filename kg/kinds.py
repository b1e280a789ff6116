"""The event kinds: one table, and every other list of kinds derives from it.

A kind is an ontology class (``dip:Meeting``) and the value of ``Event.kind``. Its row says
how it is written in English and Russian, its default CAMEO and PLOVER codes (for comparison
with GDELT and POLECAT), whether its participants *met with* each other (``dip:metWith``),
how many named participants it needs before it counts as complete, and how the HTML view
draws it. The RDF emitter, the SHACL shapes, the networkx graph, the analysis functions, the
views and the evaluations all read this table.

To add a kind: add a row here, declare the class in ``ontology/dipkg.ttl`` (a test lists what
is missing), regenerate the kind shapes with ``python -m kg.rdf.shapes --write``, and teach an
extractor its triggers (``kg/extract/ru/lexicon.py``, ``kg/extract/en/lexicon.py``).

    >>> KINDS["PhoneCall"].title
    'Phone call'
    >>> met_with_kinds()
    ('Meeting', 'Summit', 'Visit', 'PhoneCall')
"""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["EventKind", "KINDS", "register", "unregister", "names", "met_with_kinds", "consult_or_agree_kinds",
           "two_sided", "participants_incomplete", "event_label"]


@dataclass(frozen=True)
class EventKind:
    """One row of the table (see the module docstring)."""

    name: str  # the ontology class, dip:NAME, and Event.kind
    label_en: str  # as in the ontology's rdfs:label (lower case)
    label_ru: str
    cameo: str  # the default CAMEO code
    plover: str  # the default PLOVER type, with its mode after ':'
    met_with: bool = False  # participants of a happened one met with each other
    #: a complete report names at least this many participants (talks: two sides); fewer, and the
    #: event is marked dip:participantsIncomplete (as is any event with no participant or organizer)
    min_participants: int = 0
    color: str = "#aaaaaa"  # the view's node colour
    shape: str = "dot"  # the view's vis-network shape
    superclasses: tuple[str, ...] = ("Event",)

    @property
    def title(self) -> str:
        """The English label as a heading: 'Phone call'."""
        return self.label_en[:1].upper() + self.label_en[1:]


#: the kinds, in the order lists and legends show them
KINDS: dict[str, EventKind] = {k.name: k for k in (
    EventKind("Meeting", "meeting", "встреча", "040", "CONSULT", met_with=True, min_participants=2,
              color="#ff7f0e", shape="diamond"),
    EventKind("Summit", "summit", "саммит", "043", "CONSULT:multilateral", met_with=True,
              color="#e377c2", shape="box"),
    EventKind("Visit", "visit", "визит", "042", "CONSULT:visit", met_with=True, color="#bcbd22", shape="ellipse"),
    EventKind("PhoneCall", "phone call", "телефонный разговор", "040", "CONSULT:phone", met_with=True,
              min_participants=2, color="#17becf", shape="circle"),
    EventKind("AgreementSigning", "agreement signing", "подписание соглашения", "057", "AGREE",
              color="#8c564b", shape="database"),
    EventKind("Statement", "statement", "заявление", "010", "STATEMENT", color="#dddddd", shape="box"),
)}


def register(kind: EventKind) -> None:
    """Add a kind (or replace the row of the same name), e.g. in an extension or a test."""
    KINDS[kind.name] = kind


def unregister(name: str) -> None:
    KINDS.pop(name, None)


def names() -> tuple[str, ...]:
    """Every kind, in table order."""
    return tuple(KINDS)


def met_with_kinds() -> tuple[str, ...]:
    """The kinds whose happened events make their participants meet (``dip:metWith``)."""
    return tuple(k.name for k in KINDS.values() if k.met_with)


def two_sided(kind: str) -> bool:
    """Whether a complete report of this kind names two sides or more (talks, calls)."""
    row = KINDS.get(kind)
    return bool(row) and row.min_participants >= 2


def consult_or_agree_kinds() -> tuple[str, ...]:
    """The kinds whose CAMEO root is 04 (consult) or 05 (cooperate): what PETRARCH-2 codes as such."""
    return tuple(k.name for k in KINDS.values() if k.cameo[:2] in ("04", "05"))


def participants_incomplete(kind: str, n_participants: int, has_organizer: bool) -> bool:
    """Whether an event names fewer participants than its kind implies (``dip:participantsIncomplete``)."""
    if not n_participants and not has_organizer:
        return True
    row = KINDS.get(kind)
    return bool(row) and n_participants < row.min_participants


def event_label(kind: str, names: list[str], place: str | None, date: str | None) -> str:
    """An event's English label when it has none: 'Phone call: A – B, Place, 2025-08-30'."""
    row = KINDS.get(kind)
    parts = [row.title if row else kind]
    if names:
        parts.append(": " + " – ".join(names))
    if place:
        parts.append(f", {place}")
    if date:
        parts.append(f", {date}")
    return "".join(parts)
