"""Help text wrapped to a terminal's width, for Chinese text.

``textwrap`` counts characters and breaks only at spaces: a Chinese sentence has none,
and each of its characters takes two columns, so its lines came out twice too long.
Here a line is measured in columns, and may break between any two Chinese characters,
never inside an ASCII word (``sqlite:///tasks.db``, ``--output``), before a closing
mark (，。）) or after an opening one (（「).
"""

from __future__ import annotations

import re
import unicodedata

_TOKEN = re.compile(r"[!-~]+| |.", re.DOTALL)
"""An ASCII word, a space, or one other character (a Chinese character, a mark)."""
CLOSING = frozenset("，。、；：！？）」』》〕】…,.;:!?)]")
"""Marks that never start a line."""
OPENING = frozenset("（「『《〔【")
"""Marks that never end a line."""


def columns(text: str) -> int:
    """The columns ``text`` takes on a terminal (a wide character takes two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pieces(text: str) -> list[str]:
    """``text`` cut where a line may break: a closing mark stays with what it closes,
    an opening mark with what it opens."""
    pieces: list[str] = []
    for token in _TOKEN.findall(text):
        glued = pieces and token != " " and pieces[-1] != " "
        if glued and (token[0] in CLOSING or pieces[-1][-1] in OPENING):
            pieces[-1] += token
        else:
            pieces.append(token)
    return pieces


def wrap(text: str, width: int) -> list[str]:
    """``text``'s words (runs of whitespace as one space) in lines of at most ``width``
    columns; a piece that cannot break and is wider has a line of its own."""
    lines: list[str] = []
    line = ""
    for piece in _pieces(" ".join(text.split())):
        if piece == " " and not line:
            continue
        if line and columns(line + piece) > width:
            lines.append(line.rstrip())
            line = "" if piece == " " else piece
        else:
            line += piece
    if line.strip():
        lines.append(line.rstrip())
    return lines
