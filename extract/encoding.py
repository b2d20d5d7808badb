"""Decode the bytes of a text attachment without asking the user for the encoding.

Chinese attachments come as UTF-8 (with or without BOM), UTF-16 (Windows "Unicode"),
or GB18030/GBK (Chinese Windows' ANSI code page). A strict cascade is more reliable
than statistical detection here: valid UTF-8 of Chinese text is almost never valid
by accident, and GB18030 is a superset of GBK and GB2312.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from qingdan.extract.errors import UndecodableText

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _looks_like_utf16(data: bytes) -> str | None:
    """Name the UTF-16 byte order of BOM-less data that is mostly ASCII/CJK pairs."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even_zeros = sample[0::2].count(0)
    odd_zeros = sample[1::2].count(0)
    half = len(sample) / 2
    # Line breaks and tabs are ASCII: in UTF-16 every one of them carries a NUL byte.
    if odd_zeros > 0.2 * half and even_zeros == 0:
        return "utf-16-le"
    if even_zeros > 0.2 * half and odd_zeros == 0:
        return "utf-16-be"
    return None


def _is_binary(text: str) -> bool:
    """Whether decoded text holds control characters no text file has (it was binary)."""
    controls = sum(1 for char in text[:20000] if ord(char) < 32 and char not in "\t\n\r\f")
    return controls > 0


def decode_text(data: bytes, path: Path) -> tuple[str, str]:
    """Return ``(text, encoding name)`` for the bytes of a text file.

    Raises ``UndecodableText`` naming the file when no encoding fits.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name), name.replace("-sig", "")
    utf16 = _looks_like_utf16(data)
    for encoding in [*([utf16] if utf16 else []), "utf-8", "gb18030"]:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _is_binary(text):
            continue
        return text, encoding
    raise UndecodableText(
        path, "not text in UTF-8, UTF-16 or GB18030/GBK; is it really a .txt file?"
    )
