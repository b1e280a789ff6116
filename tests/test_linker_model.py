"""The shipped linker: it loads from package data, matches the feature code, and
reads a hand-written sentence the way a reader would."""
from __future__ import annotations

import json
import tomllib
from importlib import resources
from pathlib import Path

import pytest

from kg.extract.linker import LINKER_RULE, Item, Linker, item_at
from kg.extract.linker.features import FEATURE_NAMES
from kg.extract.ru.nlp import analyse

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def linker():
    return Linker.load()


def test_shipped_files_are_package_data_and_small(linker):
    pkg = resources.files("kg.extract.linker")
    meta = json.loads(pkg.joinpath("meta.json").read_text(encoding="utf-8"))
    names = [f for st in meta["stages"] for f in st["files"]]
    assert names and all(pkg.joinpath(n).is_file() for n in names)
    assert sum(len(pkg.joinpath(n).read_bytes()) for n in names) < 2_000_000
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    assert {"model*.txt", "meta.json"} <= set(patterns["kg.extract.linker"])
    assert meta["rule"] == LINKER_RULE == f"ru.linker.{linker.version}"
    assert tuple(meta["features"]) == FEATURE_NAMES
    assert set(meta["thresholds"]) == {"participant", "place", "date"}
    assert meta["counts"]["documents"] == 746 and meta["nerel_commit"]


def _items(text, sents, spans):
    out = []
    for surface, typ in spans:
        k = text.index(surface)
        out.append(item_at(sents, k, k + len(surface), typ))
    return out


def test_meeting_in_paris(linker):
    """Both role phrases rank as participants above the city, the city is the place. The
    subject is linked; the «с»-phrase after the place is not at the threshold: the model
    retrained on this round's parse cues gives it p .23 (window 1 or 3 alike). The extractor's
    rules tie that phrase by syntax and keep it; the linker only vetoes their guesses."""
    text = "Президент Франции встретился в Париже с канцлером Германии."
    sents = analyse(text, parse_at=[text.index("встретился")])
    ev = item_at(sents, text.index("встретился"), text.index("встретился") + 10, "EVENT")
    pres, city, chanc = _items(text, sents, [("Президент Франции", "PROFESSION"), ("Париже", "CITY"),
                                             ("канцлером Германии", "PROFESSION")])
    probs = linker.score(sents, ev, [pres, city, chanc])
    assert min(probs[0][0], probs[2][0]) > probs[1][0]  # the roles are participants, the city less so
    assert probs[1][1] > max(probs[0][1], probs[2][1])  # the city is the place
    assert probs[2][0] > 0.1
    links = {(lk.item, lk.label) for lk in linker.links(sents, ev, [pres, city, chanc])}
    assert {(pres, "participant"), (city, "place")} <= links
    assert (chanc, "place") not in links and (pres, "place") not in links


def test_names_and_a_date_in_a_two_sentence_article(linker):
    text = ("Во вторник в Пекине прошли переговоры Владимира Путина и Си Цзиньпина.\n\n"
            "Стороны обсудили торговлю.")
    sents = analyse(text)  # «переговоры» is a parse cue: parsed as the extractor would
    k = text.index("переговоры")
    ev = item_at(sents, k, k + 10, "EVENT")
    items = _items(text, sents, [("Во вторник", "DATE"), ("Пекине", "CITY"), ("Владимира Путина", "PERSON"),
                                 ("Си Цзиньпина", "PERSON")])
    got = {lk.item: lk.label for lk in linker.links(sents, ev, items)}
    assert got == {items[0]: "date", items[1]: "place", items[2]: "participant", items[3]: "participant"}


def test_out_of_window_and_impossible_labels_score_zero(linker):
    text = ("Министр прибыл в Осло.\n\nПогода была хорошей.\n\nДождя не было.\n\nНа улицах было людно.\n\n"
            "В Бергене шёл снег.")
    sents = analyse(text, parse_at=[text.index("прибыл")])
    ev = item_at(sents, text.index("прибыл"), text.index("прибыл") + 6, "EVENT")
    far = item_at(sents, text.index("Бергене"), text.index("Бергене") + 7, "CITY")
    minister = item_at(sents, 0, 7, "PROFESSION")
    assert far.sent - ev.sent > linker.window
    probs = linker.score(sents, ev, [minister, far])
    assert probs[1] == (0.0, 0.0, 0.0)
    assert probs[0][1] == 0.0 and probs[0][2] == 0.0 and probs[0][0] > 0.0  # a role is never a place or a date
    with pytest.raises(ValueError):
        linker.score(sents, Item(ev.sent, ev.start, ev.end, "CITY"), [minister])
