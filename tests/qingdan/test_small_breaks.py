"""The small breaks of issue 32, one case each: each failed before its fix."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from qingdan.extract.grid import Cell
from qingdan.normalize import normalize

import qingdan
from qingdan.inputs import sniff_suffix
from qingdan.plan import UsageError, plan_convert, refuse_binary_to_terminal
from qingdan.writers import OutputFormat
from tests.cli_runner import invoke
from tests.conftest import SAMPLES, SEED
from tests.normalize.grids import raw_document

MERGED = SAMPLES / "000_eaf823a1ce4555f0_merged"
NEW_2020 = SAMPLES / "001_xincheng_2020.txt"
TASK = "实施老旧小区改造项目，完成改造任务并组织验收工作"


def test_a_columns_file_naming_every_text_column_passes_strict(tmp_path: Path) -> None:
    # The user's file names the measure; the chooser said "no column holds task text".
    columns = tmp_path / "columns.toml"
    columns.write_text('measure = ["内容"]\ncategory = ["事项"]\n', encoding="utf-8")
    grid: list[list[Cell]] = [
        ["序号", "事项", "内容", "牵头单位"],
        ["1", "推进城市更新改造工作", TASK, "市住建局"],
        ["2", "推进营商环境优化工作", "深化行政审批制度改革，压缩审批时限", "市发改委"],
    ]
    knowledge = qingdan.Knowledge.load(columns=columns)
    task_list = normalize(raw_document(grid), knowledge)
    assert [w.code for w in task_list.warnings] == []
    assert task_list.records[0].measure == TASK
    source = tmp_path / "list.txt"
    source.write_text(
        "工作任务清单\n" + "\n".join("\t".join(map(str, row)) for row in grid) + "\n",
        encoding="utf-8",
    )
    result = invoke(["convert", str(source), "--strict", "--columns", str(columns)])
    assert result.exit_code == 0, result.output


def test_patterns_matching_nothing_are_no_input(tmp_path: Path) -> None:
    target = tmp_path / "all.xlsx"
    result = invoke(
        ["convert", f"{tmp_path}/none/*.docx", f"{tmp_path}/x/*.pdf", "-o", str(target)]
    )
    assert result.exit_code == 2
    assert "没有找到附件" in result.stderr
    assert not target.exists()
    with pytest.raises(UsageError, match="no attachments found"):
        plan_convert([tmp_path / "*.docx"], str(target))


def test_a_binary_format_is_not_written_to_a_terminal() -> None:
    plan = plan_convert([SEED], None, OutputFormat.XLSX)
    with pytest.raises(UsageError, match=r"standard output is a terminal: pass -o FILE\.xlsx"):
        refuse_binary_to_terminal(plan, stdout_is_terminal=True)
    refuse_binary_to_terminal(plan, stdout_is_terminal=False)  # a pipe takes the bytes
    refuse_binary_to_terminal(plan_convert([SEED], None, OutputFormat.CSV), True)


def test_a_format_contradicting_the_suffix_is_refused(tmp_path: Path) -> None:
    result = invoke(["convert", str(SEED), "-o", str(tmp_path / "list.json"), "-f", "csv"])
    assert result.exit_code == 2
    assert "`-f csv` 与扩展名 '.json' 矛盾" in result.stderr
    assert not (tmp_path / "list.json").exists()
    # a suffix naming no format leaves the choice to -f
    result = invoke(["convert", str(SEED), "-o", str(tmp_path / "list.txt"), "-f", "csv"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "list.txt").read_text(encoding="utf-8-sig").startswith("seq,")


@pytest.mark.parametrize("suffix", [".xlsx", ".html", ".docx", ".pdf", ".ofd", ".txt"])
def test_piped_bytes_are_told_by_their_content(suffix: str) -> None:
    sample = SEED if suffix == ".txt" else MERGED.with_suffix(suffix)
    assert sniff_suffix(sample.read_bytes()) == suffix


def test_a_piped_workbook_and_page_convert() -> None:
    for suffix in (".xlsx", ".html"):
        result = invoke(["convert", "-"], input=MERGED.with_suffix(suffix).read_bytes())
        assert result.exit_code == 0, result.output
        assert f'"file": "stdin{suffix}"' in result.stdout


def test_departments_counts_one_content_once(tmp_path: Path) -> None:
    copy = tmp_path / "copy" / SEED.name
    copy.parent.mkdir()
    shutil.copy(SEED, copy)
    assert invoke(["departments", str(SEED), "-o", str(tmp_path / "once.csv")]).exit_code == 0
    twice = invoke(["departments", str(SEED), str(copy), "-o", str(tmp_path / "twice.csv")])
    assert twice.exit_code == 0, twice.output
    assert (tmp_path / "once.csv").read_bytes() == (tmp_path / "twice.csv").read_bytes()
    assert f"已跳过 {copy}: 内容与 {SEED} 相同" in twice.stderr


def test_departments_writes_no_report_when_nothing_converted(tmp_path: Path) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")
    target = tmp_path / "load.csv"
    result = invoke(["departments", str(broken), "-o", str(target)])
    assert result.exit_code == 2
    assert "broken.docx" in result.stderr and "未写出报告" in result.stderr
    assert not target.exists()


def test_diff_writes_a_workbook(tmp_path: Path) -> None:
    target = tmp_path / "diff.xlsx"
    result = invoke(["diff", str(SEED), str(NEW_2020), "-o", str(target)])
    assert result.exit_code == 0, result.output
    workbook = load_workbook(target)
    assert workbook.sheetnames == ["概要", "变化"]
    changes = list(workbook["变化"].iter_rows(values_only=True))
    assert changes[0][:3] == ("状态", "原顺序号", "新顺序号")
    assert len(changes) > 1
    summary = list(workbook["概要"].iter_rows(values_only=True))
    assert summary[1][1] == SEED.name


def test_a_task_without_a_lead_unit_is_warned() -> None:
    grid: list[list[Cell]] = [
        ["序号", "工作措施", "牵头单位", "配合单位"],
        ["1", TASK, "市住建局", ""],
        ["2", "深化行政审批制度改革，压缩审批时限", "", "市发改委"],
    ]
    warnings = normalize(raw_document(grid)).warnings
    assert [(w.code, w.row) for w in warnings] == [("no-lead", 2)]


def test_a_list_without_any_lead_is_warned_once() -> None:
    grid: list[list[Cell]] = [
        ["序号", "工作措施", "完成时限"],
        ["1", TASK, "2024年底前"],
        ["2", "深化行政审批制度改革，压缩审批时限", "2024年6月底前"],
    ]
    warnings = [w for w in normalize(raw_document(grid)).warnings if w.code == "no-lead"]
    assert [(w.row, w.message) for w in warnings] == [
        (None, "none of the 2 tasks names a lead unit")
    ]
