"""Calendar helpers shared by ingestion and extraction: month names, datelines."""
from __future__ import annotations

import datetime as dt
import re

__all__ = ["RU_MONTHS", "EN_MONTHS", "iso", "parse_dateline", "month_number"]

#: stems of Russian month names in any case form («августа», «август», «авг.»)
RU_MONTHS = {
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6,
    "июл": 7, "август": 8, "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12,
}
EN_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"], start=1)}
EN_MONTHS.update({m[:3]: i for m, i in list(EN_MONTHS.items())})
EN_MONTHS["sept"] = 9

_RU_MONTH_RE = r"(январ[ья]|феврал[ья]|марта?|апрел[ья]|ма[йя]|июн[ья]|июл[ья]|августа?|сентябр[ья]|октябр[ья]|ноябр[ья]|декабр[ья])"
_EN_MONTH_RE = r"(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
RU_MONTH_RE = _RU_MONTH_RE
EN_MONTH_RE = _EN_MONTH_RE


def month_number(word: str) -> int | None:
    w = word.lower().rstrip(".")
    if w in EN_MONTHS:
        return EN_MONTHS[w]
    if w in ("май", "мая"):
        return 5
    for stem, n in RU_MONTHS.items():
        if stem != "ма" and w.startswith(stem):
            return n
    return None


def iso(year: int, month: int, day: int) -> str | None:
    """``YYYY-MM-DD`` or None when the date does not exist."""
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


_DATELINE_RU = re.compile(rf"^\s*(\d{{1,2}})\s+{_RU_MONTH_RE}\s+(\d{{4}})(\s*(г\.?|года))?\s*$", re.I)
_DATELINE_EN = re.compile(rf"^\s*(?:\w+day,\s*)?{_EN_MONTH_RE}\s+(\d{{1,2}}),\s*(\d{{4}})\s*$", re.I)
_DATELINE_EN2 = re.compile(rf"^\s*(\d{{1,2}})\s+{_EN_MONTH_RE}\s+(\d{{4}})\s*$", re.I)
_DATELINE_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")


def parse_dateline(line: str) -> str | None:
    """A line that is only a date («30 августа 2025 г.», «November 13, 2004») as ISO."""
    m = _DATELINE_RU.match(line)
    if m:
        return iso(int(m.group(3)), month_number(m.group(2)) or 0, int(m.group(1)))
    m = _DATELINE_EN.match(line)
    if m:
        return iso(int(m.group(3)), month_number(m.group(1)) or 0, int(m.group(2)))
    m = _DATELINE_EN2.match(line)
    if m:
        return iso(int(m.group(3)), month_number(m.group(2)) or 0, int(m.group(1)))
    m = _DATELINE_ISO.match(line)
    if m:
        return iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return None
