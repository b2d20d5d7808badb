"""Shell completion for the command line: the scripts a shell sources, and the answers
``qingdan`` gives when such a script asks it what may come next.

A completion script calls ``qingdan`` again with ``_QINGDAN_COMPLETE`` set
(``complete_bash``, ``complete_zsh``, ``complete_fish``, ``complete_powershell``)
and the words typed so far in the environment; ``qingdan`` then prints the candidates
instead of running a command. The protocol is the one of the scripts that earlier
versions (built on typer) installed, so a completion installed then keeps working.
Candidates come from the argparse parsers themselves: command names, each command's
options and an option's choices; where nothing fits, the shell completes file names.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
from collections.abc import Callable, Mapping
from pathlib import Path

COMPLETE_VAR = "_QINGDAN_COMPLETE"
"""Set by a completion script: which shell asks (``complete_bash`` …)."""
LEGACY_PREFIX = "_TYPER_COMPLETE_"
"""Scripts installed by typer-based versions pass ``_QINGDAN_COMPLETE_ARGS`` and the
like under this prefix (``_TYPER_COMPLETE_ARGS``)."""

_BASH = """
_qingdan_completion() {
    local IFS=$'\\n'
    COMPREPLY=( $( env COMP_WORDS="${COMP_WORDS[*]}" \\
                   COMP_CWORD=$COMP_CWORD \\
                   _QINGDAN_COMPLETE=complete_bash $1 ) )
    return 0
}

complete -o default -F _qingdan_completion qingdan
"""

_ZSH = """
#compdef qingdan

_qingdan_completion() {
  eval $(env _QINGDAN_COMPLETE_ARGS="${words[1,$CURRENT]}" _QINGDAN_COMPLETE=complete_zsh qingdan)
}

compdef _qingdan_completion qingdan
"""

_FISH = (
    "complete --command qingdan --no-files"
    ' --arguments "(env _QINGDAN_COMPLETE=complete_fish _QINGDAN_COMPLETE_ARGS=(commandline -cp)'
    ' qingdan)"'
    ' --condition "env _QINGDAN_COMPLETE=complete_fish _QINGDAN_COMPLETE_FISH_ACTION=is-args'
    ' _QINGDAN_COMPLETE_ARGS=(commandline -cp) qingdan"'
)

_POWERSHELL = """
Register-ArgumentCompleter -Native -CommandName qingdan -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)
    $Env:_QINGDAN_COMPLETE = "complete_powershell"
    $Env:_QINGDAN_COMPLETE_ARGS = $commandAst.ToString()
    $Env:_QINGDAN_COMPLETE_WORD = $wordToComplete
    qingdan | ForEach-Object {
        [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
    }
    $Env:_QINGDAN_COMPLETE = ""
    $Env:_QINGDAN_COMPLETE_ARGS = ""
    $Env:_QINGDAN_COMPLETE_WORD = ""
}
"""

SCRIPTS: dict[str, str] = {
    "bash": _BASH,
    "zsh": _ZSH,
    "fish": _FISH,
    "powershell": _POWERSHELL,
    "pwsh": _POWERSHELL,
}
"""Shell -> the completion script it sources."""

SHELLS = tuple(SCRIPTS)


class CompletionError(Exception):
    """Completion cannot be shown or installed (an unknown shell, no profile)."""


def script_for(shell: str | None) -> str:
    """The completion script of ``shell`` (default: the user's login shell)."""
    name = shell or detect_shell()
    if name not in SCRIPTS:
        raise CompletionError(f"shell {name!r} is not supported (use {', '.join(SHELLS)})")
    return SCRIPTS[name].strip() + "\n"


def detect_shell() -> str:
    """The user's shell, from ``$SHELL`` (``bash`` when it is not set)."""
    return Path(os.environ.get("SHELL") or "bash").name.removesuffix(".exe")


def _append_once(path: Path, line: str) -> None:
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    if line not in text.splitlines():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{text.rstrip()}\n{line}\n".lstrip("\n"), encoding="utf-8")


def _install_bash(script: str) -> Path:
    target = Path.home() / ".bash_completions" / "qingdan.sh"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(script, encoding="utf-8")
    _append_once(Path.home() / ".bashrc", f"source '{target}'")
    return target


def _install_zsh(script: str) -> Path:
    target = Path.home() / ".zfunc" / "_qingdan"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(script, encoding="utf-8")
    _append_once(Path.home() / ".zshrc", "fpath+=~/.zfunc; autoload -Uz compinit; compinit")
    return target


def _install_fish(script: str) -> Path:
    target = Path.home() / ".config" / "fish" / "completions" / "qingdan.fish"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(script, encoding="utf-8")
    return target


def _install_powershell(script: str, shell: str) -> Path:
    import subprocess

    try:
        done = subprocess.run(
            [shell, "-NoProfile", "-Command", "echo", "$profile"],
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError) as error:
        raise CompletionError(f"cannot ask {shell} for its profile: {error}") from error
    target = Path(done.stdout.strip())
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("a", encoding="utf-8") as profile:
        profile.write(script)
    return target


_INSTALLERS: dict[str, Callable[[str], Path]] = {
    "bash": _install_bash,
    "zsh": _install_zsh,
    "fish": _install_fish,
    "powershell": lambda script: _install_powershell(script, "powershell"),
    "pwsh": lambda script: _install_powershell(script, "pwsh"),
}


def install(shell: str | None) -> tuple[str, Path]:
    """Install the completion of ``shell`` (default: the user's) where that shell
    loads it; the shell and the file written."""
    name = shell or detect_shell()
    script = script_for(name)
    return name, _INSTALLERS[name](script)


def _passed(env: Mapping[str, str], name: str) -> str:
    """``_QINGDAN_COMPLETE_<name>``, or its name in a script typer installed."""
    return env.get(f"{COMPLETE_VAR}_{name}", env.get(f"{LEGACY_PREFIX}{name}", ""))


def _split(line: str) -> list[str]:
    """Shell words of a half-typed line (an unclosed quote splits on blanks)."""
    try:
        return shlex.split(line)
    except ValueError:
        return line.split()


def typed_words(env: Mapping[str, str]) -> tuple[list[str], str]:
    """The words after the program name that a completion script passed, and the
    word being typed (possibly empty)."""
    if env[COMPLETE_VAR] == "complete_bash":
        words = _split(env.get("COMP_WORDS", ""))
        index = int(env.get("COMP_CWORD", len(words)))
        return words[1:index], words[index] if index < len(words) else ""
    line = _passed(env, "ARGS")
    words = _split(line)[1:]
    if env[COMPLETE_VAR] == "complete_powershell":
        typing = _passed(env, "WORD") or _passed(env, "WORD_TO_COMPLETE")
        return (words[:-1] if typing else words), typing
    if words and not line.endswith(" "):
        return words[:-1], words[-1]
    return words, ""


def _flags(parser: argparse.ArgumentParser) -> list[str]:
    return [flag for action in parser._actions for flag in action.option_strings]


def _takes_value(parser: argparse.ArgumentParser, flag: str) -> argparse.Action | None:
    for action in parser._actions:
        if flag in action.option_strings and action.nargs != 0:
            return action
    return None


def candidates(
    top: argparse.ArgumentParser,
    commands: Mapping[str, argparse.ArgumentParser],
    words: list[str],
    typing: str,
) -> list[str]:
    """What may come next: a command, an option, an option's choice; empty where a
    file name goes (the shell then completes files)."""
    command = next((word for word in words if word in commands), None)
    parser = top if command is None else commands[command]
    if words:
        action = _takes_value(parser, words[-1])
        if action is not None:
            return [str(c) for c in action.choices or () if str(c).startswith(typing)]
    if typing.startswith("-"):
        shown = _flags(parser) + ([] if command is None else _flags(top))
        return sorted({flag for flag in shown if flag.startswith(typing)})
    if command is None:
        return [name for name in commands if name.startswith(typing)]
    return []


def _zsh_answer(found: list[str]) -> str:
    if not found:
        return "_files"
    quoted = "\n".join('"' + re.sub(r'(["$`:])', r"\\\1", word) + '"' for word in found)
    return f"_arguments '*: :(({quoted}))'"


def answer(
    env: Mapping[str, str],
    top: argparse.ArgumentParser,
    commands: Mapping[str, argparse.ArgumentParser],
) -> tuple[str, int]:
    """What ``qingdan`` prints (and its exit code) when a completion script asks."""
    words, typing = typed_words(env)
    found = candidates(top, commands, words, typing)
    shell = env[COMPLETE_VAR].removeprefix("complete_")
    if shell == "zsh":
        return _zsh_answer(found) + "\n", 0
    if shell == "fish" and _passed(env, "FISH_ACTION") == "is-args":
        return "", 0 if found else 1
    if shell == "powershell" and f"{LEGACY_PREFIX}ARGS" in env:
        found = [f"{word}::: " for word in found]  # the old script splits value:::help
    return "".join(f"{word}\n" for word in found), 0
