"""Build the small PDFs the PDF reader tests use (run by `make pdf-cases`; the PDFs are committed).

Each ruled table is written as DOCX with python-docx and exported to PDF by LibreOffice
(`soffice --headless --convert-to pdf`), the way most task-list PDFs are made. The rows come
from the seed attachment (samples/000_eaf823a1ce4555f0.txt), so a case's records can be
checked against what went in (`NAME.source.json`):

* ``category_across_pages.pdf``: the 15 seed rows over 3+ portrait pages, header repeated on
  every page, category cells merged vertically and centred, rows kept whole: a category
  group runs across a page break.
* ``row_split.pdf``: landscape pages, rows allowed to break, one measure long enough that
  its row is split across a page break.
* ``kangxi.pdf``: a table whose text layer reads Kangxi radicals and a radicals-supplement
  character (⼯ for 工, ⼟ for 土, ⻓ for 长), as broken Chinese government PDFs do: the
  fonts' ToUnicode maps are rewritten after export.
* ``private_use.pdf``: a table whose cells are mostly private-use code points (an
  unreadable text layer).
* ``contacts_first.pdf``: a contact table, then the label and title, then the task table,
  all on page 1.
* ``garbage_table_readable_note.pdf``: the page of ``private_use.pdf``, then a readable
  page of text without a table.
* ``rotated.pdf``: ``row_split.pdf`` stored as portrait pages with ``/Rotate 90``.
* ``partly_private_use.pdf``: two rows, three private-use characters in one measure.
* ``last_page_unreadable.pdf``: two pages of ``category_across_pages.pdf``, then the
  page of ``private_use.pdf``.
* ``fake_bold.pdf``: written directly with reportlab: every glyph printed twice, a hair
  apart (fake bold), letter-spaced header labels, a running header and page number
  outside the table.
* ``autospace.pdf`` (and ``autospace.docx``, the file it was exported from): 16-point
  text, so that LibreOffice's gap between Chinese characters and digits (Word's
  "autospace") is wider than pdfplumber's word tolerance; measures with numbers and
  units (``45公里``, ``1.2亿元``, ``PM2.5``); the title printed on two centred, bold,
  18-point lines (issue 15).
* ``break_SSS.pdf``, ``break2h_SSS.pdf``, ``break_head_*.pdf``: one list with its page
  break at many places
  (``break_family.py``).
* ``cid.pdf``: ``kangxi.pdf`` without its fonts' ToUnicode maps (every glyph a
  ``(cid:N)``).
* ``scan.pdf``: one page holding only an image (no text layer).
* ``encrypted.pdf``: ``fake_bold.pdf`` (one page) encrypted with the password ``qingdan``.
* ``truncated.pdf``: the first half of ``category_across_pages.pdf``.

Needs LibreOffice (Debian: libreoffice-writer-nogui, fonts-noto-cjk) and the dev extras.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pypdf
from docx import Document as new_docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table
from PIL import Image, ImageDraw

import qingdan
from tests.extract.pdf_cases.break_family import write_family

HERE = Path(__file__).resolve().parent
SEED = HERE.parents[2] / "samples" / "000_eaf823a1ce4555f0.txt"
HEADER = ["重点工作", "工作措施", "牵头部门", "配合部门", "完成时限"]
PASSWORD = "qingdan"

Row = list[str]


def seed_rows() -> tuple[list[str], list[Row]]:
    """The seed's text above the table and its 15 rows, in the columns of ``HEADER``."""
    document = qingdan.convert(SEED)
    before = [document.document.attachment or "", document.document.title or ""]
    rows = [
        [
            r.category or "",
            r.measure,
            "\n".join(r.lead),
            "\n".join(r.support),
            r.deadline or "",
        ]
        for r in document.records
    ]
    return before, rows


def _set_cjk_font(document: DocxDocument) -> None:
    style = document.styles["Normal"]
    style.font.name = "Noto Serif CJK SC"
    style.font.size = Pt(10.5)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), "Noto Serif CJK SC")


def _mark(row_element: object, tag: str) -> None:
    """Add an empty row property (``w:tblHeader``, ``w:cantSplit``) to a table row."""
    tr_pr = row_element.get_or_add_trPr()  # type: ignore[attr-defined]
    tr_pr.append(OxmlElement(tag))


def _ruled_table(document: DocxDocument, rows: list[Row], keep_rows_whole: bool) -> Table:
    table = document.add_table(rows=1 + len(rows), cols=len(HEADER))
    table.style = "Table Grid"
    _mark(table.rows[0]._tr, "w:tblHeader")
    for cell, label in zip(table.rows[0].cells, HEADER, strict=True):
        cell.text = label
    for row, values in zip(table.rows[1:], rows, strict=True):
        if keep_rows_whole:
            _mark(row._tr, "w:cantSplit")
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    _merge_categories(table, rows)
    return table


def _merge_categories(table: Table, rows: list[Row]) -> None:
    """Merge each run of equal category cells into one cell, centred, as Word users do."""
    start = 0
    for end in range(1, len(rows) + 1):
        if end < len(rows) and rows[end][0] == rows[start][0]:
            continue
        top = table.cell(start + 1, 0)
        if end - start > 1:
            top = top.merge(table.cell(end, 0))
            top.text = rows[start][0]
        top.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        start = end


CONTACTS = [["联系人", "电话"], ["张三", "029-12345678"]]


def _docx(
    before: list[str],
    rows: list[Row],
    landscape: bool,
    keep_rows_whole: bool,
    contacts_first: bool = False,
) -> object:
    document = new_docx()
    _set_cjk_font(document)
    section = document.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Cm(2))
    section.footer.paragraphs[0].text = "— 1 —"
    if contacts_first:  # a small contact table above the list's label and title
        document.add_paragraph("报送单位联系方式")
        contacts = document.add_table(rows=len(CONTACTS), cols=2)
        contacts.style = "Table Grid"
        for row, values in zip(contacts.rows, CONTACTS, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
    for line in before:
        document.add_paragraph(line)
    _ruled_table(document, rows, keep_rows_whole)
    return document


def _to_pdf(docx_files: list[Path], outdir: Path, profile: Path) -> None:
    """Export DOCX files to PDF with LibreOffice, using a private profile (runs in parallel)."""
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            *map(str, docx_files),
        ],
        check=True,
        capture_output=True,
    )


def _long_row_rows(rows: list[Row]) -> list[Row]:
    """The seed rows with the 4th row's measure five times as long (it must split)."""
    longer = [list(row) for row in rows]
    longer[3][1] = "".join([rows[3][1], *(row[1] for row in rows[4:7])])
    return longer


def _garble(rows: list[Row], char: Callable[[str], str]) -> list[Row]:
    return [["".join(char(c) for c in cell) for cell in row] for row in rows]


# What a broken font maps some glyphs to: Kangxi radicals (⼯ ⼟) and a radical from the
# CJK radicals supplement (⻓). Hex as in a ToUnicode CMap.
RADICAL_FOR = {"5DE5": "2F2F", "571F": "2F1F", "957F": "2ED3"}


def break_text_layer(pdf: Path) -> None:
    """Rewrite the fonts' ToUnicode maps so some ideographs read as radicals (in place)."""
    writer = pypdf.PdfWriter(clone_from=pdf)
    for page in writer.pages:
        for font in page["/Resources"]["/Font"].values():
            to_unicode = font.get_object().get("/ToUnicode")
            if to_unicode is None:
                continue
            stream = to_unicode.get_object()
            cmap = stream.get_data().decode("latin-1")
            for ideograph, radical in RADICAL_FOR.items():
                cmap = cmap.replace(f"<{ideograph}>", f"<{radical}>")
            stream.set_data(cmap.encode("latin-1"))
    with pdf.open("wb") as out:
        writer.write(out)


AUTOSPACE_TITLE = ["新城区净土保卫战", "2020年工作任务清单"]
AUTOSPACE_MEASURES = [
    "完成老旧管网改造45公里，投资1.2亿元。",
    "PM2.5年均浓度下降到35微克/立方米以下，优良天数比例达到80%。",
    "新建污水处理厂2座，日处理能力3万吨，2020年6月底前投入运行。",
]


def _autospace_docx(rows: list[Row]) -> object:
    """16-point text with numbers next to Chinese; the title on two centred bold lines."""
    document = _docx(["附件1"], rows, True, True)
    style = document.styles["Normal"]  # type: ignore[attr-defined]
    style.font.size = Pt(16)
    label = document.paragraphs[-1]  # type: ignore[attr-defined]
    for line in AUTOSPACE_TITLE:
        paragraph = label.insert_paragraph_before("")
        run = paragraph.add_run(line)
        run.bold = True
        run.font.size = Pt(18)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    label_text = label.text
    label._p.getparent().remove(label._p)
    first = document.paragraphs[0]  # type: ignore[attr-defined]
    first.insert_paragraph_before(label_text)
    return document


def _autospace_rows(rows: list[Row]) -> list[Row]:
    chosen = [list(row) for row in rows[:3]]
    for row, measure in zip(chosen, AUTOSPACE_MEASURES, strict=True):
        row[1] = measure
    chosen[1][0] = chosen[0][0]  # the first two share their category (merged)
    return chosen


def docx_cases() -> dict[str, tuple[object, list[Row], list[str]]]:
    """Case name -> (DOCX document, its rows, its text before the table)."""
    before, rows = seed_rows()
    kangxi = [rows[0], rows[12]]  # 工, 土 and 长 (区河湖长办)
    partly = [list(rows[0]), list(rows[1])]
    partly[1][1] = partly[1][1][:10] + "\ue000\ue001\ue002" + partly[1][1][10:]
    private = _garble(rows[:4], lambda c: chr(0xE000 + ord(c) % 0x1000) if ord(c) > 0x3000 else c)
    return {
        "category_across_pages": (_docx(before, rows, False, True), rows, before),
        "row_split": (
            _docx(before, _long_row_rows(rows), True, False),
            _long_row_rows(rows),
            before,
        ),
        "kangxi": (_docx(before, kangxi, True, True), kangxi, before),
        "private_use": (_docx(before, private, True, True), private, before),
        "partly_private_use": (_docx(before, partly, True, True), partly, before),
        "contacts_first": (_docx(before, rows[:3], False, True, True), rows[:3], before),
        "autospace": (
            _autospace_docx(_autospace_rows(rows)),
            _autospace_rows(rows),
            ["附件1", "".join(AUTOSPACE_TITLE)],
        ),
    }


def fake_bold_rows(rows: list[Row]) -> list[Row]:
    """Short versions of seed rows that fit one line per cell on the fake-bold page."""
    return [[row[0], row[1][:20], row[2], row[3].split("\n")[0], row[4]] for row in rows]


def make_fake_bold(target: Path, before: list[str], rows: list[Row]) -> None:
    """A one-page ruled table written with reportlab, every glyph printed twice (fake bold).

    The header labels are letter-spaced; a running header and a page number are printed
    outside the table.
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(target), pagesize=A4)
    width, height = A4
    pdf.setFont("STSong-Light", 9)
    pdf.drawString(40, height - 30, "内部资料 注意保存")
    pdf.drawCentredString(width / 2, 20, "- 1 -")
    y = height - 60
    for line in before:
        pdf.drawString(40, y, line)
        y -= 18
    xs = [40, 130, 330, 420, 510, 570]
    table = [HEADER, *rows]
    top = y - 6
    row_height = 30
    for index, row in enumerate(table):
        row_top = top - index * row_height
        spacing = 6 if index == 0 else 0  # letter-spaced header labels: 牵  头  部  门
        for col, text in enumerate(row):
            for shift in (0.0, 0.25):  # the fake bold: the same glyphs again, a hair right
                pdf.drawString(xs[col] + 2 + shift, row_top - 18, text, charSpace=spacing)
    bottom = top - len(table) * row_height
    for index in range(len(table) + 1):
        pdf.line(xs[0], top - index * row_height, xs[-1], top - index * row_height)
    for x in xs:
        pdf.line(x, top, x, bottom)
    pdf.showPage()
    pdf.save()


def make_cid(source: Path, target: Path) -> None:
    """``source`` with every font's ToUnicode map removed: glyphs that map to no character,
    which pdfminer prints as ``(cid:N)``."""
    writer = pypdf.PdfWriter(clone_from=source)
    for page in writer.pages:
        for font in page["/Resources"]["/Font"].values():
            font.get_object().pop("/ToUnicode", None)
    with target.open("wb") as out:
        writer.write(out)


def make_scan(target: Path) -> None:
    """A one-page PDF holding only a picture of a table (what a scanner produces)."""
    image = Image.new("RGB", (1240, 1754), "white")
    draw = ImageDraw.Draw(image)
    for y in range(200, 1200, 100):
        draw.line((100, y, 1140, y), fill="black", width=3)
    for x in (100, 400, 700, 1140):
        draw.line((x, 200, x, 1100), fill="black", width=3)
    image.save(target, "PDF", resolution=150)


def make_encrypted(source: Path, target: Path) -> None:
    """``source`` encrypted with ``PASSWORD`` (AES-256)."""
    writer = pypdf.PdfWriter(clone_from=source)
    writer.encrypt(PASSWORD, algorithm="AES-256")
    with target.open("wb") as out:
        writer.write(out)


def make_stored_portrait(landscape: Path, target: Path) -> None:
    """``landscape`` stored as portrait pages turned by ``/Rotate 90`` (as some tools save it)."""
    writer = pypdf.PdfWriter(clone_from=landscape)
    for page in writer.pages:
        page.rotate(270)
        page.transfer_rotation_to_content()  # the content drawn turned on a portrait page
        page.rotate(90)  # ... and the page turned back for display
    with target.open("wb") as out:
        writer.write(out)


def make_note_page(target: Path) -> None:
    """A page of plain text without a table (a note after the list)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(target), pagesize=A4)
    pdf.setFont("STSong-Light", 10)
    pdf.drawString(60, A4[1] - 80, "说明：各单位于每季度末报送进展情况。")
    pdf.showPage()
    pdf.save()


def make_last_page_unreadable(readable: Path, unreadable: Path, target: Path) -> None:
    """The first two pages of ``readable``, then the (unreadable) first page of ``unreadable``."""
    writer = pypdf.PdfWriter()
    writer.append(readable, pages=(0, 2))
    writer.append(unreadable, pages=(0, 1))
    with target.open("wb") as out:
        writer.write(out)


KEEP_DOCX = {"autospace"}
"""Cases whose DOCX is committed too: their PDF must read exactly like their DOCX."""


def export_docx_cases(names: set[str] | None = None) -> None:
    """Export the DOCX-made cases (all, or those named) to PDF, with their sources."""
    cases = {n: c for n, c in docx_cases().items() if names is None or n in names}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        files = []
        for name, (document, _rows, _before) in cases.items():
            path = (HERE if name in KEEP_DOCX else work) / f"{name}.docx"
            document.save(str(path))  # type: ignore[attr-defined]
            files.append(path)
        _to_pdf(files, HERE, work / "profile")
    for name, (_document, rows, before) in cases.items():
        source = {"text_before": before, "header": HEADER, "rows": rows}
        (HERE / f"{name}.source.json").write_text(
            json.dumps(source, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )


def main() -> None:
    """Write every case PDF (and the rows that went into it) next to this script.

    With case names as arguments, only those DOCX-made cases are rebuilt.
    """
    if sys.argv[1:] == ["break_family"]:
        write_family(seed_rows()[1], _to_pdf)
        return
    if len(sys.argv) > 1:
        export_docx_cases(set(sys.argv[1:]))
        return
    export_docx_cases()
    write_family(seed_rows()[1], _to_pdf)
    break_text_layer(HERE / "kangxi.pdf")
    before, rows = seed_rows()
    fake_bold = fake_bold_rows(rows[:4])
    make_fake_bold(HERE / "fake_bold.pdf", before, fake_bold)
    source = {"text_before": before, "header": HEADER, "rows": fake_bold}
    (HERE / "fake_bold.source.json").write_text(
        json.dumps(source, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    make_scan(HERE / "scan.pdf")
    make_cid(HERE / "kangxi.pdf", HERE / "cid.pdf")
    make_stored_portrait(HERE / "row_split.pdf", HERE / "rotated.pdf")
    whole = HERE / "category_across_pages.pdf"
    make_last_page_unreadable(whole, HERE / "private_use.pdf", HERE / "last_page_unreadable.pdf")
    with tempfile.TemporaryDirectory() as tmp:
        note = Path(tmp) / "note.pdf"
        make_note_page(note)
        writer = pypdf.PdfWriter()
        writer.append(HERE / "private_use.pdf")
        writer.append(note)
        with (HERE / "garbage_table_readable_note.pdf").open("wb") as out:
            writer.write(out)
    make_encrypted(HERE / "fake_bold.pdf", HERE / "encrypted.pdf")
    data = whole.read_bytes()
    (HERE / "truncated.pdf").write_bytes(data[: len(data) // 2])


if __name__ == "__main__":
    main()
