"""RDF terms as N-Triples strings, without rdflib: ``<iri>``, ``"text"@en``,
``"5"^^<http://www.w3.org/2001/XMLSchema#integer>``, escaped exactly as Oxigraph writes them, and
the fixed terms the exports use. A triple is a tuple of three such strings.
"""
from __future__ import annotations

import hashlib
import re
from decimal import Decimal
from typing import Iterable

from ..vocab import (
    DCTERMS_NS,
    GEO_NS,
    OWL_NS,
    PROV_NS,
    RDF_NS,
    RDFS_NS,
    SCHEMA_NS,
    SKOS_NS,
    XSD_NS,
    dip_term,
)

__all__ = ["iri", "literal", "parse_literal", "term_value", "nt_line", "graph_digest", "dip", "A",
           "RDF_STATEMENT", "RDF_SUBJECT", "RDF_PREDICATE", "RDF_OBJECT", "RDFS_LABEL", "SKOS_ALT", "OWL_SAME",
           "PROV_DERIVED", "SCHEMA_HEADLINE", "SCHEMA_PUBLISHED", "SCHEMA_LANGUAGE", "SCHEMA_URL", "DCTERMS_SOURCE",
           "DIP_ARTICLE", "DIP_EVIDENCE_CLASS", "DIP_QUANTITY", "DIP_EVIDENCE", "DIP_CONFIDENCE", "DIP_SOURCE_COUNT",
           "POOLED", "decimal_lex", "GEO_LAT", "GEO_LONG"]


# N-Triples escapes as Oxigraph writes them: the two-character escapes, \uXXXX for the other
# C0 controls and DEL; everything else as it is (UTF-8)
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_ESCAPES.update({chr(c): "\\u%04X" % c for c in [*range(0x20), 0x7F] if chr(c) not in _ESCAPES})
_ESCAPE_TABLE = str.maketrans(_ESCAPES)
_NEEDS_ESCAPE = re.compile('[\x00-\x1f\x7f"\\\\]')
_UNESCAPE = re.compile(r'\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))', re.S)
_SIMPLE_UNESCAPES = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def iri(value: str) -> str:
    return "<" + value + ">"


def literal(lex: str, lang: str | None = None, datatype: str | None = None) -> str:
    """The N-Triples term of a literal (``datatype`` an IRI without brackets; xsd:string is implicit)."""
    text = '"' + (lex.translate(_ESCAPE_TABLE) if _NEEDS_ESCAPE.search(lex) else lex) + '"'
    if lang:
        return text + "@" + lang
    if datatype and datatype != XSD_NS + "string":
        return text + "^^<" + datatype + ">"
    return text


def _unescape(body: str) -> str:
    if "\\" not in body:
        return body

    def one(m: re.Match) -> str:
        if m.group(3) is not None:
            return _SIMPLE_UNESCAPES.get(m.group(3), m.group(3))
        return chr(int(m.group(1) or m.group(2), 16))

    return _UNESCAPE.sub(one, body)


def parse_literal(term: str) -> tuple[str, str | None, str | None]:
    """(lexical form, language, datatype IRI or None) of a literal term."""
    end = term.rindex('"')
    lex = _unescape(term[1:end])
    rest = term[end + 1:]
    if rest.startswith("@"):
        return lex, rest[1:], None
    if rest.startswith("^^"):
        return lex, None, rest[3:-1]
    return lex, None, None


def term_value(term: str) -> str:
    """An IRI's text, a literal's lexical form, a blank node's label."""
    if term[0] == "<":
        return term[1:-1]
    if term[0] == '"':
        return parse_literal(term)[0]
    return term[2:]


def nt_line(t: tuple[str, str, str]) -> str:
    return f"{t[0]} {t[1]} {t[2]} .\n"


def graph_digest(triples: Iterable[tuple[str, str, str]]) -> str:
    """A digest of a set of triples (SHA-256 of its sorted N-Triples lines)."""
    return hashlib.sha256("".join([f"{s} {p} {o} .\n" for s, p, o in sorted(set(triples))]).encode("utf-8")).hexdigest()


# the terms the records use
A = iri(RDF_NS + "type")
RDF_STATEMENT, RDF_SUBJECT, RDF_PREDICATE, RDF_OBJECT = (iri(RDF_NS + x) for x in
                                                         ("Statement", "subject", "predicate", "object"))
RDFS_LABEL = iri(RDFS_NS + "label")
SKOS_ALT = iri(SKOS_NS + "altLabel")
OWL_SAME = iri(OWL_NS + "sameAs")
PROV_DERIVED = iri(PROV_NS + "wasDerivedFrom")
SCHEMA_HEADLINE, SCHEMA_PUBLISHED, SCHEMA_LANGUAGE, SCHEMA_URL = (iri(SCHEMA_NS + x) for x in
                                                                  ("headline", "datePublished", "inLanguage", "url"))
DCTERMS_SOURCE = iri(DCTERMS_NS + "source")
GEO_LAT, GEO_LONG = iri(GEO_NS + "lat"), iri(GEO_NS + "long")


_DIP_TERMS: dict[str, str] = {}


def dip(name: str) -> str:
    """The term of ``dip:NAME`` (the closed vocabulary, or a registered event kind)."""
    t = _DIP_TERMS.get(name)
    if t is None:
        t = _DIP_TERMS[name] = iri(str(dip_term(name)))  # the closed vocabulary: a misspelt term fails here
    return t


DIP_ARTICLE, DIP_EVIDENCE_CLASS, DIP_QUANTITY = dip("Article"), dip("Evidence"), dip("Quantity")
DIP_EVIDENCE, DIP_CONFIDENCE, DIP_SOURCE_COUNT = dip("evidence"), dip("confidence"), dip("sourceCount")
POOLED = (DIP_CONFIDENCE, DIP_SOURCE_COUNT)


def decimal_lex(value: float) -> str:
    """The lexical form of an xsd:decimal, rounded to three places (``0.85``, ``1.0``)."""
    text = format(Decimal(str(round(value, 3))).normalize(), "f")
    return text if "." in text else text + ".0"
