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

The writers live in ``corpus/sheet.py``, shared with the generated corpus
(``make fidelity``); this script reads the specs and names the files.

Every spec with a ``merged`` Word rendering is also rendered in the other forms lists
are published in (HTML, spreadsheets, OFD, paragraphs: ``samples/render_forms.py``).

Usage: ``python -m samples.make_samples [SPEC.json ...]`` (default: every spec in
``samples/sources/``).
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Any

from corpus import sheet
from corpus.sheet import (
    ABOVE,
    DOCX_VARIANTS,
    LEFT,
    PageSetup,
    RenderError,
    Spec,
    TablePlan,
    _without_run_stamps,
    render_txt,
    write_docx,
)
from samples.render_forms import render_forms

__all__ = [
    "DOCX_VARIANTS",
    "PageSetup",
    "Spec",
    "SpecError",
    "TablePlan",
    "_without_run_stamps",
    "load_spec",
    "main",
    "render",
    "render_txt",
    "write_docx",
    "write_pdf",
]

SAMPLES = Path(__file__).resolve().parent
SOURCES = SAMPLES / "sources"


class SpecError(ValueError):
    """A sample spec that cannot be rendered; the message names the file."""


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


def write_pdf(spec: Spec, variant: str, target: Path) -> None:
    """Print one DOCX variant of a spec to PDF with LibreOffice (``soffice``)."""
    if shutil.which("soffice") is None:
        raise SystemExit(
            "make_samples: soffice (LibreOffice) is missing, so PDFs cannot be rendered; "
            "install it (Debian: apt-get install libreoffice-writer-nogui)"
        )
    try:
        sheet.write_pdf(spec, variant, target)
    except RenderError as error:
        raise SystemExit(f"make_samples: {error}") from error


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
    if "merged" in spec.docx:  # the other published forms of the list (issue 19)
        written += render_forms(spec, out_dir)
    return written


def main(argv: list[str]) -> int:
    """Render the specs named on the command line, or every spec in ``samples/sources/``."""
    paths = [Path(arg) for arg in argv] or sorted(SOURCES.glob("*.json"))
    try:
        for path in paths:
            for target in render(load_spec(path)):
                print(f"{path.name} -> {target.relative_to(SAMPLES.parent)}")
    except SpecError as error:
        print(f"make_samples: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
