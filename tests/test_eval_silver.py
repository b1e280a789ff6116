"""The silver meeting evaluation (kg/evaluation/silver.py) on a text and an annotation we wrote."""
from __future__ import annotations

from kg.evaluation.silver import evaluate, read_annotations

HEADER = "doc\tmid\tkind\tstatus\tparticipants\tplace\tdate\ttrigger\tnote\n"


def _write(tmp_path, rows: list[str], text: str):
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "d1.txt").write_text(text, encoding="utf-8")
    ann = tmp_path / "ann.tsv"
    ann.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return ann


def test_reads_rows_and_documents_without_meetings(tmp_path):
    ann = _write(tmp_path, ["d1\t1\tmeeting\thappened\tВладимир Путин | Олаф Шольц\tМосква\t\tвстреча\t",
                            "d2\t0\tnone\t\t\t\t\t\t"], "x")
    docs = read_annotations(ann)
    assert docs["d1"].meetings == [{"kind": "meeting", "status": "happened",
                                    "participants": ["Владимир Путин", "Олаф Шольц"]}]
    assert docs["d2"].meetings == []


def test_scores_pairs_against_the_extractor_and_separates_kinds(tmp_path):
    text = ("Владимир Путин встретился с Олафом Шольцем в Москве. "
            "Анна Белова и Иван Петров поженились летом.")
    ann = _write(tmp_path, [
        "d1\t1\tmeeting\thappened\tВладимир Путин | Олаф Шольц\tМосква\t\tвстретился\t",
        "d1\t2\tother\thappened\tАнна Белова | Иван Петров\t\t\tпоженились\t",
    ], text)
    rep = evaluate(ann, tmp_path / "corpus")
    pairs = rep.score("meeting pairs")
    assert (pairs.tp, pairs.fp, pairs.fn) == (1, 0, 1)  # the wedding is no meeting we extract
    diplomatic = rep.score("meeting pairs (diplomatic kinds)")
    assert (diplomatic.tp, diplomatic.fp, diplomatic.fn) == (1, 0, 0)
    assert any("missed (Анна Белова, Иван Петров)" in e for e in rep.errors)
