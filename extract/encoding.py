"""Decode the bytes of a text attachment without asking the user for the encoding.

Chinese attachments come as UTF-8 (with or without BOM), UTF-16 (Windows "Unicode",
with or without BOM) or GB18030/GBK (Chinese Windows' ANSI code page). A strict
cascade is more reliable than statistical detection here: valid UTF-8 of Chinese text
is almost never valid by accident, and GB18030 is a superset of GBK and GB2312.

UTF-16 without a BOM is recognised by its NUL bytes: every ASCII character (line
breaks, tabs, digits) carries one, on the odd bytes in little-endian order and on
the even bytes in big-endian order, while UTF-8 and GB18030 text has none; the
decoded sample must then read as text (CJK, ASCII, punctuation).

The same detection reads the user's configuration files (``--columns``,
``--aliases``, ``--departments``), which Excel and Notepad on Chinese Windows save
in GBK.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from qingdan.extract.errors import UndecodableText

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SAMPLE = 8192
"""Bytes looked at to recognise BOM-less UTF-16 (an even number)."""
_TEXTLIKE = re.compile(
    r"[\t\n\r\x20-\x7e\u00a0-\u024f\u2000-\u206f\u2100-\u27ff\u2e80-\u2fdf"
    r"\u3000-\u303f\u3100-\u312f\u3200-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f"
    r"\uff00-\uffef]"
)
"""Characters of Chinese and ASCII text: CJK ideographs and radicals, CJK and
full-width punctuation, Latin letters, general punctuation, symbols."""
BAD_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
"""Control characters other than TAB, LF and CR (vertical tab and form feed included:
Word's manual line break and page break in a text export)."""
_BINARY_SHARE = 0.05
"""Decoded text with more control characters than this share (and more than a few)
was binary, not text with a stray character."""


def _reads_as_text(sample: bytes, encoding: str) -> bool:
    """Whether ``sample`` decoded in ``encoding`` is (at least 90 %) text characters."""
    text = sample.decode(encoding, errors="replace")
    return len(_TEXTLIKE.findall(text)) >= 0.9 * len(text)


def _utf16_order(data: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when BOM-less ``data`` is UTF-16 text with the NUL
    bytes of its ASCII characters, else ``None``."""
    sample = data[: min(len(data), _SAMPLE) // 2 * 2]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even_zeros, odd_zeros = sample[0::2].count(0), sample[1::2].count(0)
    # An ideograph such as 一 (U+4E00) has a NUL byte too, on the other side: allow some.
    if odd_zeros >= max(2, pairs // 50) and odd_zeros > 4 * even_zeros:
        encoding = "utf-16-le"
    elif even_zeros >= max(2, pairs // 50) and even_zeros > 4 * odd_zeros:
        encoding = "utf-16-be"
    else:
        return None
    return encoding if _reads_as_text(sample, encoding) else None


def is_binary(text: str) -> bool:
    """Whether decoded text holds so many control characters that it was binary."""
    sample = text[:100_000]
    controls = len(BAD_CONTROLS.findall(sample))
    return controls > max(8, _BINARY_SHARE * len(sample))


def decode_text(data: bytes, path: Path) -> tuple[str, str]:
    """Return ``(text, encoding name)`` for the bytes of a text file.

    The text may still hold a few stray control characters (``BAD_CONTROLS``); the
    reader decides what they become. Raises ``UndecodableText`` naming the file when
    no encoding fits.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name.replace("-sig", "")
            except UnicodeDecodeError:
                break
    utf16 = _utf16_order(data)
    for encoding in [*([utf16] if utf16 else []), "utf-8", "gb18030"]:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if is_binary(text):
            continue
        return text, encoding
    # UTF-16 of ideographs only (no ASCII, so no NUL bytes to go by), which UTF-8 and
    # GB18030 read as control characters: the byte order that reads as text.
    sample = data[: min(len(data), _SAMPLE) // 2 * 2]
    for encoding in ("utf-16-le", "utf-16-be"):
        if len(data) % 2 == 0 and _reads_as_text(sample, encoding):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                continue
    raise UndecodableText(
        path, "not text in UTF-8, UTF-16 or GB18030/GBK; is it really a .txt file?"
    )
