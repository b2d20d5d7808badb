"""``qingdan departments``: the workload table in the terminal, as CSV and as HTML."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from tests.cli_runner import invoke
from tests.conftest import SAMPLES


def test_departments_has_help() -> None:
    result = invoke(["departments", "--help"])
    assert result.exit_code == 0
    assert "--aliases" in result.output


def test_departments_over_samples_prints_the_table() -> None:
    # What `qingdan departments samples/*` passes: every file, expected outputs included
    # (but the .doc renderings and the scans, which LibreOffice and OCR read in seconds
    # each; their records have tests of their own).
    slow = {".doc"}
    entries = [p for p in sorted(SAMPLES.iterdir()) if p.suffix not in slow and p.name != "scans"]
    result = invoke(["departments", *map(str, entries)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    header = next(line for line in lines if "牵头" in line)
    assert all(word in header for word in ("部门", "配合", "合计", "写法"))
    row = next(line for line in lines if "区发展和改革委员会" in line)
    assert "区发改委" in row  # the name as the seed writes it
    assert "已跳过" in result.stderr and ".expected.json" in result.stderr


def test_departments_to_csv_with_a_reform_alias_file(seed: Path, tmp_path: Path) -> None:
    aliases = tmp_path / "aliases.csv"
    aliases.write_text(
        "variant,canonical\n国土新城分局,市资源规划局新城分局\n规划新城分局,市资源规划局新城分局\n",
        encoding="utf-8",
    )
    out = tmp_path / "load.csv"
    result = invoke(["departments", str(seed), "--aliases", str(aliases), "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    names = [row["department"] for row in rows]
    assert "市资源规划局新城分局" in names
    assert "国土新城分局" not in names and "规划新城分局" not in names
    merged = next(row for row in rows if row["department"] == "市资源规划局新城分局")
    assert merged["written_as"].split("、") == ["规划新城分局", "国土新城分局"]
    assert int(merged["total"]) == int(merged["lead"]) + int(merged["support"])


def test_departments_refuses_an_unknown_report_format(seed: Path, tmp_path: Path) -> None:
    result = invoke(["departments", str(seed), "-o", str(tmp_path / "load.pdf")])
    assert result.exit_code == 2
    assert "无法写成 '.pdf'" in result.stderr
    assert not (tmp_path / "load.pdf").exists()


def test_departments_without_attachments_fails(tmp_path: Path) -> None:
    result = invoke(["departments", str(tmp_path)])
    assert result.exit_code == 2
    assert "没有找到附件" in result.stderr


def test_a_failing_attachment_is_reported_and_the_rest_counted(seed: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.txt"
    broken.write_text("附件1\n这不是一个任务清单\n", encoding="utf-8")
    result = invoke(["departments", str(seed), str(broken)])
    assert result.exit_code == 1
    assert "broken.txt" in result.stderr and "2 个文件中 1 个转换失败" in result.stderr
    assert "生态环境新城分局" in result.stdout
