"""Other programs that publish a list: Chromium, LibreOffice Calc, pdftocairo, Word 97.

Every PDF ``corpus.sheet`` prints comes from LibreOffice Writer, which closes a table
with a rule at every page foot. Offices also print from browsers and spreadsheets, and
rewrite PDFs with other tools (issue 27); each function here writes one list as such a
program does, one program run per file:

* ``print_html``: the list's web page (``samples.render_forms.render_html``, a repeated
  ``<thead>``) printed by Chromium headless, with rows cut at the page break or (``whole``)
  kept whole by CSS ``tr { break-inside: avoid }``;
* ``print_xlsx``: the list's workbook (merged ranges, the header repeated as print
  titles, fitted to the page width) printed by LibreOffice Calc;
* ``rewrite_cairo``: the LibreOffice Writer PDF rewritten by poppler's ``pdftocairo``
  (fonts re-embedded with their own ascent and descent);
* ``save_doc``: the Word table saved straight as Word 97-2003 by LibreOffice.

``scripts/ensure-fidelity-packages`` installs the programs (Debian: chromium,
libreoffice-calc-nogui, poppler-utils).
"""

from __future__ import annotations

import html
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from corpus.sheet import (
    ABOVE,
    LEFT,
    SOFFICE_TIMEOUT_S,
    RenderError,
    Spec,
    soffice_path,
    write_docx,
    write_pdf,
)

_CM_TO_WIDTH = 5.0
"""Spreadsheet column width units (characters of the default font) per centimetre."""


def _program(name: str, package: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise RenderError(
            f"{name} is missing, so this rendering cannot be made; install it "
            f"(Debian: apt-get install {package}, or run scripts/ensure-fidelity-packages)"
        )
    return found


def _run(command: list[str], what: str) -> None:
    try:
        subprocess.run(command, check=True, capture_output=True, timeout=SOFFICE_TIMEOUT_S)
    except (subprocess.SubprocessError, OSError) as error:
        raise RenderError(f"{what} failed: {error}") from error


def _soffice_convert(source: Path, convert_to: str, suffix: str, target: Path, what: str) -> None:
    """``source`` converted by LibreOffice headless (``--convert-to convert_to``, a fresh
    profile beside it) and moved to ``target``; ``RenderError`` when nothing came out."""
    work = source.parent
    _run(
        [soffice_path(), f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
         "--convert-to", convert_to, "--outdir", str(work / "out"), str(source)],
        f"soffice ({what}) on {target.name}",
    )  # fmt: skip
    made = work / "out" / f"{source.stem}{suffix}"
    if not made.exists():
        raise RenderError(f"soffice wrote no {suffix} for {source.name}")
    shutil.move(made, target)


def page_html(spec: Spec, whole: bool) -> str:
    """The list's web page with its page set-up (and rows kept whole when ``whole``)."""
    from samples.render_forms import render_html

    page = spec.page
    size = "A4 landscape" if page.orientation == "landscape" else "A4"
    style = [
        f"@page {{ size: {size}; margin: {page.margin_cm}cm; }}",
        f"body {{ font-family: 'Noto Serif CJK SC', serif; font-size: {page.font_size}pt; }}",
        "h1 { text-align: center; }",
        "table { border-collapse: collapse; width: 100%; }",
        "td, th { border: 0.75pt solid black; padding: 2pt; }",
    ]
    if page.column_widths:
        total = sum(page.column_widths)
        style += [
            f"td:nth-child({i}), th:nth-child({i}) {{ width: {100 * w / total:.1f}%; }}"
            for i, w in enumerate(page.column_widths, start=1)
        ]
    if whole:
        style.append("tr { break-inside: avoid; }")
    head = "<style>\n" + "\n".join(style) + "\n</style>\n</head>"
    page_text = render_html(spec).replace("</head>", head, 1)
    # A title printed on two lines is two headings, as a web page sets it (render_html
    # makes only the last line one).
    for line in spec.text_before[:-1]:
        if not line.startswith("附件"):
            escaped = html.escape(line)
            page_text = page_text.replace(f"<p>{escaped}</p>", f"<h1>{escaped}</h1>", 1)
    return page_text


def print_html(spec: Spec, target: Path, whole: bool = False) -> None:
    """Print the list's web page to ``target`` with Chromium headless."""
    chromium = _program("chromium", "chromium")
    with tempfile.TemporaryDirectory(prefix="qingdan-chromium-") as tmp:
        page = Path(tmp) / f"{target.stem}.html"
        page.write_text(page_html(spec, whole), encoding="utf-8")
        _run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu",
             f"--user-data-dir={Path(tmp) / 'profile'}", "--no-pdf-header-footer",
             f"--print-to-pdf={target}", page.as_uri()],
            f"chromium on {target.name}",
        )  # fmt: skip
    if not target.exists():
        raise RenderError(f"chromium wrote no PDF for {target.name}")


def print_html_whole(spec: Spec, target: Path) -> None:
    """Print the list's web page with every row kept whole on its page."""
    print_html(spec, target, whole=True)


def _print_ready_xlsx(spec: Spec, target: Path) -> None:
    """The list's workbook set up for print: column widths, orientation, fit to width
    and the header rows repeated on every page."""
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    from samples.render_forms import write_xlsx

    write_xlsx(spec, target)
    workbook = load_workbook(target)
    sheet = workbook.active
    assert sheet is not None
    for index, width in enumerate(spec.page.column_widths or [], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width * _CM_TO_WIDTH
    sheet.page_setup.orientation = (
        "landscape" if spec.page.orientation == "landscape" else "portrait"
    )
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    top = len(spec.text_before) + 1
    sheet.print_title_rows = f"{top}:{top + len(spec.header) - 1}"
    _rule_and_size(sheet, spec, top)
    workbook.save(target)


def _rule_and_size(sheet: Any, spec: Spec, top: int) -> None:
    """Thin rules around every table cell, the page's font size, and each row as tall as
    its longest cell wraps (Calc keeps a workbook's row heights as written)."""
    from openpyxl.styles import Border, Font, Side

    side = Side(style="thin", color="000000")
    rule, font = (
        Border(left=side, right=side, top=side, bottom=side),
        Font(name="Noto Serif CJK SC", size=spec.page.font_size),
    )
    widths = spec.page.column_widths or [2.5] * len(spec.header[0])
    line = spec.page.font_size * 1.45  # points per wrapped line, with Calc's leading
    for r, row in enumerate([*spec.header, *spec.rows]):
        lines = 1
        for c, text in enumerate(row):
            cell = sheet.cell(top + r, 1 + c)
            cell.border, cell.font = rule, font
            if text in (ABOVE, LEFT):
                continue
            per_line = max(1, int(widths[c] / 2.54 * 72 / spec.page.font_size) - 1)
            wrapped = sum(-(-len(part) // per_line) or 1 for part in text.split("\n"))
            lines = max(lines, wrapped)
        sheet.row_dimensions[top + r].height = lines * line + 4


def print_xlsx(spec: Spec, target: Path) -> None:
    """Print the list's workbook to ``target`` with LibreOffice Calc."""
    with tempfile.TemporaryDirectory(prefix="qingdan-calc-") as tmp:
        source = Path(tmp) / f"{target.stem}.xlsx"
        _print_ready_xlsx(spec, source)
        _soffice_convert(source, "pdf", ".pdf", target, "Calc")


def rewrite_cairo(spec: Spec, target: Path) -> None:
    """The LibreOffice Writer PDF of the list rewritten by ``pdftocairo -pdf``."""
    pdftocairo = _program("pdftocairo", "poppler-utils")
    with tempfile.TemporaryDirectory(prefix="qingdan-cairo-") as tmp:
        writer_pdf = Path(tmp) / f"{target.stem}.pdf"
        write_pdf(spec, "merged", writer_pdf)
        _run([pdftocairo, "-pdf", str(writer_pdf), str(target)], f"pdftocairo on {target.name}")


def save_doc(spec: Spec, target: Path) -> None:
    """The list's merged Word table saved straight as Word 97-2003 by LibreOffice: a file
    whose tables LibreOffice's own importer often loses (``extract.office_check``)."""
    with tempfile.TemporaryDirectory(prefix="qingdan-doc-") as tmp:
        source = Path(tmp) / f"{target.stem}.docx"
        write_docx(spec, "merged", source)
        _soffice_convert(source, "doc:MS Word 97", ".doc", target, "Word 97")
