"""Shell completion (``qingdan.completion``): the scripts, the answers ``qingdan`` gives a
script that asks, and installing a script where its shell loads it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from qingdan.completion import SCRIPTS
from tests.cli_runner import Result, invoke


def _ask(monkeypatch: pytest.MonkeyPatch, shell: str, **env: str) -> Result:
    """What ``qingdan`` answers a completion script of ``shell`` passing ``env``."""
    monkeypatch.setenv("_QINGDAN_COMPLETE", f"complete_{shell}")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return invoke([])


def _bash(monkeypatch: pytest.MonkeyPatch, *words: str) -> list[str]:
    """Candidates for the last of ``words`` (the word being typed, maybe empty)."""
    result = _ask(
        monkeypatch, "bash", COMP_WORDS=" ".join(["qingdan", *words]), COMP_CWORD=str(len(words))
    )
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish", "powershell"])
def test_every_shell_has_a_script_that_calls_qingdan_back(shell: str) -> None:
    result = invoke(["--show-completion", shell])
    assert result.exit_code == 0
    assert "_QINGDAN_COMPLETE=complete_" in result.stdout or (
        '_QINGDAN_COMPLETE = "complete_powershell"' in result.stdout
    )
    assert result.stdout == SCRIPTS[shell].strip() + "\n"


def test_the_current_shell_is_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHELL", "/usr/bin/zsh")
    assert invoke(["--show-completion"]).stdout.startswith("#compdef qingdan")
    monkeypatch.setenv("SHELL", "/bin/tcsh")
    result = invoke(["--show-completion"])
    assert result.exit_code == 2
    assert result.stderr == (
        "qingdan: 错误: 命令补全：不支持 'tcsh'（可用：bash、zsh、fish、powershell、pwsh）\n"
    )


def test_bash_completes_commands_options_and_choices(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _bash(monkeypatch, "") == [
        "convert",
        "departments",
        "extract",
        "diff",
        "schema",
        "serve",
    ]
    assert _bash(monkeypatch, "d") == ["departments", "diff"]
    assert _bash(monkeypatch, "--ver") == ["--verbose", "--version"]
    assert _bash(monkeypatch, "convert", "--f") == ["--format"]
    assert "--debug" in _bash(monkeypatch, "convert", "x.pdf", "--")
    assert _bash(monkeypatch, "convert", "-f", "") == ["json", "csv", "xlsx", "jsonl"]
    assert _bash(monkeypatch, "-q", "extract", "--pdf-engine", "pdfp") == ["pdfplumber"]
    assert _bash(monkeypatch, "convert", "") == []  # a file name: the shell completes it
    assert _bash(monkeypatch, "convert", "-o", "") == []


def test_zsh_fish_and_scripts_installed_by_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    zsh = _ask(monkeypatch, "zsh", _QINGDAN_COMPLETE_ARGS="qingdan di")
    assert zsh.stdout == "_arguments '*: :((\"diff\"))'\n"
    monkeypatch.delenv("_QINGDAN_COMPLETE_ARGS")
    legacy = _ask(monkeypatch, "zsh", _TYPER_COMPLETE_ARGS="qingdan convert ")
    assert legacy.stdout == "_files\n"
    fish = _ask(monkeypatch, "fish", _TYPER_COMPLETE_ARGS="qingdan sch")
    assert fish.stdout == "schema\n"
    asked = _ask(monkeypatch, "fish", _TYPER_COMPLETE_FISH_ACTION="is-args")
    assert (asked.exit_code, asked.stdout) == (0, "")
    monkeypatch.setenv("_TYPER_COMPLETE_ARGS", "qingdan convert ")
    assert _ask(monkeypatch, "fish").exit_code == 1  # files: fish completes them itself


def test_installing_for_bash_writes_the_script_and_sources_it_once(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / ".bashrc").write_text("alias ll='ls -l'\n", encoding="utf-8")
    for _ in range(2):
        result = invoke(["--install-completion", "bash"])
        assert result.exit_code == 0, result.output
    script = tmp_path / ".bash_completions" / "qingdan.sh"
    assert script.read_text("utf-8") == SCRIPTS["bash"].strip() + "\n"
    assert f"bash 补全已安装到 {script}" in result.stdout
    assert (tmp_path / ".bashrc").read_text("utf-8") == f"alias ll='ls -l'\nsource '{script}'\n"


def test_installing_for_zsh_and_fish(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("SHELL", "/bin/zsh")
    assert invoke(["--install-completion"]).exit_code == 0
    assert (tmp_path / ".zfunc" / "_qingdan").read_text("utf-8").startswith("#compdef")
    assert "compinit" in (tmp_path / ".zshrc").read_text("utf-8")
    assert invoke(["--install-completion", "fish"]).exit_code == 0
    fish = tmp_path / ".config" / "fish" / "completions" / "qingdan.fish"
    assert fish.read_text("utf-8").startswith("complete --command qingdan")


def test_bash_itself_completes_through_the_script() -> None:
    program = Path(sys.executable).parent / "qingdan"
    bash = shutil.which("bash")
    if bash is None or not program.exists():
        pytest.skip("needs bash and the installed qingdan command")
    probe = (
        f"source <({program} --show-completion bash)\n"
        f"COMP_WORDS=(qingdan convert --pdf-engine ''); COMP_CWORD=3\n"
        f"_qingdan_completion {program}\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    done = subprocess.run([bash, "--norc", "-c", probe], capture_output=True, text=True)
    assert done.stdout.split() == ["pdfium", "pdfplumber"], done.stderr
