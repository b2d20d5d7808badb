"""Hostile files made from scratch, the shapes of issue 33: tiny files that describe
gigabytes, work without end, or text a writer or a terminal must not take as it is.

Each generator takes the case's random source and returns (file name, bytes). Every
one must end, under the runner's limits, in one clear error or a bounded result with a
warning (``extract.limits``); the fuzzer mixes them with the mutated samples.
"""

from __future__ import annotations

import io
import random
import struct
import zipfile
import zlib
from collections.abc import Callable

from tests.extract.test_ofd import package, rect, text

Generator = Callable[[random.Random], tuple[str, bytes]]

_HEADER = "<tr><td>序号</td><td>工作任务</td><td>牵头单位</td><td>完成时限</td></tr>"
_ROW = "<tr><td>1</td><td>整改落实</td><td>区环保局</td><td>2020年底前</td></tr>"
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _xlsx(sheet_data: str, after: str = "") -> bytes:
    """A minimal one-sheet workbook around ``sheet_data`` (rows) and ``after`` (merges)."""
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
            'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.worksheet+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{_RELS}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"
        ),
        "xl/workbook.xml": (
            f'<workbook xmlns="{_MAIN}" xmlns:r="{_RELS}"><sheets>'
            '<sheet name="清单" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{_RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
            "</Relationships>"
        ),
        "xl/worksheets/sheet1.xml": (
            f'<worksheet xmlns="{_MAIN}"><sheetData>'
            '<row r="1"><c r="A1" t="inlineStr"><is><t>序号</t></is></c>'
            '<c r="B1" t="inlineStr"><is><t>工作任务</t></is></c></row>'
            f"{sheet_data}</sheetData>{after}</worksheet>"
        ),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, xml in parts.items():
            archive.writestr(name, xml)
    return buffer.getvalue()


def xlsx_far_cell(rng: random.Random) -> tuple[str, bytes]:
    column = rng.choice(["XFD", "ZZ", "AAA"])
    row = rng.choice([1_048_576, 65_536, 500_000])
    return "far.xlsx", _xlsx(f'<row r="{row}"><c r="{column}{row}" t="n"><v>1</v></c></row>')


def xlsx_whole_merge(rng: random.Random) -> tuple[str, bytes]:
    last = rng.choice(["XFD1048576", "Z100000", "ZZ60000"])
    merges = "".join(f'<mergeCell ref="A{2 + n}:{last}"/>' for n in range(rng.randint(1, 3)))
    return "merge.xlsx", _xlsx("", f"<mergeCells>{merges}</mergeCells>")


def xlsx_many_rows(rng: random.Random) -> tuple[str, bytes]:
    count = rng.choice([100_003, 150_000])  # rows 1 to count - 1: past 100,000
    rows = "".join(f'<row r="{n}"><c r="A{n}" t="n"><v>{n}</v></c></row>' for n in range(2, count))
    return "rows.xlsx", _xlsx(rows)


def xlsx_formulas(rng: random.Random) -> tuple[str, bytes]:
    rows = "".join(
        f'<row r="{n}"><c r="A{n}" t="n"><v>{n}</v></c><c r="B{n}"><f>A{n}&amp;"x"</f></c></row>'
        for n in range(2, rng.randint(3, 40))
    )
    return "formula.xlsx", _xlsx(rows)


def xlsx_controls(rng: random.Random) -> tuple[str, bytes]:
    # Not _x0000_: its digits meet a normalize bug of their own ("0000" read as the
    # year 0 ends in exit 3 from any reader), left to the deadline rules' owner.
    escape = rng.choice(["_x001B_", "_x0007_", "_x0008_"])
    cell = f'<c r="B2" t="inlineStr"><is><t>整{escape}改</t></is></c>'
    return "controls.xlsx", _xlsx(f'<row r="2"><c r="A2" t="n"><v>1</v></c>{cell}</row>')


def html_spans(rng: random.Random) -> tuple[str, bytes]:
    span = rng.choice([50, 2_000, 10**9])
    cell = f'<td rowspan="{span}" colspan="{span}">任务</td>'
    rows = ("<tr>" + cell * rng.randint(5, 20) + "</tr>") * rng.randint(100, 800)
    return "spans.html", f"<html><body><table>{rows}</table></body></html>".encode()


def html_nesting(rng: random.Random) -> tuple[str, bytes]:
    inner = "<p>最里层</p>"
    for _ in range(rng.randint(10, 300)):
        inner = f"<table><tr><td>序号</td><td>任务</td><td>{inner}</td></tr></table>"
    return "nested.html", f"<html><body>{inner}</body></html>".encode()


def html_big_cell(rng: random.Random) -> tuple[str, bytes]:
    big = "<tr><td>2</td><td>" + "长" * rng.randint(3_500_000, 4_000_000) + "</td></tr>"
    body = _HEADER + _ROW + big + _ROW * 3
    return "big.html", f"<html><body><table>{body}</table></body></html>".encode()


def html_empty(rng: random.Random) -> tuple[str, bytes]:
    body = rng.choice(["<table></table>" * 100_000, f"<table>{_HEADER}</table>", "<p>　</p>"])
    return "empty.html", f"<html><body>{body}</body></html>".encode()


def html_controls(rng: random.Random) -> tuple[str, bytes]:
    control = rng.choice(["&#27;[2J", "&#7;", "\x1b]0;title\x07", "&#0;"])
    row = f"<tr><td>1</td><td>整{control}改</td><td>区环保局</td><td>年底前</td></tr>"
    return "controls.html", f"<html><body><table>{_HEADER}{row}</table></body></html>".encode()


def ofd_many_pages(rng: random.Random) -> tuple[str, bytes]:
    data = package([text(20, 10, "第一页")])
    pages = "".join(
        f'<ofd:Page ID="{n}" BaseLoc="Pages/Page_0/Content.xml"/>'
        for n in range(rng.randint(2_001, 20_000))
    )
    return "pages.ofd", _replace_member(data, "Doc_0/Document.xml", pages)


def _replace_member(data: bytes, member: str, pages: str) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == member:
                head, _, rest = content.decode().partition("<ofd:Pages>")
                content = (
                    head + "<ofd:Pages>" + pages + rest[rest.index("</ofd:Pages>") :]
                ).encode()
            target.writestr(item.filename, content)
    return out.getvalue()


def ofd_many_glyphs(rng: random.Random) -> tuple[str, bytes]:
    line = "字" * rng.randint(100_001, 1_000_000)
    return "glyphs.ofd", package([text(20, 10, line)])


def ofd_grid(rng: random.Random) -> tuple[str, bytes]:
    n = rng.randint(75, 120)
    lines = [
        '<ofd:PathObject ID="9" Boundary="10 10 300 300"><ofd:AbbreviatedData>'
        f"M 0 {k * 2} L 240 {k * 2} M {k * 2} 0 L {k * 2} 240"
        "</ofd:AbbreviatedData></ofd:PathObject>"
        for k in range(n + 1)
    ]
    return "grid.ofd", package([*lines, rect(0, 0, 5, 5)])


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_huge(rng: random.Random) -> tuple[str, bytes]:
    """A PNG whose header declares a huge page and whose data is a few bytes."""
    side = rng.choice([13_000, 30_000, 65_000])
    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    data = zlib.compress(b"\0" + b"\xff" * 64)
    png = b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", data)
    return "huge.png", png + _png_chunk(b"IEND", b"")


GENERATORS: list[Generator] = [
    xlsx_far_cell, xlsx_whole_merge, xlsx_many_rows, xlsx_formulas, xlsx_controls,
    html_spans, html_nesting, html_big_cell, html_empty, html_controls,
    ofd_many_pages, ofd_many_glyphs, ofd_grid, png_huge,
]  # fmt: skip
"""Every generator; the fuzzer picks one for every fourth case."""
GENERATED_SUFFIXES = frozenset({".xlsx", ".html", ".ofd", ".png"})
"""The formats the generators make (images among them, which mutations leave out)."""
