"""The OFD reader, on small OFD packages whose XML the tests spell out."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from qingdan.extract import read_document
from qingdan.extract.errors import BrokenFile
from qingdan.extract.grid import Covered, Extracted
from qingdan.extract.ofd import read_ofd

import qingdan
from tests.extract.forms import assert_batch_keeps_the_rest, assert_one_line_exit_2

NS = "http://www.ofdspec.org/2016"


def text(x: float, y: float, line: str, ctm: str = "", delta: str = "") -> str:
    """A text object: glyphs 4 mm wide from (x, y), baseline 4 mm below."""
    ctm_attribute = f' CTM="{ctm}"' if ctm else ""
    delta = delta or (f"g {len(line) - 1} 4" if len(line) > 1 else "")
    return (
        f'<ofd:TextObject ID="9" Boundary="{x} {y} 200 5" Font="1" Size="4"{ctm_attribute}>'
        f'<ofd:TextCode X="0" Y="4" DeltaX="{delta}">{line}</ofd:TextCode></ofd:TextObject>'
    )


def rect(x: float, y: float, w: float, h: float) -> str:
    return (
        f'<ofd:PathObject ID="9" Boundary="{x} {y} {w} {h}"><ofd:AbbreviatedData>'
        f"M 0 0 L {w} 0 L {w} {h} L 0 {h} C</ofd:AbbreviatedData></ofd:PathObject>"
    )


def package(*pages: list[str], root: str = "Doc_0/Document.xml", absolute: bool = False) -> bytes:
    """An OFD package whose pages hold the given objects (page paths relative to the
    document, or ``absolute`` from the package root)."""
    prefix = "/Doc_0/" if absolute else ""
    page_list = "".join(
        f'<ofd:Page ID="{n}" BaseLoc="{prefix}Pages/Page_{n}/Content.xml"/>'
        for n in range(len(pages))
    )
    parts = {
        "OFD.xml": f'<ofd:OFD xmlns:ofd="{NS}"><ofd:DocBody><ofd:DocRoot>{root}</ofd:DocRoot>'
        "</ofd:DocBody></ofd:OFD>",
        "Doc_0/Document.xml": f'<ofd:Document xmlns:ofd="{NS}"><ofd:Pages>{page_list}'
        "</ofd:Pages></ofd:Document>",
    }
    for n, objects in enumerate(pages):
        parts[f"Doc_0/Pages/Page_{n}/Content.xml"] = (
            f'<ofd:Page xmlns:ofd="{NS}"><ofd:Content><ofd:Layer ID="1">{"".join(objects)}'
            "</ofd:Layer></ofd:Content></ofd:Page>"
        )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, xml in parts.items():
            archive.writestr(name, xml)
    return buffer.getvalue()


def task_page() -> list[str]:
    """附件1 and a title above a 3-column table whose category spans two rows."""
    return [
        text(20, 10, "附件1"),
        text(20, 20, "新区2019年工作任务清单"),
        rect(20, 30, 40, 10), rect(60, 30, 80, 10), rect(140, 30, 40, 10),
        text(21, 31, "重点工作"), text(61, 31, "工作措施"), text(141, 31, "牵头单位"),
        rect(20, 40, 40, 20), text(21, 41, "大气"), text(21, 46, "污染"),
        rect(60, 40, 80, 10), text(61, 41, "措施一"),
        rect(140, 40, 40, 10), text(141, 41, "区发改委"),
        rect(60, 50, 80, 10), text(61, 51, "措施二"),
        rect(140, 50, 40, 10), text(141, 51, "区财政局"),
    ]  # fmt: skip


def read(data: bytes, tmp_path: Path) -> Extracted:
    path = tmp_path / "list.ofd"
    path.write_bytes(data)
    return read_ofd(data, path)


@pytest.mark.parametrize("absolute", [False, True], ids=["relative", "absolute"])
def test_ruled_cells_become_a_grid_with_merges_by_direction(tmp_path: Path, absolute: bool) -> None:
    extracted = read(package(task_page(), absolute=absolute), tmp_path)
    [table] = extracted.tables
    assert [row.cells for row in table.rows] == [
        ["重点工作", "工作措施", "牵头单位"],
        ["大气\n污染", "措施一", "区发改委"],
        [Covered.ABOVE, "措施二", "区财政局"],
    ]
    assert extracted.text_before == ["附件1", "新区2019年工作任务清单"]
    assert table.name == "page 1 table 1" and table.rows[0].page == 1


def test_each_cell_keeps_its_box_in_points(tmp_path: Path) -> None:
    """Issue 28: a record names where on the page its cells were printed; the ruled
    boxes in millimetres become points from the page's top-left corner."""
    [table] = read(package(task_page()), tmp_path).tables
    mm = 72 / 25.4
    assert table.rows[1].boxes == tuple(
        tuple(round(v * mm, 2) for v in box)
        for box in [(20, 40, 60, 60), (60, 40, 140, 50), (140, 40, 180, 50)]
    )
    assert table.rows[2].boxes is not None and table.rows[2].boxes[0] is None  # covered
    [record, second] = qingdan.convert(_written(tmp_path)).records
    assert [(c.field, c.row, c.column, c.page) for c in second.cells] == [
        ("category", 1, 0, 1), ("measure", 2, 1, 1), ("lead", 2, 2, 1),
    ]  # fmt: skip
    assert second.cells[0].box == record.cells[0].box  # the merged category's own cell


def _written(tmp_path: Path) -> Path:
    path = tmp_path / "boxes.ofd"
    path.write_bytes(package(task_page()))
    return path


def test_a_cell_spanning_columns_is_covered_from_the_left(tmp_path: Path) -> None:
    objects = [
        *task_page(),
        rect(20, 60, 160, 10),
        text(21, 61, "一、水污染防治"),
    ]
    rows = read(package(objects), tmp_path).tables[0].rows
    assert rows[-1].cells == ["一、水污染防治", Covered.LEFT, Covered.LEFT]


def test_glyph_positions_follow_ctm_and_advances(tmp_path: Path) -> None:
    # Placed by a translation matrix; a wide advance is a space between two names.
    objects = [
        *task_page(),
        rect(20, 60, 40, 10), rect(60, 60, 80, 10), rect(140, 60, 40, 10),
        text(0, 0, "水", ctm="0.5 0 0 0.5 21 61"), text(61, 61, "措施三"),
        text(141, 61, "区水务局区城管局", delta="4 4 4 12 4 4 4"),
    ]  # fmt: skip
    rows = read(package(objects), tmp_path).tables[0].rows
    assert rows[-1].cells == ["水", "措施三", "区水务局 区城管局"]


def test_every_page_is_read_and_later_pages_start_a_page(tmp_path: Path) -> None:
    second = [rect(20, 10, 40, 10), rect(60, 10, 80, 10), rect(140, 10, 40, 10)]
    second += [text(21, 11, "水"), text(61, 11, "措施三"), text(141, 11, "区水务局")]
    second += [rect(20, 20, 40, 10), rect(60, 20, 80, 10), rect(140, 20, 40, 10)]
    extracted = read(package(task_page(), second), tmp_path)
    assert [t.name for t in extracted.tables] == ["page 1 table 1", "page 2 table 1"]
    assert extracted.tables[1].rows[0].starts_page
    assert extracted.tables[1].rows[0].page == 2


def test_a_document_without_a_table_gives_all_its_lines(tmp_path: Path) -> None:
    page_one = [text(20, 10, "新区工作要点"), text(20, 20, "1.做好某事。")]
    extracted = read(package(page_one, [text(20, 10, "牵头单位：区发改委")]), tmp_path)
    assert extracted.tables == []
    assert extracted.text_before == ["新区工作要点", "1.做好某事。", "牵头单位：区发改委"]


def test_an_ofd_converts_to_records(tmp_path: Path) -> None:
    path = tmp_path / "清单.ofd"
    path.write_bytes(package(task_page()))
    document = qingdan.convert(path)
    assert document.document.title == "新区2019年工作任务清单"
    assert [(r.category, r.measure, r.lead) for r in document.records] == [
        ("大气污染", "措施一", ["区发改委"]),
        ("大气污染", "措施二", ["区财政局"]),
    ]


def _without(data: bytes, member: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            if info.filename != member:
                target.writestr(info, source.read(info))
    return buffer.getvalue()


BAD = {
    "garbage.ofd": (b"\x00\x01\x02\xff" * 200, "not a readable zip archive"),
    "no-root.ofd": (_without(package(task_page()), "OFD.xml"), "a part is missing"),
    "broken.ofd": (package([*task_page(), "<ofd:TextObject>"]), "broken XML"),
    "damaged.ofd": (
        package(task_page()).replace(b"</ofd:Layer>", b"</ofd:Layr>"),
        "not a readable zip archive",
    ),
}


@pytest.mark.parametrize("name", BAD)
def test_not_an_ofd_is_one_line_and_exit_2(tmp_path: Path, name: str) -> None:
    data, reason = BAD[name]
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(BrokenFile, match=reason):
        read_document(path)
    assert_one_line_exit_2(path, reason)


def test_bad_ofds_in_a_batch_lose_nothing_else(tmp_path: Path) -> None:
    assert_batch_keeps_the_rest(tmp_path, BAD)
