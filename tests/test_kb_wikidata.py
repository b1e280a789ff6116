"""Persons' Wikidata ids from NEREL-style links (kg/kb/wikidata.py), on brat files we wrote
about invented persons (tests/data/nerel_ids)."""
from __future__ import annotations

from kg.kb.wikidata import match_persons, read_nerel_persons


def _person(pid: str, name: str, aliases: str = "") -> dict:
    return {"id": pid, "name_ru": name, "aliases_ru": aliases}


def test_reads_person_links_with_labels_and_professions(data_dir):
    nerel = read_nerel_persons(data_dir / "nerel_ids")
    assert set(nerel) == {"Q9000001", "Q9000002", "Q9000003", "Q9000004", "Q9000005"}  # dev too
    assert nerel["Q9000001"].labels == {"Петров, Иван Иванович"}
    assert nerel["Q9000001"].professions == {"Президент Заморья"}
    assert nerel["Q9000003"].mentions == {"Олегом Сидоровым"}


def test_a_name_two_ids_hold_goes_to_the_one_whose_profession_names_the_office(data_dir):
    nerel = read_nerel_persons(data_dir / "nerel_ids")
    persons = [_person("ivan-petrov", "Иван Петров")]
    offices = [{"person": "ivan-petrov", "role": "head_of_state"}]
    assert match_persons(persons, offices, nerel) == {"ivan-petrov": ("Q9000001", "name+office")}
    # as a director general the other Ivan Petrov is the one
    offices = [{"person": "ivan-petrov", "role": "director_general"}]
    assert match_persons(persons, offices, nerel) == {"ivan-petrov": ("Q9000002", "name+office")}


def test_professions_naming_another_office_rule_an_id_out_and_none_allow_the_name_alone(data_dir):
    nerel = read_nerel_persons(data_dir / "nerel_ids")
    persons = [_person("oleg-sidorov", "Олег Сидоров"), _person("anna-belova", "Анна Белова"),
               _person("petr-orlov", "Пётр Орлов")]
    offices = [{"person": "oleg-sidorov", "role": "head_of_state"}]  # NEREL: a minister
    got = match_persons(persons, offices, nerel)
    assert "oleg-sidorov" not in got
    assert got["anna-belova"] == ("Q9000004", "name")  # no profession linked in NEREL
    assert got["petr-orlov"] == ("Q9000005", "name")


def test_a_name_must_stand_whole_in_the_label_and_an_id_is_given_once(data_dir):
    nerel = read_nerel_persons(data_dir / "nerel_ids")
    # «Петр» is not «Иван Петров»: no id for a person only sharing a surname
    assert match_persons([_person("x", "Пётр Петров")], [], nerel) == {}
    # two persons of the knowledge base that would take one id: neither does
    twins = [_person("a", "Анна Белова"), _person("b", "Белова Анна")]
    assert match_persons(twins, [], nerel) == {}
