"""Shared fixtures: texts we wrote live in tests/data; models load once per session."""
from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA


@pytest.fixture(scope="session")
def fixture_graph(tmp_path_factory):
    """The talks fixture built once through the CLI, as a user would."""
    from kg.cli import main

    out = tmp_path_factory.mktemp("fixture_out")
    rc = main(["build", str(DATA / "articles" / "talks_fixture.txt"), "-o", str(out)])
    assert rc == 0
    return out


@pytest.fixture(scope="session")
def fixture_store(fixture_graph):
    from kg.sparql.query import load_store

    return load_store(fixture_graph / "graph.ttl")


@pytest.fixture(scope="session")
def fixture_result():
    import kg

    return kg.build([DATA / "articles" / "talks_fixture.txt"])


@pytest.fixture(scope="session")
def corpus12():
    """tests/data/corpus12 (13 articles we wrote, Russian and English) built once."""
    import kg

    return kg.build([DATA / "corpus12"])


#: the first build of the store tests: two reports (ru, en) of one meeting and a follow-up
STORE_FIRST = ("07_ru_tokayev_mirziyoyev_astana.txt", "08_en_tokayev_mirziyoyev_astana.txt",
               "09_ru_astana_followup.txt")


@pytest.fixture
def corpus(tmp_path):
    """A folder holding STORE_FIRST, copied from tests/data/corpus12 (tests add files to it)."""
    import shutil

    src = tmp_path / "in"
    src.mkdir()
    for n in STORE_FIRST:
        shutil.copy(DATA / "corpus12" / n, src / n)
    return src
