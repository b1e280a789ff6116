"""The corpus we wrote (tests/data/corpus12: 13 articles, 7 Russian and 6 English, from
several outlets) builds into exactly the events and persons it reports.

What the texts report:
- the SCO summit in Tianjin, 31 August – 1 September 2025 (01–06 name it; 03, 04 report it);
- on its sidelines, Xi Jinping – Narendra Modi on 31 August (01 ru, 02 en) and
  Vladimir Putin – Narendra Modi on 1 September (05 ru, 06 en), both part of the summit;
- Shavkat Mirziyoyev's state visit to Astana on 14 October (07 ru, 08 en), his talks with
  Kassym-Jomart Tokayev there (07, 08, and 09 ru the next day), and the water agreement they
  signed (07, 08);
- the same two presidents' second meeting, in Tashkent a month later, 13 November (10 ru, 11 en);
- Putin – Erdoğan phone call on 20 September (12 ru, 13 en);
- four quoted statements (Xi 01, Modi 02, Putin 05, Mirziyoyev 09).
"""
from __future__ import annotations

from collections import Counter

import pytest

TOKAYEV, MIRZIYOYEV = "person/kassym-jomart-tokayev", "person/shavkat-mirziyoyev"
PERSONS = {"person/xi-jinping", "person/narendra-modi", "person/vladimir-putin", TOKAYEV, MIRZIYOYEV,
           "person/recep-tayyip-erdogan"}


def _events(G, kind):
    return sorted((n for n, d in G.nodes(data=True) if d.get("type") == kind),
                  key=lambda n: (G.nodes[n]["start_date"], n))


def _parts(G, ev):
    return {v for _, v, k in G.out_edges(ev, keys=True) if k == "participant"}


def test_records_corpus12_reads_every_article_in_both_languages(corpus12):
    assert not corpus12.errors
    langs = Counter(a.lang for a in corpus12.records.articles.values())
    assert langs == {"ru": 7, "en": 6}


def test_records_corpus12_exact_persons(corpus12):
    G = corpus12.networkx
    persons = {n for n, d in G.nodes(data=True) if d.get("type") in ("Person", "Leader")}
    assert persons == PERSONS


def test_records_corpus12_exact_events_by_kind(corpus12):
    G = corpus12.networkx
    kinds = Counter(d["type"] for _, d in G.nodes(data=True) if d.get("category") == "event")
    assert dict(kinds) == {"Summit": 1, "Meeting": 4, "Visit": 1, "PhoneCall": 1, "Statement": 4,
                           "AgreementSigning": 1}


def test_records_corpus12_one_agreement_signing_two_sources(corpus12):
    G = corpus12.networkx
    signings = _events(G, "AgreementSigning")
    assert len(signings) == 1
    assert G.nodes[signings[0]]["source_count"] == 2
    assert _parts(G, signings[0]) >= {TOKAYEV, MIRZIYOYEV}


def test_records_corpus12_source_counts(corpus12):
    G = corpus12.networkx
    (summit,) = _events(G, "Summit")
    assert G.nodes[summit]["source_count"] == 6
    assert (G.nodes[summit]["start_date"], G.nodes[summit]["end_date"]) == ("2025-08-31", "2025-09-01")
    by_pair = {frozenset(_parts(G, m)): G.nodes[m] for m in _events(G, "Meeting")}
    assert by_pair[frozenset({"person/xi-jinping", "person/narendra-modi"})]["source_count"] == 2
    assert by_pair[frozenset({"person/vladimir-putin", "person/narendra-modi"})]["source_count"] == 2
    (call,) = _events(G, "PhoneCall")
    assert G.nodes[call]["source_count"] == 2 and _parts(G, call) == {"person/vladimir-putin",
                                                                      "person/recep-tayyip-erdogan"}
    (visit,) = _events(G, "Visit")
    assert G.nodes[visit]["source_count"] == 2 and G.nodes[visit]["start_date"] == "2025-10-14"
    assert all(G.nodes[s]["source_count"] == 1 for s in _events(G, "Statement"))


def test_records_corpus12_two_meetings_of_one_pair_stay_distinct(corpus12):
    G = corpus12.networkx
    pair = [m for m in _events(G, "Meeting") if _parts(G, m) == {TOKAYEV, MIRZIYOYEV}]
    assert len(pair) == 2
    astana, tashkent = (G.nodes[m] for m in pair)
    assert (astana["start_date"], astana["source_count"]) == ("2025-10-14", 3)
    assert (tashkent["start_date"], tashkent["source_count"]) == ("2025-11-13", 2)
    places = [next(v for _, v, k in G.out_edges(m, keys=True) if k == "heldIn") for m in pair]
    assert places == ["city/astana", "city/tashkent"]
    # metWith edges exist once per shared event: the summit, the state visit, Astana, Tashkent
    met = sorted(G[TOKAYEV][MIRZIYOYEV])
    assert len(met) == 4 and {"metWith|" + m for m in pair} <= set(met)


def test_records_corpus12_sideline_meetings_are_part_of_the_summit(corpus12):
    G = corpus12.networkx
    (summit,) = _events(G, "Summit")
    sideline = {u for u, v, k in G.in_edges(summit, keys=True) if k == "partOf"}
    assert {frozenset(_parts(G, m)) for m in sideline} == {
        frozenset({"person/xi-jinping", "person/narendra-modi"}),
        frozenset({"person/vladimir-putin", "person/narendra-modi"})}


def test_records_corpus12_merge_log_explains_each_merged_event(corpus12):
    rec = corpus12.records
    G = corpus12.networkx
    merged_events = [n for n, d in G.nodes(data=True) if d.get("category") == "event" and d["source_count"] > 1]
    for n in merged_events:
        why = G.nodes[n]["merged_from"]
        assert why and all(len(m["ids"]) >= 2 and m["reason"] for m in why)
        assert [m.reason for m in rec.merges_of(n)] == [m["reason"] for m in why]
    # the trade figure both Astana reports give is one quantity with two sources
    trade = [d for _, d in G.nodes(data=True) if d.get("category") == "quantity" and d["amount"] == 4.4e9]
    assert len(trade) == 1 and len(trade[0]["sources"]) == 2
