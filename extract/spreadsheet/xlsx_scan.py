"""A streaming look at an ``.xlsx`` workbook's sheets before openpyxl builds them.

openpyxl in normal mode makes an object for every cell a sheet names and for every
position a merged range covers, and ``iter_rows`` walks the whole box from A1 to the
last cell: a 2 KB file with one cell at ``XFD1048576`` or a merge over the whole sheet
asked for gigabytes (issue 33). ``scan_xlsx`` reads each worksheet part once with
lxml's ``iterparse`` (entities not resolved, nothing fetched), keeping nothing but
counts, and checks them against ``Limits`` before openpyxl is called:

* rows (``sheet_rows``), the box from A1 to the last cell or merge (``sheet_cells``) and
  the positions merged ranges cover (``merged_area``);
* formula cells with no computed value (a file written by a program that does not
  compute formulas): openpyxl reads them as empty, so they are returned, to be kept as
  their formula text with a warning instead of vanishing.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from lxml import etree
from qingdan.extract.limits import Limits

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_REFERENCE = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d{1,7})$")


@dataclass
class SheetScan:
    """What one worksheet part declares."""

    name: str
    rows: int = 0
    height: int = 0
    """1 + the last row index any cell or merge reaches (0-based)."""
    width: int = 0
    merged_area: int = 0
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    """(row, column), 0-based -> ``=formula`` for formula cells with no computed value."""


def cell_position(reference: str) -> tuple[int, int] | None:
    """``"B3"`` -> ``(2, 1)`` (0-based row, column); ``None`` for anything else."""
    found = _REFERENCE.match(reference.strip())
    if found is None:
        return None
    col = 0
    for letter in found[1].upper():
        col = col * 26 + ord(letter) - ord("A") + 1
    return int(found[2]) - 1, col - 1


def scan_xlsx(data: bytes, path: Path, limits: Limits) -> dict[str, SheetScan]:
    """Sheet name -> what its part declares; ``LimitExceeded`` as soon as a count passes
    its limit (the rest of the part is not read). A part that cannot be parsed is left
    for openpyxl to report."""
    scans: dict[str, SheetScan] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name, part in _sheet_parts(package):
            scan = SheetScan(name)
            try:
                with package.open(part) as stream:
                    _scan_part(stream, scan, path, limits)
            except (KeyError, etree.XMLSyntaxError):
                continue
            scans[name] = scan
    return scans


def _sheet_parts(package: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(sheet name, part path) of every worksheet the workbook lists, in order."""
    try:
        workbook = _parse(package, "xl/workbook.xml")
        relations = _parse(package, "xl/_rels/workbook.xml.rels")
    except (KeyError, etree.XMLSyntaxError):
        return []
    targets = {
        relation.get("Id"): relation.get("Target", "")
        for relation in relations.iter(f"{_PACKAGE_REL}Relationship")
    }
    parts = []
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_REL}id"), "")
        if target:
            part = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
            parts.append((sheet.get("name", ""), posixpath.normpath(part)))
    return parts


def _parse(package: zipfile.ZipFile, part: str) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.fromstring(package.read(part), parser)


def _scan_part(stream: IO[bytes], scan: SheetScan, path: Path, limits: Limits) -> None:
    events = etree.iterparse(
        stream,
        events=("start", "end"),
        tag=(f"{_MAIN}c", f"{_MAIN}row", f"{_MAIN}mergeCell"),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
    )
    row, col = -1, -1
    for event, element in events:
        if event == "start":
            if element.tag == f"{_MAIN}row":
                scan.rows += 1
                what = f"sheet {scan.name!r} has more than {scan.rows - 1:,} rows"
                limits.check("sheet_rows", scan.rows, path, what)
                number = element.get("r", "")
                row, col = (int(number) - 1 if number.isdigit() else row + 1), -1
            continue
        if element.tag == f"{_MAIN}c":
            position = cell_position(element.get("r", ""))
            row, col = position if position is not None else (max(row, 0), col + 1)
            _reach(scan, row, col, path, limits)
            _formula(element, scan, row, col)
        elif element.tag == f"{_MAIN}mergeCell":
            _merge(element.get("ref", ""), scan, path, limits)
        element.clear(keep_tail=False)
        if element.tag == f"{_MAIN}row":
            parent = element.getparent()
            while parent is not None and element.getprevious() is not None:
                del parent[0]  # rows read: keep the tree from growing with the sheet


def _reach(scan: SheetScan, row: int, col: int, path: Path, limits: Limits) -> None:
    """Grow the sheet's box to ``(row, col)`` and check its area."""
    scan.height, scan.width = max(scan.height, row + 1), max(scan.width, col + 1)
    area = scan.height * scan.width
    if area > limits.sheet_cells:
        what = f"sheet {scan.name!r} spans {scan.height:,} rows x {scan.width:,} columns"
        limits.check("sheet_cells", area, path, what)


def _merge(reference: str, scan: SheetScan, path: Path, limits: Limits) -> None:
    first, _, last = reference.partition(":")
    start, end = cell_position(first), cell_position(last or first)
    if start is None or end is None:
        return
    rows = abs(end[0] - start[0]) + 1
    cols = abs(end[1] - start[1]) + 1
    scan.merged_area += rows * cols
    what = f"sheet {scan.name!r} merges {scan.merged_area:,} cells (last range {reference})"
    limits.check("merged_area", scan.merged_area, path, what)
    _reach(scan, max(start[0], end[0]), max(start[1], end[1]), path, limits)


def _formula(cell: etree._Element, scan: SheetScan, row: int, col: int) -> None:
    """Note a formula cell that carries no computed value."""
    formula = cell.find(f"{_MAIN}f")
    if formula is None:
        return
    value = cell.find(f"{_MAIN}v")
    if value is not None and (value.text or "") != "":
        return
    text = (formula.text or "").strip()
    scan.formulas[row, col] = f"={text}" if text else "=(shared formula)"
