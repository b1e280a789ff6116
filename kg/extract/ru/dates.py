"""Russian date expressions in a sentence, resolved against the article date.

Handles exact dates («30 августа 2025 года», «20 апреля»), ranges
(«31 августа – 1 сентября», «18-19 апреля»), relative days («вчера»,
«накануне», «в понедельник») and years («в прошлом году», «в 2024 году»).
"""
from __future__ import annotations

import datetime as dt
import re

from ...dates import RU_MONTH_RE, iso, month_number
from ..dates import DateExpr

__all__ = ["find_dates", "find_year"]


_DASH = r"\s*[-–—]\s*"
_RANGE_2M = re.compile(rf"\b(\d{{1,2}})\s+{RU_MONTH_RE}{_DASH}(\d{{1,2}})\s+{RU_MONTH_RE}(?:\s+(\d{{4}}))?", re.I)
_RANGE_1M = re.compile(rf"\b(\d{{1,2}}){_DASH}(\d{{1,2}})\s+{RU_MONTH_RE}(?:\s+(\d{{4}}))?", re.I)
_DATE = re.compile(rf"\b(\d{{1,2}})\s+{RU_MONTH_RE}(?:\s+(\d{{4}}))?", re.I)
_NUMERIC = re.compile(r"\b(\d{1,2})\.(\d{2})\.(\d{4})\b")
_RELATIVE = {
    "сегодня": 0, "вчера": -1, "позавчера": -2, "накануне": -1, "завтра": 1, "послезавтра": 2,
}
# «накануне саммита» is "on the eve of the summit", not "yesterday": only a bare «накануне» counts
_RELATIVE_RE = re.compile(r"\b(" + "|".join(_RELATIVE) + r")\b(?!\s+[а-яё]+(?:а|ы|и|я|ого|его|ой|ей)\b)", re.I)
_WEEKDAYS = {"понедельник": 0, "вторник": 1, "среду": 2, "среда": 2, "четверг": 3, "пятницу": 4,
             "пятница": 4, "субботу": 5, "суббота": 5, "воскресенье": 6}
_WEEKDAY_RE = re.compile(r"\bв(?:о)?\s+(" + "|".join(_WEEKDAYS) + r")\b", re.I)


def _year_for(month: int, day: int, year: str | None, ref: dt.date | None) -> int | None:
    if year:
        return int(year)
    return ref.year if ref else None


def find_dates(text: str, article_date: str | None, future: bool = False) -> list[DateExpr]:
    """Every date expression in ``text`` (sentence), earliest first."""
    ref = dt.date.fromisoformat(article_date) if article_date else None
    found: list[DateExpr] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for m in _RANGE_2M.finditer(text):
        m1, m2 = month_number(m.group(2)), month_number(m.group(4))
        y2 = _year_for(m2 or 0, int(m.group(3)), m.group(5), ref)
        if not (m1 and m2 and y2):
            continue
        y1 = y2 - 1 if m1 > m2 else y2
        b, f = iso(y1, m1, int(m.group(1))), iso(y2, m2, int(m.group(3)))
        if b and f:
            found.append(DateExpr(m.start(), m.end(), b, f))
            taken.append((m.start(), m.end()))
    for m in _RANGE_1M.finditer(text):
        if not free(m.start(), m.end()):
            continue
        mon = month_number(m.group(3))
        y = _year_for(mon or 0, 1, m.group(4), ref)
        if not (mon and y):
            continue
        b, f = iso(y, mon, int(m.group(1))), iso(y, mon, int(m.group(2)))
        if b and f and b <= f:
            found.append(DateExpr(m.start(), m.end(), b, f))
            taken.append((m.start(), m.end()))
    for m in _DATE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        mon = month_number(m.group(2))
        y = _year_for(mon or 0, int(m.group(1)), m.group(3), ref)
        if not (mon and y):
            continue
        d = iso(y, mon, int(m.group(1)))
        if d:
            found.append(DateExpr(m.start(), m.end(), d))
            taken.append((m.start(), m.end()))
    for m in _NUMERIC.finditer(text):
        if free(m.start(), m.end()):
            d = iso(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            if d:
                found.append(DateExpr(m.start(), m.end(), d))
    if ref:
        for m in _RELATIVE_RE.finditer(text):
            d = ref + dt.timedelta(days=_RELATIVE[m.group(1).lower()])
            found.append(DateExpr(m.start(), m.end(), d.isoformat(), relative=True))
        for m in _WEEKDAY_RE.finditer(text):
            wd = _WEEKDAYS[m.group(1).lower()]
            if future:
                delta = (wd - ref.weekday()) % 7 or 7
            else:
                delta = -((ref.weekday() - wd) % 7)
            found.append(DateExpr(m.start(), m.end(), (ref + dt.timedelta(days=delta)).isoformat(), relative=True))
    return sorted(found, key=lambda d: d.start)


_YEAR_REL = {"прошлом": -1, "прошлого": -1, "текущем": 0, "этом": 0, "текущего": 0, "этого": 0,
             "следующем": 1, "следующего": 1, "будущем": 1, "позапрошлом": -2}
_YEAR_REL_RE = re.compile(r"\b(" + "|".join(_YEAR_REL) + r")\s+год[ау]?\b", re.I)
_YEAR_RE = re.compile(r"\b(19\d\d|20\d\d)\s*(?:г\.|год|года|году|гг)", re.I)


def find_year(text: str, article_date: str | None) -> int | None:
    """The year a figure refers to: «в 2024 году», «в прошлом году» (relative to the article)."""
    m = _YEAR_RE.search(text)
    if m:
        return int(m.group(1))
    m = _YEAR_REL_RE.search(text)
    if m and article_date:
        return int(article_date[:4]) + _YEAR_REL[m.group(1).lower()]
    return None
