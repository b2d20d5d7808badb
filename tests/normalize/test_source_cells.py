"""Each record names the printed cells its values came from (issue 28): merged cells
carried down point at the merged cell, a row a page break cut names both parts."""

from __future__ import annotations

from pathlib import Path

from qingdan.extract.grid import Covered, Extracted, RawDocument, RawRow, RawTable
from qingdan.normalize import normalize
from qingdan.normalize.model import Place, SourceCell

from qingdan import convert
from tests.extract.docx_package import minimal_docx
from tests.normalize.grids import raw_document

PDF_CASES = Path(__file__).resolve().parents[1] / "extract" / "pdf_cases"
HEADER = ["重点工作", "工作措施", "牵头单位", "完成时限"]


def _cell(text: str, merge: str | None = None) -> str:
    props = "" if merge is None else f"<w:tcPr><w:vMerge{merge}/></w:tcPr>"
    run = f"<w:r><w:t>{text}</w:t></w:r>" if text else ""
    return f"<w:tc>{props}<w:p>{run}</w:p></w:tc>"


def _row(*cells: str) -> str:
    return "<w:tr>" + "".join(cells) + "</w:tr>"


def test_a_merged_category_points_at_its_merged_cell_in_a_docx(tmp_path: Path) -> None:
    body = (
        "<w:tbl>"
        + _row(*(_cell(label) for label in HEADER))
        + _row(
            _cell("土壤污染防治", ' w:val="restart"'),
            _cell("开展土壤详查。"),
            _cell("区环保局"),
            _cell("2019年12月底"),
        )
        + _row(_cell("", ""), _cell("加强建设用地管理。"), _cell("区国土局"), _cell("长期坚持"))
        + "</w:tbl>"
    )
    path = tmp_path / "清单.docx"
    path.write_bytes(minimal_docx(body))
    first, second = convert(path).records
    assert [(c.field, c.table, c.row, c.column) for c in first.cells] == [
        ("category", 0, 1, 0),
        ("measure", 0, 1, 1),
        ("lead", 0, 1, 2),
        ("deadline", 0, 1, 3),
    ]
    assert [(c.field, c.table, c.row, c.column) for c in second.cells] == [
        ("category", 0, 1, 0),
        ("measure", 0, 2, 1),
        ("lead", 0, 2, 2),
        ("deadline", 0, 2, 3),
    ]
    assert all(c.page is None and c.box is None for c in [*first.cells, *second.cells])


def test_a_row_cut_by_a_page_break_names_both_parts_with_their_boxes() -> None:
    # break_126.pdf: record 5's row runs from the foot of page 1 to the top of page 2.
    record = convert(PDF_CASES / "break_126.pdf").records[4]
    assert record.measure.startswith("对拟收回土地使用权")
    measures = [c for c in record.cells if c.field == "measure"]
    assert [(c.page, c.table, c.row, c.column) for c in measures] == [(1, 0, 7, 1), (2, 1, 1, 1)]
    upper, lower = (c.box for c in measures)
    assert upper is not None and lower is not None
    assert upper[1] > 600 and lower[1] < 100  # the foot of page 1, the top of page 2
    assert upper[0] == lower[0] and upper[2] == lower[2]  # one column
    category = next(c for c in record.cells if c.field == "category")
    assert category.page == 1 and category.box is not None and category.box[1] < upper[1]


def test_carried_and_joined_cells_keep_every_place() -> None:
    raw = raw_document(
        [
            HEADER,
            ["重点工作一", "第一项措施。", "区发改委", "2019年底"],
            [Covered.ABOVE, "第二项措施。", "区财政局", "2019年底"],
        ]
    )
    records = normalize(raw).records
    assert records[1].cells[0] == SourceCell("category", Place(0, 1, 0))
    assert records[1].cells[1] == SourceCell("measure", Place(0, 2, 1))


def test_a_measure_cut_by_a_page_break_has_both_parts() -> None:
    table = RawTable(
        [
            RawRow(HEADER, page=1),
            RawRow(["重点工作一", "完善土壤环境质量监测网络，", "区环保局", "2019年底"], page=1),
            RawRow(["", "统一规划、整合优化。", "", ""], page=2, starts_page=True),
        ]
    )
    raw = RawDocument("grid.pdf", "pdf", "0" * 64, Extracted([table]))
    (record,) = normalize(raw).records
    assert record.measure == "完善土壤环境质量监测网络，统一规划、整合优化。"
    assert [c for c in record.cells if c.field == "measure"] == [
        SourceCell("measure", Place(0, 1, 1, 1)),
        SourceCell("measure", Place(0, 2, 1, 2)),
    ]


def test_numbered_paragraphs_have_no_cells() -> None:
    lines = [
        "附件",
        "2019年重点任务",
        "1.开展土壤详查。牵头单位：区环保局",
        "2.加强管理。牵头单位：区国土局",
    ]
    raw = RawDocument("list.txt", "txt", "0" * 64, Extracted([], text_before=lines))
    records = normalize(raw).records
    assert records and all(not record.cells for record in records)
