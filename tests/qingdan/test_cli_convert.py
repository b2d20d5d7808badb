"""`qingdan convert` through its runner: single files, folders, exit codes, refusals."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.cli_runner import invoke

EXPECTED_RECORDS = 15


def _run(*args: str) -> tuple[int, str]:
    result = invoke(["convert", *args])
    return result.exit_code, result.output


def test_one_file_goes_to_stdout_as_json(seed: Path) -> None:
    code, output = _run(str(seed))
    assert code == 0
    assert len(json.loads(output)["records"]) == EXPECTED_RECORDS


def test_one_bad_file_is_exit_2_with_one_line(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, output = _run(str(empty), "-o", str(tmp_path / "out.json"))
    assert (code, output) == (2, f"qingdan: 错误: {empty}: 文件为空\n")
    assert not (tmp_path / "out.json").exists()


def test_an_output_that_is_the_input_is_refused(tmp_path: Path, seed: Path) -> None:
    source = Path(shutil.copy(seed, tmp_path / "list.csv"))
    before = source.read_bytes()
    code, output = _run(str(source), "-o", str(source))
    assert code == 2
    assert "同时也是输入文件" in output
    assert source.read_bytes() == before


def test_a_folder_whose_outputs_would_overwrite_an_input_is_refused(
    tmp_path: Path, seed: Path
) -> None:
    shutil.copy(seed, tmp_path / "one.txt")
    (tmp_path / "all.csv").write_text("序号,工作措施\n1,x\n", encoding="utf-8")
    code, output = _run(str(tmp_path), str(tmp_path / "all.csv"), "-o", f"{tmp_path}/")
    assert code == 2
    assert "all.csv: 同时也是输入文件" in output
    assert not (tmp_path / "errors.json").exists()


def test_several_inputs_need_an_output(tmp_path: Path, seed: Path) -> None:
    for name in ("a.txt", "b.txt"):
        shutil.copy(seed, tmp_path / name)
    code, output = _run(str(tmp_path))
    assert code == 2
    assert "多个输入需要 `-o 文件夹/`（每个输入一个输出）、`-o 文件.csv" in output


def test_all_converted_is_exit_0_and_plain_lines_off_a_terminal(tmp_path: Path, seed: Path) -> None:
    for name in ("a.txt", "b.txt"):
        shutil.copy(seed, tmp_path / name)
    out = tmp_path / "out"
    code, output = _run(str(tmp_path / "*.txt"), "-o", f"{out}/", "-j", "1")
    assert code == 0, output
    assert f"[1/2] {tmp_path / 'a.txt'}: 15 条记录" in output
    assert f"[2/2] {tmp_path / 'b.txt'}: 15 条记录" in output
    assert "记录" in output and "失败" in output
    assert json.loads((out / "errors.json").read_text("utf-8")) == []
    assert sorted(p.name for p in out.iterdir()) == [
        "a.txt.json",
        "all.csv",
        "all.jsonl",
        "all.warnings.csv",
        "all.xlsx",
        "b.txt.json",
        "errors.json",
    ]
    # Running again into the same folder replaces the outputs and reads none of them.
    code, output = _run(str(tmp_path), "-o", f"{out}/", "-j", "1")
    assert code == 0, output
    assert "[2/2]" in output and "[3/" not in output


def test_a_bad_database_url_is_a_usage_error(tmp_path: Path, seed: Path) -> None:
    code, output = _run(str(seed), str(seed), "--db", "nosuchdb://x", "-o", f"{tmp_path}/")
    assert code == 2
    assert output.startswith("qingdan: 错误: `--db nosuchdb://x`：")


def test_every_command_has_help() -> None:
    for command in ("convert", "extract", "schema"):
        result = invoke([command, "--help"])
        assert result.exit_code == 0
        assert "用法: " in result.output


def test_one_file_into_a_database_twice(tmp_path: Path, seed: Path) -> None:
    url = f"sqlite:///{tmp_path / 'tasks.db'}"
    code, output = _run(str(seed), "--db", url)
    assert (code, output) == (0, f"{seed} -> --db（15 条记录，已载入）\n")
    code, output = _run(str(seed), "--db", url)
    assert (code, output) == (0, f"{seed} -> --db（15 条记录，已在库中）\n")
