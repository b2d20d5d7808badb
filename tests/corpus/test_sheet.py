"""corpus.sheet: what the shared writers add for the corpus (notes after the table)."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from corpus import sheet
from corpus.sheet import RenderError, Spec, print_pdfs, render_txt, write_docx

SPEC = Spec(
    name="note",
    header=[["序号", "工作措施", "牵头单位", "完成时限"]],
    rows=[["1", "措施一", "县财政局", "年底前"], ["2", "措施二", "县住建局", "每季度"]],
    text_before=["附件1", "测试清单"],
    text_after=["注：本表所列单位按职责分工负责。"],
)


def test_a_note_after_the_table_is_a_paragraph_after_it(tmp_path: Path) -> None:
    target = tmp_path / "note.docx"
    write_docx(SPEC, "merged", target)
    body = Document(str(target)).element.body
    tags = [child.tag.rsplit("}", 1)[1] for child in body]
    assert tags.index("tbl") < len(tags) - 2  # the note paragraph follows the table
    assert Document(str(target)).paragraphs[-1].text == "注：本表所列单位按职责分工负责。"


def test_a_note_after_the_table_ends_the_text_dump() -> None:
    assert render_txt(SPEC).endswith("\t每季度\n\n\n注：本表所列单位按职责分工负责。\n\n")


def test_printing_without_libreoffice_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sheet.shutil, "which", lambda name: None)
    with pytest.raises(RenderError, match="ensure-fidelity-packages"):
        print_pdfs([tmp_path / "a.docx"], tmp_path)
