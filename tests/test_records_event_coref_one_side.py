"""Event coreference across articles when a report names only one participant.

On ../shared/corpus, four undated reports of different Putin meetings (with artists, with a
deputy, with a prisoner's mother, a call with Biden) chained into one event through a report
naming Putin alone. One shared participant now merges only dated reports."""
from __future__ import annotations

from kg.model import Article, Event, Evidence, Extraction, Participant
from kg.merge import merge_extractions

PUTIN, BIDEN, OTHER = "person/vladimir-putin", "person/joe-biden", "person/x~a3"


def _x(aid, parts, date=None):
    art = Article(id=aid, text="t", date=date)
    ev = Event(f"event/{aid}", "Meeting", participants=tuple(Participant(p) for p in parts), start_date=date,
               evidence=(Evidence(aid, "s", 0, 1, "ru.event.meeting"),))
    return Extraction(art, events=(ev,))


def test_records_event_coref_undated_one_participant_reports_stay_apart():
    rec = merge_extractions([_x("a1", [PUTIN]), _x("a2", [PUTIN, BIDEN]), _x("a3", [PUTIN, OTHER])])
    assert len(rec.events) == 3
    assert not [m for m in rec.merges if m.into.startswith("event/")]


def test_records_event_coref_dated_one_participant_report_merges():
    rec = merge_extractions([_x("a1", [PUTIN], "2021-01-26"), _x("a2", [PUTIN, BIDEN], "2021-01-26")])
    assert len(rec.events) == 1
    (ev,) = rec.events.values()
    assert {p.entity for p in ev.participants} == {PUTIN, BIDEN}
    assert rec.merges[0].reason.startswith("same meeting: participants person/vladimir-putin")


def test_records_event_coref_undated_two_shared_participants_merge():
    rec = merge_extractions([_x("a1", [PUTIN, BIDEN]), _x("a2", [PUTIN, BIDEN])])
    assert len(rec.events) == 1


def test_records_event_coref_undated_report_does_not_chain_two_days():
    # an undated report of Lula with Hu and Roh must not join Lula–Hu (13th) and Lula–Roh (15th)
    HU, ROH, LULA = "person/hu-jintao", "person/roh-moo-hyun", "person/lula-da-silva"
    rec = merge_extractions([_x("a1", [LULA, HU], "2004-11-13"), _x("a2", [LULA, ROH], "2004-11-15"),
                             _x("a3", [LULA, HU, ROH])])
    assert len(rec.events) == 2
    dates = sorted(e.start_date for e in rec.events.values())
    assert dates == ["2004-11-13", "2004-11-15"]
