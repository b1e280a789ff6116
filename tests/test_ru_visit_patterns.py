"""Hosting and arriving as diplomatic news word them (kg.extract.ru.events,
kg.extract.ru.participants). Texts written for the test."""
from __future__ import annotations

from kg.extract.ru import extract_ru
from kg.model import Article


def _events(text: str):
    x = extract_ru(Article(id="t", text=text, date="2025-03-10"))
    label = {e.id: e.label_ru for e in x.entities}
    return [(e, {label.get(p.entity, p.entity): p.role for p in e.participants}, label.get(e.place, e.place))
            for e in x.events if e.kind != "Statement"]


def test_a_guest_read_as_a_genitive_is_still_the_guest():
    # «Кирилла Орлова» is accusative, tagged genitive and hung on «резиденции»
    events = _events("Премьер-министр Дании Густав Нильсен принял в своей резиденции Кирилла Орлова.")
    meetings = [(roles, place) for e, roles, place in events if e.kind == "Meeting"]
    assert meetings, events
    roles, _ = meetings[0]
    assert roles.get("Густав Нильсен") == "host"
    assert roles.get("Кирилл Орлов") == "guest"


def test_a_genitive_that_is_not_hosted_opens_no_meeting():
    events = _events("Парламент Дании принял закон Густава Нильсена о пенсиях.")
    assert not [e for e, _, _ in events if e.kind == "Meeting"]


def test_the_noun_an_arrival_participle_describes_is_the_visitor():
    events = _events("Реджеп Тайип Эрдоган, прибывший в Москву, встретился с Владимиром Путиным.")
    visits = [(roles, place) for e, roles, place in events if e.kind == "Visit"]
    assert visits and "Реджеп Тайип Эрдоган" in visits[0][0]
    assert visits[0][1] == "Москва"


def test_talks_between_two_named_sides():
    events = _events("Переговоры между Андреем Руденко и Ахметом Йылмазом продолжались два часа.")
    meetings = [roles for e, roles, _ in events if e.kind == "Meeting"]
    assert meetings and {"Андрей Руденко", "Ахмет Йылмаз"} <= set(meetings[0])


def test_a_group_of_presidents_opening_a_sentence_names_each_president():
    # capitalised at the sentence start, the tagger reads «Президенты» as a singular name
    events = _events("Президенты России и Франции провели телефонный разговор.")
    calls = [roles for e, roles, _ in events if e.kind == "PhoneCall"]
    assert calls and len(calls[0]) == 2


def test_offices_with_no_name_are_partners_for_a_partner_verb():
    # NER finds no person here: the sentence is parsed because it names offices
    events = _events("Президенты Казахстана и Узбекистана обсудили по телефону поставки газа.")
    calls = [roles for e, roles, _ in events if e.kind == "PhoneCall"]
    assert calls and len(calls[0]) == 2


def test_a_where_clause_is_done_by_the_subject_above_it():
    # the other side is unnamed, so no article-level step supplies the subject
    events = _events("Министр обороны Чили Андрес Вальдивия выступил на форуме в Лиме, где провел переговоры "
                     "с перуанским коллегой.")
    meetings = [roles for e, roles, _ in events if e.kind == "Meeting"]
    assert meetings and "Андрес Вальдивия" in meetings[0]


def test_talks_during_a_summit_are_part_of_it():
    for frame in ("Во время саммита", "В ходе саммита", "На саммите"):
        x = extract_ru(Article(id="t", text=f"{frame} ОДКБ в Бишкеке Касым-Жомарт Токаев встретился "
                                            "с Садыром Жапаровым.", date="2025-03-10"))
        kind = {e.id: e.kind for e in x.events}
        parts = [(kind.get(r.subject), kind.get(r.object)) for r in x.relations if r.predicate == "partOf"]
        assert ("Meeting", "Summit") in parts, frame


def test_a_visit_said_to_be_planned_is_planned_and_its_genitive_is_the_guest():
    events = _events("Визит Андрея Руденко в Лиму запланирован на осень.")
    visits = [(e.status, roles) for e, roles, _ in events if e.kind == "Visit"]
    assert visits and visits[0][0] == "planned"
    assert visits[0][1].get("Андрей Руденко") == "guest"


def test_a_relative_clause_about_the_talks_names_who_held_them_and_where():
    events = _events("Переговоры, которые провели в Бишкеке Андрей Руденко и Ахмет Йылмаз, продолжались "
                     "три часа.")
    meetings = [(roles, place) for e, roles, place in events if e.kind == "Meeting"]
    assert meetings and {"Андрей Руденко", "Ахмет Йылмаз"} <= set(meetings[0][0])
    assert meetings[0][1] == "Бишкек"


def test_an_arrival_participle_on_the_partner_makes_the_partner_the_guest():
    events = _events("Владимир Путин провел переговоры с прибывшим в Москву Реджепом Тайипом Эрдоганом.")
    visits = [roles for e, roles, _ in events if e.kind == "Visit"]
    assert visits and visits[0].get("Реджеп Тайип Эрдоган") == "guest"
