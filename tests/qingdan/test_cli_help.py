"""``--help`` is in Chinese (what a person reads is in Chinese): the section titles,
every option's and argument's help and every command's summary; the option names, the
values typed as they are and the placeholders (FILE, URL) stay as typed. Lines are
wrapped by their width on a terminal (a Chinese character takes two columns)."""

from __future__ import annotations

import re
import unicodedata

import pytest

from qingdan.cli import COMMANDS
from qingdan.cli_wrap import wrap
from tests.cli_runner import invoke
from tests.qingdan.chinese import english

INVOCATION = re.compile(r"^  (?:-\S+?,? )+\S*(?=  |$)|^  -\S+$")
"""An option's row as typed (``-f, --format {json,csv}``): option names and values."""


def _columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _help(args: list[str]) -> str:
    result = invoke(args)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("args", [["--help"], *([name, "--help"] for name in COMMANDS)])
def test_the_help_is_in_chinese(args: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    shown = _help(args)
    assert shown.startswith("用法: qingdan ")
    assert "\n选项:\n" in shown
    for english_title in ("usage:", "Usage:", "options:", "Options:", "positional arguments"):
        assert english_title not in shown
    usage, *rest = shown.splitlines()  # the command as typed: names and placeholders
    assert usage.startswith(f"用法: qingdan {' '.join(args[:-1])} [选项]".replace("  ", " "))
    prose = [INVOCATION.sub("", line) for line in rest]
    assert [line for line in prose if english(line)] == []
    assert max(map(_columns, shown.splitlines())) <= 80


def test_every_section_has_a_chinese_title(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    assert "\n命令:\n" in _help(["--help"])
    shown = _help(["convert", "--help"])
    assert "\n参数:\n" in shown
    assert "\n知识文件（各自合并到内置知识之上）:\n" in shown


def test_a_chinese_line_is_wrapped_by_its_width_and_never_inside_a_word() -> None:
    text = "输出文件（.json/.csv；多个输入合成一个文件），或 sqlite:///tasks.db 文件夹。"
    lines = wrap(text, 20)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(_columns(line) <= 20 for line in lines if "sqlite" not in line)
    assert any("sqlite:///tasks.db" in line.split() for line in lines)  # never cut
    assert not any(line.startswith(("，", "。", "）", "；")) for line in lines)
    assert not any(line.endswith("（") for line in lines)


@pytest.mark.parametrize(
    ("name", "shown"),
    [("serve", "[FOLDER...]"), ("convert", "INPUT..."), ("extract", "FILE"), ("diff", "OLD NEW")],
)
def test_the_usage_line_says_how_many_values_an_argument_takes(name: str, shown: str) -> None:
    # `serve` takes zero or more folders; its usage showed FOLDER, as if one were needed.
    usage = _help([name, "--help"]).splitlines()[0]
    assert usage == f"用法: qingdan {name} [选项] {shown}"


def test_serve_needs_no_folder() -> None:
    from qingdan.cli import build_command_parser

    assert build_command_parser("serve").parse_args([]).folders == []
