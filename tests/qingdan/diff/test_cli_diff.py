"""``qingdan diff`` through the CLI runner: outputs, options and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import qingdan
from tests.cli_runner import invoke
from tests.conftest import SAMPLES, SEED

NEW_2020 = SAMPLES / "001_xincheng_2020.txt"
ALIASES = SAMPLES / "diffs" / "xincheng_aliases.yaml"


def test_diff_has_help() -> None:
    result = invoke(["diff", "--help"])
    assert result.exit_code == 0
    assert "--threshold" in result.output and "--aliases" in result.output


def test_terminal_summary_by_default() -> None:
    result = invoke(["diff", str(SEED), str(NEW_2020), "--aliases", str(ALIASES)])
    assert result.exit_code == 0, result.output
    assert (
        "新城区净土保卫战2019年工作任务清单 → 新城区净土保卫战2020年工作任务清单" in result.output
    )
    assert "{+国土空间+}" in result.output


def test_json_output_matches_the_library(tmp_path: Path) -> None:
    target = tmp_path / "diff.json"
    result = invoke(["diff", str(SEED), str(NEW_2020), "-o", str(target),
                                 "--aliases", str(ALIASES), "--threshold", "0.9"])  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["threshold"] == 0.9
    # at 0.9 the reworded task 11 (0.84) no longer matches: one more removal and addition
    assert data["summary"] == {"unchanged": 5, "modified": 7, "removed": 3, "added": 3}
    assert "未变 5，修改 7，删除 3，新增 3" in result.output


def test_a_qingdan_json_output_is_accepted_as_a_side(tmp_path: Path) -> None:
    converted = tmp_path / "2019.json"
    converted.write_text(qingdan.convert(SEED).model_dump_json(), encoding="utf-8")
    target = tmp_path / "diff.md"
    result = invoke(["diff", str(converted), str(NEW_2020), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith("# 新城区净土保卫战2019年工作任务清单")


def test_a_json_that_is_not_a_qingdan_output_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "other.json"
    bad.write_text('{"rows": []}', encoding="utf-8")
    result = invoke(["diff", str(bad), str(NEW_2020)])
    assert result.exit_code == 2
    assert result.output.startswith(f"qingdan: 错误: {bad}: 不是 qingdan 输出的 JSON 文件")
    assert len(result.output.strip().splitlines()) == 1


def test_an_unknown_output_suffix_fails_before_any_work(tmp_path: Path) -> None:
    result = invoke(["diff", str(SEED), str(NEW_2020), "-o", str(tmp_path / "d.docx")])
    assert result.exit_code == 2
    assert "无法写成 '.docx'（可用：.json、.csv、.md、.html、.xlsx）" in result.output


def test_a_bad_aliases_file_and_a_bad_threshold_are_usage_errors(tmp_path: Path) -> None:
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("只有一列\n", encoding="utf-8")
    result = invoke(["diff", str(SEED), str(NEW_2020), "--aliases", str(aliases)])
    assert result.exit_code == 2
    assert "aliases.csv: CSV 文件的表头应为 'variant,canonical'" in result.output
    result = invoke(["diff", str(SEED), str(NEW_2020), "--threshold", "1.5"])
    assert result.exit_code == 2
