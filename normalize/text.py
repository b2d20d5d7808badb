"""Cell text cleaning: whitespace noise out, words untouched.

Chinese text is data: nothing inside a word is inserted or removed, and full-width
punctuation stays as written. What goes is layout noise: carriage returns, no-break
and full-width spaces, zero-width characters, and the line breaks a narrow column
puts into a long sentence.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from qingdan.extract.grid import Cell

# Characters that are layout, never content.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\r]")
_SPACES = re.compile(r"[ \t\u00a0\u2002\u2003\u2009\u3000\u202f]+")
_LATIN_END = re.compile(r"[A-Za-z0-9]$")
_LATIN_START = re.compile(r"^[A-Za-z0-9]")
_PADDED_NAME = re.compile(r"[\u4e00-\u9fff] [\u4e00-\u9fff]")
"""A two-character personal name padded to three characters' width (李 平)."""
_NAME_SEPARATORS = re.compile(r"([、，,；;])")
IDEOGRAPHS = re.compile(r"^[\u4e00-\u9fff]+$")
"""Chinese ideographs only: one pattern for every module, as the range is slow to compile."""


def clean_line(line: str) -> str:
    """One line with invisible characters removed and runs of spaces made one space."""
    return _SPACES.sub(" ", _INVISIBLE.sub("", line)).strip()


def _is_cjk(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def _has_cjk(text: str) -> bool:
    return any(_is_cjk(char) for char in text)


def drop_spaces_between_cjk(line: str) -> str:
    """Remove spaces with a CJK character on both sides; Chinese prose has none.

    PDF and Word justification spread text this way ("牵 头 单 位", "工作 措施").
    """
    if " " not in line:
        return line
    parts = line.split(" ")
    out = parts[0]
    for part in parts[1:]:
        if out and part and _is_cjk(out[-1]) and _is_cjk(part[0]):
            out += part
        else:
            out += " " + part
    return out


def cell_lines(text: Cell | None) -> list[str]:
    """The cleaned, non-empty lines of a raw cell (none for a covered position)."""
    if not isinstance(text, str) or not text:
        return []
    return [line for line in (clean_line(raw) for raw in text.split("\n")) if line]


@lru_cache(maxsize=4096)
def join_wrapped_lines(text: Cell | None, keep_padded_names: bool = False) -> str:
    """A raw cell's lines as one paragraph, as a person reads it.

    Lines are joined with nothing between CJK text and with one space between two
    Latin words of English lines ("PM2.5" / "浓度" -> "PM2.5浓度"; "total" / "amount"
    -> "total amount"); a number cut by the wrap is joined back ("20" / "19年" ->
    "2019年"). In Chinese prose a wrap next to Latin letters is only a wrap: a narrow
    column cuts "VOCs" as "VOC" / "s", and a space there would change the word.
    Spaces between CJK characters are dropped (see ``drop_spaces_between_cjk``), but
    with ``keep_padded_names`` (a column of people) not the space that pads a
    two-character name to three (``李 平``, alone or between 、 and ，).
    Cached: the column evidence, the sections, the notes and the records each join a
    document's cells.
    """
    out = ""
    for line in cell_lines(text):
        if (
            out
            and _LATIN_END.search(out)
            and _LATIN_START.search(line)
            and not (out[-1].isdigit() and line[0].isdigit())
            and not _has_cjk(out)
            and not _has_cjk(line)
        ):
            out += " "
        out += line
    if keep_padded_names:
        return "".join(
            part if _PADDED_NAME.fullmatch(part) else drop_spaces_between_cjk(part)
            for part in _NAME_SEPARATORS.split(out)
        )
    return drop_spaces_between_cjk(out)


def squeeze(text: Cell | None) -> str:
    """Text with every whitespace character removed (labels, deadlines, comparisons)."""
    if not isinstance(text, str) or not text:
        return ""
    return "".join(_INVISIBLE.sub("", text).split())
