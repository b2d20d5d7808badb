"""The printed lines of a numbered-paragraph list, made into its paragraphs.

A reader gives a list's text as lines. A Word or text file gives one line per paragraph;
a PDF (or a scan) gives the lines as the page wrapped them, so one paragraph comes back
as several lines and a bracketed role note may be cut ("……7家左右。（牵" / "头单位：……）",
across a page break too). And a list may print several items in one paragraph, each
ending with its own role note ("（一）……。（X负责）（二）……。（Y主办，Z协办）").

* ``unwrap`` joins a line to the one above when that one fills the printed width (as
  wide as the widest lines, give or take a few characters) and neither ends the
  paragraph (a sentence end, a closed bracket) nor does this line start one (a
  numbering, a role label). Only for readers whose lines may be wrapped.
* ``split_items`` cuts a paragraph where a numbering follows a role note that ends an
  item: the note says the item is complete, the numbering starts the next.
* ``split_inline`` cuts a paragraph that runs its items inline ("（一）……。（二）……。",
  "分别是：（1）……。（2）……。"): each bracketed number of one run counting up from the
  first, after a sentence end, starts an item.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from qingdan.normalize.script import CLOSING, NUMERAL, OPENING, numeral_value

_FULL_SLACK = 5.0
"""A wrapped line is this many characters narrower than the widest at most: a line
breaks before a character that does not fit, digits and Latin letters (counted as half a
character) print wider or narrower, and a punctuation mark may not open a line."""
_WRAPPED_WIDTH = 20.0
"""Lines narrower than this are never taken to fill the width (a page of short lines)."""
_PARAGRAPH_ENDS = "。！？"


def display_width(text: str) -> float:
    """The width of a printed line in CJK characters (a digit or Latin letter: half)."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)


def unwrap(lines: list[str], starts_paragraph: Callable[[str], bool]) -> list[str]:
    """The paragraphs of lines a page wrapped (``starts_paragraph``: whether a line opens
    a paragraph by its own look, a numbering or a role label)."""
    widths = [display_width(line) for line in lines]
    full = max(widths, default=0.0)
    if full < _WRAPPED_WIDTH:
        return list(lines)
    paragraphs: list[str] = []
    filled = False
    for line, width in zip(lines, widths, strict=True):
        # Inside an open bracket nothing starts a paragraph: a label there was cut
        # ("（牵" / "头单位：……）") or continues the note.
        if filled and (
            _open(paragraphs[-1]) or not (_ends_paragraph(paragraphs[-1]) or starts_paragraph(line))
        ):
            paragraphs[-1] += line
        else:
            paragraphs.append(line)
        filled = width >= full - _FULL_SLACK
    return paragraphs


def _open(text: str) -> bool:
    """Whether a text leaves a bracket open."""
    return sum((c in OPENING) - (c in CLOSING) for c in text) > 0


def _ends_paragraph(text: str) -> bool:
    """Whether a paragraph so far ends as a paragraph does: a sentence end, or a closed
    bracket with every bracket of the paragraph closed."""
    return not text or text[-1] in _PARAGRAPH_ENDS or (text[-1] in CLOSING and not _open(text))


def split_items(
    line: str, numbered: Callable[[str], bool], ends_item: Callable[[str], bool]
) -> list[str]:
    """A paragraph cut before each numbering (``numbered``: a text starts with one) that
    follows a closing bracket ending an item (``ends_item``: the text so far ends with
    the item's own role note)."""
    pieces: list[str] = []
    start = 0
    for at in range(1, len(line)):
        if line[at - 1] in CLOSING and numbered(line[at:]) and ends_item(line[start:at]):
            pieces.append(line[start:at])
            start = at
    pieces.append(line[start:])
    return pieces


_INLINE_NUMBER = re.compile(rf"[（(](\d{{1,2}}|{NUMERAL}+)[）)]")
_INLINE_AFTER = "。：:"
"""What an inline item follows: a sentence end, or (the first) the colon that opens the
run ("分别是：（1）")."""


def split_inline(paragraph: str) -> list[str]:
    """A paragraph that runs its items inline, cut before each (the words before the
    first kept as their own line); the paragraph itself when it does not.

    The numbers must be one run of one style counting up from 1 (（一）（二）… or
    （1）（2）…), at least two of them, each but the first after "。", the first either
    opening the paragraph or after "。"/"："; a paragraph opening with another numbering
    (an item's "1." with its parts "（1）……。（2）……。") is never cut."""
    found = [m for m in _INLINE_NUMBER.finditer(paragraph) if _starts_inline(paragraph, m.start())]
    if found and found[0].start() > 0 and _opens_with_number(paragraph):
        return [paragraph]
    run = _counting_run(found)
    if len(run) < 2 or any(paragraph[at - 1] not in "。" for at in run[1:]):
        return [paragraph]
    cuts = [at for at in run if at > 0]
    pieces = [paragraph[a:b] for a, b in zip([0, *cuts], [*cuts, len(paragraph)], strict=True)]
    return [piece for piece in pieces if piece]


def _starts_inline(text: str, at: int) -> bool:
    return at == 0 or text[at - 1] in _INLINE_AFTER


def _opens_with_number(text: str) -> bool:
    """Whether a paragraph opens with a numbering of its own (1., 一、, （一）)."""
    return bool(re.match(rf"^(?:\d{{1,3}}[.．、]|{NUMERAL}+[、.．]|[（(])", text))


def _counting_run(found: list[re.Match[str]]) -> list[int]:
    """Where the numbers of the one run counting up from 1 start (empty when the first
    is not 1 or the numbers change style or skip)."""
    starts: list[int] = []
    for expected, match in enumerate(found, start=1):
        number = match.group(1)
        value = int(number) if number.isdigit() else numeral_value(number)
        digits = found[0].group(1).isdigit()
        if value != expected or number.isdigit() != digits:
            return starts if len(starts) >= 2 else []
        starts.append(match.start())
    return starts


_HEADING_WIDTH = 20.0
"""An unnumbered heading is a short line: a theme of a few words, no sentence."""


def is_sentence(line: str) -> bool:
    """Whether a line ends as a sentence does (after its closing quotes or brackets)."""
    stripped = line.rstrip().rstrip("”’」』）)》】")
    return bool(stripped) and stripped[-1] in _PARAGRAPH_ENDS + "；;…"


def unnumbered_headings(lines: list[str]) -> list[int] | None:
    """The headings of a list printed with no numbering at all: short lines that end no
    sentence, after the first sentence (the lines above it name the list) and each
    followed by a sentence, every later line being a heading or a sentence (a
    paragraph). ``None`` when the lines are not so shaped (no heading, or fewer than
    two paragraphs under the headings)."""
    first = next((i for i, line in enumerate(lines) if is_sentence(line)), None)
    if first is None:
        return None
    headings = [
        i
        for i in range(first + 1, len(lines))
        if not is_sentence(lines[i]) and display_width(lines[i]) <= _HEADING_WIDTH
    ]
    if not headings:
        return None
    under = [i for i in range(headings[0], len(lines)) if i not in headings]
    followed = all(i + 1 < len(lines) and i + 1 not in headings for i in headings)
    shaped = all(is_sentence(lines[i]) for i in under)
    return headings if followed and shaped and len(under) >= 2 else None
