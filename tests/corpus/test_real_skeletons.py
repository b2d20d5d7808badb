"""corpus.real: every skeleton loads and renders; a bad skeleton gives a clear error."""

from __future__ import annotations

from pathlib import Path

import pytest
from qingdan.extract import read_document

from corpus.real import SKELETONS, SkeletonError, load_skeleton, load_skeletons
from corpus.real.render import paragraph_form, plan, render_all

GOOD = """\
[source]
url = "https://example.gov.cn/list.html"
province = "浙江省"
level = "县级"
year = 2021
kind = "任务分工表"
form = "table"
facts = "invented for the test"

[document]
title = "任务分工表"
year = 2021

[table]
header = [["序号", "工作措施", "牵头单位", "完成时限"]]
rows = [
  ["一、产业", "<", "<", "<"],
  ["1", "措施一", "县发改局", "2021年6月底前"],
  ["2", "措施二", "县财政局", "年底前"],
]

[[record]]
section = "一、产业"
no = "1"
measure = "措施一"
lead = ["县发改局"]
deadline = "2021年6月底前"
due = "2021-06-30"
due_kind = "date"

[[record]]
section = "一、产业"
no = "2"
measure = "措施二"
lead = ["县财政局"]
deadline = "年底前"
due = "2021-12-31"
due_kind = "date"
"""
NAME = "901-zhejiang-2021-test.toml"


def _write(tmp_path: Path, text: str, name: str = NAME) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_skeleton_loads_into_a_spec_and_truth(tmp_path: Path) -> None:
    item = load_skeleton(_write(tmp_path, GOOD))
    assert item.spec is not None and item.spec.width == 4
    assert [r.measure for r in item.records] == ["措施一", "措施二"]
    document = item.truth(["txt"])["document"]
    assert document == {"title": "任务分工表", "attachment": None, "year": 2021}
    assert item.features == ["kind:任务分工表", "form:table", "level:县级", "seen:whole"]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('facts = "', 'colour = "red"\nfacts = "', r"unknown key \['colour'\]"),
        ('"县发改局", "2021年6月底前"]', '"县发改局"]', "rows row 2 has 3 cells"),
        ('measure = "措施二"', 'measure = "措施二"\nowner = "x"', "unknown key"),
        ("[[record]]", '[[record]]\nmeasure = "多"\n\n[[record]]', "3 records for 2 task rows"),
        ('due = "2021-06-30"', 'due = "6月底"', "not YYYY-MM-DD"),
        ('kind = "任务分工表"', 'kind = "清单"', r"\[source\]\.kind"),
        ('form = "table"', 'form = "paragraphs"', r"needs \[paragraphs\]"),
        ("[document]", "[extra]\n\n[document]", r"unknown table \['extra'\]"),
    ],
)  # fmt: skip
def test_a_bad_skeleton_names_the_file_and_the_problem(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    assert old in GOOD
    path = _write(tmp_path, GOOD.replace(old, new, 1))
    with pytest.raises(SkeletonError, match=f"^{NAME}: .*{message}"):
        load_skeleton(path)


def test_the_file_name_must_carry_number_province_year_and_slug(tmp_path: Path) -> None:
    with pytest.raises(SkeletonError, match="file name is not"):
        load_skeleton(_write(tmp_path, GOOD, "zhejiang-test.toml"))
    with pytest.raises(SkeletonError, match="file name says 2020"):
        load_skeleton(_write(tmp_path, GOOD, "902-zhejiang-2020-test.toml"))


def test_a_reserved_page_is_refused_whatever_its_scheme_or_www(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD.replace("https://example.gov.cn/", "http://www.example.gov.cn/"))
    with pytest.raises(SkeletonError, match="reserved for independent evaluation"):
        load_skeleton(path, reserved=["https://example.gov.cn/list.html"])


def test_every_committed_skeleton_loads_with_a_name_that_is_unique() -> None:
    items = load_skeletons()
    assert len(items) >= 20
    numbers = [item.name[:3] for item in items]
    assert len(numbers) == len(set(numbers))
    assert {item.source["form"] for item in items} == {"table", "paragraphs"}
    assert len(list(SKELETONS.glob("*.toml"))) == len(items)


def test_every_skeleton_renders_files_the_reader_opens(tmp_path: Path) -> None:
    items = load_skeletons()
    unprinted = {p.rendering.name for i in items for p in plan(i) if not p.rendering.printed}
    files = render_all(items, tmp_path, unprinted)
    names = {truth["name"] for truth, _, _ in files}
    assert names == {item.name for item in items}
    for truth, rendering, path in files:
        assert path.stat().st_size > 0, (truth["name"], rendering)
        read_document(path)  # raises on a file the reader cannot open


def test_paragraph_skeletons_render_one_paragraph_per_line(tmp_path: Path) -> None:
    from docx import Document

    item = next(i for i in load_skeletons() if i.lines is not None)
    render_all([item], tmp_path, {"docx-paragraphs", "txt-paragraphs"})
    assert item.lines is not None
    docx = Document(str(tmp_path / f"{item.name}_paragraphs.docx"))
    assert [p.text for p in docx.paragraphs] == item.lines
    text = (tmp_path / f"{item.name}_paragraphs.txt").read_text(encoding="utf-8")
    assert text.splitlines() == item.lines


def test_a_table_gets_a_paragraph_form_only_when_its_truth_survives(tmp_path: Path) -> None:
    item = load_skeleton(_write(tmp_path, GOOD))
    lines = paragraph_form(item)
    assert lines is not None and "1.措施一" in lines and "牵头单位：县发改局" in lines
    no_number = GOOD.replace('"1", "措施一"', '"", "措施一"').replace('no = "1"\n', "")
    assert paragraph_form(load_skeleton(_write(tmp_path, no_number))) is None


def test_seen_says_how_much_of_the_list_was_on_its_page(tmp_path: Path) -> None:
    described = GOOD.replace('form = "table"', 'form = "table"\nseen = "described"', 1)
    assert "seen:described" in load_skeleton(_write(tmp_path, described)).features
    guessed = GOOD.replace('form = "table"', 'form = "table"\nseen = "guessed"', 1)
    with pytest.raises(SkeletonError, match=r"\[source\]\.seen = 'guessed'"):
        load_skeleton(_write(tmp_path, guessed))
