"""Where an event happened, and which words open no visit at all (kg.extract.ru.events).
Texts written for the test."""
from __future__ import annotations

import pytest

from kg.extract.ru import extract_ru
from kg.model import Article


def _extract(text: str):
    x = extract_ru(Article(id="t", text=text, date="2024-05-10"))
    label = {e.id: e.label_ru for e in x.entities}
    return x, label


def _places(text: str, kind: str) -> list[str | None]:
    x, label = _extract(text)
    return [label.get(e.place, e.place) if e.place else None for e in x.events if e.kind == kind]


def test_a_place_hanging_on_the_trigger_beats_a_nearer_one():
    # a city a few words off beats a country by proximity; the syntax says the visit was to Japan
    places = _places("Марк Дейкстра рассказал о пожаре в Лондоне во время визита в Японию.", "Visit")
    assert places == ["Япония"]


@pytest.mark.parametrize("text, elsewhere", [
    # a place under another verb of the sentence is that verb's
    ("Вчера Артур Миронов встретился с Сергеем Лавровым, с которым он прежде выступал на форуме в Сочи.", "Сочи"),
    # a place beyond another verb of the same clause is not the meeting's
    ("Пётр Карпенко встречался с Игорем Деминым и призывал отменить фестиваль в Самаре.", "Самара"),
    # a place in what was discussed, or in the subject of the talks, is not where they were
    ("Андрей Руденко и Ахмет Йылмаз обсудили ситуацию в Ливии.", "Ливия"),
    ("Андрей Руденко провел переговоры с Ахметом Йылмазом о положении беженцев в Ливии.", "Ливия"),
])
def test_a_place_of_something_else_in_the_sentence_is_not_the_meetings(text, elsewhere):
    places = _places(text, "Meeting")
    assert places and elsewhere not in places


def test_a_place_of_the_meeting_clause_is_kept():
    # the parser may hang «в Казани» on the participle; the text says it is the meeting's
    places = _places("Министр Антон Гусев, находящийся с визитом в Татарстане, встретился в пятницу "
                     "в Казани с Рустамом Миннихановым.", "Meeting")
    assert "Казань" in places


def test_a_relative_clause_saying_where_the_summit_takes_place_gives_its_place():
    places = _places("Губернатор Олег Кожемяко рассказал о подготовке саммита, который пройдет "
                     "во Владивостоке в сентябре.", "Summit")
    assert "Владивосток" in places


@pytest.mark.parametrize("text", [
    "Следственная группа прилетела в Казань из Москвы в понедельник.",  # an arrival of nobody named
    "Эрмитаж остается самым посещаемым музеем Санкт-Петербурга.",  # an adjective of a visit verb
])
def test_no_visit(text):
    x, _ = _extract(text)
    assert not [e for e in x.events if e.kind == "Visit"]


def test_an_arrival_of_a_named_leader_is_a_visit():
    places = _places("Президент Турции Реджеп Тайип Эрдоган прибыл в Москву.", "Visit")
    assert places == ["Москва"]


def test_talks_held_in_a_city_about_a_country_keep_the_city():
    places = _places("В Анкаре Андрей Руденко и Ахмет Йылмаз обсудили ситуацию в Ливии.", "Meeting")
    assert places == ["Анкара"]


def test_a_place_after_a_genitive_event_noun_before_a_name_is_no_title():
    # «саммита НАТО в Вильнюсе Джо Байден»: not «послом Италии в Грузии Сандали»
    places = _places("Во время саммита ОДКБ в Бишкеке Касым-Жомарт Токаев встретился с Садыром Жапаровым.",
                     "Meeting")
    assert "Бишкек" in places


def test_a_place_ending_an_office_title_is_not_the_meetings():
    places = _places("Андрей Руденко встретился с послом Турции в Грузии Ахметом Йылмазом.", "Meeting")
    assert places and "Грузия" not in places


def test_a_city_under_the_subject_of_a_signing_is_where_it_was_signed():
    places = _places("Андрей Руденко и Ахмет Йылмаз подписали соглашение о поставках в Анкаре.",
                     "AgreementSigning")
    assert places == ["Анкара"]


def test_a_future_with_negation_is_no_meeting_that_happened():
    x, _ = _extract("Андрей Руденко не будет встречаться с Ахметом Йылмазом, заявил его помощник.")
    statuses = [e.status for e in x.events if e.kind == "Meeting"]
    assert statuses and "happened" not in statuses
