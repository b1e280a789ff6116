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
