"""Wordings of talks common in diplomatic news that the trigger rules read wrongly or not at all:
«между ... состоялась встреча», «с участием», a passive reception, a delegation «во главе с»,
a visit paid to someone, «обменялись мнениями», «пообщался», and talks framing an agreement.
Short texts written for these tests."""
from __future__ import annotations

from kg.extract import extract
from kg.ingest import make_article


def _run(text: str, date: str | None = "2024-05-02"):
    x = extract(make_article(text, source="test", lang="ru", date=date))
    label = {e.id: e.label_ru for e in x.entities}
    return [(e, {label.get(p.entity, p.entity): p.role for p in e.participants}) for e in x.events]


def _only(events, kind):
    found = [(e, people) for e, people in events if e.kind == kind]
    assert len(found) == 1, found
    return found[0]


def test_between_two_people_fronted_before_the_verb_of_the_meeting():
    _, people = _only(_run("Между Ильхамом Алиевым и Никола Пашиняном состоялась встреча."), "Meeting")
    assert len(people) == 2


def test_with_the_participation_of_names_the_participants():
    _, people = _only(_run("Касым-Жомарт Токаев провел в Акорде совещание с участием министров "
                           "Ермека Кошербаева и Мурата Нуртлеу."), "Meeting")
    assert len(people) == 3


def test_a_passive_reception_has_the_agent_as_host():
    _, people = _only(_run("Премьер-министр Индии Нарендра Моди был принят президентом России Владимиром Путиным."),
                      "Meeting")
    assert sorted(people.values()) == ["guest", "host"]
    host = next(n for n, r in people.items() if r == "host")
    assert "Путин" in host


def test_the_leader_of_a_received_delegation_is_the_guest():
    _, people = _only(_run("Шавкат Мирзиёев принял в Ташкенте делегацию во главе с министром иностранных дел "
                           "Турции Хаканом Фиданом."), "Meeting")
    assert sorted(people.values()) == ["guest", "host"]


def test_a_visit_paid_to_someone_makes_them_the_host():
    e, people = _only(_run("Президент Турции Реджеп Тайип Эрдоган нанес визит президенту Азербайджана "
                           "Ильхаму Алиеву."), "Visit")
    assert sorted(people.values()) == ["guest", "host"]


def test_exchanging_views_and_chatting_with_someone_are_talks():
    _, people = _only(_run("Олаф Шольц и Эммануэль Макрон обменялись мнениями о бюджете."), "Meeting")
    assert len(people) == 2
    _, people = _only(_run("Эммануэль Макрон пообщался с Олафом Шольцем в Берлине."), "Meeting")
    assert len(people) == 2
    assert not [e for e, _ in _run("Россия и Украина обменялись пленными.") if e.kind == "Meeting"]


def test_talks_framing_an_agreement_happened():
    e, _ = _only(_run("В ходе переговоров Олаф Шольц и Эммануэль Макрон договорились о бюджете."), "Meeting")
    assert e.status == "happened"
    e, _ = _only(_run("Олаф Шольц и Эммануэль Макрон договорились о встрече в Берлине."), "Meeting")
    assert e.status == "planned"


def test_bilateral_meetings_with_several_partners_are_one_meeting_with_each():
    events = _run("На полях саммита Касым-Жомарт Токаев провел двусторонние встречи с Шавкатом Мирзиёевым "
                  "и Садыром Жапаровым.")
    talks = sorted(sorted(people) for e, people in events if e.kind == "Meeting")
    assert len(talks) == 2 and all(len(p) == 2 for p in talks)
    # one meeting (in the singular) with two partners stays one meeting of three
    events = _run("Касым-Жомарт Токаев провел встречу с Шавкатом Мирзиёевым и Садыром Жапаровым.")
    assert [len(people) for e, people in events if e.kind == "Meeting"] == [3]


def test_calling_each_other_and_a_meeting_by_video_link_are_calls():
    e, people = _only(_run("Касым-Жомарт Токаев и Шавкат Мирзиёев созвонились накануне саммита."), "PhoneCall")
    assert len(people) == 2
    e, people = _only(_run("Олаф Шольц провел встречу с Эммануэлем Макроном по видеосвязи."), "PhoneCall")
    assert len(people) == 2
