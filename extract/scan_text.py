"""Clean what OCR read before it is placed: specks and half-width punctuation.

Two things OCR gets wrong on every scan, each corrected only where the answer is clear:

* **Specks.** Dust and toner dots are read as ``.`` or ``·``: as lines of their own
  (between a cell's printed lines, where they would join the lines as ``土壤污染.源头管控``)
  or glued to the end of a line (``2019年12月.``). A line made only of dot-like marks is
  dropped; a half-width dot-like mark at a line's start or end next to a Chinese
  character is dropped (Chinese text ends a sentence with ``。``, never with ``.``).
* **Half-width punctuation.** OCR often returns ``,`` ``;`` ``:`` ``(`` ``)`` for the
  full-width marks a Chinese document prints. Next to a Chinese character they become
  ``，`` ``；`` ``：`` ``（`` ``）``, as typed; between digits or Latin letters (``2.5``,
  ``PM2.5``, ``10:00``) they stay.

Every change is counted, and the counts go into the document's ``ocr`` notice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from qingdan.extract.scan_engine import TextLine

_DOTS = ".·•`'‘’,，、。．:;"
"""Marks a speck is read as."""
_HAN = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff（）《》“”]"
_CJK_MARK = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff60“”‘’]"
_EDGE_SPECK = re.compile(rf"^[.·•`']+(?={_CJK_MARK})|(?<={_CJK_MARK})[.·•`']+$")
_FULL_WIDTH = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"}
_HALF_NEXT_TO_HAN = re.compile(rf"(?<={_HAN})[,;:!?()]|[,;:!?()](?={_HAN})")


@dataclass
class TextRepairs:
    """How many corrections cleaning made, for the ``ocr`` notice."""

    speck_lines: int = 0
    speck_marks: int = 0
    punctuation: int = 0

    def describe(self) -> str:
        """The corrections in words, ``""`` when there were none."""
        parts = [
            f"{count} {what}"
            for count, what in (
                (self.speck_lines, "speck-only lines dropped"),
                (self.speck_marks, "specks dropped at line ends"),
                (self.punctuation, "half-width punctuation marks made full-width"),
            )
            if count
        ]
        return ", ".join(parts)

    def add(self, other: TextRepairs) -> None:
        """Count another page's repairs in."""
        self.speck_lines += other.speck_lines
        self.speck_marks += other.speck_marks
        self.punctuation += other.punctuation


def clean_lines(lines: list[TextLine]) -> tuple[list[TextLine], TextRepairs]:
    """The lines with specks removed and half-width punctuation next to Chinese made
    full-width; returns the repairs made."""
    repairs = TextRepairs()
    kept = []
    for line in lines:
        if all(char in _DOTS or char.isspace() for char in line.text):
            repairs.speck_lines += 1
            continue
        text, specks = _EDGE_SPECK.subn("", line.text)
        text, marks = _HALF_NEXT_TO_HAN.subn(lambda m: _FULL_WIDTH[m.group()], text)
        repairs.speck_marks += specks
        repairs.punctuation += marks
        kept.append(replace(line, text=text) if text != line.text else line)
    return kept, repairs
