"""A scanned table's row cut by a page break (issue 30): the scan reader tells how each
cell of a page's last row meets the table's foot (``RawRow.at_foot``), as the PDF reader
does, so the normalizer joins the two parts and keeps every record of both pages.

The pages are built from text lines and grids (no OCR): what the engine would read.
"""

from __future__ import annotations

from qingdan.extract.grid import Extracted, Foot, RawDocument, ReaderTraits
from qingdan.extract.scan.engine import TextLine
from qingdan.extract.scan.grid import TableGrid
from qingdan.extract.scan.place import feet, place_lines, split_at_rules
from qingdan.extract.scan.reader import PageScan, _raw_tables
from qingdan.normalize import normalize

XS = [0, 500, 700, 900]
"""工作任务 | 牵头单位 | 完成时限: no 序号, so no number tells a new task."""


def text(words: str, x0: float, top: float) -> TextLine:
    spans = tuple((x0 + 5 + 20 * i, x0 + 25 + 20 * i) for i in range(len(words)))
    return TextLine(words, x0 + 5, top, x0 + 5 + 20 * len(words), top + 28, 0.97, spans)


def grid(ys: list[int]) -> TableGrid:
    return TableGrid(ys, XS, [[(row, col) for col in range(3)] for row in range(len(ys) - 1)])


def page(lines: list[TextLine], table: TableGrid) -> PageScan:
    placed = place_lines(lines, [table])
    return PageScan(
        tables=placed.tables,
        cell_confidences=placed.confidences,
        text_above=placed.text_above,
        at_foot=placed.at_foot,
        confidences=[line.confidence for line in lines],
    )


def test_a_row_split_over_a_page_keeps_every_record_of_both_pages() -> None:
    first = page(
        [
            text("某市乡村振兴重点任务清单", 0, 20),
            text("工作任务", 0, 106),
            text("牵头单位", 500, 106),
            text("完成时限", 700, 106),
            text("加强农村公路专项检查。", 0, 146),
            text("市交通局", 500, 146),
            text("2022年底前", 700, 146),
            # The break cut the second task after its first line, in every cell.
            text("完善高标准农田动态监测，硬化道路300公", 0, 206),
            text("市农业农村", 500, 206),
            text("2022年11", 700, 206),
        ],
        grid([100, 140, 200, 240]),
    )
    second = page(
        [
            text("里，年底前完成验收。", 0, 56),
            text("局、市教育局", 500, 56),
            text("月底前", 700, 56),
            text("持续推进村级集体经济清单化管理。", 0, 96),
            text("市财政局", 500, 96),
            text("每季度", 700, 96),
        ],
        grid([50, 90, 130]),
    )
    assert first.at_foot == (Foot.FILLED,) * 3
    tables = _raw_tables(first, 1) + _raw_tables(second, 2)
    content = Extracted(
        tables, text_before=first.text_above[0], traits=ReaderTraits(text_may_be_misread=True)
    )
    found = normalize(RawDocument("scan.pdf", "pdf", "0" * 64, content))
    assert [record.measure for record in found.records] == [
        "加强农村公路专项检查。",
        "完善高标准农田动态监测，硬化道路300公里，年底前完成验收。",
        "持续推进村级集体经济清单化管理。",
    ]
    assert found.records[1].lead == ["市农业农村局", "市教育局"]
    assert found.records[1].deadline == "2022年11月底前"


def test_a_cell_tells_whether_its_text_ran_to_the_foot() -> None:
    table = TableGrid([100, 140, 260], XS, [[(0, 0), (0, 1), (0, 2)], [(1, 0), (1, 1), (1, 2)]])
    in_cells = {
        (1, 0): [text("第一行", 0, 146), text("第二行", 0, 176), text("第三行", 0, 226)],
        (1, 1): [text("市交通局", 500, 146)],  # ends two lines above the foot
        (1, 2): [text("年底前", 700, 226)],  # starts low: a centred text the break cut
    }
    assert feet(table, in_cells) == (Foot.FILLED, Foot.CLEAR, Foot.LOWER)
    assert feet(table, {}) == (Foot.CLEAR,) * 3


def test_a_repeated_header_read_across_a_column_rule_keeps_its_pages_records() -> None:
    """Seeds 6111 and 6113: 牵头单位 and 完成时限 close to the rule between them were read
    as one line; placed whole, page 2's header no longer matched page 1's and its table
    was skipped with every record on it."""
    header = [text("工作任务", 0, 106), text("牵头单位", 500, 106), text("完成时限", 700, 106)]
    body = [text("加强农村公路专项检查。", 0, 146), text("市交通局", 500, 146)]
    first = page(
        [text("某市重点任务清单", 0, 20), *header, *body, text("年底前", 700, 146)],
        grid([100, 140, 200]),
    )
    across = text("牵头单位完成时限", 615, 106)  # 牵头单位 ends at x 700, 完成时限 starts there
    repeated = [header[0], across, text("持续推进村级集体经济清单化管理。", 0, 146)]
    table = grid([100, 140, 200])
    lines = [
        *split_at_rules(repeated, [table]),
        text("市财政局", 500, 146),
        text("每季度", 700, 146),
    ]
    second = page(lines, table)
    assert second.tables[0][0] == ["工作任务", "牵头单位", "完成时限"]
    tables = _raw_tables(first, 1) + _raw_tables(second, 2)
    content = Extracted(tables, text_before=first.text_above[0])
    found = normalize(RawDocument("scan.pdf", "pdf", "0" * 64, content))
    assert [record.lead for record in found.records] == [["市交通局"], ["市财政局"]]
