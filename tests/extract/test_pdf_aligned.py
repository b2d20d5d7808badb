"""Partly ruled and borderless PDF tables (extract/pdf/aligned.py, issue 27): a 三线表,
a table with only a header rule, one set with whitespace alone, and a borderless table
crossing a page, drawn with reportlab, give their grids through ``qingdan extract`` and
their records through ``qingdan convert``, with a notice naming the guess."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from qingdan.extract import read_document
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

import qingdan
from tests.cli_runner import invoke

FONT = "STSong-Light"
SIZE = 10.5
LEADING = 14.0
COLUMNS = [60.0, 100.0, 180.0, 400.0, 500.0]
"""Left edges of 序号, 重点工作, 工作措施, 牵头单位, 完成时限."""
RIGHT = 570.0

HEADER = ["序号", "重点工作", "工作措施", "牵头单位", "完成时限"]
ROWS = [
    ["1", "产业发展", "扎实推进特色产业基地建设，\n培育龙头企业5家。", "县农业农村局", "6月底前"],
    ["2", "生态保护", "全面推进农村生活污水治理。", "县生态环境局", "年底前"],
    ["3", "基础设施", "加快推进农村公路改造提升，\n硬化道路20公里。", "县交通运输局", "长期坚持"],
    ["4", "公共服务", "完善农村养老服务设施。", "县民政局", "三季度末"],
]  # fmt: skip
RULES = {
    "three-line": ("top", "header", "foot"),
    "header-rule": ("header",),
    "whitespace": (),
}


def _draw_rows(page: canvas.Canvas, rows: list[list[str]], y: float) -> float:
    """Draw rows from ``y`` (the first line's baseline) down; return the next baseline."""
    for row in rows:
        height = max(len(cell.split("\n")) for cell in row)
        for x, cell in zip(COLUMNS, row, strict=True):
            for k, line in enumerate(cell.split("\n")):
                page.drawString(x, y - k * LEADING, line)
        y -= height * LEADING + 6
    return y


def _rule(page: canvas.Canvas, y: float) -> None:
    page.line(COLUMNS[0] - 4, y, RIGHT, y)


def write_table_pdf(target: Path, rules: tuple[str, ...], break_after: int | None = None) -> None:
    """A title and the table, ruled only where ``rules`` says; with ``break_after``, the
    rows after that many go on to a second page (without the header)."""
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    page = canvas.Canvas(str(target), pagesize=(595, 842), invariant=True)
    page.setFont(FONT, 16)
    page.drawString(150, 780, "某县2020年乡村振兴重点工作任务清单")
    page.setFont(FONT, SIZE)
    y = 740.0
    if "top" in rules:
        _rule(page, y + LEADING)
    y = _draw_rows(page, [HEADER], y)
    if "header" in rules:
        _rule(page, y + LEADING - 2)
    first, rest = (ROWS, []) if break_after is None else (ROWS[:break_after], ROWS[break_after:])
    y = _draw_rows(page, first, y)
    if rest:
        page.showPage()
        page.setFont(FONT, SIZE)
        y = _draw_rows(page, rest, 780.0)
    if "foot" in rules:
        _rule(page, y + LEADING - 2)
    page.save()


def _grid(path: Path) -> list[list[str]]:
    rows = [row.cells for table in read_document(path).tables for row in table.rows]
    return [[c if isinstance(c, str) else "^" for c in row] for row in rows]


EXPECTED = [HEADER, *ROWS]


@pytest.mark.parametrize("style", RULES)
def test_a_table_rules_do_not_frame_gives_its_grid_and_a_notice(style: str, tmp_path: Path) -> None:
    pdf = tmp_path / f"{style}.pdf"
    write_table_pdf(pdf, RULES[style])
    assert _grid(pdf) == EXPECTED
    notices = read_document(pdf).content.notices
    assert [n.code for n in notices] == ["aligned-table"]
    assert "5 columns and 5 rows" in notices[0].message


def test_a_borderless_table_crossing_a_page_gives_every_row(tmp_path: Path) -> None:
    pdf = tmp_path / "crossing.pdf"
    write_table_pdf(pdf, (), break_after=2)
    assert _grid(pdf) == EXPECTED
    assert [n.page for n in read_document(pdf).content.notices] == [1, 2]


@pytest.mark.parametrize("style", [*RULES, "crossing"])
def test_convert_gives_the_records_of_a_table_rules_do_not_frame(
    style: str, tmp_path: Path
) -> None:
    pdf = tmp_path / f"{style}.pdf"
    write_table_pdf(pdf, RULES.get(style, ()), break_after=2 if style == "crossing" else None)
    document = qingdan.convert(pdf)
    assert document.document.title == "某县2020年乡村振兴重点工作任务清单"
    assert [r.no for r in document.records] == ["1", "2", "3", "4"]
    assert [r.measure for r in document.records] == [r[2].replace("\n", "") for r in ROWS]
    assert [r.lead for r in document.records] == [[r[3]] for r in ROWS]
    assert [r.deadline for r in document.records] == [r[4] for r in ROWS]
    assert any("text is aligned" in w.message for w in document.warnings)


def test_the_cli_extracts_the_guessed_grid(tmp_path: Path) -> None:
    pdf = tmp_path / "three-line.pdf"
    write_table_pdf(pdf, RULES["three-line"])
    result = invoke(["extract", str(pdf)])
    assert result.exit_code == 0, result.output
    tables = json.loads(result.stdout)["tables"]
    assert [row[2] for row in tables[0]["rows"]][1:] == [r[2] for r in ROWS]


def test_a_ruled_table_is_read_by_its_rules_with_no_guess(tmp_path: Path) -> None:
    from tests.conftest import SAMPLES

    sample = next(SAMPLES.glob("*_merged.pdf"))
    assert all(n.code != "aligned-table" for n in read_document(sample).content.notices)


# --- Rules that find an incomplete table (extract/pdf/unruled_rows.py) -----------------

LINE_LEFTS = [x - 4 for x in COLUMNS]


def write_partly_ruled_pdf(
    target: Path, ruled: int, note: str | None = None, break_after: int | None = None
) -> None:
    """The table with a full lattice over its header and first ``ruled - 1`` rows only:
    the rows after go on under the last rule with no rule at all (then ``note``, a
    paragraph under the table, when given); with ``break_after``, the rows after that
    many go on to a second page, unruled."""
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    page = canvas.Canvas(str(target), pagesize=(595, 842), invariant=True)
    page.setFont(FONT, 16)
    page.drawString(150, 780, "某县2020年乡村振兴重点工作任务清单")
    page.setFont(FONT, SIZE)
    y = 740.0
    rules = [y + LEADING]
    first = ROWS if break_after is None else ROWS[:break_after]
    for row in [HEADER, *first]:
        y = _draw_rows(page, [row], y)
        rules.append(y + LEADING - 2)
    lattice = rules[: ruled + 1]
    for rule in lattice:
        _rule(page, rule)
    for x in [*LINE_LEFTS, RIGHT]:
        page.line(x, lattice[0], x, lattice[-1])
    if break_after is not None:
        page.showPage()
        page.setFont(FONT, SIZE)
        y = _draw_rows(page, ROWS[break_after:], 780.0)
    if note is not None:
        page.drawString(COLUMNS[0] - 4, y - 10, note)
    page.save()


@pytest.mark.parametrize("ruled", [1, 2], ids=["header-only", "rules-stop-after-a-row"])
def test_rows_under_a_lattice_that_stops_are_the_tables(ruled: int, tmp_path: Path) -> None:
    pdf = tmp_path / "partly.pdf"
    write_partly_ruled_pdf(pdf, ruled)
    assert _grid(pdf) == EXPECTED
    [notice] = read_document(pdf).content.notices
    assert notice.code == "aligned-table"
    assert f"stop after {ruled} rows; {5 - ruled} rows under them" in notice.message
    result = invoke(["extract", str(pdf)])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["tables"][0]["rows"]
    assert [row[3] for row in rows] == [HEADER[3], *(r[3] for r in ROWS)]


@pytest.mark.parametrize("ruled", [1, 2])
def test_convert_gives_the_records_of_a_table_whose_rules_stop(ruled: int, tmp_path: Path) -> None:
    pdf = tmp_path / "partly.pdf"
    write_partly_ruled_pdf(pdf, ruled)
    document = qingdan.convert(pdf)
    assert [r.no for r in document.records] == ["1", "2", "3", "4"]
    assert [r.measure for r in document.records] == [r[2].replace("\n", "") for r in ROWS]
    assert [r.lead for r in document.records] == [[r[3]] for r in ROWS]
    assert [r.deadline for r in document.records] == [r[4] for r in ROWS]
    assert any("rules stop" in w.message for w in document.warnings)


def test_a_paragraph_under_a_whole_lattice_is_no_row(tmp_path: Path) -> None:
    """A note printed across the columns under a fully ruled table stays text."""
    pdf = tmp_path / "whole.pdf"
    note = "注：本表所列完成时限为最迟时限，各单位可提前完成。"
    write_partly_ruled_pdf(pdf, len(ROWS) + 1, note=note)
    assert _grid(pdf) == EXPECTED
    assert read_document(pdf).content.notices == []


def test_a_table_whose_rules_stop_goes_on_unruled_on_the_next_page(tmp_path: Path) -> None:
    pdf = tmp_path / "partly-crossing.pdf"
    write_partly_ruled_pdf(pdf, 1, break_after=2)
    assert _grid(pdf) == EXPECTED
    assert [n.page for n in read_document(pdf).content.notices] == [1, 2]
    document = qingdan.convert(pdf)
    assert [r.measure for r in document.records] == [r[2].replace("\n", "") for r in ROWS]
    assert [r.lead for r in document.records] == [[r[3]] for r in ROWS]
