"""Determinism (issue 10): the exports are byte-identical across runs, PYTHONHASHSEED values,
worker counts and the order of the inputs. (dcterms:source records each path as given, so the
runs compared give the paths the same way: `dir/x.txt`, whether listed or found in `dir`.)"""
from __future__ import annotations

import json
import shutil

from hostile_util import FIXTURE, ROOT, run_kg

from kg.pipeline import EXPORT_FILES

BILINGUAL = ROOT / "tests" / "data" / "bilingual"


def test_determinism_order_hashseed_and_folder(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    shutil.copy(FIXTURE, d / "a_talks.txt")
    shutil.copy(FIXTURE, d / "z_same_article_again.txt")  # one article read twice: one source kept
    shutil.copy(BILINGUAL / "putin_tokayev_ru.txt", d / "b_ru.txt")
    shutil.copy(BILINGUAL / "putin_tokayev_en.txt", d / "c_en.txt")
    (d / "d_wire.jsonl").write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in (
        {"text": "Лавров провел переговоры с Ван И в Пекине.", "date": "2024-03-05", "source": "wire-1"},
        {"text": "Xi Jinping met Narendra Modi in Tianjin.", "date": "2025-08-31", "source": "wire-2"},
    )) + "\n", encoding="utf-8")
    files = sorted(f"in/{p.name}" for p in d.iterdir())
    runs = {
        "sorted, seed 0": (files, {"PYTHONHASHSEED": "0"}),
        "reversed, seed 4242, -j 1": (files[::-1] + ["-j", "1"], {"PYTHONHASHSEED": "4242"}),
        "shuffled, random seed": ([files[2], files[0], files[4], files[1], files[3]], {"PYTHONHASHSEED": "random"}),
        "the folder, seed 7": (["in"], {"PYTHONHASHSEED": "7"}),
    }
    outputs = {}
    for i, (label, (args, env)) in enumerate(runs.items()):
        run = run_kg(["build", *args, "-o", f"out{i}"], cwd=tmp_path, **env)
        assert run.code == 0 and "Traceback" not in run.stderr, (label, run.stderr)
        outputs[label] = {name: (tmp_path / f"out{i}" / name).read_bytes() for name in EXPORT_FILES}
    first_label, first = next(iter(outputs.items()))
    assert b"z_same_article_again" not in first["graph.ttl"] and b"in/a_talks.txt" in first["graph.ttl"]
    for label, out in outputs.items():
        for name in EXPORT_FILES:
            assert out[name] == first[name], f"{name} differs between {first_label!r} and {label!r}"
