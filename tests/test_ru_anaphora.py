"""Participants given in a later sentence that names the event by a pronoun
(kg.extract.ru.anaphora). Texts written for the test."""
from __future__ import annotations

from kg.extract.ru import extract_ru
from kg.extract.ru.anaphora import RULE
from kg.model import Article


def _events(text: str):
    x = extract_ru(Article(id="t", text=text, date="2024-05-10"))
    label = {e.id: e.label_ru for e in x.entities}
    return [(e, {label.get(p.entity, p.entity) for p in e.participants}) for e in x.events if e.kind != "Statement"]


def test_who_took_part_in_it_joins_the_event_before():
    events = _events("В Ташкенте открылся саммит тюркских государств. "
                     "В нём участвовали Нурлан Сапаров, Азат Исмаилов и Тимур Алиев.")
    assert len(events) == 1
    ev, people = events[0]
    assert ev.kind == "Summit"
    assert {"Нурлан Сапаров", "Азат Исмаилов", "Тимур Алиев"} <= people
    assert any(e.rule == RULE for e in ev.evidence)


def test_the_pronoun_takes_back_only_an_event_it_agrees_with():
    # «в нём» (masculine) cannot be the meeting («встреча», feminine) of the sentence before
    events = _events("Вчера в Минске прошла встреча министров. В ней участвовали Олег Ковалёв и Игорь Демченко. "
                     "В нём выступил Пётр Сидоренко.")
    _, people = next(e for e in events if e[0].kind == "Meeting")
    assert {"Олег Ковалев", "Игорь Демченко"} <= {p.replace("ё", "е") for p in people}
    assert not any("Сидоренко" in p for p in people)


def test_a_pronoun_inside_the_sentence_is_about_that_sentence():
    events = _events("В пятницу состоялось совещание губернаторов. "
                     "Ужин прошёл тихо, на нём присутствовал Аркадий Беляев.")
    for ev, people in events:
        assert not any("Беляев" in p for p in people)
