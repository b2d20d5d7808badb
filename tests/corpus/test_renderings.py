"""corpus.renderings: the registry's file names and when a blank DOCX keeps the truth."""

from __future__ import annotations

from pathlib import Path

from qingdan.extract import read_document

from corpus.renderings import RENDERINGS, blank_allowed
from corpus.sheet import Spec

SPEC = Spec(
    name="r",
    header=[["重点工作", "工作措施", "牵头单位", "完成时限"]],
    rows=[["大气", "措施一", "县财政局", "年底前"], ["^", "措施二", "县住建局", "每季度"]],
)


def test_each_rendering_names_its_file_by_variant_and_suffix() -> None:
    names = {name: r.file_name("0001-0002") for name, r in RENDERINGS.items()}
    assert names["txt"] == "0001-0002.txt"
    assert names["docx-merged"] == "0001-0002_merged.docx"
    assert names["pdf-table-per-page"] == "0001-0002_table-per-page.pdf"
    assert len(set(names.values())) == len(names)
    assert {r.printed for r in RENDERINGS.values()} == {True, False}


def test_blank_docx_only_when_grouping_columns_alone_are_merged() -> None:
    assert blank_allowed(SPEC, mergeable={0})
    merged_lead = Spec(name="m", header=SPEC.header,
                       rows=[SPEC.rows[0], ["^", "措施二", "^", "每季度"]])  # fmt: skip
    assert not blank_allowed(merged_lead, mergeable={0})


def test_unprinted_renderings_write_files_the_reader_opens(tmp_path: Path) -> None:
    for name, rendering in RENDERINGS.items():
        if rendering.printed:
            continue
        target = tmp_path / rendering.file_name("r")
        rendering.write(SPEC, target)
        rows = [row.cells for table in read_document(target).tables for row in table.rows]
        assert any(isinstance(c, str) and "措施二" in c for row in rows for c in row), name
