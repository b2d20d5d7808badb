"""Property tests of the TXT reader with the normalizer behind it (issue 8).

Random cell-per-line dumps: random cells, cells wrapped over several lines (with
blank lines inside a cell), extra blank lines between rows, the header repeated
anywhere. The reader and normalizer must never crash, and no text may be lost.
Fixed seed and a bounded number of examples, so CI runs the same cases every time.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from qingdan.extract.grid import RawDocument
from qingdan.extract.txt import read_txt
from qingdan.normalize import Knowledge, normalize
from qingdan.schema import from_task_list

from tests.text_loss import ALPHABET, HEADER, cell_text, lost_characters

KNOWLEDGE = Knowledge.load()
TASK_ROW = st.lists(cell_text, min_size=len(HEADER), max_size=len(HEADER))
SECTION_ROW = st.builds(lambda text: [text], cell_text.filter(str.strip))
"""A merged full-width row (一、……): a dump prints its one cell once."""
ROW = st.one_of(TASK_ROW, SECTION_ROW)


@st.composite
def wrapped(draw: st.DrawFn, text: str) -> list[str]:
    """A cell's text as the lines of a dump: cut at random places, maybe a blank line."""
    if len(text) < 2:
        return [text]
    cuts = sorted(draw(st.sets(st.integers(1, len(text) - 1), max_size=3)))
    pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    lines = [pieces[0]]
    for piece in pieces[1:]:
        if draw(st.booleans()):
            lines.append("")  # a blank line inside a cell still continues it
        lines.append(piece)
    return lines


@st.composite
def dumps(draw: st.DrawFn) -> tuple[str, list[list[str]]]:
    """A cell-per-line dump of a task table, and its data rows."""
    rows = draw(st.lists(ROW, min_size=1, max_size=6))
    repeat_before = draw(st.sets(st.integers(1, len(rows)), max_size=2))
    lines = ["附件1", "", "某区2019年工作任务清单", ""]
    table = [HEADER]
    for index, row in enumerate(rows):
        if index in repeat_before:
            table.append(HEADER)
        table.append(row)
    for row in table:
        for cell in row:
            first, *rest = draw(wrapped(cell))
            lines.append("\t" + first)
            lines.extend(rest)
        lines.extend([""] * draw(st.integers(1, 2)))
    return "\n".join(lines), rows


@settings(derandomize=True, max_examples=100, deadline=None)
@given(dumps())
def test_txt_dumps_never_crash_and_lose_no_text(dump: tuple[str, list[list[str]]]) -> None:
    text, rows = dump
    path = Path("random.txt")
    extracted = read_txt(text.encode("utf-8"), path)
    raw = RawDocument(str(path), "txt", "0" * 64, extracted)
    document = from_task_list(normalize(raw, KNOWLEDGE))
    assert not lost_characters(rows, document), text


def test_the_alphabet_has_no_header_characters() -> None:
    assert ALPHABET
    assert not set(ALPHABET) & set("".join(HEADER))
