"""Property tests of the normalizer on random grids (issue 8).

Random cells (blank, covered by a merged cell, or text wrapped over lines), section
rows (one merged cell across the table, or one text repeated in every cell), blank
rows, the header repeated anywhere, and the table continued as a second table on the
"next page". Normalizing must never crash and must lose no text. Fixed seed and a
bounded number of examples.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from qingdan.extract.grid import Cell, Covered, Extracted, RawDocument, RawRow, RawTable
from qingdan.normalize import Knowledge, normalize
from qingdan.schema import from_task_list

from tests.text_loss import HEADER, cell_text, lost_characters

KNOWLEDGE = Knowledge.load()
WIDTH = len(HEADER)


@st.composite
def cells(draw: st.DrawFn) -> Cell:
    """One raw cell: covered (None), blank, or text with line breaks at random places."""
    kind = draw(st.sampled_from(["covered", "text", "text", "text"]))
    if kind == "covered":
        return None
    text = draw(cell_text)
    cuts = sorted(draw(st.sets(st.integers(1, max(1, len(text) - 1)), max_size=2)))
    if len(text) < 2:
        return text
    return "\n".join(text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True))


TASK_ROW = st.lists(cells(), min_size=WIDTH, max_size=WIDTH)
MERGED_SECTION = st.builds(
    lambda t: [t, *([Covered.LEFT] * (WIDTH - 1))], cell_text.filter(str.strip)
)
REPEATED_SECTION = st.builds(lambda t: [t] * WIDTH, cell_text.filter(str.strip))
ROW = st.one_of(TASK_ROW, TASK_ROW, MERGED_SECTION, REPEATED_SECTION)


@st.composite
def documents(draw: st.DrawFn) -> tuple[RawDocument, list[list[str]]]:
    """A raw document of one task table (maybe split in two) and its data rows."""
    rows: list[list[Cell]] = draw(st.lists(ROW, min_size=1, max_size=8))
    repeat_before = draw(st.sets(st.integers(1, len(rows)), max_size=2))
    grid: list[list[Cell]] = [list(HEADER)]
    for index, row in enumerate(rows):
        if index in repeat_before:
            grid.append(list(HEADER))
        grid.append(row)
    split = draw(st.integers(2, len(grid)))
    tables = [RawTable([RawRow(r) for r in part]) for part in (grid[:split], grid[split:]) if part]
    raw = RawDocument("random.docx", "docx", "0" * 64, Extracted(tables, ["某区工作任务清单"]))
    return raw, [[c or "" for c in row] for row in rows]


@settings(derandomize=True, max_examples=100, deadline=None)
@given(documents())
def test_random_grids_never_crash_and_lose_no_text(
    case: tuple[RawDocument, list[list[str]]],
) -> None:
    raw, rows = case
    document = from_task_list(normalize(raw, KNOWLEDGE))
    assert not lost_characters(rows, document), [t.rows for t in raw.tables]
