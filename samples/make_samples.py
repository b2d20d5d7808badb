#!/usr/bin/env python3
"""Render sample specs into the attachments committed in ``samples/`` (``make samples``).

A *sample spec* ``samples/sources/NAME.json`` describes one task list as a person
sees it; this script writes it the ways authors actually publish it (Word files with
real merged cells, PDFs printed from them, cell-per-line text dumps), so one golden
file can check every reader. The generated files are committed: tests never run this.

Spec format (keys other than ``header`` and ``rows`` are optional)::

    {"text_before": ["附件1", "新城区净土保卫战2019年工作任务清单"],
     "header": [["重点工作", "工作措施", "牵头部门", "配合部门", "完成时限"]],
     "rows": [["土壤污染\\n状况详查", "完善……", "生态环境\\n新城分局", "区发改委", "2019年12月"],
              ["^", "配合……", "生态环境\\n新城分局", "……", "2019年12月"],
              ["一、持续打好蓝天保卫战", "<", "<", "<", "<"]],
     "page_breaks": [5, 12],
     "renderings": {"docx": ["merged", "table-per-page", "repeated", "blank"],
                    "pdf": ["merged"], "txt": false},
     "page": {"orientation": "landscape", "font_size": 10.5, "margin_cm": 2.0,
              "font": "宋体", "column_widths": [2, 9, 2.5, 3.5, 2]}}

* ``text_before``: paragraphs above the table (attachment label, title).
* ``header``: one header row, or two when a group label stands over sub-columns::

    [["序号", "重点任务", "责任单位", "<", "完成时限"],
     ["^", "^", "牵头单位", "配合单位", "^"]]

* ``rows``: the body rows, each as wide as the header. In a cell, ``"^"`` means
  merged with the cell above (vertical merge), ``"<"`` merged with the cell to the
  left (horizontal merge); ``"\\n"`` is a line break as the author typed it (a new
  paragraph in the Word cell), so ``"\\n\\n"`` leaves an empty line.
* ``page_breaks``: 0-based indexes of the body rows that start a new page in the
  original (default: every 5 rows). A text dump prints the header again there, and
  the ``table-per-page`` rendering starts a new table there. A ``"^"`` at such a row
  is printed with the text above (a merged cell cannot cross tables).
* ``renderings``: what to write, all into ``samples/``:

  - ``docx``: Word variants, each ``NAME_<variant>.docx`` (see ``DOCX_VARIANTS``):
    ``merged`` (``"^"`` as w:vMerge, header rows marked to repeat with w:tblHeader),
    ``table-per-page`` (a new table at every page break, each starting with the
    header rows), ``repeated`` (every ``"^"`` written out with the text above),
    ``blank`` (``"^"`` cells left empty, not merged). ``"<"`` is a w:gridSpan and
    merges inside the header are real merges in every variant.
  - ``pdf``: docx variants printed to PDF by LibreOffice, each ``NAME_<variant>.pdf``.
  - ``txt``: ``true`` writes ``NAME.txt``, the cell-per-line dump: each cell starts
    on a line beginning with a TAB, its further lines follow without one, a blank
    line ends each row, a vertically merged cell is a lone TAB line, a horizontally
    covered cell is not printed.
* ``page``: ``orientation`` (``portrait``/``landscape``), ``font_size`` (pt),
  ``margin_cm``, ``font`` (the East Asian font name), ``column_widths`` (relative).
  Rows may break across pages (Word's default), so a big font gives split rows.

Usage: ``python samples/make_samples.py [SPEC.json ...]`` (default: every spec in
``samples/sources/``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
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

SAMPLES = Path(__file__).resolve().parent
SOURCES = SAMPLES / "sources"
ABOVE, LEFT = "^", "<"
# Fixed dates and zip timestamps make `make samples` reproducible: no diff without a change.
_FIXED_TIME = dt.datetime(2019, 1, 1, tzinfo=dt.UTC)
_ZIP_TIME = (2019, 1, 1, 0, 0, 0)
_SOFFICE_TIMEOUT_S = 300


class SpecError(ValueError):
    """A sample spec that cannot be rendered; the message names the file."""


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


def load_spec(path: Path) -> Spec:
    """Read and check a spec file; raises ``SpecError`` naming the file and the problem."""
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise SpecError(f"{path}: cannot read spec: {error}") from error
    renderings = data.get("renderings", {})
    rows = data.get("rows", [])
    spec = Spec(
        name=path.stem,
        header=data.get("header", []),
        rows=rows,
        text_before=data.get("text_before", []),
        page_breaks=data.get("page_breaks", list(range(5, len(rows), 5))),
        docx=renderings.get("docx", []),
        pdf=renderings.get("pdf", []),
        txt=bool(renderings.get("txt", False)),
        page=PageSetup(**data.get("page", {})),
    )
    _check(spec, path)
    return spec


def _check(spec: Spec, path: Path) -> None:
    if not spec.header or not spec.rows:
        raise SpecError(f"{path}: a spec needs 'header' and 'rows'")
    for number, row in enumerate([*spec.header, *spec.rows], start=1):
        if len(row) != spec.width:
            raise SpecError(f"{path}: row {number} has {len(row)} cells, the header {spec.width}")
        if row[0] == LEFT:
            raise SpecError(f"{path}: row {number} starts with '<' (nothing to its left)")
    if ABOVE in spec.header[0] or ABOVE in spec.rows[0]:
        raise SpecError(f"{path}: '^' in the first header or body row merges with nothing")
    unknown = sorted(set(spec.docx + spec.pdf) - set(DOCX_VARIANTS))
    if unknown:
        raise SpecError(f"{path}: unknown variants {unknown}; known: {sorted(DOCX_VARIANTS)}")
    widths = spec.page.column_widths
    if widths is not None and len(widths) != spec.width:
        raise SpecError(f"{path}: {len(widths)} column widths for {spec.width} columns")


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


def _merge_spans(table: Table, grid: list[list[str]]) -> None:
    """Merge every cell with the ``"<"`` cells right of it and the ``"^"`` rows below."""
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
            if (down, right) != (r, c):
                table.cell(r, c).merge(table.cell(down, right))


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


def write_pdf(spec: Spec, variant: str, target: Path) -> None:
    """Print one DOCX variant of a spec to PDF with LibreOffice (``soffice``)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        raise SystemExit(
            "make_samples: soffice (LibreOffice) is missing, so PDFs cannot be rendered; "
            "install it (Debian: apt-get install libreoffice-writer-nogui)"
        )
    with tempfile.TemporaryDirectory(prefix="qingdan-samples-") as tmp:
        work = Path(tmp)
        source = work / f"{target.stem}.docx"
        write_docx(spec, variant, source)
        # A private profile: several LibreOffice runs at once must not share one.
        profile = (work / "profile").as_uri()
        subprocess.run(
            [soffice, f"-env:UserInstallation={profile}", "--headless",
             "--convert-to", "pdf", "--outdir", str(work), str(source)],
            check=True, capture_output=True, timeout=_SOFFICE_TIMEOUT_S,
        )  # fmt: skip
        printed = work / f"{target.stem}.pdf"
        if not printed.exists():
            raise SystemExit(f"make_samples: soffice wrote no PDF for {source.name}")
        target.write_bytes(_without_run_stamps(printed.read_bytes()))


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
    # Word keeps a paragraph after the last table: the dump ends with one more empty line.
    return "\n".join(lines) + "\n\n"


# --- Driver -------------------------------------------------------------------------------


def render(spec: Spec, out_dir: Path = SAMPLES) -> list[Path]:
    """Write every rendering a spec asks for into ``out_dir``; returns the files written."""
    written = []
    for variant in spec.docx:
        target = out_dir / f"{spec.name}_{variant}.docx"
        write_docx(spec, variant, target)
        written.append(target)
    for variant in spec.pdf:
        target = out_dir / f"{spec.name}_{variant}.pdf"
        write_pdf(spec, variant, target)
        written.append(target)
    if spec.txt:
        target = out_dir / f"{spec.name}.txt"
        target.write_text(render_txt(spec), encoding="utf-8")
        written.append(target)
    return written


def main(argv: list[str]) -> int:
    """Render the specs named on the command line, or every spec in ``samples/sources/``."""
    paths = [Path(arg) for arg in argv] or sorted(SOURCES.glob("*.json"))
    try:
        for path in paths:
            for target in render(load_spec(path)):
                print(f"{path.name} -> {target.relative_to(SAMPLES.parent)}")
        if not argv:  # the scans (issue 20) are rendered from the PDFs just written
            from render_scan import main as render_scans

            for target in render_scans():
                print(f"scan -> {target.relative_to(SAMPLES.parent)}")
    except SpecError as error:
        print(f"make_samples: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
