"""Ingestion: every input format, encodings, and bad input named in one line."""
from __future__ import annotations

import gzip
import json

import pytest

from kg.errors import InputError
from kg.ingest import article_id, read_paths
from kg.model import Article

SEED_LAYOUT = """ date 2024-03-05 ДИПЛОМАТИЯ
Лавров встретился с Ван И в Москве
Министры обсудили подготовку визита
Сергей Лавров и Ван И / МИД России
5 марта 2024 г.

Министр иностранных дел России Сергей Лавров провел переговоры с Ван И в Москве.
"""


def read_all(*paths):
    items = list(read_paths(paths))
    return [a for a in items if isinstance(a, Article)], [e for e in items if isinstance(e, InputError)]


def test_ingest_seed_layout_keeps_metadata_out_of_text(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(SEED_LAYOUT, encoding="utf-8")
    (a,), errors = read_all(f)
    assert not errors
    assert a.date == "2024-03-05" and a.rubric == "ДИПЛОМАТИЯ"
    assert a.title == "Лавров встретился с Ван И в Москве"
    assert a.lead == "Министры обсудили подготовку визита"
    assert a.caption == "Сергей Лавров и Ван И" and a.credit == "МИД России"
    assert "ДИПЛОМАТИЯ" not in a.text and "МИД России" not in a.text and "5 марта 2024" not in a.text
    assert a.text.startswith(a.title) and a.lang == "ru"
    assert a.title_span == (0, len(a.title))


def test_ingest_same_text_twice_is_one_id(tmp_path):
    (tmp_path / "a.txt").write_text(SEED_LAYOUT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(SEED_LAYOUT.replace("\n", "\r\n") + "\n\n", encoding="utf-8")
    arts, _ = read_all(tmp_path)
    assert len(arts) == 2 and arts[0].id == arts[1].id
    assert article_id("x  \n\n\n\ny") == article_id("x\n\ny")


@pytest.mark.parametrize("encoding", ["cp1251", "koi8-r", "utf-8", "utf-16"])
def test_ingest_encodings(tmp_path, encoding):
    f = tmp_path / "a.txt"
    f.write_bytes(SEED_LAYOUT.encode(encoding))
    (a,), errors = read_all(f)
    assert not errors
    assert "Сергей Лавров провел переговоры" in a.text


def test_ingest_plain_text_title_and_dateline(tmp_path):
    f = tmp_path / "p.txt"
    f.write_text("Leaders meet in Geneva\n\nMarch 3, 2021\n\nThe two presidents met on Tuesday.\n", encoding="utf-8")
    (a,), _ = read_all(f)
    assert a.title == "Leaders meet in Geneva" and a.date == "2021-03-03" and a.lang == "en"
    assert "March 3, 2021" not in a.text


def test_ingest_html_main_text_and_metadata(tmp_path):
    f = tmp_path / "page.html"
    body = " ".join(["Президент Казахстана провел переговоры с председателем КНР в Тяньцзине."] * 4)
    f.write_text(f"""<!DOCTYPE html><html><head><title>Переговоры в Тяньцзине</title>
<meta property="article:published_time" content="2025-08-30T10:00:00+05:00"></head>
<body><nav><a href="/">Главная</a> | <a href="/news">Новости</a></nav>
<article><h1>Переговоры в Тяньцзине</h1><p>{body}</p><p>{body}</p></article>
<script>alert(1)</script><footer>Все права защищены</footer></body></html>""", encoding="utf-8")
    (a,), errors = read_all(f)
    assert not errors
    assert "переговоры с председателем КНР" in a.text
    assert "alert" not in a.text and "Все права защищены" not in a.text
    assert a.date == "2025-08-30" and "Тяньцзине" in a.title


def test_ingest_jsonl_bad_lines_named_good_lines_kept(tmp_path):
    f = tmp_path / "batch.jsonl"
    lines = [json.dumps({"text": "Путин провел телефонный разговор с Токаевым.", "date": "2024-01-02",
                         "title": "Звонок", "url": "https://example.org/1", "lang": "ru"}, ensure_ascii=False),
             "{not json",
             json.dumps({"title": "no text"}),
             json.dumps({"text": "Xi Jinping met Kassym-Jomart Tokayev in Astana.", "source": "wire"})]
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    arts, errors = read_all(f)
    assert len(arts) == 2 and len(errors) == 2
    assert arts[0].url == "https://example.org/1" and arts[0].date == "2024-01-02"
    assert errors[0].source.endswith("batch.jsonl:2") and "malformed JSON" in errors[0].reason
    assert errors[1].source.endswith("batch.jsonl:3")


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Wire</title>
<item><title>Leaders meet</title><link>https://example.org/a</link>
<pubDate>Tue, 02 Jan 2024 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Xi Jinping met Tokayev in Astana.&lt;/p&gt;</description></item>
<item><title>Second</title><link>https://example.org/b</link><description>Another story about talks.</description></item>
</channel></rss>"""


def test_ingest_rss_entries(tmp_path):
    f = tmp_path / "feed.xml"
    f.write_text(RSS, encoding="utf-8")
    arts, errors = read_all(f)
    assert not errors and len(arts) == 2
    a = arts[0]
    assert a.url == "https://example.org/a" and a.date == "2024-01-02"
    assert "Xi Jinping met Tokayev" in a.text and "<p>" not in a.text


def test_ingest_feed_with_entities_is_refused(tmp_path):
    f = tmp_path / "evil.rss"
    f.write_text('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                 '<rss><channel><item><title>&x;</title></item></channel></rss>', encoding="utf-8")
    arts, (err,) = read_all(f)
    assert not arts and "entities" in err.reason


def test_ingest_bad_files_named_and_batch_goes_on(tmp_path):
    (tmp_path / "good.txt").write_text(SEED_LAYOUT, encoding="cp1251")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 20)
    (tmp_path / "archive.txt.gz").write_bytes(gzip.compress(SEED_LAYOUT.encode()))
    (tmp_path / "noise.bin").write_bytes(bytes(range(256)) * 40)
    arts, errors = read_all(tmp_path)
    assert len(arts) == 1 and "Лавров" in arts[0].text
    reasons = {e.source.rsplit("/", 1)[-1]: e.reason for e in errors}
    assert reasons["empty.txt"] == "empty file"
    assert "JPEG" in reasons["photo.jpg"]
    assert "gzip" in reasons["archive.txt.gz"]
    assert "binary" in reasons["noise.bin"]
    for e in errors:  # one line each, naming the file
        assert "\n" not in str(e) and e.source in str(e)


def test_ingest_missing_path_is_an_error_not_a_crash(tmp_path):
    arts, (err,) = read_all(tmp_path / "nope.txt")
    assert not arts and "no such file" in err.reason


def test_ingest_folder_skips_annotation_and_code_files(tmp_path):
    (tmp_path / "a.txt").write_text(SEED_LAYOUT, encoding="utf-8")
    (tmp_path / "a.ann").write_text("T1\tPERSON 0 5\tЛавров\n", encoding="utf-8")
    (tmp_path / "notes.py").write_text("print('not an article')\n", encoding="utf-8")
    (tmp_path / "MANIFEST.tsv").write_text("file\tsource\n", encoding="utf-8")
    arts, errors = read_all(tmp_path)
    assert [a.source.rsplit("/", 1)[-1] for a in arts] == ["a.txt"] and not errors
    # named explicitly, any file is read
    arts, _ = read_all(tmp_path / "notes.py")
    assert len(arts) == 1
