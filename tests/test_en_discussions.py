"""English: discussions as talks, and a summit framing its sentence (kg.extract.en.events).
Texts written for the test."""
from __future__ import annotations

from kg.extract.en import extract_en
from kg.model import Article


def _events(text: str):
    x = extract_en(Article(id="t", text=text, date="2025-03-10", lang="en"))
    label = {e.id: e.label_en or e.label_ru for e in x.entities}
    return [(e, {label.get(p.entity, p.entity) for p in e.participants}) for e in x.events if e.kind != "Statement"]


def test_two_sides_discussing_are_talks():
    events = _events("Kassym-Jomart Tokayev and Shavkat Mirziyoyev discussed water sharing on Monday.")
    talks = [people for e, people in events if e.kind == "Meeting"]
    assert talks and {"Kassym-Jomart Tokayev", "Shavkat Mirziyoyev"} <= talks[0]


def test_a_discussion_with_a_named_partner_by_phone_is_a_call():
    events = _events("Kassym-Jomart Tokayev discussed gas supplies by phone with Shavkat Mirziyoyev.")
    assert any(e.kind == "PhoneCall" and len(people) == 2 for e, people in events)


def test_discussing_alone_is_no_event():
    events = _events("The parliament discussed the budget for three days.")
    assert not [e for e, _ in events if e.kind in ("Meeting", "PhoneCall")]


def test_a_summit_named_under_during_is_no_planned_reference():
    events = _events("During the CSTO summit in Bishkek, Kassym-Jomart Tokayev met Sadyr Japarov.")
    summits = [e for e, _ in events if e.kind == "Summit"]
    assert summits and all(e.status == "happened" for e in summits)


def test_the_two_leaders_are_the_office_holders_named_before():
    events = _events("Uzbek President Shavkat Mirziyoyev and Kazakh President Kassym-Jomart Tokayev signed a "
                     "statement on water. The two leaders met in Tashkent for three hours.")
    talks = [people for e, people in events if e.kind == "Meeting"]
    assert talks == [{"Kassym-Jomart Tokayev", "Shavkat Mirziyoyev"}]


def test_both_sides_with_a_third_office_holder_near_name_no_one():
    events = _events("Uzbek President Shavkat Mirziyoyev, Kazakh President Kassym-Jomart Tokayev and Russian "
                     "President Vladimir Putin signed a statement. Both sides held talks in Tashkent.")
    assert all(len(people) < 2 for e, people in events if e.kind == "Meeting")


def _roles(text: str, kind: str) -> dict[str, str]:
    x = extract_en(Article(id="t", text=text, date="2025-03-10", lang="en"))
    label = {e.id: e.label_en or e.label_ru for e in x.entities}
    (event,) = [e for e in x.events if e.kind == kind]
    return {label.get(p.entity, p.entity): p.role for p in event.participants}


def test_a_passive_reception_has_the_agent_as_host():
    roles = _roles("Shavkat Mirziyoyev was received by Kazakh President Kassym-Jomart Tokayev in Astana.", "Visit")
    assert roles == {"Shavkat Mirziyoyev": "guest", "Kassym-Jomart Tokayev": "host"}


def test_hosting_a_leader_named_with_a_country_adjective():
    roles = _roles("Kassym-Jomart Tokayev hosted Uzbek President Shavkat Mirziyoyev in Astana.", "Visit")
    assert roles == {"Kassym-Jomart Tokayev": "host", "Shavkat Mirziyoyev": "guest"}


def test_an_invitation_to_visit_is_planned_and_the_invited_is_the_guest():
    x = extract_en(Article(id="t", text="Kassym-Jomart Tokayev invited Shavkat Mirziyoyev to visit Astana.",
                           date="2025-03-10", lang="en"))
    (visit,) = [e for e in x.events if e.kind == "Visit"]
    assert visit.status == "planned"
    roles = _roles("Kassym-Jomart Tokayev invited Shavkat Mirziyoyev to visit Astana.", "Visit")
    assert roles == {"Kassym-Jomart Tokayev": "host", "Shavkat Mirziyoyev": "guest"}


def test_exchanging_views_is_talks_and_exchanging_prisoners_is_not():
    events = _events("Kassym-Jomart Tokayev and Shavkat Mirziyoyev exchanged views on water sharing.")
    assert [people for e, people in events if e.kind == "Meeting"] == [{"Kassym-Jomart Tokayev", "Shavkat Mirziyoyev"}]
    events = _events("Kassym-Jomart Tokayev said both sides exchanged prisoners with Shavkat Mirziyoyev's help.")
    assert not [e for e, _ in events if e.kind == "Meeting"]


def test_leaders_of_an_organization_are_its_members_leaders_the_article_names():
    events = _events("G7 leaders met in Hiroshima on Friday. French President Emmanuel Macron and German "
                     "Chancellor Olaf Scholz spoke to reporters.")
    assert [people for e, people in events if e.kind == "Meeting"] == [{"Emmanuel Macron", "Olaf Scholz"}]


def test_who_attended_the_meeting_joins_the_one_told_before():
    events = _events("Kassym-Jomart Tokayev met Shavkat Mirziyoyev in Tashkent on Monday. Xi Jinping and "
                     "Vladimir Putin also attended the meeting.")
    talks = [people for e, people in events if e.kind == "Meeting"]
    assert talks == [{"Kassym-Jomart Tokayev", "Shavkat Mirziyoyev", "Xi Jinping", "Vladimir Putin"}]
    # a meeting the sentence qualifies itself is another one
    events = _events("Kassym-Jomart Tokayev met Shavkat Mirziyoyev in Tashkent. Xi Jinping attended the meeting "
                     "with Vladimir Putin in Moscow.")
    assert len([e for e, _ in events if e.kind == "Meeting"]) == 2
