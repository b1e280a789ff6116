"""Time KB matching of every candidate mention of a ~3,000-character Russian article vs natasha NER.

    python benchmarks/kb_lookup.py

The article is generated here from a few template sentences (no corpus text is copied).
Candidates are all runs of 1-3 consecutive capitalised words; each is passed to
``KnowledgeBase.lookup`` and the results to ``rank``. Both timings are warm (models and KB
loaded, one run discarded); the cold first pass of the matcher is printed too.
"""
from __future__ import annotations

import re
import statistics
import time

from kg.kb import load, word_forms

SENTENCES = [
    "Президент Казахстана Касым-Жомарт Токаев провёл в Астане переговоры с Председателем КНР Си Цзиньпином.",
    "Стороны обсудили работу Шанхайской организации сотрудничества и подготовку саммита в Тяньцзине.",
    "Министр иностранных дел России Сергей Лавров заявил, что Москва поддерживает инициативы Пекина.",
    "В Нью-Йорке Генеральный секретарь ООН Антониу Гутерриш встретился с премьер-министром Индии Нарендрой Моди.",
    "Позднее Владимир Путин провёл телефонный разговор с Реджепом Тайипом Эрдоганом о ситуации в Сирии.",
    "Делегация Евразийского экономического союза прибыла в Бишкек, где её принял Садыр Жапаров.",
    "Канцлер Германии Фридрих Мерц и президент Франции Эмманюэль Макрон обсудили решения Евросоюза.",
    "Эксперты Всемирного банка и МВФ отметили рост торговли между Узбекистаном и Туркменистаном.",
]


def article(target: int = 3000) -> str:
    out, i = [], 0
    while sum(len(s) + 1 for s in out) < target:
        out.append(SENTENCES[i % len(SENTENCES)])
        i += 1
    return " ".join(out)[:target]


def candidates(text: str) -> list[str]:
    """Every run of 1-3 consecutive capitalised words (hyphenated words count as one)."""
    words = re.findall(r"[\w-]+", text)
    caps = [w[:1].isupper() for w in words]
    out = []
    for i in range(len(words)):
        for n in (1, 2, 3):
            if i + n <= len(words) and all(caps[i:i + n]):
                out.append(" ".join(words[i:i + n]))
    return out


def time_kb(kb, cands: list[str]) -> float:
    t = time.perf_counter()
    for c in cands:
        kb.rank(kb.lookup(c))
    return time.perf_counter() - t


def time_natasha(text: str) -> tuple[float, float]:
    from natasha import Doc, NewsEmbedding, NewsNERTagger, Segmenter

    t = time.perf_counter()
    seg, ner = Segmenter(), NewsNERTagger(NewsEmbedding())
    load_s = time.perf_counter() - t

    def run() -> float:
        t0 = time.perf_counter()
        doc = Doc(text)
        doc.segment(seg)
        doc.tag_ner(ner)
        return time.perf_counter() - t0

    run()
    return load_s, statistics.median(run() for _ in range(5))


def main() -> None:
    text = article()
    t = time.perf_counter()
    kb = load()
    kb_load = time.perf_counter() - t
    cands = candidates(text)
    cold = time_kb(kb, cands)
    warm = statistics.median(time_kb(kb, cands) for _ in range(5))
    word_forms.cache_clear()
    fresh_words = time_kb(kb, cands)  # word-form cache emptied, morphology loaded
    nat_load, nat = time_natasha(text)
    print(f"article: {len(text)} chars, {len(cands)} candidate mentions")
    print(f"KB load: {kb_load * 1000:.0f} ms; natasha models load: {nat_load * 1000:.0f} ms")
    print(f"KB matching, first pass: {cold * 1000:.1f} ms")
    print(f"KB matching, word caches emptied: {fresh_words * 1000:.2f} ms")
    print(f"KB matching, warm (median of 5): {warm * 1000:.2f} ms")
    print(f"natasha segmentation + NER (median of 5): {nat * 1000:.2f} ms")
    print(f"ratio natasha / KB: warm {nat / warm:.1f}x, caches emptied {nat / fresh_words:.1f}x")


if __name__ == "__main__":
    main()
