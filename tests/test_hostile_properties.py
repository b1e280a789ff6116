"""Property-based tests (issue 10), with hypothesis.

* Ingestion and extraction: any bytes or Unicode text in -> articles and a valid graph, or a
  domain error (:class:`kg.errors.KGError`) out; never another exception.
* Exports: any label or sentence text round-trips through Turtle, N-Triples, JSON-LD and the HTML
  tooltip data without breaking the file or injecting markup. The records are built directly
  (no NLP), from the text ingestion can produce: ingestion drops C0/C1 controls, lone surrogates
  and U+FFFE/U+FFFF (they cannot be written to XML, or to UTF-8 at all), which is checked too.

Examples are small and few (derandomized, no example database), so the suite stays fast and
repeatable; natasha loads once per process.
"""
from __future__ import annotations

import json
import re

import rdflib
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from rdflib import Literal, Namespace
from rdflib.namespace import RDFS

from kg.errors import InputError, KGError
from kg.extract import extract
from kg.ingest import read_bytes, read_string
from kg.ingest.article import _UNSAFE, make_article, normalize_text
from kg.model import Article, Entity, Event, Evidence, Extraction, Participant
from kg.rdf import serialize, to_rdf
from kg.merge import merge_extractions
from kg.vocab import entity_iri

DIP = Namespace("https://w3id.org/dipkg/ontology#")

# no shrinking phase: a failure is reported as found (shrinking NLP examples takes minutes)
FAST = settings(max_examples=40, deadline=None, derandomize=True, database=None,
                phases=[Phase.explicit, Phase.generate],
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
NLP = settings(FAST, max_examples=25)

# pieces that break naive serializers and templates
NASTY = ['"""', "'''", '"', "'", "\\", '\\"', "\\u0022", ">", "<", "&", "&amp;", "<script>", "</script>",
         "<!--", "-->", "]]>", "@prefix", "@base", "PREFIX x: <http://e/>", "}", "{", "#", "\u2028", "\u2029",
         "\r\n", "\t", "\n\n", "^^", "@en", "_:b0", "<http://evil/>", "javascript:", "\ufeff", "\u200b",
         "Токаев", "Tokayev", "\u0054\u006f\u043a\u0061\u0435\u0432", "Си Цзиньпин", "🙂", "\U0010fffd"]

any_text = st.lists(st.one_of(st.text(max_size=12), st.sampled_from(NASTY)), max_size=12).map("".join)
# what ingestion lets through (see kg.ingest.article._UNSAFE)
UNSAFE_CHARS = "".join(chr(c) for c in [*range(0x00, 0x20), *range(0x7f, 0xa0), 0xfffe, 0xffff]
                       if _UNSAFE.match(chr(c)))
safe_chars = st.characters(exclude_categories=("Cs",), exclude_characters=UNSAFE_CHARS)
safe_text = st.lists(st.one_of(st.text(safe_chars, max_size=12), st.sampled_from(NASTY)),
                     min_size=1, max_size=10).map("".join)


def _is_result(item) -> bool:
    return isinstance(item, (Article, InputError))


@FAST
@given(data=st.one_of(st.binary(max_size=600), any_text.map(lambda t: t.encode("utf-8", "surrogatepass"))),
       suffix=st.sampled_from(["", ".txt", ".html", ".jsonl", ".xml", ".rss", ".bin"]))
def test_property_any_bytes_are_articles_or_input_errors(data, suffix):
    items = list(read_bytes(data, "f" + suffix, suffix))
    assert all(_is_result(i) for i in items)
    for a in items:
        if isinstance(a, Article):
            assert a.text.strip() and not _UNSAFE.search(a.text + a.title + a.source + a.url)
            a.text.encode("utf-8")  # never a lone surrogate


@FAST
@given(text=any_text)
def test_property_normalized_text_is_export_safe(text):
    norm = normalize_text(text)
    assert not _UNSAFE.search(norm) and "\r" not in norm and "\u2028" not in norm
    assert normalize_text(norm) == norm  # idempotent: the article id is stable


@NLP
@given(text=any_text, lang=st.sampled_from(["ru", "en", None]))
def test_property_any_text_extracts_to_a_valid_graph_or_a_domain_error(text, lang):
    if lang is None:
        items = list(read_string(text, "prop"))
        assert all(_is_result(i) for i in items)
        arts = [i for i in items if isinstance(i, Article)]
    else:
        arts = [make_article(text, source="prop", lang=lang)] if text.strip() else []
    xs = []
    for a in arts:
        try:
            xs.append(extract(a))
        except KGError:
            continue
    g = to_rdf(merge_extractions(xs))
    back = rdflib.Graph().parse(data=serialize(g, "turtle"), format="turtle")
    assert len(back) == len(g)


def _records(label: str, sentence: str, quote: str):
    text = f"{sentence}\n\n{quote}"
    art = Article(id="a" * 16, text=text, title=label, lang="ru", source=f"src {label}", url="https://e.org/x")
    ev = Evidence(art.id, sentence, 0, len(sentence), "prop.rule", 0.9)
    p1 = Entity(id="person/p-one", type="Person", label_en=label, label_ru=label, aliases=(label + "!",), evidence=(ev,))
    p2 = Entity(id="person/p-two", type="Person", label_en="Two", label_ru="Два", evidence=(ev,))
    e = Event(id="event/e-1", kind="Meeting", label=label, participants=(Participant(p1.id), Participant(p2.id)),
              start_date="2024-01-02", status="happened", trigger=label, quote=quote, evidence=(ev,))
    return merge_extractions([Extraction(article=art, entities=(p1, p2), events=(e,))])


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _script_tags(page: str) -> tuple[int, int]:
    return len(re.findall(r"<script\b", page, re.I)), len(re.findall(r"</script", page, re.I))


_PLAIN: list[str] = []


def _plain_page() -> str:
    if not _PLAIN:
        from kg.graph.convert import to_networkx
        from kg.views.network import to_html

        _PLAIN.append(to_html(to_networkx(_records("plain", "plain sentence", "plain quote")), title="plain"))
    return _PLAIN[0]


@FAST
@given(label=safe_text.filter(lambda s: s.strip()), sentence=safe_text, quote=safe_text)
def test_property_exports_round_trip_any_text(label, sentence, quote):
    rec = _records(label, sentence, quote)
    g = to_rdf(rec)
    person = entity_iri("person/p-one")
    for fmt, parse_as in (("turtle", "turtle"), ("nt", "nt"), ("json-ld", "json-ld")):
        back = rdflib.Graph().parse(data=serialize(g, fmt), format=parse_as)
        assert len(back) == len(g), fmt
        assert Literal(label, lang="en") in set(back.objects(person, RDFS.label)), fmt
        assert sentence in {str(s) for s in back.objects(None, DIP.sentence)}, fmt

    from kg.graph.convert import to_networkx
    from kg.views.network import to_html

    page = to_html(to_networkx(rec), title=label)
    # as many script elements as in a page of plain text: vis-network, the data, the page's code
    assert _script_tags(page) == _script_tags(_plain_page())
    data = re.search(r'<script type="application/json" id="data">(.*?)</script>', page, re.S).group(1)
    assert "<" not in data and ">" not in data  # nothing in the data can close the element or open a tag
    strings = list(_strings(json.loads(data)))
    assert any(label in s for s in strings)
    if sentence.strip():
        assert any(sentence[:500] in s for s in strings)
    # the title is HTML-escaped text
    head = page[:page.index("<script")]
    assert "<title>" in head and head.count("<title>") == 1 and head.count("</title>") == 1
