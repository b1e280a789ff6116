"""English date expressions in a sentence, resolved against the article date.

Exact dates («August 30, 2025», «30 August 2025», «Aug. 26», «on August 30»),
ranges («August 31 – September 1», «August 31-September 1», «18-19 April»,
«April 18-19»), relative days («today», «yesterday», «on Tuesday», «Tuesday
night»: the last such day before the article, or the next one for planned
events) and years («in 2024», «last year»). Same records as the Russian
``dates`` module.
"""
from __future__ import annotations

import datetime as dt
import re

from ...dates import EN_MONTH_RE, iso, month_number
from ..dates import DateExpr

__all__ = ["DateExpr", "find_dates", "find_year"]

_M = EN_MONTH_RE  # one group: the month word
_DASH = r"\s*(?:[-–—]|to|until|through|and)\s*"
_YEAR = r"(?:,?\s+(\d{4}))?"
_RANGE_2M_MD = re.compile(rf"\b{_M}\s+(\d{{1,2}})(?:st|nd|rd|th)?{_DASH}{_M}\s+(\d{{1,2}})(?:st|nd|rd|th)?{_YEAR}\b", re.I)
_RANGE_2M_DM = re.compile(rf"\b(\d{{1,2}})\s+{_M}{_DASH}(\d{{1,2}})\s+{_M}{_YEAR}\b", re.I)
_RANGE_MD = re.compile(rf"\b{_M}\s+(\d{{1,2}})\s*[-–—]\s*(\d{{1,2}}){_YEAR}\b", re.I)
_RANGE_DM = re.compile(rf"\b(\d{{1,2}})\s*[-–—]\s*(\d{{1,2}})\s+{_M}{_YEAR}\b", re.I)
_DATE_MD = re.compile(rf"\b{_M}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b{_YEAR}", re.I)
_DATE_DM = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_M}{_YEAR}\b", re.I)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_RELATIVE = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}
_RELATIVE_RE = re.compile(r"\b(" + "|".join(_RELATIVE) + r")\b", re.I)
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
_WEEKDAY_RE = re.compile(r"\b(?:(last|next|this|on)\s+)?(" + "|".join(_WEEKDAYS) + r")\b", re.I)


def _year(y: str | None, month: int, ref: dt.date | None, future: bool) -> int | None:
    if y:
        return int(y)
    if ref is None:
        return None
    return ref.year


def find_dates(text: str, article_date: str | None, future: bool = False) -> list[DateExpr]:
    """Every date expression in ``text`` (a sentence), in order."""
    ref = dt.date.fromisoformat(article_date) if article_date else None
    found: list[DateExpr] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    def add(m, begin, finish=None, relative=False):
        if begin and (finish is None or finish >= begin):
            found.append(DateExpr(m.start(), m.end(), begin, finish, relative))
            taken.append((m.start(), m.end()))

    for m in _RANGE_2M_MD.finditer(text):
        m1, m2 = month_number(m.group(1)), month_number(m.group(3))
        y2 = _year(m.group(5), m2 or 0, ref, future)
        if m1 and m2 and y2 and free(m.start(), m.end()):
            add(m, iso(y2 - 1 if m1 > m2 else y2, m1, int(m.group(2))), iso(y2, m2, int(m.group(4))))
    for m in _RANGE_2M_DM.finditer(text):
        m1, m2 = month_number(m.group(2)), month_number(m.group(4))
        y2 = _year(m.group(5), m2 or 0, ref, future)
        if m1 and m2 and y2 and free(m.start(), m.end()):
            add(m, iso(y2 - 1 if m1 > m2 else y2, m1, int(m.group(1))), iso(y2, m2, int(m.group(3))))
    for m in _RANGE_MD.finditer(text):
        mon = month_number(m.group(1))
        y = _year(m.group(4), mon or 0, ref, future)
        if mon and y and free(m.start(), m.end()):
            add(m, iso(y, mon, int(m.group(2))), iso(y, mon, int(m.group(3))))
    for m in _RANGE_DM.finditer(text):
        mon = month_number(m.group(3))
        y = _year(m.group(4), mon or 0, ref, future)
        if mon and y and free(m.start(), m.end()):
            add(m, iso(y, mon, int(m.group(1))), iso(y, mon, int(m.group(2))))
    for m in _DATE_MD.finditer(text):
        mon = month_number(m.group(1))
        y = _year(m.group(3), mon or 0, ref, future)
        if mon and y and free(m.start(), m.end()):
            add(m, iso(y, mon, int(m.group(2))))
    for m in _DATE_DM.finditer(text):
        mon = month_number(m.group(2))
        y = _year(m.group(3), mon or 0, ref, future)
        if mon and y and free(m.start(), m.end()):
            add(m, iso(y, mon, int(m.group(1))))
    for m in _ISO.finditer(text):
        if free(m.start(), m.end()):
            add(m, iso(int(m.group(1)), int(m.group(2)), int(m.group(3))))
    if ref:
        for m in _RELATIVE_RE.finditer(text):
            if free(m.start(), m.end()):
                d = ref + dt.timedelta(days=_RELATIVE[m.group(1).lower()])
                add(m, d.isoformat(), relative=True)
        for m in _WEEKDAY_RE.finditer(text):
            if not free(m.start(), m.end()):
                continue
            mod = (m.group(1) or "").lower()
            wd = _WEEKDAYS[m.group(2).lower()]
            if mod == "next" or (future and mod != "last"):
                delta = (wd - ref.weekday()) % 7 or 7
            else:
                delta = -((ref.weekday() - wd) % 7)
            add(m, (ref + dt.timedelta(days=delta)).isoformat(), relative=True)
    return sorted(found, key=lambda d: d.start)


_YEAR_REL = {"last": -1, "this": 0, "next": 1, "previous": -1, "past": -1, "current": 0}
_YEAR_REL_RE = re.compile(r"\b(" + "|".join(_YEAR_REL) + r")\s+year\b", re.I)
_YEAR_RE = re.compile(r"\b(?:in|of|for|during|since|by)\s+(19\d\d|20\d\d)\b", re.I)


def find_year(text: str, article_date: str | None) -> int | None:
    """The year a figure refers to: «in 2024», «last year» (relative to the article)."""
    m = _YEAR_RE.search(text)
    if m:
        return int(m.group(1))
    m = _YEAR_REL_RE.search(text)
    if m and article_date:
        return int(article_date[:4]) + _YEAR_REL[m.group(1).lower()]
    return None
