"""Output folder mode: safe unique names, combined files, errors.json, atomic writes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qingdan.batch import FileResult, Skipped, file_statuses
from qingdan.folder_output import (
    NAME_BYTES,
    plan_outputs,
    safe_stem,
    warnings_sidecar,
    write_folder_end,
    write_output,
)
from qingdan.plan import OutputIsInput, refuse_inputs_as_outputs
from qingdan.writers import OutputFormat
from qingdan.writers.jsonl import documents_jsonl
from tests.qingdan.documents import make_document


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("附件1：工作任务清单", "附件1：工作任务清单"),  # full-width punctuation is text
        ('a/b\\c:d*e?f"g<h>i|j', "a_b_c_d_e_f_g_h_i_j"),
        ("..", "file"),
        (" 清单. ", "清单"),
        ("x" * 300, "x" * 255),
        ("x" * 300 + ".docx", "x" * 250 + ".docx"),
        ("清" * 100 + ".pdf", "清" * 83 + ".pdf"),  # 3 bytes a character: 249 + 4 bytes
    ],
)
def test_safe_stem(name: str, safe: str) -> None:
    assert safe_stem(name) == safe


def test_names_are_unique_and_never_a_combined_file(tmp_path: Path) -> None:
    files = [Path("a/清单.txt"), Path("b/清单.txt"), Path("b/清单.pdf"), Path("all")]
    plan = plan_outputs(files, tmp_path, OutputFormat.CSV)
    assert [p.name for p in plan.values()] == [
        "清单.txt.csv", "清单.txt-2.csv", "清单.pdf.csv", "all-2.csv"
    ]  # fmt: skip
    plan = plan_outputs([Path("errors")], tmp_path, OutputFormat.JSON)
    assert [p.name for p in plan.values()] == ["errors-2.json"]


def test_an_output_that_is_an_input_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "all.csv"
    source.write_text("x", encoding="utf-8")
    with pytest.raises(OutputIsInput, match=r"all\.csv: is also an input"):
        refuse_inputs_as_outputs([tmp_path / "." / "all.csv"], [source])
    refuse_inputs_as_outputs([tmp_path / "all.jsonl"], [source])


def test_jsonl_has_file_and_title_on_every_record() -> None:
    lines = documents_jsonl([make_document([{}, {"measure": "二"}], "甲.txt", "甲清单")])
    records = [json.loads(line) for line in lines.decode("utf-8").splitlines()]
    assert [(r["file"], r["title"], r["seq"], r["measure"]) for r in records] == [
        ("甲.txt", "甲清单", 1, "推进土壤污染防治"),
        ("甲.txt", "甲清单", 2, "二"),
    ]


def test_long_chinese_names_fit_the_file_system_and_stay_unique(tmp_path: Path) -> None:
    long_name = "关于印发某某区二〇一九年度重点工作任务分解落实责任清单的通知附件" * 2 + ".docx"
    files = [Path("a") / long_name, Path("b") / long_name]
    plan = plan_outputs(files, tmp_path, OutputFormat.CSV)
    names = [p.name for p in plan.values()]
    assert len(set(names)) == 2
    for output in plan.values():
        assert output.name.endswith(".docx.csv") or output.name.endswith(".docx-2.csv")
        assert len(warnings_sidecar(output).name.encode()) <= NAME_BYTES
        write_output(make_document([{}], long_name), output, OutputFormat.CSV)
        assert output.exists() and warnings_sidecar(output).exists()


def test_write_folder_replaces_whole_files_and_leaves_no_temporaries(tmp_path: Path) -> None:
    good, bad = Path("in/good.txt"), Path("in/bad.txt")
    plan = plan_outputs([good, bad], tmp_path, OutputFormat.JSON)
    (tmp_path / "good.txt.json").write_text("old", encoding="utf-8")
    document = make_document([{}], "good.txt")
    results = [FileResult(good, document), FileResult(bad, None, "file is empty", "EmptyFile")]
    write_output(document, plan[good], OutputFormat.JSON)
    files = file_statuses(results, [Skipped(Path("in/x.md"), "why")], [])
    write_folder_end(tmp_path, [document], files)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "all.csv",
        "all.jsonl",
        "all.warnings.csv",
        "all.xlsx",
        "errors.json",
        "good.txt.json",
    ]
    written = json.loads((tmp_path / "good.txt.json").read_text("utf-8"))
    assert written["document"]["file"] == "good.txt"
    assert json.loads((tmp_path / "errors.json").read_text("utf-8")) == [
        {
            "file": "in/bad.txt",
            "status": "failed",
            "error": "EmptyFile",
            "reason": "文件为空",
            "detail": "file is empty",
        },
        {
            "file": "in/x.md",
            "status": "skipped",
            "error": "Skipped",
            "reason": "已跳过",
            "detail": "why",
        },
    ]
