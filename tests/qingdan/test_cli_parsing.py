"""How the command line reads its words (``qingdan.cli_parsing``, argparse): usage errors
are one line and exit 2, options go anywhere, ``--`` ends the options, and the help
is there when no command is given."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import qingdan
from qingdan.cli import COMMANDS
from qingdan.cli_parsing import EXIT_USAGE, split_command
from tests.cli_runner import invoke
from tests.qingdan.chinese import english


def _one_usage_line(args: list[str], *expected: str) -> str:
    """Run ``args``; assert a usage error: exit 2, one stderr line, nothing on stdout."""
    result = invoke(args)
    assert result.exit_code == EXIT_USAGE == 2, result.output
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("qingdan: 错误: ")
    assert "Traceback" not in result.stderr
    for part in expected:
        assert part in result.stderr
    return result.stderr


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["convert", "x.txt", "--bogus"], ["无法识别的参数：--bogus"]),
        (["convert"], ["缺少参数：INPUT"]),
        (["convert", "x.txt", "--format", "docx"], ["'docx'", "json、csv、xlsx、jsonl"]),
        (["convert", "x.txt", "-f", "pdf"], ["-f/--format", "的值 'pdf' 无效"]),
        (["convert", "x.txt", "-j", "0"], ["-j/--jobs", "至少为 1，不能是 0"]),
        (["convert", "x.txt", "--jobs", "two"], ["'two' 不是整数"]),
        (["convert", "x.txt", "--pdf-engine", "mupdf"], ["pdfium、pdfplumber"]),
        (["convert", "x.txt", "-o"], ["-o/--output 需要一个值"]),
        (["diff", "a.txt"], ["缺少参数：NEW"]),
        (["diff", "a.txt", "b.txt", "--threshold", "-0.1"], ["须在 0 到 1 之间"]),
        (["extract", "a.txt", "b.txt"], ["无法识别的参数：b.txt"]),
        (["schema", "extra"], ["无法识别的参数：extra"]),
        (["nosuch"], ["没有命令 'nosuch'", "convert、departments"]),
        (["--bogus", "convert", "x.txt"], ["无法识别的参数：--bogus"]),
    ],
)
def test_a_usage_error_is_one_line_with_exit_2(args: list[str], expected: list[str]) -> None:
    line = _one_usage_line(args, *expected)
    command = args[0] if args[0] in COMMANDS else None
    assert line.rstrip().endswith(f"（见 `qingdan{f' {command}' if command else ''} -h`）")
    assert english(line) == []


def test_an_abbreviated_option_is_not_guessed(seed: Path, tmp_path: Path) -> None:
    _one_usage_line(["convert", str(seed), "--out", str(tmp_path / "x.json")], "--out")
    assert not (tmp_path / "x.json").exists()


def test_no_command_prints_the_help_as_a_usage_error() -> None:
    result = invoke([])
    assert result.exit_code == 2
    assert result.stdout.startswith("用法: qingdan [选项] 命令 [参数]...")
    for name, command in COMMANDS.items():
        assert f"  {name}  " in result.stdout
        assert command.summary.split()[0] in result.stdout
    assert invoke(["-q"]).exit_code == 2  # global options alone are not a command


def test_version_wherever_it_comes_before_the_command() -> None:
    expected = f"qingdan {qingdan.__version__}\n"
    for args in (["--version"], ["-q", "--version"], ["--version", "convert", "x.txt"]):
        result = invoke(args)
        assert (result.exit_code, result.stdout, result.stderr) == (0, expected, "")


def test_global_options_after_the_command(seed: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    loud = invoke(["convert", str(seed), "-o", str(out)])
    assert loud.exit_code == 0 and f"-> {out}" in loud.stderr
    for flag in ("-q", "--quiet"):
        quiet = invoke(["convert", str(seed), "-o", str(out), flag])
        assert (quiet.exit_code, quiet.stderr) == (0, "")
    missing = str(tmp_path / "missing.txt")
    plain = invoke(["convert", missing])
    assert "Traceback" not in plain.stderr
    traced = invoke(["convert", missing, "--debug"])
    assert traced.exit_code == 2 and "Traceback" in traced.stderr


def test_options_between_the_inputs(seed: Path, tmp_path: Path) -> None:
    first = shutil.copy(seed, tmp_path / "a.txt")
    second = shutil.copy(seed, tmp_path / "b.txt")
    merged = tmp_path / "merged.jsonl"
    result = invoke(["convert", str(first), "-o", str(merged), str(second), "-j", "1"])
    assert result.exit_code == 0, result.output
    files = {json.loads(line)["file"] for line in merged.read_text("utf-8").splitlines()}
    assert files == {"a.txt", "b.txt"}


def test_every_word_after_a_double_dash_is_an_input(seed: Path, tmp_path: Path) -> None:
    dashed = Path(shutil.copy(seed, tmp_path / "-list.txt"))
    out = tmp_path / "out.csv"
    result = invoke(["convert", "-o", str(out), "-q", "--", str(dashed)])
    assert (result.exit_code, result.stderr) == (0, "")
    assert out.read_text("utf-8-sig").count("\n") == 16
    # a name that starts with "-" is an input only after "--"; -q there is not --quiet
    unquoted = invoke(["convert", "-list.txt"])
    assert unquoted.exit_code == 2 and "no such file" not in unquoted.stderr
    result = invoke(["convert", "--", "-q"])
    assert (result.exit_code, result.stderr) == (2, "qingdan: 错误: -q: 文件不存在\n")


def test_the_command_is_the_first_word_that_is_not_an_option() -> None:
    names = set(COMMANDS)
    assert split_command(["-q", "convert", "-o", "x"], names) == (["-q"], "convert", ["-o", "x"])
    assert split_command(["--show-completion", "zsh"], names) == (
        ["--show-completion", "zsh"], None, [],
    )  # fmt: skip
    assert split_command(["--show-completion", "diff", "a"], names) == (
        ["--show-completion"], "diff", ["a"],
    )  # fmt: skip
    assert split_command(["-v", "--", "convert"], names) == (["-v"], None, ["--", "convert"])


def test_a_usage_error_from_a_real_process() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "qingdan", "convert", "x.txt", "-j", "0"],
        capture_output=True,
        text=True,
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.splitlines() == [
        "qingdan: 错误: 参数 -j/--jobs 至少为 1，不能是 0（见 `qingdan convert -h`）"
    ]


def test_docs_cli_md_names_every_option_of_every_command() -> None:
    """docs/cli.md cannot drift from the parsers: every long option is documented."""
    from qingdan.cli import build_command_parser, build_parser

    text = (Path(__file__).resolve().parents[2] / "docs" / "cli.md").read_text("utf-8")
    parsers = [build_parser(), *(build_command_parser(name) for name in COMMANDS)]
    flags = {
        flag
        for parser in parsers
        for action in parser._actions
        for flag in action.option_strings
        if flag.startswith("--")
    }
    assert sorted(flag for flag in flags if f"`{flag}" not in text) == []
