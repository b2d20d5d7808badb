"""The command line, through the in-process runner (``tests.cli_runner``) and as a real
process."""

from __future__ import annotations

import csv
import gc
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from qingdan.cli import COMMANDS
from tests.cli_runner import invoke


def test_convert_without_output_writes_json_to_stdout(seed: Path) -> None:
    result = invoke(["convert", str(seed)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"document", "records", "warnings"}
    assert len(data["records"]) == 15
    assert data["records"][0]["due"] == "2019-12-31"


def test_convert_to_csv_opens_in_excel(seed: Path, tmp_path: Path) -> None:
    out = tmp_path / "seed.csv"
    result = invoke(["convert", str(seed), "-o", str(out)])
    assert result.exit_code == 0, result.output
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 15
    assert rows[10]["support"] == "区发改委、区住建局、区财政局、生态环境新城分局、各街道办事处"
    assert list(rows[0])[:5] == ["seq", "section", "category", "no", "measure"]


def test_convert_a_folder_writes_one_output_per_file(seed: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(seed.read_bytes())
    (folder / "notes.md").write_text("not an attachment")
    result = invoke(["convert", str(folder), "-o", f"{tmp_path / 'out'}/"])
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == [
        "a.txt.json",
        "all.csv",
        "all.jsonl",
        "all.warnings.csv",
        "all.xlsx",
        "errors.json",
    ]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("missing.txt", None, "文件不存在"),
        ("empty.txt", b"", "文件为空"),
        ("list.rtf", b"{\\rtf1}", "不支持的文件类型 '.rtf'"),
        ("garbage.txt", bytes(range(256)), "不是 UTF-8、UTF-16 或 GB18030/GBK 文本"),
        ("contacts.txt", "\t姓名\n\t电话\n\n\t张三\n\t123\n".encode(), "没有任务清单的表头"),
    ],
)
def test_bad_input_is_one_line_with_exit_code_2(
    tmp_path: Path, name: str, content: bytes | None, reason: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = invoke(["convert", str(path)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"qingdan: 错误: {path}: ")
    assert reason in result.stderr
    assert "Traceback" not in result.stderr


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    result = invoke(["--debug", "convert", str(tmp_path / "missing.txt")])
    assert result.exit_code == 2
    assert "Traceback" in result.stderr


def test_unknown_output_suffix_is_refused(seed: Path, tmp_path: Path) -> None:
    result = invoke(["convert", str(seed), "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 2
    assert "无法写成 '.pdf'（可用：.json、.csv、.xlsx、.jsonl）" in result.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_schema_prints_the_json_schema() -> None:
    result = invoke(["schema"])
    schema = json.loads(result.stdout)
    assert set(schema["properties"]) == {"document", "records", "warnings"}
    assert "measure" in schema["$defs"]["Record"]["properties"]


def test_extract_prints_the_raw_grid(seed: Path) -> None:
    tables = json.loads(invoke(["extract", str(seed)]).stdout)["tables"]
    assert tables[0]["rows"][0] == ["重点工作", "工作措施", "牵头部门", "配合部门", "完成时限"]
    assert tables[0]["rows"][1][2] == "生态环境\n新城分局"


def test_every_command_has_help() -> None:
    assert {"convert", "extract", "schema"} <= set(COMMANDS)
    for name, command in COMMANDS.items():
        assert command.summary, f"command {name!r} has no help"
        result = invoke([name, "--help"])
        assert result.exit_code == 0
        assert command.summary in " ".join(result.stdout.split())


def test_python_dash_m_runs_the_cli(seed: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "qingdan", "convert", str(seed)],
        capture_output=True,
        check=True,
    )
    assert len(json.loads(done.stdout)["records"]) == 15


RUN_AND_REPORT = """\
import atexit, gc, sys
atexit.register(lambda: print("collector", gc.isenabled(), gc.get_freeze_count() > 0))
sys.argv = ["qingdan", *sys.argv[1:]]
from qingdan.cli import run
run()
"""


@pytest.mark.parametrize(("arguments", "code"), [([], 0), (["--password"], 2)])
def test_the_command_exits_with_mains_code_and_its_objects_frozen(
    seed: Path, arguments: list[str], code: int
) -> None:
    """``run`` (the installed command) ends as ``main`` does, output and exit code
    alike, with the collector off and the run's objects frozen for the shutdown."""
    done = subprocess.run(
        [sys.executable, "-c", RUN_AND_REPORT, "convert", str(seed), *arguments],
        capture_output=True,
        text=True,
    )
    assert done.returncode == code, done.stderr
    *output, last = done.stdout.splitlines()
    assert last == "collector False True"
    if code == 0:
        assert len(json.loads("\n".join(output))["records"]) == 15


def test_main_in_process_keeps_the_collector(seed: Path) -> None:
    assert invoke(["convert", str(seed)]).exit_code == 0
    assert gc.isenabled()


def test_the_installed_command_is_run() -> None:
    from importlib.metadata import entry_points

    (script,) = entry_points(group="console_scripts", name="qingdan")
    assert script.value == "qingdan.cli:run"
