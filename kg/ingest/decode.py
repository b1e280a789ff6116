"""Bytes to text: size limit, binary sniffing and encoding detection.

Russian news still arrives in cp1251 and koi8-r. UTF-8 is tried first (it is
strict, so a wrong guess fails instead of producing mojibake); otherwise
charset-normalizer chooses among the encodings, and the result must read as
text (few control characters), else the file is refused as binary.
"""
from __future__ import annotations

import codecs
import re

from ..errors import InputError

__all__ = ["decode", "MAX_BYTES"]

#: one article file larger than this is refused (a news article is a few KB;
#: a 10 MB "article" is a dump, a log or an attack). Say so in the README.
MAX_BYTES = 10 * 1024 * 1024

_MAGIC = {
    b"\x1f\x8b": "gzip-compressed",
    b"PK\x03\x04": "a ZIP archive (docx/xlsx/zip)",
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x7fELF": "an executable",
    b"BZh": "bzip2-compressed",
    b"\xfd7zXZ": "xz-compressed",
    b"7z\xbc\xaf": "a 7-Zip archive",
    b"SQLite format 3": "an SQLite database",
}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def decode(data: bytes, source: str) -> str:
    """Decode the bytes of one input file, or raise :class:`InputError`."""
    if not data or not data.strip():
        raise InputError(source, "empty file")
    if len(data) > MAX_BYTES:
        raise InputError(source, f"file too large ({len(data) / 1048576:.1f} MB; the limit is "
                                 f"{MAX_BYTES // 1048576} MB per article)")
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise InputError(source, f"binary file ({what}), not text")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(source, f"invalid UTF-16 text ({exc.reason} at byte {exc.start})") from None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = _mostly_utf8(data)
            if text is None:
                text = _guess(data, source)
    sample = text[:20000]
    if len(_CONTROL.findall(sample)) > max(8, len(sample) // 100) or sample.count("\x00") > 8:
        raise InputError(source, "binary file (control bytes), not text")
    return text


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few broken bytes (a truncated download, a bad splice) is read with
    U+FFFD in their place; text that is invalid throughout is left to the guesser
    (cp1251/koi8-r Cyrillic is invalid UTF-8 on nearly every letter)."""
    text = data.decode("utf-8-sig", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    valid_multibyte = sum(1 for ch in text[:200_000] if "\u0080" <= ch != "\ufffd")
    if bad <= max(2, len(data) // 1000) and valid_multibyte >= 4 * bad:
        return text
    return None


def _guess(data: bytes, source: str) -> str:
    import charset_normalizer

    best = charset_normalizer.from_bytes(
        data[:200_000], cp_isolation=["cp1251", "koi8_r", "cp866", "mac_cyrillic", "iso8859_5",
                                      "cp1252", "latin_1", "utf_16"]).best()
    if best is None:
        raise InputError(source, "not text in any known encoding (binary file?)")
    try:
        return data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise InputError(source, f"undecodable text ({best.encoding}: {exc.reason if hasattr(exc, 'reason') else exc})")
