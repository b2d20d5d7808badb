"""A task-list table as a person sees it, written as Word, PDF and text dumps.

This is the rendering core shared by ``samples/make_samples.py`` (the bundled samples)
and the generated corpus (``corpus.renderings``): a ``Spec`` holds the paragraphs above
the table, its header rows and body rows (``"^"`` merged with the cell above, ``"<"``
with the cell to the left, ``"\\n"`` a line break the author typed), where pages break,
and the page set-up; the functions below write it

* as Word files in the variants authors use (``DOCX_VARIANTS``: real vertical merges
  with repeating header rows, one table per page, merged cells written out, or left
  blank), with python-docx;
* as PDF, printed from such a Word file by LibreOffice headless (``print_pdfs`` prints
  many files in one LibreOffice run);
* as the cell-per-line text dump ``qingdan.extract.txt`` reads (``render_txt``).

Every output is reproducible: fixed dates and zip timestamps, PDF run stamps replaced.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from docx import Document as new_document
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table

ABOVE, LEFT = "^", "<"
# Fixed dates and zip timestamps make renderings reproducible: no diff without a change.
_FIXED_TIME = dt.datetime(2019, 1, 1, tzinfo=dt.UTC)
_ZIP_TIME = (2019, 1, 1, 0, 0, 0)
SOFFICE_TIMEOUT_S = 300
"""Seconds one LibreOffice run may take before it is stopped."""


class RenderError(RuntimeError):
    """A rendering that cannot be made (LibreOffice missing or failing); names the file."""


@dataclass(frozen=True)
class PageSetup:
    """How the Word file lays out its pages."""

    orientation: str = "landscape"
    font_size: float = 10.5
    margin_cm: float = 2.0
    font: str = "宋体"
    column_widths: list[float] | None = None


@dataclass(frozen=True)
class Spec:
    """One sample spec, validated."""

    name: str
    header: list[list[str]]
    rows: list[list[str]]
    text_before: list[str] = field(default_factory=list)
    page_breaks: list[int] = field(default_factory=list)
    text_after: list[str] = field(default_factory=list)
    docx: list[str] = field(default_factory=list)
    pdf: list[str] = field(default_factory=list)
    txt: bool = False
    page: PageSetup = field(default_factory=PageSetup)

    @property
    def width(self) -> int:
        """The number of grid columns."""
        return len(self.header[0])


@dataclass(frozen=True)
class TablePlan:
    """One Word table to write: header rows, body rows, and whether the header repeats."""

    header: list[list[str]]
    body: list[list[str]]
    repeat_header: bool


# --- DOCX variants: how an author writes the cells a "^" covers -----------------------


def _origin(rows: list[list[str]], row: int, col: int) -> str:
    """What a ``"^"`` cell stands for: the text above it, or ``"<"`` under a wide cell."""
    while row > 0 and rows[row][col] == ABOVE:
        row -= 1
    return rows[row][col]


def _replace_above(rows: list[list[str]], index: int, blank: bool) -> list[str]:
    """Row ``index`` with each ``"^"`` written out (or left empty when ``blank``)."""
    out = []
    for col, cell in enumerate(rows[index]):
        if cell == ABOVE:
            origin = _origin(rows, index, col)
            cell = origin if origin == LEFT or not blank else ""
        out.append(cell)
    return out


def merged(spec: Spec) -> list[TablePlan]:
    """One table: ``"^"`` as vertical merges, header rows marked to repeat on every page."""
    return [TablePlan(spec.header, spec.rows, repeat_header=True)]


def table_per_page(spec: Spec) -> list[TablePlan]:
    """A new table at every page break, each starting with the header rows."""
    bounds = [0, *(b for b in spec.page_breaks if 0 < b < len(spec.rows)), len(spec.rows)]
    plans = []
    for start, end in pairwise(bounds):
        body = [_replace_above(spec.rows, start, blank=False), *spec.rows[start + 1 : end]]
        plans.append(TablePlan(spec.header, body, repeat_header=False))
    return plans


def repeated(spec: Spec) -> list[TablePlan]:
    """One table with every ``"^"`` cell written out with the text above."""
    body = [_replace_above(spec.rows, i, blank=False) for i in range(len(spec.rows))]
    return [TablePlan(spec.header, body, repeat_header=True)]


def blank(spec: Spec) -> list[TablePlan]:
    """One table with every ``"^"`` cell left empty and not merged."""
    body = [_replace_above(spec.rows, i, blank=True) for i in range(len(spec.rows))]
    return [TablePlan(spec.header, body, repeat_header=False)]


DOCX_VARIANTS: dict[str, Callable[[Spec], list[TablePlan]]] = {
    "merged": merged,
    "table-per-page": table_per_page,
    "repeated": repeated,
    "blank": blank,
}
"""Variant name (the file name suffix) -> the tables it writes."""


# --- Writing Word files ------------------------------------------------------------------


def _set_up_page(document: Document, page: PageSetup) -> int:
    """Set A4 paper, orientation, margins and font; returns the text width (EMU)."""
    section = document.sections[0]
    long_side, short_side = Cm(29.7), Cm(21.0)
    if page.orientation == "landscape":
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = long_side, short_side
        width = long_side
    else:
        section.page_width, section.page_height = short_side, long_side
        width = short_side
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(page.margin_cm))
    normal = document.styles["Normal"]
    normal.font.size = Pt(page.font_size)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), page.font)
    return int(width - 2 * Cm(page.margin_cm))


def _write_cell_text(cell: Any, text: str) -> None:
    """One paragraph per typed line, as an author pressing Enter in a Word cell."""
    first, *rest = text.split("\n")
    cell.paragraphs[0].add_run(first)
    for line in rest:
        cell.add_paragraph(line)


def merged_spans(grid: list[list[str]]) -> dict[tuple[int, int], tuple[int, int]]:
    """``(row, col) -> (rowspan, colspan)`` of every cell that is not covered.

    A cell spans right over the ``"<"`` cells after it and down over the rows whose
    cells below it are all ``"^"``: the one rule every rendering (Word merges, HTML
    rowspan/colspan, spreadsheet ranges) follows.
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


def _merge_spans(table: Table, grid: list[list[str]]) -> None:
    """Merge every cell with the ``"<"`` cells right of it and the ``"^"`` rows below."""
    for (r, c), (rows, cols) in merged_spans(grid).items():
        if (rows, cols) != (1, 1):
            table.cell(r, c).merge(table.cell(r + rows - 1, c + cols - 1))


def _mark_repeating_header(table: Table, count: int) -> None:
    for row in table.rows[:count]:
        row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def _add_table(document: Document, plan: TablePlan, page: PageSetup, text_width: int) -> None:
    grid = [*plan.header, *plan.body]
    width = len(grid[0])
    table = document.add_table(rows=len(grid), cols=width)
    table.style = "Table Grid"
    table.autofit = False
    relative = page.column_widths or [1.0] * width
    widths = [int(text_width * share / sum(relative)) for share in relative]
    for col, column in enumerate(table.columns):
        column.width = widths[col]
    for r, row in enumerate(grid):
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            cell.width = widths[c]
            if text not in (ABOVE, LEFT):
                _write_cell_text(cell, text)
    _merge_spans(table, grid)
    if plan.repeat_header:
        _mark_repeating_header(table, len(plan.header))


def write_docx(spec: Spec, variant: str, target: Path) -> None:
    """Write one DOCX variant of a spec to ``target``."""
    document = new_document()
    text_width = _set_up_page(document, spec.page)
    for text in spec.text_before:
        document.add_paragraph(text)
    for index, plan in enumerate(DOCX_VARIANTS[variant](spec)):
        if index:  # Word needs a paragraph between tables; this one starts the next page.
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _add_table(document, plan, spec.page, text_width)
    for text in spec.text_after:
        document.add_paragraph(text)
    properties = document.core_properties
    properties.created = properties.modified = _FIXED_TIME
    buffer = io.BytesIO()
    document.save(buffer)
    target.write_bytes(_with_fixed_timestamps(buffer.getvalue()))


def _with_fixed_timestamps(package: bytes) -> bytes:
    """The zip with every member dated ``_ZIP_TIME``, so equal content gives equal bytes."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(package)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(member))
    return out.getvalue()


# --- PDF through LibreOffice ---------------------------------------------------------------


def soffice_path() -> str:
    """The LibreOffice ``soffice`` program; raises ``RenderError`` saying what to install."""
    soffice = shutil.which("soffice")
    if soffice is None:
        raise RenderError(
            "soffice (LibreOffice) is missing, so PDFs cannot be rendered; "
            "install it (Debian: apt-get install libreoffice-writer-nogui, "
            "or run scripts/ensure-fidelity-packages)"
        )
    return soffice


def print_pdfs(sources: list[Path], out_dir: Path, timeout_s: float = SOFFICE_TIMEOUT_S) -> None:
    """Print Word files to ``out_dir/STEM.pdf`` in one LibreOffice run (reproducible bytes).

    One run for many files: LibreOffice's start-up is most of the time of a small file.
    """
    soffice = soffice_path()
    with tempfile.TemporaryDirectory(prefix="qingdan-print-") as tmp:
        work = Path(tmp)
        # A private profile: several LibreOffice runs at once must not share one.
        profile = (work / "profile").as_uri()
        try:
            subprocess.run(
                [soffice, f"-env:UserInstallation={profile}", "--headless",
                 "--convert-to", "pdf", "--outdir", str(work), *map(str, sources)],
                check=True, capture_output=True, timeout=timeout_s,
            )  # fmt: skip
        except (subprocess.SubprocessError, OSError) as error:
            raise RenderError(f"soffice failed on {sources[0].name} ...: {error}") from error
        for source in sources:
            printed = work / f"{source.stem}.pdf"
            if not printed.exists():
                raise RenderError(f"soffice wrote no PDF for {source.name}")
            (out_dir / printed.name).write_bytes(_without_run_stamps(printed.read_bytes()))


def write_pdf(spec: Spec, variant: str, target: Path) -> None:
    """Print one DOCX variant of a spec to PDF with LibreOffice (``soffice``)."""
    soffice_path()
    with tempfile.TemporaryDirectory(prefix="qingdan-samples-") as tmp:
        source = Path(tmp) / f"{target.stem}.docx"
        write_docx(spec, variant, source)
        print_pdfs([source], Path(tmp))
        shutil.move(Path(tmp) / f"{target.stem}.pdf", target)


# What differs between two LibreOffice prints of one file: the print time, the file
# identifier and a checksum. Each is replaced by text of the same length, so the PDF's
# byte offsets stay valid and equal content gives equal bytes.
_PRINT_TIME = re.compile(rb"(/CreationDate\(D:)\d{14}")
_RUN_IDS = re.compile(
    rb"(?<=/ID \[ <)[0-9A-F]{32}(?=>)|(?<=>\n<)[0-9A-F]{32}(?=> \])"
    rb"|(?<=/DocChecksum /)[0-9A-F]{32}"
)


def _without_run_stamps(pdf: bytes) -> bytes:
    """The PDF with its print time fixed and its identifiers derived from its content."""
    pdf = _PRINT_TIME.sub(rb"\g<1>20190101000000", pdf)
    digest = hashlib.md5(_RUN_IDS.sub(b"0" * 32, pdf)).hexdigest().upper().encode()
    return _RUN_IDS.sub(digest, pdf)


# --- Cell-per-line text dump ---------------------------------------------------------------


def _dump_row(cells: list[str]) -> list[str]:
    lines = []
    for cell in cells:
        if cell == LEFT:
            continue
        if cell == ABOVE:
            lines.append("\t")
            continue
        first, *rest = cell.split("\n")
        lines.append("\t" + first)
        lines.extend(rest)
    return [*lines, ""]


def render_txt(spec: Spec) -> str:
    """The cell-per-line dump of a spec, with the header printed again at every page break."""
    lines: list[str] = []
    for text in spec.text_before:
        lines.extend([text, ""])
    for index in range(len(spec.rows)):
        row = spec.rows[index]
        if index == 0 or index in spec.page_breaks:
            for header_row in spec.header:
                lines.extend(_dump_row(header_row))
            row = _replace_above(spec.rows, index, blank=False)
        lines.extend(_dump_row(row))
    for text in spec.text_after:
        lines.extend(["", text])
    # Word keeps a paragraph after the last table: the dump ends with one more empty line.
    return "\n".join(lines) + "\n\n"
