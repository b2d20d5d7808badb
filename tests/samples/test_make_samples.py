"""samples/make_samples.py: specs rendered as Word variants and text dumps.

PDF rendering needs LibreOffice and seconds per file, so it is checked by looking at
the committed PDFs, not here.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from qingdan.extract import read_document
from qingdan.extract.grid import Covered

from tests.conftest import SAMPLES, SEED


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_samples", SAMPLES / "make_samples.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_samples"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


make_samples = _load_script()
SEED_SPEC = SAMPLES / "sources" / "000_eaf823a1ce4555f0.json"

SMALL: dict[str, Any] = {
    "text_before": ["附件2", "测试清单"],
    "header": [["重点工作", "工作措施", "牵头单位"]],
    "rows": [
        ["大气\n污染", "措施一", "区发改委"],
        ["^", "措施二", "区财政局"],
        ["一、蓝天保卫战", "<", "<"],
        ["水污染", "措施三", "区住建局"],
    ],
    "page_breaks": [1],
    "renderings": {"docx": ["merged"], "txt": True},
}


def _spec(tmp_path: Path, data: dict[str, Any], name: str = "small") -> Any:
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return make_samples.load_spec(path)


def test_seed_spec_renders_the_real_text_dump_byte_for_byte() -> None:
    spec = make_samples.load_spec(SEED_SPEC)
    assert make_samples.render_txt(spec) == SEED.read_text(encoding="utf-8")


def test_text_dump_prints_merges_as_a_dump_does(tmp_path: Path) -> None:
    dump = make_samples.render_txt(_spec(tmp_path, SMALL))
    header = "\t重点工作\n\t工作措施\n\t牵头单位\n\n"
    assert dump == (
        "附件2\n\n测试清单\n\n"
        + header
        + "\t大气\n污染\n\t措施一\n\t区发改委\n\n"
        + header  # page break before body row 1: the header again, the category printed
        + "\t大气\n污染\n\t措施二\n\t区财政局\n\n"
        + "\t一、蓝天保卫战\n\n"
        + "\t水污染\n\t措施三\n\t区住建局\n\n\n"
    )


def test_merged_variant_writes_real_merges_the_reader_sees(tmp_path: Path) -> None:
    spec = _spec(tmp_path, SMALL)
    target = tmp_path / "small_merged.docx"
    make_samples.write_docx(spec, "merged", target)
    raw = read_document(target)
    [table] = raw.tables
    assert [r.cells for r in table.rows] == [
        ["重点工作", "工作措施", "牵头单位"],
        ["大气\n污染", "措施一", "区发改委"],
        [Covered.ABOVE, "措施二", "区财政局"],
        ["一、蓝天保卫战", Covered.LEFT, Covered.LEFT],
        ["水污染", "措施三", "区住建局"],
    ]
    assert [r.repeats_as_header for r in table.rows] == [True, False, False, False, False]
    assert raw.content.text_before == ["附件2", "测试清单"]


@pytest.mark.parametrize(
    ("variant", "second_category", "tables"),
    [("table-per-page", "大气\n污染", 2), ("repeated", "大气\n污染", 1), ("blank", "", 1)],
)
def test_variants_write_the_covered_category_as_authors_do(
    tmp_path: Path, variant: str, second_category: str, tables: int
) -> None:
    target = tmp_path / f"small_{variant}.docx"
    make_samples.write_docx(_spec(tmp_path, SMALL), variant, target)
    raw = read_document(target)
    assert len(raw.tables) == tables
    rows = [r.cells for t in raw.tables for r in t.rows if r.cells[0] != "重点工作"]
    assert rows[1][0] == second_category
    assert rows[2] == ["一、蓝天保卫战", Covered.LEFT, Covered.LEFT]


def test_rendering_twice_gives_the_same_bytes(tmp_path: Path) -> None:
    spec = _spec(tmp_path, SMALL)
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    make_samples.write_docx(spec, "merged", first)
    make_samples.write_docx(spec, "merged", second)
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"rows": [["a", "b"]]}, "row 2 has 2 cells, the header 3"),
        ({"rows": [["^", "b", "c"]]}, "merges with nothing"),
        ({"rows": [["<", "b", "c"]]}, "starts with '<'"),
        ({"renderings": {"docx": ["fancy"]}}, "unknown variants"),
    ],
)
def test_bad_spec_is_rejected_naming_the_file(
    tmp_path: Path, change: dict[str, Any], message: str
) -> None:
    with pytest.raises(make_samples.SpecError, match=message):
        _spec(tmp_path, {**SMALL, **change}, name="bad")


def _pdf_tail(time: bytes, run_id: bytes) -> bytes:
    return (
        b"/Producer<FEFF>\n/CreationDate(D:" + time + b"Z')>>\nendobj\ntrailer\n<</Size 35"
        b"\n/ID [ <" + run_id + b">\n<" + run_id + b"> ]\n/DocChecksum /" + run_id + b"\n>>"
    )


def test_two_prints_of_one_pdf_become_the_same_bytes() -> None:
    first = _pdf_tail(b"20261128144334", b"9A7DDA30DA2AB99C3BE6D632E3E41691")
    second = _pdf_tail(b"20261128150000", b"0123456789ABCDEF0123456789ABCDEF")
    fixed = make_samples._without_run_stamps(first)
    assert fixed == make_samples._without_run_stamps(second)
    assert len(fixed) == len(first)  # byte offsets in the xref table stay valid
    assert b"D:20190101000000" in fixed
    other = make_samples._without_run_stamps(first.replace(b"/Size 35", b"/Size 36"))
    assert other.split(b"/ID")[1] != fixed.split(b"/ID")[1]  # the ID follows the content


def test_two_row_header_is_written_with_real_merges(tmp_path: Path) -> None:
    data = {
        "header": [
            ["序号", "重点任务", "责任单位", "<", "完成时限"],
            ["^", "^", "牵头单位", "配合单位", "^"],
        ],
        "rows": [["1", "散煤治理", "区发展改革委", "区财政局", "2019年10月底前"]],
    }
    target = tmp_path / "two_merged.docx"
    make_samples.write_docx(_spec(tmp_path, data, name="two"), "merged", target)
    [table] = read_document(target).tables
    assert [r.cells for r in table.rows[:2]] == [
        ["序号", "重点任务", "责任单位", Covered.LEFT, "完成时限"],
        [Covered.ABOVE, Covered.ABOVE, "牵头单位", "配合单位", Covered.ABOVE],
    ]
    assert [r.repeats_as_header for r in table.rows] == [True, True, False]
    dump = make_samples.render_txt(_spec(tmp_path, {**data, "text_before": []}, name="two"))
    assert dump.startswith("\t序号\n\t重点任务\n\t责任单位\n\t完成时限\n\n\t\n\t\n\t牵头单位\n")


def test_bad_spec_on_the_command_line_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    assert make_samples.main([str(path)]) == 2
    assert capsys.readouterr().err.startswith(f"make_samples: {path}: cannot read spec")


def test_pdf_without_libreoffice_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(make_samples.shutil, "which", lambda name: None)
    with pytest.raises(SystemExit, match="soffice \\(LibreOffice\\) is missing"):
        make_samples.write_pdf(_spec(tmp_path, SMALL), "merged", tmp_path / "x.pdf")
