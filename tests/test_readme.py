"""The README's quick start works as written (issue 18): its ``qingdan`` commands on the
bundled samples run and write what they say, in both README.md and README.zh.md."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parent.parent
QINGDAN = Path(sys.executable).parent / "qingdan"


def _sample_commands(readme: Path) -> list[list[str]]:
    """The README's ``qingdan`` commands that work on the bundled samples."""
    text = readme.read_text(encoding="utf-8")
    commands = []
    for line in re.findall(r"^(?:\.venv/bin/)?qingdan [^#\n]*", text, flags=re.MULTILINE):
        words = shlex.split(line)
        if "--version" in words or any("samples/" in w for w in words):
            commands.append(words[1:])
    return commands


@pytest.mark.parametrize("readme", ["README.md", "README.zh.md"])
def test_the_quick_start_commands_run(readme: str, tmp_path: Path) -> None:
    commands = _sample_commands(ROOT / readme)
    assert any("convert" in c for c in commands) and any("--version" in c for c in commands)
    for words in commands:
        args = [str(ROOT / w) if w.startswith("samples/") else w for w in words]
        done = subprocess.run([str(QINGDAN), *args], cwd=tmp_path, capture_output=True, text=True)
        assert done.returncode == 0, (words, done.stderr)
    sheet = load_workbook(tmp_path / "清单.xlsx")["任务清单"]
    header = [c.value for c in sheet[1]]
    assert {"重点工作", "工作措施", "完成时限", "到期日"} <= set(header)
    assert sheet.max_row == 16


def test_both_readmes_name_the_installed_command() -> None:
    for readme in ("README.md", "README.zh.md"):
        text = (ROOT / readme).read_text(encoding="utf-8")
        assert ".venv/bin/qingdan" in text and "source .venv/bin/activate" in text
        assert "make demo" in text and "make test" in text
