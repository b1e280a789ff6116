"""Issue 9, the build side: named graphs that depend only on their article, incremental builds
that rewrite only what changed, and exports equal to a fresh build's."""
from __future__ import annotations

import shutil
import sqlite3

import pytest

import kg
from kg.pipeline import EXPORT_FILES
from kg.store import build_store
from kg.rdf.terms import DIP_CONFIDENCE, DIP_SOURCE_COUNT
from kg.rdf.triples import partition

from conftest import STORE_FIRST as FIRST
TASHKENT = "11_en_tokayev_mirziyoyev_tashkent.txt"
KZ = "<https://w3id.org/dipkg/id/country/kz>"


def _digests(store) -> dict[str, str]:
    db = sqlite3.connect(store / "records.sqlite")
    try:
        return dict(db.execute("SELECT iri, digest FROM graphs"))
    finally:
        db.close()


def test_adding_an_article_rewrites_only_the_graphs_it_changes(tmp_path, corpus, data_dir):
    """An article naming Kazakhstan, Astana and Tashkent, and no event: its own graph is written,
    and the others only where a pooled figure (a fact's confidence) moved. Before issue 9 every
    graph naming Kazakhstan changed, as each listed all of Kazakhstan's articles."""
    store = tmp_path / "store"
    build_store([corpus], store, outdir=None, jobs=1, progress=False)
    old_graphs = kg.build([corpus]).triples
    before = _digests(store)
    shutil.copy(data_dir / "store" / "harvest_en.txt", corpus / "harvest_en.txt")
    res = build_store([corpus], store, outdir=None, jobs=1, progress=False)
    after = _digests(store)
    changed = {g for g in after if before.get(g) != after[g]}
    new = set(after) - set(before)
    assert len(new) == 1 and new <= changed
    assert res.graphs_replaced == len(changed) <= 3
    new_graphs = kg.build([corpus]).triples
    for iri in changed - new:
        diff = set(old_graphs.graph(f"<{iri}>")) ^ set(new_graphs.graph(f"<{iri}>"))
        assert diff and {p for _, p, _ in diff} <= {DIP_CONFIDENCE, DIP_SOURCE_COUNT}, diff
    kept = [iri for iri in before if iri not in changed and any(t[0] == KZ for t in old_graphs.graph(f"<{iri}>"))]
    assert kept  # graphs that name Kazakhstan were left as they were


def test_named_graphs_follow_the_partition_rules(corpus12):
    """The emitter's graphs are what kg.triples.partition makes of the whole graph (the rules
    that kg push applies to files), and their union is the graph."""
    tr = corpus12.triples
    mine = {name: corpus12.triples.graph(name) for name in tr.names()}
    theirs = {name: sorted(set(ts)) for name, ts in partition(tr.union).items()}
    assert mine == theirs
    assert set().union(*map(set, mine.values())) == tr.union
    # the pooled figures of a node sit in one graph: its first article's
    for t in tr.union:
        if t[1] == DIP_SOURCE_COUNT:
            assert sum(t in set(ts) for ts in mine.values()) == 1


def _same_as_fresh(corpus, out, tmp_path):
    fresh = tmp_path / "fresh"
    kg.build([corpus]).write(fresh)
    for name in EXPORT_FILES:
        assert (out / name).read_bytes() == (fresh / name).read_bytes(), name
    shutil.rmtree(fresh)


def test_incremental_exports_are_spliced_and_equal_a_fresh_build(tmp_path, corpus, data_dir):
    store, out = tmp_path / "store", tmp_path / "out"
    first = build_store([corpus], store, outdir=out, jobs=1, progress=False)
    assert not first.exports_spliced
    # a report of a new meeting (Tashkent) and an article with no event
    shutil.copy(data_dir / "corpus12" / TASHKENT, corpus / TASHKENT)
    shutil.copy(data_dir / "store" / "harvest_en.txt", corpus / "harvest_en.txt")
    added = build_store([corpus], store, outdir=out, jobs=1, progress=False)
    assert added.extracted == 2 and added.exports_spliced
    _same_as_fresh(corpus, out, tmp_path)
    # a report of a meeting already in the graph (one more source for it)
    shutil.copy(data_dir / "corpus12" / "10_ru_tokayev_mirziyoyev_tashkent.txt", corpus / "10.txt")
    again = build_store([corpus], store, outdir=out, jobs=1, progress=False)
    assert again.extracted == 1 and again.exports_spliced
    _same_as_fresh(corpus, out, tmp_path)


def test_exports_changed_by_hand_are_written_whole(tmp_path, corpus, data_dir):
    store, out = tmp_path / "store", tmp_path / "out"
    build_store([corpus], store, outdir=out, jobs=1, progress=False)
    with open(out / "graph.ttl", "a", encoding="utf-8") as fh:
        fh.write("# edited\n")
    shutil.copy(data_dir / "corpus12" / TASHKENT, corpus / TASHKENT)
    res = build_store([corpus], store, outdir=out, jobs=1, progress=False)
    assert not res.exports_spliced
    _same_as_fresh(corpus, out, tmp_path)
    # exports left behind by a --no-exports build are written whole too
    shutil.copy(data_dir / "store" / "harvest_en.txt", corpus / "harvest_en.txt")
    build_store([corpus], store, outdir=None, jobs=1, progress=False)
    shutil.copy(data_dir / "corpus12" / "10_ru_tokayev_mirziyoyev_tashkent.txt", corpus / "10.txt")
    res = build_store([corpus], store, outdir=out, jobs=1, progress=False)
    assert not res.exports_spliced
    _same_as_fresh(corpus, out, tmp_path)


def test_unchanged_files_are_not_parsed_again(tmp_path, corpus, monkeypatch):
    store = tmp_path / "store"
    build_store([corpus], store, outdir=None, jobs=1, progress=False)
    import kg.ingest

    def no_parse(*args, **kwargs):
        raise AssertionError("an unchanged file was parsed again")

    monkeypatch.setattr(kg.ingest, "read_bytes", no_parse)
    res = build_store([corpus], store, outdir=None, jobs=1, progress=False)
    assert res.unchanged and res.read == 3
    # a changed file is parsed again
    monkeypatch.undo()
    path = corpus / FIRST[2]
    path.write_text(path.read_text(encoding="utf-8") + "\nДобавлена строка.\n", encoding="utf-8")
    res = build_store([corpus], store, outdir=None, jobs=1, progress=False)
    assert res.extracted == 1 and res.read == 3
