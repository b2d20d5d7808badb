"""extract/scan/text.py and scan_place.py: cleaning OCR lines and putting them in cells."""

from __future__ import annotations

import pytest
from qingdan.extract.grid import Covered
from qingdan.extract.scan.engine import TextLine
from qingdan.extract.scan.grid import TableGrid
from qingdan.extract.scan.place import place_lines, reading_order
from qingdan.extract.scan.text import clean_lines, mended_cell


def line(text: str, x0: float, top: float, x1: float | None = None, height: float = 20) -> TextLine:
    return TextLine(
        text, x0, top, x1 if x1 is not None else x0 + 20 * len(text), top + height, 0.99
    )


def test_speck_only_lines_are_dropped_and_counted() -> None:
    kept, repairs = clean_lines([line("土壤污染", 0, 0), line(".", 5, 25), line("·.", 9, 50)])
    assert [item.text for item in kept] == ["土壤污染"]
    assert repairs.speck_lines == 2
    assert "2 speck-only lines dropped" in repairs.describe()


def test_a_speck_glued_to_a_line_end_is_dropped_but_not_a_decimal_point() -> None:
    kept, repairs = clean_lines(
        [
            line("2019年12月.", 0, 0),
            line(".完成时限", 0, 30),
            line("削减2.5%", 0, 60),
            line("1.", 0, 90),
        ]
    )
    assert [item.text for item in kept] == ["2019年12月", "完成时限", "削减2.5%", "1."]
    assert repairs.speck_marks == 2


def test_half_width_punctuation_next_to_chinese_becomes_full_width() -> None:
    kept, repairs = clean_lines(
        [line("区卫生健康委(牵头),区民政局;各街道", 0, 0), line("PM2.5浓度10:00", 0, 30)]
    )
    assert kept[0].text == "区卫生健康委（牵头），区民政局；各街道"
    assert kept[1].text == "PM2.5浓度10:00"  # between digits and letters they stay
    assert repairs.punctuation == 4


def test_a_clean_line_is_unchanged() -> None:
    original = line("完善土壤环境质量监测网络，根据工作需要。", 0, 0)
    kept, repairs = clean_lines([original])
    assert kept == [original] and repairs.describe() == ""


def test_lines_are_read_top_down_and_a_line_cut_in_two_is_joined() -> None:
    lines = [line("环境", 10, 30), line("生态", 10, 0), line("分局", 60, 31), line("新城", 10, 60)]
    assert reading_order(lines) == ["生态", "环境分局", "新城"]


def test_lines_go_into_their_merged_cells_and_the_title_above_the_table() -> None:
    # 2 columns x 3 rows; column 0 of rows 1-2 is one merged cell.
    table = TableGrid([100, 140, 200, 260], [0, 200, 600], [
        [(0, 0), (0, 1)],
        [(1, 0), (1, 1)],
        [(1, 0), (2, 1)],
    ])  # fmt: skip
    lines = [
        line("附件1", 0, 10),
        line("清单标题", 0, 50),
        line("重点工作", 10, 110),
        line("工作措施", 210, 110),
        line("土壤污染", 10, 150),
        line("状况详查", 10, 210),  # in row 2 but inside the merged cell
        line("措施一", 210, 150),
        line("措施二", 210, 210),
        line("- 3 -", 300, 280),  # a page number below the table
    ]
    page = place_lines(lines, [table])
    assert page.text_above == [["附件1", "清单标题"]]
    assert page.tables == [[
        ["重点工作", "工作措施"],
        ["土壤污染\n状况详查", "措施一"],
        [Covered.ABOVE, "措施二"],
    ]]  # fmt: skip


def test_a_page_without_a_table_is_all_text_above() -> None:
    page = place_lines([line("第二行", 0, 40), line("第一行", 0, 0)], [])
    assert page.tables == [] and page.text_above == [["第一行", "第二行"]]


def test_a_line_end_dot_the_size_of_a_full_stop_is_a_full_stop() -> None:
    np = pytest.importorskip("numpy")
    cv2 = pytest.importorskip("cv2")
    ink = np.zeros((100, 400), np.uint8)
    cv2.circle(ink, (190, 20), 3, (255,), 1)  # a ring like 。 at the end of line 1
    cv2.circle(ink, (190, 70), 0, (255,), -1)  # a one-pixel speck at the end of line 2
    lines = [line("推动建设.", 100, 0, 195, height=25), line("2019年12月.", 100, 50, 195, 25)]
    kept, repairs = clean_lines(lines, ink)
    assert [item.text for item in kept] == ["推动建设。", "2019年12月"]
    assert (repairs.full_stops, repairs.speck_marks) == (1, 1)


def test_a_full_stop_the_recognizer_left_out_is_read_from_the_ink() -> None:
    np = pytest.importorskip("numpy")
    cv2 = pytest.importorskip("cv2")
    ink = np.zeros((140, 400), np.uint8)
    for top in (0, 35, 70):  # the last character's right part on each line
        cv2.rectangle(ink, (170, top + 2), (188, top + 23), (255,), -1)
    cv2.circle(ink, (200, 18), 4, (255,), 2)  # a 。 past the last character of line 1
    cv2.circle(ink, (205, 18), 1, (255,), -1)  # with a speck touching it
    cv2.circle(ink, (205, 47), 8, (255,), 2)  # line 2: a ring too large for a 。
    cv2.circle(ink, (200, 88), 4, (255,), 2)  # line 3: a dot read after a 。
    cv2.rectangle(ink, (200, 107), (206, 110), (255,), -1)  # line 4: 启's 户 ...
    cv2.circle(ink, (203, 122), 4, (255,), 2)  # ... over its 口, a ring of a 。's size
    lines = [
        line("建设", 100, 0, 195, height=25),
        line("人口", 100, 35, 195, height=25),
        line("公开。.", 100, 70, 205, height=25),
        line("8月启", 100, 105, 212, height=25),
    ]
    kept, repairs = clean_lines(lines, ink)
    assert [item.text for item in kept] == ["建设。", "人口", "公开。", "8月启"]
    assert (repairs.full_stops, repairs.speck_marks) == (1, 1)


def test_a_bracket_takes_the_width_of_its_partner() -> None:
    kept, repairs = clean_lines(
        [
            line("(1）严格管理；(2) 加强台账；（3) 完善", 0, 0),
            line("PM2.5 (a) x", 0, 30),
            line("区卫生健康委（牵头）", 0, 60),
        ]
    )
    assert kept[0].text == "（1）严格管理；（2）加强台账；（3）完善"
    assert kept[1].text == "PM2.5 (a) x"  # no Chinese beside or inside: stays
    assert kept[2].text == "区卫生健康委（牵头）"
    assert repairs.brackets == 3
    assert "3 brackets or quotes matched to their partner" in repairs.describe()


def test_quotes_read_both_opening_or_both_closing_are_made_a_pair() -> None:
    kept, repairs = clean_lines(
        [
            line("开展”一网通办”平台，“放管服“改革", 0, 0),
            line("通办”平台，推进“无废", 0, 30),  # a quotation closing, another opening
            line("推动“无废城市”建设", 0, 60),
        ]
    )
    texts = [item.text for item in kept]
    assert texts == [
        "开展“一网通办”平台，“放管服”改革",
        "通办”平台，推进“无废",
        "推动“无废城市”建设",
    ]
    assert repairs.brackets == 2


def test_a_space_ocr_reads_between_chinese_and_digits_is_dropped_not_between_names() -> None:
    kept, repairs = clean_lines(
        [line("PM10 浓度控制在 2微克，2019 年", 0, 0), line("区发改委 区科技局", 0, 30)]
    )
    assert kept[0].text == "PM10浓度控制在2微克，2019年"
    assert kept[1].text == "区发改委 区科技局"
    assert repairs.gaps == 3


def test_a_dash_the_recognizer_dropped_between_two_years_is_read_back() -> None:
    kept, repairs = clean_lines(
        [line("20232024年", 0, 0), line("投资20232024年", 0, 30), line("2020-2021年", 0, 60)]
    )
    assert [item.text for item in kept] == ["2023—2024年", "投资2023—2024年", "2020-2021年"]
    assert repairs.dashes == 2
    [digits] = clean_lines([line("共12345678年", 0, 0)])[0]
    assert digits.text == "共12345678年"


def test_a_cells_quotes_open_and_close_in_turn_across_its_lines() -> None:
    table = TableGrid([0, 100], [0, 400, 800], [[(0, 0), (0, 1)]])
    lines = [
        line("落实”一网通办“平台建设，", 10, 10),  # both turned on one line
        line("推进“放管服”改革", 10, 40),
        line("开展“双随机", 410, 10),  # a quotation over two lines of one cell
        line("一公开“检查", 410, 40),
        line("”互联网+“", 410, 70),
    ]
    page = place_lines(lines[:4], [table])
    assert page.tables == [
        [["落实“一网通办”平台建设，\n推进“放管服”改革", "开展“双随机\n一公开”检查"]]
    ]
    assert page.mended == 3
    odd = place_lines([lines[2], lines[4]], [table])  # three quotes: left as read
    assert odd.tables[0][0][1] == "开展“双随机\n”互联网+“" and odd.mended == 0


def test_a_bracket_pair_cut_by_a_cells_line_wrap_is_made_full_width() -> None:
    table = TableGrid([0, 100], [0, 400, 800], [[(0, 0), (0, 1)]])
    lines = [
        line("（1）推进整治；(2", 10, 10),
        line("）严格管理", 10, 40),
        line("(1)", 410, 10, 440),  # read as a line of its own
        line("组织开展", 450, 10),
        line("PM2.5 (a)", 410, 40),
    ]
    page = place_lines(lines, [table])
    assert page.tables == [[["（1）推进整治；（2\n）严格管理", "（1）组织开展\nPM2.5 (a)"]]]
    assert page.mended == 2


def test_a_dash_lost_in_a_span_the_cell_wraps_is_read_back_over_the_cell() -> None:
    table = TableGrid([0, 100], [0, 400, 800], [[(0, 0), (0, 1)]])
    lines = [
        line("20182019", 10, 10),
        line("年", 10, 40),
        line("2019", 410, 10),
        line("2020年", 410, 40),
    ]
    page = place_lines(lines, [table])
    assert page.tables == [[["2018—2019\n年", "2019—\n2020年"]]]
    assert page.mended == 2
    assert mended_cell("共12345678\n年") == ("共12345678\n年", 0)
