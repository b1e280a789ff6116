"""Parse the CIA World Factbook executive fields into (title, name, start date).

The Factbook writes officials as ``President Kasym-Zhomart TOKAYEV (since 20 March
2019)``: a title, given names in proper case, the surname in capitals, and the
start date in brackets. Everything after ``represented by`` (governors-general,
high commissioners) is dropped: the monarch or president is the head of state.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

__all__ = ["Holder", "parse_holder", "proper_case", "parse_date"]

_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"], 1)}
_MONTHS.update({k[:3]: v for k, v in list(_MONTHS.items())})
_MONTHS["sept"] = 9

# words that belong to a title, never to a name
_TITLE_WORDS = {
    "president", "prime", "minister", "king", "queen", "chancellor", "premier", "acting", "interim",
    "transition", "transitional", "supreme", "leader", "amir", "emir", "sultan", "and", "crown",
    "prince", "princess", "grand", "duke", "emperor", "pope", "chairman", "chairperson", "chair",
    "governor", "general", "gen", "gen.", "col", "col.", "capt", "capt.", "sr", "sr.", "dr", "dr.",
    "sir", "dame", "co-prince", "archbishop", "vice", "deputy", "caretaker", "state", "affairs",
    "commission", "council", "presidency", "of", "the", "cabinet", "ministers", "chief", "executive",
    "taliban", "lord", "mann", "government", "spain", "swiss", "confederation", "china", "yuan",
    "gnu", "cnsp", "homeland", "safeguard", "national", "for", "commander-in-chief", "armed",
    "forces", "sudanese", "sovereign", "presidential", "taoiseach", "(prime", "minister)", "mayor",
    "administrator", "overall", "(ulu", "tokelau)", "co-vice", "foreign", "people's", "assembly",
    "air", "vice-marshal", "grand", "commissioner", "high", "territorial", "island", "republic",
    "marshal", "lieutenant", "lieutenant-governor", "captains", "regent", "secretary", "political",
    "french", "polynesia", "pontifical", "governorate", "vatican", "city",
}
_PARTICLES = {"bin", "bint", "ibn", "ibni", "al", "el", "de", "da", "dos", "van", "der", "von",
              "la", "le", "e", "i", "y", "del", "di", "du", "ould", "binti"}


@dataclass(frozen=True)
class Holder:
    title: str  # "President", "Prime Minister"
    name: str  # "Kasym-Zhomart Tokayev"
    surname: str  # "Tokayev"
    start: str | None  # ISO date, "2019-03-20", "2018-04" or "1997"


def clean(text: str | None) -> str:
    """Unescape HTML entities and drop tags and repeated spaces."""
    if not text:
        return ""
    text = html.unescape(text)
    text = re.sub(r"<[^>]+>", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def parse_date(text: str) -> str | None:
    """'20 March 2019' -> '2019-03-20'; 'April 2018' -> '2018-04'; '1997' -> '1997'."""
    text = text.strip().rstrip(".")
    m = re.fullmatch(r"(\d{1,2}) ([A-Za-z]+)\.? (\d{4})", text)
    if m and m.group(2).lower() in _MONTHS:
        return f"{m.group(3)}-{_MONTHS[m.group(2).lower()]:02d}-{int(m.group(1)):02d}"
    m = re.fullmatch(r"([A-Za-z]+) (\d{4})", text)
    if m and m.group(1).lower() in _MONTHS:
        return f"{m.group(2)}-{_MONTHS[m.group(1).lower()]:02d}"
    m = re.fullmatch(r"(\d{4})", text)
    return m.group(1) if m else None


_ROMAN = {"I", "II", "III", "IV", "V", "VI", "X", "XIV", "XVI"}


def _is_caps(word: str) -> bool:
    """A surname in the Factbook's capitals (any hyphen part: 'SASSOU-Nguesso', 'al-BURHAN')."""
    if word.strip(",") in _ROMAN:
        return True
    for part in re.split(r"[-'’]", word):
        letters = [c for c in part if c.isalpha()]
        if len(letters) >= 2 and all(c.isupper() for c in letters):
            return True
    return False


def proper_case(word: str, first: bool = True) -> str:
    """'TOKAYEV' -> 'Tokayev', 'al-BURHAN' -> 'al-Burhan', 'BIN' -> 'bin' (inside a name)."""
    if word in _ROMAN or "." in word or not _is_caps(word):
        return word
    parts = re.split(r"([-'’])", word)
    out = []
    for i, p in enumerate(parts):
        low = p.lower()
        if not all(c.isupper() for c in p if c.isalpha()):
            out.append(p)
        elif low in _PARTICLES and not (first and i == 0):
            out.append(low)
        elif p in "-'’":
            out.append(p)
        else:
            out.append(p[:1].upper() + p[1:].lower())
    return "".join(out)


def _name_span(words: list[str]) -> tuple[int, int] | None:
    """Indices [start, end) of the person's name among ``words``."""
    caps = [i for i, w in enumerate(words) if _is_caps(w) and w.lower().strip("(),") not in _TITLE_WORDS]
    if not caps:
        return None
    first = caps[0]
    start = first
    while start > 0 and first - start < 5:
        prev = words[start - 1]
        low = prev.lower().strip(",")
        particle = low in _PARTICLES or re.match(r"(d|al|el)['’-]", low)
        if low in _TITLE_WORDS or prev.endswith(",") or not (prev[:1].isupper() or particle):
            break
        start -= 1
    while start < first and words[start].lower() in _PARTICLES:
        start += 1
    return start, len(words)


def parse_holder(text: str | None) -> Holder | None:
    """Parse one Factbook executive text into a :class:`Holder` (None when vacant or unparsable)."""
    text = clean(text)
    if not text or "(vacant)" in text:
        return None
    text = re.split(r"[;,] represented by|; note|; also referred|; the prime minister's", text)[0]
    text = re.sub(r"; also spelled [^(]*", " ", text)
    m = re.search(r"\((?:[^()]*?\bsince |)(\d{1,2} [A-Za-z]+\.? \d{4}|[A-Za-z]+ \d{4}|\d{4})[^()]*\)", text)
    start = parse_date(m.group(1)) if m else None
    head = text[:m.start()] if m else text
    head = re.sub(r"\([^)]*\)", " ", head)  # "(Col.)", "(also spelled SONXAI)", "(Sam)"
    head = head.split(";")[0].replace('"', "").strip().rstrip(",")
    words = head.split()
    span = _name_span(words)
    if span is None:
        return None
    s, e = span
    title = " ".join(words[:s]).strip(" ,")
    name_words = words[s:e]
    # "WHIPPS, Jr." / "MARCOS, Jr."
    name_words = [w.rstrip(",") for w in name_words]
    name = " ".join(proper_case(w, first=(i == 0)) for i, w in enumerate(name_words))
    surname = " ".join(proper_case(w, first=(j == 0))
                       for j, w in enumerate(w for w in name_words if _is_caps(w)))
    return Holder(title=title, name=name, surname=surname, start=start)
