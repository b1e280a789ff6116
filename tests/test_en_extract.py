"""The English pipeline on texts written for these tests (no dependency on ../shared)."""
from __future__ import annotations

import pytest

from kg.extract.en import extract_en
from kg.ingest import make_article


def run(text: str, date: str | None = "2025-08-30"):
    return extract_en(make_article(text, source="test", date=date, lang="en"))


def linked(x) -> dict[str, str]:
    return {m.text: m.kb_id for m in x.mentions if m.kb_id}


def leader_of(x) -> set[tuple[str, str]]:
    return {(r.subject, r.object) for r in x.relations if r.predicate == "leaderOf"}


def events(x, kind: str | None = None):
    return [e for e in x.events if kind is None or e.kind == kind]


def parts(e) -> set[str]:
    return {p.entity for p in e.participants}


# ----------------------------------------------------------------- linking


def test_en_links_with_the_same_ids_as_russian():
    x = run("Chinese President Xi Jinping received Kazakhstan's President Kassym-Jomart Tokayev in Tianjin "
            "ahead of the Shanghai Cooperation Organization summit.")
    ids = linked(x)
    assert ids["Xi Jinping"] == "person/xi-jinping"
    assert ids["Kassym-Jomart Tokayev"] == "person/kassym-jomart-tokayev"
    assert ids["Tianjin"] == "city/tianjin"
    assert ids["Kazakhstan"] == "country/kz"
    assert ids["Shanghai Cooperation Organization"] == "org/sco"
    xi = next(e for e in x.entities if e.id == "person/xi-jinping")
    assert xi.wikidata == "Q15031" and xi.type == "Leader" and xi.label_ru == "Си Цзиньпин"


def test_en_surnames_link_after_full_names_and_unknown_names_stay_local():
    x = run("General David Petraeus met President Michel Suleiman in Beirut. Petraeus later flew home.")
    pids = {m.entity if hasattr(m, "entity") else None for m in x.mentions}
    del pids
    persons = [e for e in x.entities if e.type in ("Person", "Leader")]
    assert {e.label_en for e in persons} == {"David Petraeus", "Michel Suleiman"}
    petraeus = next(e for e in persons if e.label_en == "David Petraeus")
    assert petraeus.id.startswith("person/david-petraeus~")
    assert len([m for m in x.mentions if m.text == "Petraeus"]) == 1
    assert linked(x)["Beirut"] == "city/beirut"
    assert not any(m.kb_id == "city/david" for m in x.mentions)  # David, Panama


def test_en_no_person_from_sentence_starts_or_organizations():
    x = run("The BBC's correspondent said the Northern Ireland talks went well. The Social Security "
            "Administration declined to comment.")
    assert not [e for e in x.entities if e.type in ("Person", "Leader")]
    assert "country/ie" not in linked(x).values()  # Northern Ireland is not Ireland


# ----------------------------------------------------------------- roles


def test_en_leader_of_from_descriptions():
    x = run("Chinese President Xi Jinping met Kazakhstan's President Kassym-Jomart Tokayev. "
            "Narendra Modi, the Prime Minister of India, joined them.")
    assert leader_of(x) >= {("person/xi-jinping", "country/cn"),
                            ("person/kassym-jomart-tokayev", "country/kz"),
                            ("person/narendra-modi", "country/in")}


def test_en_role_phrases_refer_to_the_office_holder():
    x = run("Kassym-Jomart Tokayev arrived in Beijing on Friday. The Kazakh leader thanked the Prime "
            "Minister of India for his message.")
    refs = {m.text: m.kb_id for m in x.mentions if m.rule.startswith("en.coref.role")}
    assert refs["The Kazakh leader"] == "person/kassym-jomart-tokayev"  # named in the article
    assert refs["the Prime Minister of India"] == "person/narendra-modi"  # the KB, on the article's date


def test_en_no_kb_office_holder_without_a_date():
    x = run("The Portuguese President did not comment.", date=None)
    assert not [m for m in x.mentions if m.rule.startswith("en.coref.role")]


# ----------------------------------------------------------------- events


@pytest.mark.parametrize("sentence, kind, status, cameo", [
    ("Vladimir Putin met Xi Jinping in Moscow on Tuesday.", "Meeting", "happened", "040"),
    ("Vladimir Putin held talks with Xi Jinping in Moscow.", "Meeting", "happened", "046"),
    ("Vladimir Putin will meet Xi Jinping in Moscow next week.", "Meeting", "planned", "040"),
    ("Vladimir Putin plans to visit Beijing to meet Xi Jinping.", "Visit", "planned", "036"),
    ("Vladimir Putin is to visit Beijing in October.", "Visit", "planned", "042"),
    ("Vladimir Putin visited Beijing on Tuesday.", "Visit", "happened", "042"),
    ("Xi Jinping hosted Vladimir Putin in Beijing.", "Visit", "happened", "043"),
    ("Vladimir Putin arrived in Beijing on a state visit.", "Visit", "happened", "042"),
    ("Vladimir Putin spoke by phone with Xi Jinping.", "PhoneCall", "happened", "040"),
    ("Vladimir Putin and Xi Jinping signed an agreement on energy.", "AgreementSigning", "happened", "057"),
    ("Vladimir Putin cancelled his meeting with Xi Jinping.", "Meeting", "cancelled", "040"),
    ("The Kremlin denied that Vladimir Putin met Xi Jinping.", "Meeting", "denied", "040"),
    ("Vladimir Putin did not meet Xi Jinping in Moscow.", "Meeting", "denied", "040"),
    ("Vladimir Putin pulled out of the summit in Moscow.", "Summit", "cancelled", "043"),
])
def test_en_event_kinds_status_and_cameo(sentence, kind, status, cameo):
    x = run(sentence)
    evs = events(x, kind)
    assert evs, [(e.kind, e.status) for e in x.events]
    e = evs[0]
    assert (e.status, e.cameo) == (status, cameo)
    assert "person/vladimir-putin" in parts(e)


def test_en_meeting_participants_roles_place_and_date():
    x = run("Xi Jinping hosted Kassym-Jomart Tokayev in Tianjin on Thursday.")
    e = events(x, "Visit")[0]
    roles = {p.entity: p.role for p in e.participants}
    assert roles == {"person/xi-jinping": "host", "person/kassym-jomart-tokayev": "guest"}
    assert e.place == "city/tianjin"
    assert e.start_date == "2025-08-28"  # the Thursday before the article of Saturday 30 August


def test_en_countries_take_part_when_no_one_is_named():
    x = run("Ukrainian lawmakers endorsed an association agreement with the European Union on Tuesday.")
    e = events(x, "AgreementSigning")[0]
    assert parts(e) == {"country/ua", "org/eu"} and e.cameo == "051"


@pytest.mark.parametrize("sentence, start, end", [
    ("Vladimir Putin met Xi Jinping on August 30.", "2025-08-30", None),
    ("Vladimir Putin met Xi Jinping yesterday.", "2025-08-29", None),
    ("Vladimir Putin met Xi Jinping on 28 August 2025.", "2025-08-28", None),
    ("The summit in Tianjin will be held on August 31 – September 1.", "2025-08-31", "2025-09-01"),
    ("The summit in Tianjin will be held on August 31-September 1.", "2025-08-31", "2025-09-01"),
    ("The summit in Tianjin will be held on 31 August - 1 September.", "2025-08-31", "2025-09-01"),
    ("Vladimir Putin will meet Xi Jinping on Tuesday.", "2025-09-02", None),
])
def test_en_dates(sentence, start, end):
    e = [e for e in run(sentence).events if e.kind != "Statement"][0]
    assert (e.start_date, e.end_date) == (start, end)


def test_en_summit_organizer_and_sidelines():
    x = run("Leaders gathered for the SCO summit in Tianjin. On the sidelines of the summit, "
            "Vladimir Putin met Narendra Modi.")
    s = events(x, "Summit")[0]
    assert s.organizer == "org/sco" and s.place == "city/tianjin"
    m = events(x, "Meeting")[0]
    assert any(r.predicate == "partOf" and r.subject == m.id and r.object == s.id for r in x.relations)


# ----------------------------------------------------------------- statements, quantities


def test_en_statements_quoted_and_reported():
    x = run('"Kazakhstan supports the chairmanship of China," Kassym-Jomart Tokayev said. '
            "Xi Jinping said that trade would keep growing.")
    st = {(e.participants[0].entity, e.quote) for e in events(x, "Statement")}
    assert ("person/kassym-jomart-tokayev", "Kazakhstan supports the chairmanship of China") in st
    assert ("person/xi-jinping", "trade would keep growing") in st


def test_en_quantities_money():
    x = run("Kassym-Jomart Tokayev met Xi Jinping in Tianjin. Trade between Kazakhstan and China "
            "reached a record $44 billion last year.")
    q = x.quantities[0]
    assert (q.measure, q.amount, q.currency, q.year, q.qualifier) == ("trade_turnover", 44e9, "USD", 2024, "record")
    assert set(q.concerns) == {"country/kz", "country/cn"}


def test_en_topics():
    x = run("Vladimir Putin met Xi Jinping in Moscow. They discussed trade, energy and security.")
    assert set(events(x, "Meeting")[0].topics) == {"trade", "energy", "security"}


def test_en_evidence_offsets_point_into_the_text():
    x = run("Vladimir Putin met Xi Jinping in Moscow.")
    text = x.article.text
    for m in x.mentions:
        assert text[m.start:m.end] == m.text
    for e in x.events:
        for ev in e.evidence:
            assert ev.sentence in text and ev.rule.startswith("en.")


# ----------------------------------------------------------------- fixes from the hand review


def test_en_hand_review_regressions():
    x = run("The Democratic Republic of the Congo accused Rwanda. Congo has asked the UN for help.")
    assert {m.kb_id for m in x.mentions if m.text == "Congo"} == {"country/cd"}
    x = run("President Roh Moo-hyun met Luiz Inácio Lula da Silva in Brasilia.")
    assert any(e.label_en == "Roh Moo-hyun" for e in x.entities)
    x = run("The Italian foreign minister, Luigi Di Maio, joined the talks.")
    assert any(e.label_en == "Luigi Di Maio" for e in x.entities)
    x = run("Boris Johnson spoke to reporters. Anne Sacoolas left. She did not return.")
    assert not [m for m in x.mentions if m.text == "She" and m.kb_id == "person/boris-johnson"]
    x = run("The visit will take Vladimir Putin to Beijing, years after September 11, 2001.")
    v = events(x, "Visit")[0]
    assert v.status == "planned" and v.start_date is None


def test_en_talks_during_a_visit_one_visit_guest_and_host():
    # a pronoun after an opening phrase is the subject; «during the visit» is the visit
    # already reported, where the visitor met the host
    x = run("Erdogan arrived in Moscow on Tuesday. During the visit he held talks with Putin. "
            "The talks lasted three hours.")
    (visit,) = events(x, "Visit")
    (talks,) = events(x, "Meeting")
    erdogan, putin = "person/recep-tayyip-erdogan", "person/vladimir-putin"
    assert parts(talks) == {erdogan, putin}
    assert {(p.entity, p.role) for p in visit.participants} == {(erdogan, "guest"), (putin, "host")}
    assert visit.place == talks.place == "city/moscow"
