"""One name, one type inside an article: a bare word NER reads as a person takes the
type the same article gives it elsewhere (kg.extract.ru.mentions._consistent_types)."""
from __future__ import annotations

import pytest

from kg.extract.ru import extract_ru
from kg.model import Article


def _types(text: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for e in extract_ru(Article(id="t", text=text)).entities:
        out.setdefault(e.label_ru, set()).add(e.type)
    return out


@pytest.mark.parametrize("text, town", [
    ("Новый музей откроется в Суздале осенью. 12 мая Суздаль посетят художник Иван Петров и Ольга Смирнова.",
     "Суздаль"),
    ("Фестиваль пройдёт в Муроме. 3 августа Муром посетят Пётр Козлов и Анна Белова.", "Муром"),
])
def test_town_named_twice_is_one_place(text, town):
    types = _types(text)
    assert types[town] == {"Place"}
    assert {"Person"} == types["Анна Белова" if "Белова" in text else "Ольга Смирнова"]


def test_a_surname_the_article_gives_a_person_stays_a_person():
    # «Королёв» is a town near Moscow and the designer's surname; the article names him in full
    text = ("Экспозиция открылась в Королёве. Конструктор Сергей Королёв работал там много лет. "
            "Королёв мечтал о полётах к Марсу.")
    bare = text.index("Королёв мечтал")
    x = extract_ru(Article(id="t", text=text))
    owners = [e for e in x.entities if any(ev.start == bare for ev in e.evidence)]
    assert [e.type for e in owners] == ["Person"]
    assert any(e.type == "Place" for e in x.entities)


def _mentions(text: str):
    return extract_ru(Article(id="t", text=text)).mentions


def test_bare_given_name_is_the_person_named_in_full():
    text = ("Писательница Марина Ветрова получила премию за роман о северном городе. "
            "Её поздравил издатель Олег Рябов. "
            "Вечером Марина поблагодарила читателей.")
    bare = text.index("Марина поблагодарила")
    m = next(m for m in _mentions(text) if m.start == bare)
    assert m.rule == "ru.coref.given_name"
    assert m.normal.startswith("Марина Ветров")
    x = extract_ru(Article(id="t", text=text))
    owner = [e for e in x.entities if any(ev.start == bare for ev in e.evidence)]
    assert len(owner) == 1 and owner[0].label_ru.startswith("Марина Ветров")


def test_given_name_shared_by_two_is_the_one_named_outside_the_sentence():
    text = ("Актёр Павел Орлов сыграл в новом фильме. Критики хвалят Павла Орлова за эту роль. "
            "В прошлом году Павел подружился с режиссёром Павлом Седовым.")
    bare = text.index("Павел подружился")
    m = next(m for m in _mentions(text) if m.start == bare)
    assert m.normal.startswith("Павел Орлов")


def test_given_name_of_two_equally_named_persons_stays_unresolved():
    text = ("На конкурсе выступили Анна Лебедева и Анна Громова. Анна победила.")
    bare = text.index("Анна победила")
    assert all(m.rule != "ru.coref.given_name" for m in _mentions(text) if m.start == bare)


def test_a_leaders_bare_surname_ner_missed_at_a_sentence_start_is_linked():
    x = extract_ru(Article(id="t", text="Мирзиёев посетил Душанбе. Визит продлится два дня.", date="2024-05-10"))
    bare = [m for m in x.mentions if m.start == 0]
    assert [m.kb_id for m in bare] == ["person/shavkat-mirziyoyev"]
    visit = next(e for e in x.events if e.kind == "Visit")
    assert "person/shavkat-mirziyoyev" in {p.entity for p in visit.participants}


def test_a_surname_inside_a_longer_name_is_not_a_leader():
    x = extract_ru(Article(id="t", text="Пьесу «Кто боится Вирджинии Вульф» снова ставят в Праге.", date="2024-05-10"))
    assert not any(m.kb_id == "person/christian-wulff" for m in x.mentions)
