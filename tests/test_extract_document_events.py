"""Document-level events (kg/extract/document.py) and descriptors resolved inside the article
(groups, possessives): texts we wrote in tests/data/document/."""
from __future__ import annotations

import pytest

from kg.extract import extract
from kg.ingest import make_article

PUTIN, XI, MODI, MACRON = ("person/vladimir-putin", "person/xi-jinping", "person/narendra-modi",
                           "person/emmanuel-macron")


@pytest.fixture(scope="module")
def extracted(data_dir):
    def run(name: str, date: str = "2025-06-30"):
        text = (data_dir / "document" / name).read_text(encoding="utf-8")
        return extract(make_article(text, source=name, lang="ru", date=date))
    return run


def _talks(x):
    return [e for e in x.events if e.kind == "Meeting"]


def _persons(e):
    return {p.entity for p in e.participants}


def test_document_one_sided_reports_of_talks_are_one_event(extracted):
    """Headline and body name one side each: one meeting of both, with the evidence of each report."""
    x = extracted("join_ru.txt")
    (talks,) = _talks(x)
    assert _persons(talks) == {PUTIN, XI}
    assert len({ev.sentence for ev in talks.evidence}) >= 2


def test_document_one_sided_reports_stay_apart_when_ambiguous(extracted):
    """Three persons each named with talks: which two met is not for us to guess."""
    x = extracted("three_ru.txt")
    assert all(len(_persons(e)) == 1 for e in _talks(x)) and len(_talks(x)) == 3


def test_document_talks_during_a_visit(extracted):
    """The talks are part of the visit, the visit's guest is their other side, and they were
    held where the visit was (the talks' sentence names no place)."""
    x = extracted("visit_ru.txt")
    (talks,) = _talks(x)
    (visit,) = [e for e in x.events if e.kind == "Visit"]
    assert _persons(talks) == {MODI, PUTIN}
    assert any(ev.rule == "doc.visit.guest" for ev in talks.evidence)
    assert talks.place == visit.place == "city/moscow"
    assert any(ev.rule == "doc.visit.place" for ev in talks.evidence)
    assert any(r.predicate == "partOf" and (r.subject, r.object) == (talks.id, visit.id) for r in x.relations)


def test_document_plural_role_phrase_names_each_member(extracted):
    """«переговоры президентов России и Франции»: both presidents, whom the article names."""
    x = extracted("groups_ru.txt")
    talks = _talks(x)[0]
    assert {MACRON, PUTIN} <= _persons(talks)
    groups = [m for m in x.mentions if m.rule.startswith("ru.coref.group")]
    assert {m.kb_id for m in groups} == {MACRON, PUTIN}


def test_document_plural_role_phrase_needs_a_date_for_the_knowledge_base(data_dir):
    """With no one named, the holders come from the KB on the article's date; undated: no one."""
    text = "Российский и китайский лидеры провели встречу в Пекине."
    dated = extract(make_article(text, source="d", lang="ru", date="2024-05-16"))
    assert _persons(_talks(dated)[0]) == {PUTIN, XI}
    undated = extract(make_article(text, source="u", lang="ru"))
    assert not any(m.rule.startswith("ru.coref.group") for m in undated.mentions)


def test_document_possessive_takes_its_antecedent(extracted):
    """«Его встреча с ...»: the person the pronoun stands for is a side of the meeting."""
    x = extracted("possessive_ru.txt")
    assert _persons(_talks(x)[0]) == {PUTIN, XI}
    assert any(m.rule == "ru.coref.pronoun" and m.text == "Его" for m in x.mentions)


def test_document_english_uses_the_same_core():
    """English: one-sided reports joined, and plural role phrases naming countries."""
    from kg.extract.en import extract_en

    joined = extract_en(make_article("Putin held talks in Beijing on Monday. Chinese President Xi Jinping called "
                                     "the meeting productive.", source="e1", lang="en", date="2024-05-20"))
    assert [_persons(e) for e in _talks(joined)] == [{PUTIN, XI}]
    group = extract_en(make_article("The Russian and Chinese leaders held talks in Beijing on May 16, 2024.",
                                    source="e2", lang="en", date="2024-05-16"))
    assert _persons(_talks(group)[0]) == {PUTIN, XI}
    assert {m.rule for m in group.mentions if "group" in m.rule} == {"en.coref.group.kb"}
    undated = extract_en(make_article("The presidents of Russia and France met in Paris.", source="e3", lang="en"))
    assert not any("group" in m.rule for m in undated.mentions)


def test_document_nameless_headline_joins_the_named_report(extracted):
    """«Переговоры в Пекине» (a headline) and the body's report naming both sides: one event."""
    x = extracted("headline_ru.txt")
    (talks,) = _talks(x)
    assert _persons(talks) == {PUTIN, XI} and len(talks.evidence) >= 2


def _run_ru(text: str):
    return extract(make_article(text, source="test", lang="ru", date="2025-06-30"))


def test_document_who_attended_joins_the_event_told_before():
    """«Во встрече приняли участие …» names no new meeting: those named join the one just told."""
    x = _run_ru("В Кремле прошла встреча Владимира Путина с членами Совета по правам человека. "
                "Во встрече приняли участие Эммануэль Макрон и Нарендра Моди.")
    (talks,) = _talks(x)
    assert _persons(talks) == {PUTIN, MACRON, MODI}
    # a meeting the attendance report qualifies itself is another one
    x = _run_ru("В Кремле прошла встреча Владимира Путина с членами Совета по правам человека. "
                "В следующий вторник во встрече с Си Цзиньпином примет участие Нарендра Моди.")
    assert len(_talks(x)) == 2


def test_document_planned_talks_in_a_planned_visit_are_where_the_visit_will_be():
    x = _run_ru("Премьер-министр Индии Нарендра Моди прибудет в Москву с официальным визитом. "
                "В ходе визита запланированы переговоры с Владимиром Путиным.")
    (talks,) = _talks(x)
    assert talks.status == "planned"
    assert talks.place == "city/moscow"


def test_document_talks_in_another_city_are_another_meeting():
    """«Ранее лидеры встречались в Астане» is not the Tashkent talks told again: two meetings, and
    «лидеры» are the two office holders the article named."""
    x = _run_ru("Президент Казахстана Касым-Жомарт Токаев и президент Узбекистана Шавкат Мирзиёев провели "
                "переговоры в Ташкенте. Встреча продлилась три часа. Стороны подписали пакет соглашений. "
                "Как отметил Токаев, встреча прошла в конструктивном ключе. Ранее лидеры встречались в Астане.")
    talks = _talks(x)
    assert sorted(t.place for t in talks) == ["city/astana", "city/tashkent"]
    assert all(len(_persons(t)) == 2 for t in talks)
