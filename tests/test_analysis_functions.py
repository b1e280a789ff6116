"""kg.analysis on the hand-made example graph and on the corpus we wrote (tests/data/corpus12)."""
from __future__ import annotations

import doctest
import importlib

import networkx as nx
import pytest

import kg.analysis as ka

TOKAYEV, MIRZIYOYEV, PUTIN, MODI, XI = ("person/kassym-jomart-tokayev", "person/shavkat-mirziyoyev",
                                        "person/vladimir-putin", "person/narendra-modi", "person/xi-jinping")


@pytest.fixture(scope="module")
def G():
    return ka.example_graph()


@pytest.fixture(scope="module")
def C(corpus12):
    return corpus12.networkx


def test_analysis_docstring_examples_run():
    """Every module's examples run, with the package's public names in scope (as after
    ``from kg.analysis import *``)."""
    names = {name: getattr(ka, name) for name in ka.__all__}
    failed = attempted = 0
    for mod in [ka] + [importlib.import_module(f"kg.analysis.{m}") for m in ("events", "networks", "tables", "example")]:
        f, a = doctest.testmod(mod, extraglobs=names, optionflags=doctest.NORMALIZE_WHITESPACE)
        failed, attempted = failed + f, attempted + a
    assert attempted >= 20 and failed == 0
    undocumented = [name for name in ka.__all__ if callable(getattr(ka, name))
                    and ">>>" not in (getattr(ka, name).__doc__ or "")]
    assert undocumented == []


def test_analysis_find_node_by_id_label_alias(G):
    assert ka.find_node(G, "country/kz") == "country/kz"
    assert ka.find_node(G, "Си Цзиньпин") == XI
    assert ka.find_node(G, "tokayev") == TOKAYEV  # an alias, any case
    with pytest.raises(KeyError):
        ka.find_node(G, "Nobody")


def test_analysis_events_filters_kind_and_status(G):
    assert len(ka.events(G, status=None)) == 8
    assert ka.events(G, kinds=("PhoneCall",)) == ["event/tokayev-mirziyoyev-call"]
    assert all(G.nodes[e]["status"] == "happened" for e in ka.events(G))


def test_analysis_event_countries_through_leaders_and_visit_host(G):
    # the visit's only participant is Putin; Kazakhstan hosts it
    assert ka.event_countries(G, "event/astana-visit") == ["country/kz", "country/ru"]
    assert ka.event_countries(G, "event/sco-summit") == ["country/cn", "country/kz", "country/ru", "country/uz"]


def test_analysis_meeting_network_weights_are_shared_events(C):
    H = ka.meeting_network(C)
    assert isinstance(H, nx.Graph) and not H.is_multigraph()
    # summit + state visit + Astana talks + Tashkent talks
    assert H[TOKAYEV][MIRZIYOYEV]["weight"] == 4
    assert H[PUTIN][MODI]["weight"] == 2  # the summit and the sideline meeting
    assert H[XI][MODI]["first"] == "2025-08-31"
    assert "person/recep-tayyip-erdogan" in H and H[PUTIN]["person/recep-tayyip-erdogan"]["weight"] == 1


def test_analysis_country_network_weights(C):
    H = ka.country_network(C)
    # the summit, the visit, two meetings, and the signing by both presidents (en)
    assert H["country/kz"]["country/uz"]["weight"] == 5
    assert H["country/ru"]["country/tr"]["weight"] == 1
    assert not H.has_edge("country/tr", "country/kz")


def test_analysis_who_met_whom_sorted_by_count(C):
    pairs = ka.who_met_whom(C, kinds=("Meeting",))
    assert pairs[0] == (TOKAYEV, MIRZIYOYEV, 2)
    assert {(a, b) for a, b, _ in pairs} == {(TOKAYEV, MIRZIYOYEV), (MODI, XI), (MODI, PUTIN)}
    assert [n for *_, n in pairs] == sorted((n for *_, n in pairs), reverse=True)
    assert ka.who_met_whom(C, kinds=("Meeting",), min_count=2) == [(TOKAYEV, MIRZIYOYEV, 2)]


def test_analysis_timeline_of_leader_and_country(C):
    t = ka.timeline(C, "Мирзиёев")
    assert [x["date"] for x in t] == sorted(x["date"] for x in t)
    meetings = [x for x in t if x["type"] == "Meeting"]
    assert [(x["date"], x["place"]) for x in meetings] == [("2025-10-14", "city/astana"),
                                                            ("2025-11-13", "city/tashkent")]
    assert any(x["type"] == "Statement" and x["role"] == "speaker" for x in t)
    china = ka.timeline(C, "China")
    # held in China (Tianjin): the summit and both sideline meetings; Xi's statement
    assert {x["type"] for x in china} == {"Summit", "Meeting", "Statement"}
    roles = {frozenset(x["with"]): x["role"] for x in china if x["type"] == "Meeting"}
    assert roles == {frozenset({XI, MODI}): "host", frozenset({PUTIN, MODI}): "venue"}


def test_analysis_centrality_numpy_only(C):
    H = ka.country_network(C)
    c = ka.centrality(H)
    assert set(c) == set(H)
    assert abs(sum(v["pagerank"] for v in c.values()) - 1) < 1e-4
    top = max(c, key=lambda n: c[n]["strength"])
    assert top in ("country/kz", "country/uz")
    assert c["country/tr"]["betweenness"] == 0
    assert c["country/ru"]["betweenness"] > 0  # Russia links Turkey to the rest
    assert ka.centrality(nx.Graph()) == {}


def test_analysis_communities_fixed_seed(C):
    H = ka.country_network(C)
    first = ka.communities(H)
    assert first == ka.communities(H)  # same seed, same answer
    assert set().union(*first) == set(H)
    together = next(c for c in first if "country/kz" in c)
    assert "country/uz" in together


def test_analysis_bilateral_summary(C):
    s = ka.bilateral(C, "Kazakhstan", "Узбекистан")
    assert s["countries"] == ("country/kz", "country/uz")
    assert [m["type"] for m in s["meetings"]] == ["Summit", "Visit", "Meeting", "Meeting"]
    assert (s["first"], s["last"]) == ("2025-08-31", "2025-11-13")
    assert len(s["agreements"]) >= 1
    assert [(q["amount"], q["year"]) for q in s["quantities"]] == [(10e9, None), (4.4e9, 2024)]
    assert [x["speaker"] for x in s["statements"]] == [MIRZIYOYEV]
    ci = ka.bilateral(C, "country/cn", "country/in")
    assert [q["amount"] for q in ci["quantities"]] == [118e9]
    assert sorted(x["speaker"] for x in ci["statements"]) == [MODI, XI]


def test_analysis_stats_counts(C):
    s = ka.stats(C, top=3)
    assert s["articles"] == 13
    assert s["types"]["Leader"] == 6 and s["types"]["Meeting"] == 4
    assert s["max_sources"] == 6 and s["merged_events"] >= 7
    assert s["date_range"] == ("2025-08-31", "2025-11-13")
    assert len(s["top_leaders"]) == 3 and s["top_leaders"][0][2] == 4
    assert s["linked"] + s["unlinked"] == s["entities"]


def test_analysis_events_dataframe(C):
    pd = pytest.importorskip("pandas")
    df = ka.events_dataframe(C)
    assert len(df) == sum(1 for _, d in C.nodes(data=True) if d.get("category") == "event")
    assert pd.api.types.is_datetime64_any_dtype(df["start_date"])
    meetings = df[df.type == "Meeting"].sort_values("start_date")
    assert list(meetings.place_country) == ["country/cn", "country/cn", "country/kz", "country/uz"]
    assert df.loc[df.type == "Summit", "source_count"].item() == 6
    assert df.confidence.between(0, 1).all()


def test_analysis_participants_dataframe(C):
    pytest.importorskip("pandas")
    df = ka.participants_dataframe(C)
    per = df[df.event_type.isin(["Meeting", "Summit"])].groupby("participant").size()
    assert per[TOKAYEV] == 3 and per[MODI] == 3
    row = df[(df.participant == MIRZIYOYEV) & (df.event_type == "Visit")].iloc[0]
    assert row.role == "guest" and row.countries == ["country/uz"]
