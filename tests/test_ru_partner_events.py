"""Russian events told by a verb with a partner («позвонил Эрдогану», «обсудил с Си»), and names and bare
offices resolved inside the article («Глава государства», «Новый глава ведомства»): short
texts written for these tests."""
from __future__ import annotations

from kg.extract import extract
from kg.ingest import make_article

PUTIN, ERDOGAN, MACRON, SCHOLZ = ("person/vladimir-putin", "person/recep-tayyip-erdogan",
                                  "person/emmanuel-macron", "person/olaf-scholz")
TOKAYEV, XI = "person/kassym-jomart-tokayev", "person/xi-jinping"


def _run(text: str, date: str | None = "2024-05-02"):
    return extract(make_article(text, source="test", lang="ru", date=date))


def _events(x, kind: str):
    return [e for e in x.events if e.kind == kind]


def _persons(e) -> set[str]:
    return {p.entity for p in e.participants}


def test_a_call_to_a_person_in_the_dative_is_a_phone_call():
    x = _run("Президент России Владимир Путин позвонил президенту Турции Реджепу Тайипу Эрдогану.")
    (call,) = _events(x, "PhoneCall")
    assert _persons(call) == {PUTIN, ERDOGAN}
    assert call.trigger == "позвонил"


def test_discussing_with_a_person_is_talks_and_by_phone_a_call():
    x = _run("Касым-Жомарт Токаев обсудил с Си Цзиньпином вопросы транзита.")
    (talks,) = _events(x, "Meeting")
    assert _persons(talks) == {TOKAYEV, XI}
    x = _run("Эммануэль Макрон и Олаф Шольц обсудили по телефону поставки газа.")
    (call,) = _events(x, "PhoneCall")
    assert _persons(call) == {MACRON, SCHOLZ}
    assert not _events(x, "Meeting")


def test_partner_verbs_without_a_partner_are_no_event():
    x = _run("Министры обсудили проект бюджета. Владимир Путин позвонил в министерство. "
             "Эммануэль Макрон связался с Олафом Шольцем через помощников.")
    assert not [e for e in x.events if e.kind in ("Meeting", "PhoneCall")]


def test_meeting_nouns_consultations_and_conference_call():
    x = _run("Владимир Путин провёл совещание с Олафом Шольцем.")
    (talks,) = _events(x, "Meeting")
    assert _persons(talks) == {PUTIN, SCHOLZ}


def test_a_bare_office_is_the_person_this_article_names_with_it():
    x = _run("Президент Турции Реджеп Тайип Эрдоган прибыл в Москву. "
             "Глава государства провёл переговоры с Олафом Шольцем в Кремле.")
    talks = [e for e in _events(x, "Meeting") if SCHOLZ in _persons(e)]
    assert talks and ERDOGAN in _persons(talks[0])
    assert any(m.rule == "ru.coref.title" and m.kb_id == ERDOGAN for m in x.mentions)


def test_a_bare_office_held_by_two_goes_to_the_last_subject_and_never_to_a_former_holder():
    text = ("Президент Казахстана Касым-Жомарт Токаев встретился с Председателем КНР Си Цзиньпином. "
            "Касым-Жомарт Токаев отметил рост торговли. Президент также посетил выставку. "
            "Бывший президент прислал письмо.")
    x = _run(text)
    titled = [m for m in x.mentions if m.rule == "ru.coref.title"]
    assert [m.kb_id for m in titled] == [TOKAYEV]
    assert titled[0].text == "Президент"


def test_an_office_given_by_an_appointment_names_its_holder_later():
    x = _run("Вчера Игорь Семёнов назначен главой Федеральной таможенной службы. "
             "Новый глава ведомства встретился с Олафом Шольцем.")
    (talks,) = [e for e in _events(x, "Meeting") if SCHOLZ in _persons(e)]
    assert len(_persons(talks)) == 2
    assert any(m.rule == "ru.coref.title" and m.text.startswith("глава") for m in x.mentions)


def test_a_bare_surname_is_the_person_this_article_names_in_full_before_the_kb():
    """«Джорджина Родригес ... Родригес»: the article's own person, not the KB's Delcy Rodríguez;
    with the KB person's own first name in the article the surname still links to her."""
    x = _run("Футболист Иван Смирнов встретился с моделью Джорджиной Родригес. "
             "До встречи с футболистом Родригес работала в магазине.")
    assert not any(m.kb_id for m in x.mentions if m.text == "Родригес")
    assert not [e for e in x.entities if e.id == "person/delcy-rodriguez"]
    x = _run("Вице-президент Венесуэлы Делси Родригес прибыла в Москву. Родригес провела переговоры.")
    assert {m.kb_id for m in x.mentions if m.text == "Родригес"} == {"person/delcy-rodriguez"}
