"""A small event graph made from hand-written records (no NLP): the graph every example in
:mod:`kg.analysis` runs on.
"""
from __future__ import annotations

import networkx as nx

from ..graph.convert import to_networkx
from ..merge.records import Merge, Records
from ..model import Article, Entity, Event, Evidence, Participant, Quantity, Relation

__all__ = ["example_graph"]


def example_graph() -> nx.MultiDiGraph:
    """A small graph built from hand-made records (no NLP), for examples and tests.

    Six articles, four leaders (Putin, Tokayev, Xi, Mirziyoyev) and their countries;
    three meetings of Putin and Tokayev's side (one in Moscow, one in Astana reported by two
    articles, the SCO summit), Tokayev and Xi in Tianjin, a phone call of Tokayev and
    Mirziyoyev, a state visit, an agreement signing, a statement and a trade figure.

    Examples
    --------
    >>> G = example_graph()
    >>> G.number_of_nodes(), len(G.graph["articles"])
    (22, 6)
    >>> G.nodes["event/astana-talks"]["source_count"], G.nodes["event/astana-talks"]["confidence"]
    (2, 0.978)
    >>> G.nodes["event/astana-talks"]["merged_from"][0]["reason"]
    'same meeting: participants person/kassym-jomart-tokayev, person/vladimir-putin, compatible dates and place'
    """

    rec = Records()
    arts = {"a1": ("2025-08-30", "ru"), "a2": ("2025-08-31", "en"), "a3": ("2025-10-09", "ru"),
            "a4": ("2025-11-12", "ru"), "a5": ("2025-11-12", "en"), "a6": ("2025-12-01", "en")}
    for aid, (date, lang) in arts.items():
        rec.articles[aid] = Article(id=aid, text=f"article {aid}", title=f"Article {aid}", date=date, lang=lang,
                                    source=f"{aid}.txt")

    def ev(article: str, rule: str = "ru.event.meeting", conf: float = 1.0) -> tuple[Evidence, ...]:
        return (Evidence(article, f"A sentence of {article}.", 0, 10, rule, conf),)

    people = {"vladimir-putin": ("Vladimir Putin", "Владимир Путин", "Q7747", "ru", ("Путин",)),
              "kassym-jomart-tokayev": ("Kassym-Jomart Tokayev", "Касым-Жомарт Токаев", None, "kz", ("Tokayev",)),
              "xi-jinping": ("Xi Jinping", "Си Цзиньпин", "Q15031", "cn", ()),
              "shavkat-mirziyoyev": ("Shavkat Mirziyoyev", "Шавкат Мирзиёев", None, "uz", ())}
    countries = {"ru": ("Russia", "Россия"), "kz": ("Kazakhstan", "Казахстан"), "cn": ("China", "Китай"),
                 "uz": ("Uzbekistan", "Узбекистан")}
    cities = {"moscow": ("Moscow", "Москва", "ru"), "astana": ("Astana", "Астана", "kz"),
              "tianjin": ("Tianjin", "Тяньцзинь", "cn")}
    all_arts = tuple(e for a in arts for e in ev(a, "ru.ner.natasha"))
    for key, (en, ru, qid, _, aliases) in people.items():
        rec.entities[f"person/{key}"] = Entity(f"person/{key}", "Leader", en, ru, qid, aliases, f"person/{key}",
                                               all_arts)
    for key, (en, ru) in countries.items():
        rec.entities[f"country/{key}"] = Entity(f"country/{key}", "Country", en, ru, None, (), f"country/{key}",
                                                all_arts)
    for key, (en, ru, _) in cities.items():
        rec.entities[f"city/{key}"] = Entity(f"city/{key}", "City", en, ru, None, (), f"city/{key}", ev("a1"))
    rec.entities["org/sco"] = Entity("org/sco", "Organization", "Shanghai Cooperation Organisation", "ШОС", None,
                                     ("SCO",), "org/sco", ev("a2"))
    rec.entities["person/ivanov~a3"] = Entity("person/ivanov~a3", "Person", "", "Иванов", None, (), None,
                                              ev("a3", "ru.ner.natasha"))
    for key, (_, _, _, country, _) in people.items():
        rec.relations[(f"person/{key}", "leaderOf", f"country/{country}")] = Relation(
            f"person/{key}", "leaderOf", f"country/{country}", evidence=ev("a1", "ru.role.apposition"))
    for key, (_, _, country) in cities.items():
        rec.relations[(f"city/{key}", "locatedIn", f"country/{country}")] = Relation(
            f"city/{key}", "locatedIn", f"country/{country}", evidence=ev("a1", "kb.located_in"))

    P, T, X, M = ("person/vladimir-putin", "person/kassym-jomart-tokayev", "person/xi-jinping",
                  "person/shavkat-mirziyoyev")

    def event(eid, kind, parts, place, date, evidence, status="happened", end=None, **kw):
        rec.events[eid] = Event(eid, kind, participants=tuple(sorted(Participant(*p) if isinstance(p, tuple)
                                                                     else Participant(p) for p in parts)),
                                place=place, start_date=date, end_date=end, status=status, evidence=evidence, **kw)

    event("event/tianjin-talks", "Meeting", [T, X], "city/tianjin", "2025-08-30", ev("a1"))
    event("event/sco-summit", "Summit", [P, T, X, M], "city/tianjin", "2025-08-31", ev("a2", "en.event.summit"),
          end="2025-09-01", organizer="org/sco")
    event("event/moscow-talks", "Meeting", [P, T], "city/moscow", "2025-10-09", ev("a3"))
    event("event/tokayev-statement", "Statement", [(T, "speaker")], None, "2025-10-09",
          ev("a3", "ru.statement.quote"), quote="Россия остается главным партнером Казахстана")
    event("event/astana-visit", "Visit", [(P, "guest")], "city/astana", "2025-11-12", ev("a4", "ru.event.visit"))
    event("event/astana-talks", "Meeting", [P, T], "city/astana", "2025-11-12",
          ev("a4") + ev("a5", "en.event.meeting"))
    event("event/astana-signing", "AgreementSigning", [(P, "signatory"), (T, "signatory")], "city/astana",
          "2025-11-12", ev("a4", "ru.event.agreementsigning"))
    event("event/tokayev-mirziyoyev-call", "PhoneCall", [T, M], None, "2025-12-01",
          ev("a6", "en.event.phonecall") + ev("a5", "en.coref.surname", 0.9))
    rec.relations[("event/tianjin-talks", "partOf", "event/sco-summit")] = Relation(
        "event/tianjin-talks", "partOf", "event/sco-summit", evidence=ev("a1"))
    rec.merges.append(Merge("event/astana-talks", ("event/astana-talks", "event/astana-talks-en"),
                            "same meeting: participants person/kassym-jomart-tokayev, person/vladimir-putin, "
                            "compatible dates and place"))
    rec.quantities["quantity/ru-kz-trade"] = Quantity("quantity/ru-kz-trade", "trade_turnover", 28e9, "USD", "",
                                                      2024, ("country/kz", "country/ru"), "",
                                                      ev("a3", "ru.quantity.money"))
    return to_networkx(rec)
