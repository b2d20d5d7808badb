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
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from samples.make_samples import Spec

ABOVE, LEFT = "^", "<"


def spans(grid: list[list[str]]) -> dict[tuple[int, int], tuple[int, int]]:
    """``(row, col) -> (rowspan, colspan)`` of every cell that is not covered.

    A cell spans right over the ``"<"`` cells after it and down over the rows whose
    cells below it are all ``"^"`` (the same rule as the Word rendering's merges).
    """
    found: dict[tuple[int, int], tuple[int, int]] = {}
    for r, row in enumerate(grid):
        for c, cell in enumerate(row):
            if cell in (ABOVE, LEFT):
                continue
            right = c
            while right + 1 < len(row) and row[right + 1] == LEFT:
                right += 1
            down = r
            while down + 1 < len(grid) and all(
                grid[down + 1][k] == ABOVE for k in range(c, right + 1)
            ):
                down += 1
            found[r, c] = (down - r + 1, right - c + 1)
    return found


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

    from samples.make_samples import FIXED_TIME, with_fixed_timestamps

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
    workbook.properties.created = workbook.properties.modified = FIXED_TIME.replace(tzinfo=None)
    buffer = io.BytesIO()
    workbook.save(buffer)
    target.write_bytes(with_fixed_timestamps(buffer.getvalue()))


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

    from samples.make_samples import write_docx

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


def paragraph_lines(spec: Spec) -> list[str]:
    """The list as a notice prints it: sections, （一） sub-headings for the categories,
    numbered items with their role lines (``牵头单位：…``), one line per line of a cell."""
    labels = _labels(spec)
    no_col = next((i for i, label in enumerate(labels) if label in _NO_LABELS), None)
    measure_col = next(i for i, label in enumerate(labels) if label in _MEASURE_LABELS)
    category_col = next(
        (i for i, label in enumerate(labels[:measure_col]) if label in _CATEGORY_LABELS), None
    )
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
    import io

    from docx import Document

    from samples.make_samples import FIXED_TIME, with_fixed_timestamps

    document = Document()
    for line in paragraph_lines(spec):
        document.add_paragraph(line)
    document.core_properties.created = document.core_properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    document.save(buffer)
    target.write_bytes(with_fixed_timestamps(buffer.getvalue()))


def write_paragraphs_pdf(spec: Spec, target: Path) -> None:
    """Write the numbered-paragraph Word file printed to PDF by LibreOffice."""
    import tempfile

    from samples.make_samples import _without_run_stamps

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


FORMS: dict[str, Callable[[Spec, Path], None]] = {
    "html": write_html,
    "xlsx": write_xlsx,
    "xls": write_xls,
    "doc": write_doc,
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
