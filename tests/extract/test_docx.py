"""The DOCX reader, on small Word documents written in the tests as raw OOXML.

Each document is python-docx's blank document with its body replaced by the
paragraphs and tables a test spells out, so every merge is exactly the markup Word
writes (w:vMerge, w:gridSpan, w:tblHeader).
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from qingdan.extract import read_document
from qingdan.extract.errors import BrokenFile
from qingdan.extract.grid import Covered

import qingdan
from benchmarks.corpus import shared_expectations
from qingdan.writers.reason_text import reason_text
from tests.cli_runner import invoke
from tests.conftest import SAMPLES, SEED
from tests.records import all_as_read

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
HEADER = ("重点工作", "工作措施", "牵头单位", "配合单位", "完成时限")


def para(text: str) -> str:
    """A paragraph; ``\\n`` in the text is a manual line break (w:br)."""
    runs = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(p)}</w:t>' for p in text.split("\n"))
    return f"<w:p><w:r>{runs}</w:r></w:p>"


def cell(*paragraphs: str, span: int = 1, vmerge: str | None = None) -> str:
    """A table cell of paragraphs, spanning ``span`` grid columns, in a vertical merge."""
    props = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    if vmerge == "restart":
        props += '<w:vMerge w:val="restart"/>'
    elif vmerge == "continue":
        props += "<w:vMerge/>"
    body = "".join(para(p) for p in paragraphs) or "<w:p/>"
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{body}</w:tc>"


CONTINUE = cell(vmerge="continue")


def row(*cells: str, header: bool = False) -> str:
    """A table row; a plain string is a one-paragraph cell."""
    props = "<w:trPr><w:tblHeader/></w:trPr>" if header else ""
    tcs = "".join(c if c.startswith("<w:tc>") else cell(c) for c in cells)
    return f"<w:tr>{props}{tcs}</w:tr>"


def table(*rows: str) -> str:
    return f"<w:tbl><w:tblPr/>{''.join(rows)}</w:tbl>"


def task(category: str, measure: str, lead: str = "区发改委", support: str = "区财政局") -> str:
    """A task row whose category cell is given as markup or text."""
    return row(category, measure, lead, support, "2019年12月")


def write_docx(path: Path, *blocks: str) -> Path:
    """A .docx whose body holds ``blocks`` (paragraph and table markup), in order."""
    document = docx.Document()
    body = document.element.body
    section = body.find(qn("w:sectPr"))
    for child in list(body):
        if child is not section:
            body.remove(child)
    wrapper = parse_xml(f'<w:body xmlns:w="{W_NS}">{"".join(blocks)}</w:body>')
    for element in list(wrapper):
        section.addprevious(element)
    document.save(str(path))
    return path


def grid(path: Path) -> list[list[list[str | None]]]:
    """The raw cells of every table the reader found."""
    return [[r.cells for r in t.rows] for t in read_document(path).tables]


# --- merged cells ----------------------------------------------------------------------


def test_vertical_merge_spanning_the_whole_table(tmp_path: Path) -> None:
    path = write_docx(
        tmp_path / "whole.docx",
        table(
            row(*HEADER, header=True),
            task(cell("大气污染\n防治", vmerge="restart"), "措施一"),
            task(CONTINUE, "措施二"),
            task(CONTINUE, "措施三"),
        ),
    )
    [cells] = grid(path)
    assert [r[0] for r in cells] == ["重点工作", "大气污染\n防治", Covered.ABOVE, Covered.ABOVE]
    records = qingdan.convert(path).records
    assert [(r.category, r.measure) for r in records] == [
        ("大气污染防治", "措施一"),
        ("大气污染防治", "措施二"),
        ("大气污染防治", "措施三"),
    ]


def test_vertical_merge_starting_in_the_middle(tmp_path: Path) -> None:
    path = write_docx(
        tmp_path / "middle.docx",
        table(
            row(*HEADER),
            task("水污染防治", "措施一"),
            task(cell("土壤污染防治", vmerge="restart"), "措施二"),
            task(CONTINUE, "措施三"),
            task("固废治理", "措施四"),
        ),
    )
    [cells] = grid(path)
    assert [r[0] for r in cells[1:]] == ["水污染防治", "土壤污染防治", Covered.ABOVE, "固废治理"]
    categories = [r.category for r in qingdan.convert(path).records]
    assert categories == ["水污染防治", "土壤污染防治", "土壤污染防治", "固废治理"]


def test_cell_merged_across_columns_and_rows(tmp_path: Path) -> None:
    """One responsibility block spanning lead and support over two rows."""
    merged = cell("生态环境新城分局", span=2, vmerge="restart")
    covered = cell(span=2, vmerge="continue")
    path = write_docx(
        tmp_path / "nested.docx",
        table(
            row(*HEADER),
            row("水污染防治", "措施一", merged, "2019年12月"),
            row("水污染防治", "措施二", covered, "2019年12月"),
            row("水污染防治", "措施三", "区发改委", "区财政局", "2019年12月"),
        ),
    )
    [cells] = grid(path)
    assert cells[1][2:4] == ["生态环境新城分局", Covered.LEFT]
    assert cells[2][2:4] == [Covered.ABOVE, Covered.ABOVE]
    assert cells[3][2:4] == ["区发改委", "区财政局"]
    records = qingdan.convert(path).records
    assert [r.lead for r in records] == [["生态环境新城分局"]] * 2 + [["区发改委"]]
    assert [r.deadline for r in records] == ["2019年12月"] * 3


def test_one_cell_spanning_lead_and_support_gives_lead_only(tmp_path: Path) -> None:
    """Issue 12: the spanned 配合 position is the lead cell's, not a copy of the row above."""
    path = write_docx(
        tmp_path / "span.docx",
        table(
            row(*HEADER),
            row("水污染防治", "措施一", "区发改委", "区财政局", "2019年12月"),
            row("水污染防治", "措施二", cell("区水务局", span=2), "2019年12月"),
        ),
    )
    [cells] = grid(path)
    assert cells[2][2:4] == ["区水务局", Covered.LEFT]
    second = qingdan.convert(path).records[1]
    assert (second.lead, second.support) == (["区水务局"], [])


def test_full_width_row_is_a_section_for_the_rows_below(tmp_path: Path) -> None:
    path = write_docx(
        tmp_path / "sections.docx",
        table(
            row(*HEADER),
            row(cell("一、持续打好蓝天保卫战", span=5)),
            task("大气污染防治", "措施一"),
            task("大气污染防治", "措施二"),
            row(cell("二、持续打好碧水保卫战", span=5)),
            task("水污染防治", "措施三"),
        ),
    )
    [cells] = grid(path)
    assert cells[1] == [
        "一、持续打好蓝天保卫战",
        Covered.LEFT,
        Covered.LEFT,
        Covered.LEFT,
        Covered.LEFT,
    ]
    records = qingdan.convert(path).records
    assert [(r.section, r.measure) for r in records] == [
        ("一、持续打好蓝天保卫战", "措施一"),
        ("一、持续打好蓝天保卫战", "措施二"),
        ("二、持续打好碧水保卫战", "措施三"),
    ]


# --- blank cells and cell text ---------------------------------------------------------


def test_empty_cells_that_are_not_merged_stay_blank(tmp_path: Path) -> None:
    path = write_docx(
        tmp_path / "empty.docx",
        table(
            row(*HEADER),
            task("水污染防治", "措施一", "区发改委", "区财政局"),
            row("水污染防治", "措施二", "区住建局", cell(), cell()),
        ),
    )
    [cells] = grid(path)
    assert cells[2][3:] == ["", ""]
    second = qingdan.convert(path).records[1]
    assert second.support == []
    assert second.deadline is None


def test_cell_of_only_whitespace_is_blank(tmp_path: Path) -> None:
    spaces = cell("\u3000\u00a0 ", "\t")
    path = write_docx(
        tmp_path / "spaces.docx",
        table(row(*HEADER), row("水污染防治", "措施一", "区发改委", spaces, "2019年12月")),
    )
    [cells] = grid(path)
    assert cells[1][3] == ""
    assert qingdan.convert(path).records[0].support == []


def test_paragraphs_and_line_breaks_become_lines_and_spaces_are_cleaned(tmp_path: Path) -> None:
    support = cell("区发改委\u3000区科技局", "", "区住建局\n区卫生\u00a0\u00a0健康委")
    path = write_docx(
        tmp_path / "text.docx",
        table(row(*HEADER), row("水污染防治", "措施一", "生态环境\n新城分局", support, "2019年")),
    )
    [cells] = grid(path)
    assert cells[1][2] == "生态环境\n新城分局"
    assert cells[1][3] == "区发改委 区科技局\n区住建局\n区卫生 健康委"


def test_paragraphs_above_the_first_table_are_text_before(tmp_path: Path) -> None:
    path = write_docx(
        tmp_path / "title.docx",
        para("附件1"),
        para(""),
        para("新城区净土保卫战2019年工作任务清单"),
        table(row(*HEADER), task("水污染防治", "措施一")),
        para("附件2"),
    )
    raw = read_document(path)
    assert raw.content.text_before == ["附件1", "新城区净土保卫战2019年工作任务清单"]
    document = qingdan.convert(path).document
    assert (document.attachment, document.title, document.year) == (
        "附件1",
        "新城区净土保卫战2019年工作任务清单",
        2019,
    )


# --- header rows and several tables ----------------------------------------------------


def test_repeat_header_mark_is_read(tmp_path: Path) -> None:
    off = '<w:tr><w:trPr><w:tblHeader w:val="0"/></w:trPr>' + cell("x") + "</w:tr>"
    path = write_docx(
        tmp_path / "marks.docx",
        table(row(*HEADER, header=True), task("水污染防治", "措施一"), off),
    )
    rows = read_document(path).tables[0].rows
    assert [r.repeats_as_header for r in rows] == [True, False, False]


def test_tables_are_named_in_order_and_a_non_task_table_is_skipped(tmp_path: Path) -> None:
    path = write_docx(
        tmp_path / "contacts.docx",
        table(row(*HEADER), task("水污染防治", "措施一")),
        para(""),
        table(row(*HEADER), task("水污染防治", "措施二")),
        para("联系人名单"),
        table(row("联系人", "电话"), row("张三", "12345678")),
    )
    raw = read_document(path)
    assert [t.name for t in raw.tables] == ["table 1", "table 2", "table 3"]
    document = qingdan.convert(path)
    assert [r.measure for r in document.records] == ["措施一", "措施二"]
    skipped = [w for w in document.warnings if w.code == "skipped-table"]
    assert [w.message for w in skipped] == ["table 3 is not a task table; skipped"]


# --- broken files and the CLI ----------------------------------------------------------


def _zip(members: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return buffer.getvalue()


BROKEN = {
    "text.docx": (b"this is plain text, not a Word file", "not a readable zip archive"),
    "other.docx": (_zip({"notes.txt": "hello"}), "a zip archive but not a Word document"),
    "old.docx": (bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 512, "Word 97-2003 .doc"),
    "cut.docx": ((SAMPLES / "000_eaf823a1ce4555f0_merged.docx").read_bytes()[:4000], "zip"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_file_is_one_error_line_and_exit_2(tmp_path: Path, name: str) -> None:
    data, reason = BROKEN[name]
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(BrokenFile, match=reason) as raised:
        read_document(path)
    result = invoke(["convert", str(path)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"qingdan: 错误: {path}: ")
    assert reason_text("BrokenFile", raised.value.reason) in result.stderr  # said in Chinese


@pytest.mark.parametrize(
    "blocks",
    [(para("附件1"), para("没有表格")), (table(row("联系人", "电话"), row("张三", "123")),)],
    ids=["no-table", "no-task-table"],
)
def test_docx_without_a_task_table_is_exit_2(tmp_path: Path, blocks: tuple[str, ...]) -> None:
    path = write_docx(tmp_path / "none.docx", *blocks)
    result = invoke(["convert", str(path)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "没有任务清单的表头" in result.stderr or "未找到表格" in result.stderr


def test_extract_prints_merged_text_in_the_top_left_cell(tmp_path: Path) -> None:
    path = write_docx(
        tmp_path / "grid.docx",
        table(
            row(*HEADER, header=True),
            row(cell("大气", vmerge="restart"), cell("措施一", span=2), "区财政局", "2019年"),
            row(CONTINUE, "措施二", "区发改委", "区财政局", "2019年"),
        ),
    )
    result = invoke(["extract", str(path)])
    assert result.exit_code == 0
    tables = json.loads(result.stdout)["tables"]
    assert tables == [
        {
            "page": None,
            "rows": [
                list(HEADER),
                ["大气", "措施一", {"covered": "left"}, "区财政局", "2019年"],
                [{"covered": "above"}, "措施二", "区发改委", "区财政局", "2019年"],
            ],
        }
    ]


# --- the seed attachment, rendered as Word authors write it ---------------------------

SEED_RENDERINGS = ["merged", "table-per-page", "repeated", "blank"]


def test_seed_renderings_share_the_txt_golden() -> None:
    """Each DOCX rendering is checked against the TXT's golden by tests/test_golden.py."""
    shared = shared_expectations(SAMPLES)
    for variant in SEED_RENDERINGS:
        name = f"000_eaf823a1ce4555f0_{variant}.docx"
        assert (SAMPLES / name).is_file()
        assert shared[name] == f"{SEED.name}.expected.json"


@pytest.mark.parametrize("variant", SEED_RENDERINGS)
def test_seed_rendering_gives_the_txt_records(variant: str) -> None:
    expected = all_as_read(qingdan.convert(SEED).records)
    document = qingdan.convert(SAMPLES / f"000_eaf823a1ce4555f0_{variant}.docx")
    assert all_as_read(document.records) == expected
    assert document.warnings == []


def test_title_comes_from_the_paragraphs_above_the_first_task_table(tmp_path: Path) -> None:
    path = write_docx(
        tmp_path / "after-contacts.docx",
        para("附件1"),
        para("联系人名单"),
        table(row("联系人", "电话"), row("张三", "12345678")),
        para("附件2"),
        para("新城区2019年大气污染防治工作任务清单"),
        table(row(*HEADER), task("大气污染防治", "措施一")),
    )
    assert read_document(path).tables[1].text_above == [
        "附件2",
        "新城区2019年大气污染防治工作任务清单",
    ]
    document = qingdan.convert(path)
    assert document.document.attachment == "附件2"
    assert document.document.title == "新城区2019年大气污染防治工作任务清单"
    assert [w.message for w in document.warnings] == ["table 1 is not a task table; skipped"]


def test_content_controls_legacy_merges_and_skipped_grid_columns(tmp_path: Path) -> None:
    """Rows and cells inside content controls (w:sdt) are read; w:hMerge continue is
    covered like w:gridSpan; w:gridBefore/w:gridAfter columns are blank."""
    sdt_row = f"<w:sdt><w:sdtContent>{row('区发改委', '区财政局')}</w:sdtContent></w:sdt>"
    sdt_cell = f"<w:sdt><w:sdtContent>{cell('甲')}</w:sdtContent></w:sdt>"
    h_restart = '<w:tc><w:tcPr><w:hMerge w:val="restart"/></w:tcPr>' + para("乙") + "</w:tc>"
    h_continue = "<w:tc><w:tcPr><w:hMerge/></w:tcPr><w:p/></w:tc>"
    skipped = '<w:trPr><w:gridBefore w:val="1"/><w:gridAfter w:val="1"/></w:trPr>'
    path = write_docx(
        tmp_path / "controls.docx",
        table(
            sdt_row,
            f"<w:tr>{sdt_cell}{h_restart}{h_continue}</w:tr>",
            f"<w:tr>{skipped}{cell('丙')}</w:tr>",
        ),
    )
    assert grid(path) == [[["区发改委", "区财政局"], ["甲", "乙", Covered.LEFT], ["", "丙", ""]]]


def test_deleted_text_and_drawing_fallbacks_are_not_read(tmp_path: Path) -> None:
    deleted = '<w:del w:id="1" w:author="a"><w:r><w:delText>旧</w:delText></w:r></w:del>'
    inserted = '<w:ins w:id="2" w:author="a"><w:r><w:t>新</w:t></w:r></w:ins>'
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    fallback = (
        f'<mc:AlternateContent xmlns:mc="{mc}"><mc:Choice Requires="wps"><w:r><w:t>框</w:t>'
        "</w:r></mc:Choice><mc:Fallback><w:r><w:t>框</w:t></w:r></mc:Fallback>"
        "</mc:AlternateContent>"
    )
    paragraph = f"<w:p><w:r><w:t>措施</w:t></w:r>{deleted}{inserted}{fallback}</w:p>"
    path = write_docx(tmp_path / "tracked.docx", table(row(f"<w:tc>{paragraph}</w:tc>")))
    assert grid(path) == [[["措施新框"]]]
