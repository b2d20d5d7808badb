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
from collections.abc import Iterator
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


DECODE_CHUNK = 1 << 16
"""Bytes decoded at a time: a large dump's text is never made whole (issue 29)."""
BINARY_SAMPLE = 100_000
"""Characters of decoded text looked at to tell binary from text."""


def decoded_chunks(data: bytes, codec: str, chunk: int = DECODE_CHUNK) -> Iterator[str]:
    """The text of ``data`` in ``codec``, a chunk at a time (joined, ``data.decode(codec)``).
    Raises ``UnicodeDecodeError`` where the bytes are not ``codec``."""
    decoder = codecs.getincrementaldecoder(codec)()
    view = memoryview(data)
    for start in range(0, len(data), chunk):
        yield decoder.decode(view[start : start + chunk])
    yield decoder.decode(b"", final=True)


def _decodes_as_text(data: bytes, codec: str) -> bool:
    """Whether all of ``data`` decodes in ``codec`` and its start is not binary, checked
    a chunk at a time (the text is not kept)."""
    head: list[str] = []
    seen = 0
    try:
        for text in decoded_chunks(data, codec):
            if seen < BINARY_SAMPLE:
                head.append(text)
                seen += len(text)
    except UnicodeDecodeError:
        return False
    return not is_binary("".join(head))


def text_encoding(data: bytes, path: Path) -> tuple[str, str]:
    """``(codec, encoding name)`` of the bytes of a text file, found without holding the
    decoded text (``decode_text`` and a streamed read, ``decoded_chunks``, share it).

    Raises ``UndecodableText`` naming the file when no encoding fits.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                for _ in decoded_chunks(data, name):
                    pass
            except UnicodeDecodeError:
                break
            return name, name.replace("-sig", "")
    utf16 = _utf16_order(data)
    for encoding in [*([utf16] if utf16 else []), "utf-8", "gb18030"]:
        if _decodes_as_text(data, encoding):
            return encoding, encoding
    # UTF-16 of ideographs only (no ASCII, so no NUL bytes to go by), which UTF-8 and
    # GB18030 read as control characters: the byte order that reads as text.
    sample = data[: min(len(data), _SAMPLE) // 2 * 2]
    for encoding in ("utf-16-le", "utf-16-be"):
        if len(data) % 2 == 0 and _reads_as_text(sample, encoding):
            try:
                for _ in decoded_chunks(data, encoding):
                    pass
            except UnicodeDecodeError:
                continue
            return encoding, encoding
    raise UndecodableText(
        path, "not text in UTF-8, UTF-16 or GB18030/GBK; is it really a .txt file?"
    )


def decode_text(data: bytes, path: Path) -> tuple[str, str]:
    """Return ``(text, encoding name)`` for the bytes of a text file.

    The text may still hold a few stray control characters (``BAD_CONTROLS``); the
    reader decides what they become. Raises ``UndecodableText`` naming the file when
    no encoding fits.
    """
    codec, name = text_encoding(data, path)
    return "".join(decoded_chunks(data, codec)), name
