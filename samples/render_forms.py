"""Render sample specs in the other forms lists are published in (issue 19).

Called by ``make_samples.render`` for every spec with a ``merged`` Word rendering; it
writes into the samples folder:

* ``NAME_merged.html``: a web page as a government site serves it: the label and title
  as paragraphs above a ``<table>``, ``"^"`` as ``rowspan``, ``"<"`` as ``colspan``,
  line breaks as ``<br>``;
* ``NAME_merged.xlsx``: one sheet, the label in A1 and the title merged across the top,
  ``"^"``/``"<"`` as merged ranges, line breaks as Alt+Enter breaks;
* ``NAME_merged.xls`` and ``NAME_merged.doc``: that workbook and the ``merged`` Word
  file saved as Excel/Word 97-2003 by LibreOffice;
* ``NAME_paragraphs.docx`` and ``.pdf``: the list printed as numbered paragraphs, as
  inside a notice: section rows as they are, each category as a ``（一）`` sub-heading,
  each task as ``1.`` + its measure (the 序号 when the table has one, else counted),
  then one ``LABEL：value`` line per filled column, a cell's further lines as lines.

The spec's cell language (``"^"``, ``"<"``, ``"\\n"``) is make_samples' (see its module
docstring). The .xls/.doc/.pdf bytes carry LibreOffice's save time, so re-rendering
them changes their bytes, not their content.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from corpus.sheet import ABOVE, LEFT, merged_spans

if TYPE_CHECKING:
    from corpus.sheet import Spec


spans = merged_spans
"""The merged spans of a spec's grid (one rule with the Word rendering)."""


# --- HTML ------------------------------------------------------------------------------


def _html_cell(tag: str, text: str, rowspan: int, colspan: int) -> str:
    attributes = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (
        f' colspan="{colspan}"' if colspan > 1 else ""
    )
    body = "<br>".join(html.escape(line) for line in text.split("\n"))
    return f"<{tag}{attributes}>{body}</{tag}>"


def render_html(spec: Spec) -> str:
    """A web page holding the spec's table (UTF-8, declared in a meta tag)."""
    grid = [*spec.header, *spec.rows]
    cells = spans(grid)
    lines = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{html.escape(spec.text_before[-1] if spec.text_before else spec.name)}</title>",
        "</head>",
        "<body>",
    ]
    for index, text in enumerate(spec.text_before):
        tag = "h1" if index == len(spec.text_before) - 1 else "p"
        lines.append(f"<{tag}>{html.escape(text)}</{tag}>")
    lines.append('<table border="1" cellspacing="0">')
    for r, row in enumerate(grid):
        group = "thead" if r < len(spec.header) else "tbody"
        if r in (0, len(spec.header)):
            lines.append(f"<{group}>")
        tag = "th" if group == "thead" else "td"
        html_cells = [
            _html_cell(tag, text, *cells[r, c]) for c, text in enumerate(row) if (r, c) in cells
        ]
        lines.append("<tr>" + "".join(html_cells) + "</tr>")
        if r in (len(spec.header) - 1, len(grid) - 1):
            lines.append(f"</{group}>")
    lines += ["</table>", "</body>", "</html>", ""]
    return "\n".join(lines)


def write_html(spec: Spec, target: Path) -> None:
    """Write the spec as a UTF-8 web page."""
    target.write_text(render_html(spec), encoding="utf-8")


# --- XLSX ------------------------------------------------------------------------------


def write_xlsx(spec: Spec, target: Path) -> None:
    """Write the spec as a workbook of one sheet: the label in A1, the title merged
    across the top, then the table with ``"^"``/``"<"`` as merged ranges."""
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Alignment

    from corpus.sheet import _FIXED_TIME as FIXED_TIME
    from corpus.sheet import _with_fixed_timestamps as with_fixed_timestamps

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "任务清单"
    width = len(spec.header[0])
    for index, text in enumerate(spec.text_before, start=1):
        sheet.cell(index, 1, text)
        if index == len(spec.text_before) and width > 1:
            sheet.merge_cells(start_row=index, start_column=1, end_row=index, end_column=width)
    top = len(spec.text_before) + 1
    grid = [*spec.header, *spec.rows]
    wrap = Alignment(wrap_text=True, vertical="center")
    for (r, c), (rowspan, colspan) in spans(grid).items():
        cell = sheet.cell(top + r, 1 + c, grid[r][c])
        cell.alignment = wrap
        if (rowspan, colspan) != (1, 1):
            sheet.merge_cells(
                start_row=top + r,
                start_column=1 + c,
                end_row=top + r + rowspan - 1,
                end_column=c + colspan,
            )
    workbook.properties.created = FIXED_TIME.replace(tzinfo=None)
    buffer = io.BytesIO()
    workbook.save(buffer)
    target.write_bytes(with_fixed_timestamps(_with_fixed_modified(buffer.getvalue())))


def _with_fixed_modified(package: bytes) -> bytes:
    """The workbook with its "modified" time fixed: openpyxl stamps the save time."""
    import io
    import re
    import zipfile

    out = io.BytesIO()
    stamp = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
    with (
        zipfile.ZipFile(io.BytesIO(package)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            data = source.read(member)
            if member.filename == "docProps/core.xml":
                data = stamp.sub(rb"\g<1>2019-01-01T00:00:00Z\g<2>", data)
            target.writestr(member, data)
    return out.getvalue()


# --- Old binary formats, saved by LibreOffice ------------------------------------------


def soffice_convert(source: Path, target: Path, convert_to: str) -> None:
    """Save ``source`` as ``target`` with LibreOffice (``--convert-to CONVERT_TO``)."""
    import shutil
    import subprocess
    import tempfile

    soffice = shutil.which("soffice")
    if soffice is None:
        raise SystemExit(
            "render_forms: soffice (LibreOffice) is missing, so .xls/.doc samples cannot be "
            "rendered; install it (Debian: apt-get install libreoffice-writer libreoffice-calc)"
        )
    with tempfile.TemporaryDirectory(prefix="qingdan-forms-") as tmp:
        work = Path(tmp)
        profile = (work / "profile").as_uri()
        subprocess.run(
            [soffice, f"-env:UserInstallation={profile}", "--headless",
             "--convert-to", convert_to, "--outdir", str(work / "out"), str(source)],
            check=True, capture_output=True, timeout=300,
        )  # fmt: skip
        written = list((work / "out").glob("*"))
        if len(written) != 1:
            raise SystemExit(f"render_forms: soffice wrote no {convert_to} for {source.name}")
        target.write_bytes(written[0].read_bytes())


def write_xls(spec: Spec, target: Path) -> None:
    """Write the spec's workbook (``write_xlsx``) saved as Excel 97-2003 by LibreOffice."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="qingdan-forms-") as tmp:
        source = Path(tmp) / f"{target.stem}.xlsx"
        write_xlsx(spec, source)
        soffice_convert(source, target, "xls:MS Excel 97")


def write_doc(spec: Spec, target: Path) -> None:
    """Write the spec's merged Word table saved as Word 97-2003 by LibreOffice."""
    import tempfile

    from corpus.sheet import write_docx

    with tempfile.TemporaryDirectory(prefix="qingdan-forms-") as tmp:
        source = Path(tmp) / f"{target.stem}.docx"
        write_docx(spec, "merged", source)
        # LibreOffice 7.4 drops python-docx's tables when it saves a .docx straight
        # as .doc; through its own format they survive.
        odt = source.with_suffix(".odt")
        soffice_convert(source, odt, "odt")
        soffice_convert(odt, target, "doc:MS Word 97")


# --- Numbered paragraphs ---------------------------------------------------------------

_NO_LABELS = {"序号"}
_CATEGORY_LABELS = {"重点工作", "重点任务", "工作任务"}
_MEASURE_LABELS = {"工作措施", "具体措施"}
_CHINESE_DIGITS = "零一二三四五六七八九十"


def _chinese(number: int) -> str:
    """1..99 in Chinese numerals (the numbering of sub-headings: 一, 十二, 二十)."""
    tens, ones = divmod(number, 10)
    if not tens:
        return _CHINESE_DIGITS[ones]
    head = _CHINESE_DIGITS[tens] if tens > 1 else ""
    return head + "十" + (_CHINESE_DIGITS[ones] if ones else "")


def _labels(spec: Spec) -> list[str]:
    """The column labels: a sub-label of a two-row header replaces the group above it."""
    labels = list(spec.header[0])
    for row in spec.header[1:]:
        pairs = zip(labels, row, strict=True)
        labels = [below if below not in (ABOVE, LEFT) else top for top, below in pairs]
    return labels


def _resolved(rows: list[list[str]], r: int, c: int) -> tuple[str, bool]:
    """The text a cell shows (a ``"^"`` shows the text above) and whether it is merged."""
    merged = rows[r][c] == ABOVE
    while r > 0 and rows[r][c] == ABOVE:
        r -= 1
    return rows[r][c], merged


@dataclass(frozen=True)
class ParagraphColumns:
    """Which columns hold the 序号, the category and the measure (None: no such column)."""

    no: int | None
    category: int | None
    measure: int


def paragraph_columns(spec: Spec) -> ParagraphColumns:
    """The columns read from the labels the sample specs use (工作措施, 重点工作 …)."""
    labels = _labels(spec)
    measure_col = next(i for i, label in enumerate(labels) if label in _MEASURE_LABELS)
    return ParagraphColumns(
        no=next((i for i, label in enumerate(labels) if label in _NO_LABELS), None),
        category=next(
            (i for i, label in enumerate(labels[:measure_col]) if label in _CATEGORY_LABELS),
            None,
        ),
        measure=measure_col,
    )


def paragraph_lines(spec: Spec, columns: ParagraphColumns | None = None) -> list[str]:
    """The list as a notice prints it: sections, （一） sub-headings for the categories,
    numbered items with their role lines (``牵头单位：…``), one line per line of a cell.

    ``columns`` says which columns are the 序号, category and measure when the labels
    are not the sample specs' (the real-shapes corpus reads them from its truth).
    """
    labels = _labels(spec)
    columns = columns or paragraph_columns(spec)
    no_col, category_col, measure_col = columns.no, columns.category, columns.measure
    role_cols = [i for i in range(len(labels)) if i not in (no_col, category_col, measure_col)]
    lines = list(spec.text_before)
    count = categories = 0
    for r, row in enumerate(spec.rows):
        if all(cell == LEFT for cell in row[1:]):
            lines.append(row[0])
            categories = 0
            continue
        if category_col is not None:
            category, merged = _resolved(spec.rows, r, category_col)
            if not merged:
                categories += 1
                lines.append(f"（{_chinese(categories)}）{category.replace(chr(10), '')}")
        count += 1
        no = _resolved(spec.rows, r, no_col)[0] if no_col is not None else str(count)
        first, *rest = [line for line in spec.rows[r][measure_col].split("\n") if line]
        lines += [f"{no}.{first}", *rest]
        for col in role_cols:
            value = [line for line in _resolved(spec.rows, r, col)[0].split("\n") if line]
            if value:
                lines += [f"{labels[col]}：{value[0]}", *value[1:]]
    return lines


def write_paragraphs_docx(spec: Spec, target: Path) -> None:
    """Write the list as numbered paragraphs in a Word file (no table)."""
    write_lines_docx(paragraph_lines(spec), target)


def write_lines_docx(lines: list[str], target: Path) -> None:
    """Write a Word file of one paragraph per line (no table), reproducible bytes."""
    import io

    from docx import Document

    from corpus.sheet import _FIXED_TIME as FIXED_TIME
    from corpus.sheet import _with_fixed_timestamps as with_fixed_timestamps

    document = Document()
    for line in lines:
        document.add_paragraph(line)
    document.core_properties.created = document.core_properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    document.save(buffer)
    target.write_bytes(with_fixed_timestamps(buffer.getvalue()))


def write_paragraphs_pdf(spec: Spec, target: Path) -> None:
    """Write the numbered-paragraph Word file printed to PDF by LibreOffice."""
    import tempfile

    from corpus.sheet import _without_run_stamps

    with tempfile.TemporaryDirectory(prefix="qingdan-forms-") as tmp:
        source = Path(tmp) / f"{target.stem}.docx"
        write_paragraphs_docx(spec, source)
        soffice_convert(source, target, "pdf")
    target.write_bytes(_without_run_stamps(target.read_bytes()))


PARAGRAPH_FORMS: dict[str, Callable[[Spec, Path], None]] = {
    "docx": write_paragraphs_docx,
    "pdf": write_paragraphs_pdf,
}
"""File suffix -> the writer of ``NAME_paragraphs.SUFFIX``."""


# --- OFD ---------------------------------------------------------------------------------

_OFD_NS = "http://www.ofdspec.org/2016"
_PAGE_W, _PAGE_H, _MARGIN = 297.0, 210.0, 15.0  # A4 landscape, mm
_FONT, _LINE, _PAD = 3.0, 4.2, 1.0  # glyph size, line height, cell padding (mm)


def _wrapped(text: str, width: float) -> list[str]:
    """A cell's lines wrapped to a column ``width`` (mm), one glyph per ``_FONT`` mm."""
    per_line = max(1, int((width - 2 * _PAD) // _FONT))
    lines = []
    for line in text.split("\n"):
        if not line:
            continue
        lines += [line[i : i + per_line] for i in range(0, len(line), per_line)]
    return lines


@dataclass
class _OfdPage:
    """The XML objects of one page being laid out."""

    objects: list[str] = field(default_factory=list)

    def text(self, x: float, y: float, text: str) -> None:
        """One line of text whose glyph boxes start at ``(x, y)`` (top-left, mm)."""
        width = len(text) * _FONT
        advances = f"g {len(text) - 1} {_FONT:g}" if len(text) > 1 else ""
        delta = f' DeltaX="{advances}"' if advances else ""
        self.objects.append(
            f'<ofd:TextObject ID="0" Boundary="{x:.2f} {y:.2f} {width:.2f} {_LINE:g}" '
            f'Font="1" Size="{_FONT:g}"><ofd:TextCode X="0" Y="{_FONT:g}"{delta}>'
            f"{html.escape(text, quote=False)}</ofd:TextCode></ofd:TextObject>"
        )

    def box(self, x: float, y: float, width: float, height: float) -> None:
        """A cell's border: a closed rectangle path."""
        self.objects.append(
            f'<ofd:PathObject ID="0" Boundary="{x:.2f} {y:.2f} {width:.2f} {height:.2f}" '
            f'LineWidth="0.25"><ofd:AbbreviatedData>M 0 0 L {width:.2f} 0 L {width:.2f} '
            f"{height:.2f} L 0 {height:.2f} C</ofd:AbbreviatedData></ofd:PathObject>"
        )

    def xml(self) -> str:
        """The page's Content.xml, object IDs numbered in order."""
        body = "".join(o.replace('ID="0"', f'ID="{i}"', 1) for i, o in enumerate(self.objects, 2))
        return (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{_OFD_NS}">'
            f'<ofd:Content><ofd:Layer ID="1">{body}</ofd:Layer></ofd:Content></ofd:Page>'
        )


@dataclass
class _OfdTable:
    """A spec's table measured for the page: each column's place, each row's height."""

    grid: list[list[str]]
    header_rows: int
    cells: dict[tuple[int, int], tuple[int, int]]
    """(row, column) of each cell that holds text -> (rowspan, colspan)."""
    widths: list[float]
    lefts: list[float]
    heights: list[float] = field(default_factory=list)

    @classmethod
    def measure(cls, spec: Spec) -> _OfdTable:
        """The spec's table with columns shared out over the page and rows as tall as
        their wrapped text needs (a merged cell's extra height goes to its last row)."""
        widths_share = spec.page.column_widths or [1.0] * spec.width
        usable = _PAGE_W - 2 * _MARGIN
        widths = [usable * share / sum(widths_share) for share in widths_share]
        lefts = [_MARGIN + sum(widths[:c]) for c in range(spec.width)]
        grid = [*spec.header, *spec.rows]
        table = cls(grid, len(spec.header), spans(grid), widths, lefts)
        table.heights = [_LINE + 2 * _PAD] * len(grid)
        for (r, c), (rowspan, colspan) in table.cells.items():
            needed = len(_wrapped(grid[r][c], table.span_width(c, colspan))) * _LINE + 2 * _PAD
            have = sum(table.heights[r : r + rowspan])
            table.heights[r + rowspan - 1] += max(0.0, needed - have)
        return table

    def span_width(self, c: int, colspan: int) -> float:
        """The width of a cell spanning ``colspan`` columns from column ``c``."""
        return sum(self.widths[c : c + colspan])

    def body_groups(self) -> list[list[int]]:
        """The body rows that must stay together: a row and the rows merged down from it."""
        groups: list[list[int]] = []
        for r in range(self.header_rows, len(self.grid)):
            if groups and any(cell == ABOVE for cell in self.grid[r]):
                groups[-1].append(r)
            else:
                groups.append([r])
        return groups

    def draw(self, page: _OfdPage, r: int, y: float, rows: list[int]) -> None:
        """Row ``r``'s cells at height ``y``, each as tall as the rows of ``rows`` it spans."""
        for c in range(len(self.lefts)):
            if (r, c) not in self.cells:
                continue
            rowspan, colspan = self.cells[r, c]
            height = sum(self.heights[k] for k in range(r, r + rowspan) if k in rows)
            width = self.span_width(c, colspan)
            page.box(self.lefts[c], y, width, height)
            for n, line in enumerate(_wrapped(self.grid[r][c], width)):
                page.text(self.lefts[c] + _PAD, y + _PAD + n * _LINE, line)

    def draw_header(self, page: _OfdPage, y: float) -> float:
        """The header rows from ``y`` down; the height below them."""
        rows = list(range(self.header_rows))
        for r in rows:
            self.draw(page, r, y, rows)
            y += self.heights[r]
        return y


def _layout_table(spec: Spec, pages: list[_OfdPage], top: float) -> None:
    """Lay the table out over pages: the header repeated on each, a row group (a row
    and the rows merged down from it) kept on one page when it fits."""
    table = _OfdTable.measure(spec)
    header_height = sum(table.heights[: table.header_rows])
    y = table.draw_header(pages[-1], top)
    for group in table.body_groups():
        group_height = sum(table.heights[r] for r in group)
        if y + group_height > _PAGE_H - _MARGIN and y > top + header_height + 0.1:
            pages.append(_OfdPage())
            y = table.draw_header(pages[-1], _MARGIN)
        for r in group:
            table.draw(pages[-1], r, y, group)
            y += table.heights[r]


def render_ofd(spec: Spec) -> dict[str, str]:
    """The OFD package's parts (name -> XML) for the spec's table."""
    pages = [_OfdPage()]
    y = _MARGIN
    for line in spec.text_before:
        pages[0].text(_MARGIN, y, line)
        y += _LINE * 1.5
    _layout_table(spec, pages, y + _LINE)
    title = html.escape(spec.text_before[-1] if spec.text_before else spec.name)
    parts = {
        "OFD.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{_OFD_NS}" '
            'Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo>'
            f"<ofd:DocID>{spec.name}</ofd:DocID><ofd:Title>{title}</ofd:Title>"
            "<ofd:CreationDate>2019-01-01</ofd:CreationDate></ofd:DocInfo>"
            "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"
        ),
        "Doc_0/PublicRes.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="{_OFD_NS}" '
            'BaseLoc="Res"><ofd:Fonts><ofd:Font ID="1" FontName="宋体" FamilyName="宋体"/>'
            "</ofd:Fonts></ofd:Res>"
        ),
    }
    page_list = "".join(
        f'<ofd:Page ID="{1000 + n}" BaseLoc="Pages/Page_{n}/Content.xml"/>'
        for n in range(len(pages))
    )
    parts["Doc_0/Document.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{_OFD_NS}">'
        "<ofd:CommonData><ofd:MaxUnitID>9999</ofd:MaxUnitID><ofd:PageArea>"
        f"<ofd:PhysicalBox>0 0 {_PAGE_W:g} {_PAGE_H:g}</ofd:PhysicalBox></ofd:PageArea>"
        "<ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData>"
        f"<ofd:Pages>{page_list}</ofd:Pages></ofd:Document>"
    )
    for n, page in enumerate(pages):
        parts[f"Doc_0/Pages/Page_{n}/Content.xml"] = page.xml()
    return parts


def write_ofd(spec: Spec, target: Path) -> None:
    """Write the spec's table as an OFD package (zipped XML, fixed timestamps)."""
    import io
    import zipfile

    from corpus.sheet import _ZIP_TIME as ZIP_TIME

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, xml in render_ofd(spec).items():
            package.writestr(zipfile.ZipInfo(name, date_time=ZIP_TIME), xml.encode("utf-8"))
    target.write_bytes(buffer.getvalue())


FORMS: dict[str, Callable[[Spec, Path], None]] = {
    "html": write_html,
    "xlsx": write_xlsx,
    "xls": write_xls,
    "doc": write_doc,
    "ofd": write_ofd,
}
"""File suffix (without the dot) -> the writer of ``NAME_merged.SUFFIX``."""


def render_forms(spec: Spec, out_dir: Path) -> list[Path]:
    """Write every form of a spec into ``out_dir``; returns the files written."""
    written = []
    for suffix, write in FORMS.items():
        target = out_dir / f"{spec.name}_merged.{suffix}"
        write(spec, target)
        written.append(target)
    for suffix, write in PARAGRAPH_FORMS.items():
        target = out_dir / f"{spec.name}_paragraphs.{suffix}"
        write(spec, target)
        written.append(target)
    return written
