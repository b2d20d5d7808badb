"""extract/scan/image.py and scan_grid.py: straightening a page and finding its ruled grid.

The pages are drawn in the test with OpenCV (no OCR needed): a table with a category
cell merged down over two rows and a section row spanning every column.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

cv2 = pytest.importorskip("cv2", reason="the ocr extra (qingdan[ocr]) is not installed")
np = pytest.importorskip("numpy")

from qingdan.extract.grid import Covered  # noqa: E402
from qingdan.extract.limits import LimitExceeded, Limits  # noqa: E402
from qingdan.extract.scan.grid import find_tables  # noqa: E402
from qingdan.extract.scan.image import decode_image, ink, line_masks, skew_degrees, straighten  # noqa: E402

XS = [100, 300, 900, 1100]
YS = [200, 240, 320, 400, 440, 520]


def ruled_page() -> Any:
    """A white 1600 x 800 page with one table: 3 columns, 5 rows.

    Row 0 is the header; rows 1-2 share a category cell in column 0 (no line between
    them there); row 3 is a section row spanning all columns; row 4 is a plain row.
    """
    page = np.full((800, 1600), 255, np.uint8)
    for y in YS:
        start = XS[1] if y == YS[2] else XS[0]  # the category cell crosses the line at YS[2]
        cv2.line(page, (start, y), (XS[-1], y), (0,), 2)
    for x in XS:
        if x in (XS[0], XS[-1]):
            cv2.line(page, (x, YS[0]), (x, YS[-1]), (0,), 2)
        else:  # inner lines skip the section row
            cv2.line(page, (x, YS[0]), (x, YS[3]), (0,), 2)
            cv2.line(page, (x, YS[4]), (x, YS[5]), (0,), 2)
    cv2.putText(page, "Title", (100, 120), cv2.FONT_HERSHEY_SIMPLEX, 2, (0,), 3)
    return page


def turned(page: Any, degrees: float) -> Any:
    height, width = page.shape
    turn = cv2.getRotationMatrix2D((width / 2, height / 2), degrees, 1.0)
    return cv2.warpAffine(page, turn, (width, height), borderValue=(255,))


def test_the_grid_marks_merged_cells_by_direction() -> None:
    horizontal, vertical = line_masks(ink(ruled_page()))
    [table] = find_tables(horizontal, vertical)
    assert [abs(a - b) <= 2 for a, b in zip(table.ys, YS, strict=True)] == [True] * len(YS)
    assert [abs(a - b) <= 2 for a, b in zip(table.xs, XS, strict=True)] == [True] * len(XS)
    grid = table.cells({(1, 0): "大气污染", (3, 0): "一、蓝天保卫战"})
    assert grid[1][0] == "大气污染"
    assert grid[2] == [Covered.ABOVE, "", ""]
    assert grid[3] == ["一、蓝天保卫战", Covered.LEFT, Covered.LEFT]
    assert grid[4] == ["", "", ""]


def test_a_point_is_placed_in_the_grid_position_holding_it() -> None:
    [table] = find_tables(*line_masks(ink(ruled_page())))
    assert table.position(150, 360) == (2, 0)
    assert table.anchors[2][0] == (1, 0)
    assert table.position(150, 100) is None  # the title above the table


def test_a_crooked_page_is_measured_and_turned_level() -> None:
    crooked = turned(ruled_page(), 1.2)
    assert skew_degrees(crooked) == pytest.approx(1.2, abs=0.1)
    level, angle = straighten(crooked)
    assert angle == pytest.approx(1.2, abs=0.1)
    [table] = find_tables(*line_masks(ink(level)))
    assert len(table.ys) == len(YS) and len(table.xs) == len(XS)
    assert table.cells({})[3][1:] == [Covered.LEFT, Covered.LEFT]


@pytest.mark.parametrize("degrees", [2.5, -3.0])
def test_a_page_turned_a_few_degrees_is_measured_though_its_rules_are_thin(degrees: float) -> None:
    # A 2-pixel rule turned 2.5 degrees is a staircase of 46-pixel runs: shorter than
    # the opening that finds rules, which erased them and left the page crooked.
    crooked = turned(ruled_page(), degrees)
    assert skew_degrees(crooked) == pytest.approx(degrees, abs=0.1)
    [table] = find_tables(*line_masks(ink(straighten(crooked)[0])))
    assert len(table.ys) == len(YS) and len(table.xs) == len(XS)


def test_a_photo_taken_off_square_is_seen_square_and_a_scan_left_as_it_is() -> None:
    from qingdan.extract.scan.image import flattened

    page = cv2.cvtColor(ruled_page(), cv2.COLOR_GRAY2RGB)
    height, width = page.shape[:2]
    sheet = np.float32([[0, 0], [width, 0], [width, height], [0, height]])
    seen = np.float32([[60, 40], [width - 20, 70], [width - 70, height - 30], [30, height - 60]])
    warp = cv2.getPerspectiveTransform(sheet, seen)
    photo = cv2.warpPerspective(page, warp, (width, height), borderValue=(90, 90, 90))
    # Seen from off square, the rules meet: the table falls apart into two.
    assert len(find_tables(*line_masks(ink(cv2.cvtColor(photo, cv2.COLOR_RGB2GRAY))))) != 1
    [table] = find_tables(*line_masks(ink(cv2.cvtColor(flattened(photo), cv2.COLOR_RGB2GRAY))))
    assert len(table.ys) == len(YS) and len(table.xs) == len(XS)
    assert flattened(page) is page


def test_a_level_page_is_left_as_it_is() -> None:
    page = ruled_page()
    level, angle = straighten(page)
    assert angle == 0.0 and level is page


def test_a_page_without_lines_has_no_table() -> None:
    page = np.full((400, 600), 255, np.uint8)
    cv2.putText(page, "no table here", (20, 200), cv2.FONT_HERSHEY_SIMPLEX, 1, (0,), 2)
    assert find_tables(*line_masks(ink(page))) == []
    assert skew_degrees(page) == 0.0


def test_an_image_file_that_is_not_an_image_is_a_broken_file(tmp_path: Any) -> None:
    from qingdan.extract.errors import BrokenFile

    with pytest.raises(BrokenFile, match=r"photo\.png: not a readable image"):
        decode_image(b"not an image", tmp_path / "photo.png", Limits())


def test_every_frame_of_a_tiff_is_a_page() -> None:
    import io

    from PIL import Image

    frames = [Image.fromarray(ruled_page()), Image.fromarray(turned(ruled_page(), 0.5))]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="TIFF", save_all=True, append_images=frames[1:])
    image = decode_image(buffer.getvalue(), Path("scan.tif"), Limits())
    pages = list(image.pages)
    assert image.count == 2 and len(pages) == 2 and pages[0].shape == (800, 1600, 3)
    assert image.notices == []


def tiff_of(frames: int, size: tuple[int, int]) -> bytes:
    """A TIFF of ``frames`` white frames of ``size`` pixels (packbits: a few KB)."""
    import io

    from PIL import Image

    pages = [Image.new("L", size, 255) for _ in range(frames)]
    buffer = io.BytesIO()
    pages[0].save(
        buffer, format="TIFF", save_all=True, append_images=pages[1:], compression="packbits"
    )
    return buffer.getvalue()


def test_a_tiff_of_many_frames_gives_its_first_pages_with_a_warning() -> None:
    image = decode_image(tiff_of(12, (40, 30)), Path("scan.tif"), Limits(ocr_pages=5))
    assert image.count == 5 and len(list(image.pages)) == 5
    [notice] = image.notices
    assert notice.code == "limit" and "12 pages: only the first 5" in notice.message


def test_a_frame_past_the_pixel_limit_is_refused_before_it_is_decoded() -> None:
    image = decode_image(tiff_of(2, (4_000, 3_000)), Path("scan.tif"), Limits(image_pixels=10**6))
    with pytest.raises(LimitExceeded, match=r"page 1 is 4,000 x 3,000 pixels.*IMAGE_PIXELS"):
        next(image.pages)


def test_a_red_seal_is_lifted_and_the_print_under_it_kept() -> None:
    from qingdan.extract.scan.image import page_grey

    page = np.full((60, 60, 3), 235, dtype=np.uint8)  # paper a scanner sees a little grey
    page[14:18, :] = (200, 30, 40)  # seal ink on paper (a ring's stroke)
    page[30:40, :] = (20, 20, 20)  # print
    page[45:50, :] = (18, 3, 4)  # print under seal ink: dark in every channel
    page[52:55, :] = (110, 35, 40)  # a stroke's grey edge under seal ink: tinted red
    grey = page_grey(page)
    assert grey[15, 30] == 235  # the seal takes the paper's brightness around it
    assert grey[35, 30] < 40 and grey[47, 30] < 40
    assert grey[53, 30] == 110  # read in the red channel: still print
    assert grey[5, 30] == 235


def test_a_grey_page_is_its_own_grey() -> None:
    from qingdan.extract.scan.image import page_grey

    page = np.full((10, 10), 128, dtype=np.uint8)
    assert page_grey(page) is page


def test_a_thin_header_row_keeps_its_inner_rules_on_a_tall_page() -> None:
    """A one-line header row is shorter than a fortieth of a tall page: the vertical
    kernel is sized from the text, so its column rules survive (issue 30)."""
    page = np.full((2400, 1200), 255, np.uint8)
    xs, ys = [100, 400, 800, 1100], [200, 236, 400, 560]
    for y in ys:
        cv2.line(page, (xs[0], y), (xs[-1], y), (0,), 2)
    for x in xs:
        cv2.line(page, (x, ys[0]), (x, ys[-1]), (0,), 2)
    for row in range(3):
        for col in range(3):
            top = ys[row] + 28
            cv2.putText(
                page, "Task 12", (xs[col] + 10, top), cv2.FONT_HERSHEY_SIMPLEX, 0.7, (0,), 2
            )
    marks = ink(page)
    from qingdan.extract.scan.image import text_height

    assert text_height(marks) is not None and text_height(marks) < 36  # type: ignore[operator]
    [table] = find_tables(*line_masks(marks))
    assert len(table.xs) == 4 and len(table.ys) == 4
    assert table.cells({})[0] == ["", "", ""]  # three header cells, not one
