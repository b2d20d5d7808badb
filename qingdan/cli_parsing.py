"""How the command line reads its words, on the standard library's argparse.

argparse (not typer or click) because it costs nothing at start-up: typer imports
pydantic and its own copy of click when it is imported, about 50 ms of the
~130 ms a whole ``qingdan convert list.pdf`` may take (issue 16). This module gives
argparse the habits the command line had: a usage error is one line and exit 2
(``qingdan: 错误: ...（见 `qingdan convert -h`）``), options and arguments in any
order (``a.txt -o x b.txt``), every word after ``--`` an argument, option values
checked (``-j`` at least 1, an enum's choices).

The help is in Chinese, as everything a person reads: the texts are ours, and so are
the section titles, since ``Parser`` makes its own groups (``参数``, ``选项``) and its
own ``-h``, and ``HelpFormatter`` its own ``用法:`` prefix. argparse's English strings
(``usage:``, ``options:``) could also be replaced through gettext, but argparse binds
``_`` when it is imported: a catalogue would have to be installed before that, for the
whole process. Lines are wrapped by their width on a terminal (``qingdan.cli_wrap``).
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Callable, Collection, Mapping, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any, NoReturn, TypeVar

from qingdan.cli_wrap import wrap

USAGE, ARGUMENTS, OPTIONS, COMMANDS = "用法: ", "参数", "选项", "命令"
SHAPES: dict[str | int | None, str] = {"+": "{}...", "*": "[{}...]", "?": "[{}]"}
"""How the usage line shows an argument by how many values it takes (argparse's
``nargs``): one or more, zero or more, zero or one; one by default."""
"""The help's section titles (argparse's are English)."""
EXIT_USAGE = 2
"""A usage error (unknown option, bad value, missing argument); click's code too."""

E = TypeVar("E", bound=StrEnum)


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """argparse's help under ``用法:``, with ``-o, --output PATH``, its lines wrapped by
    their width on a terminal and no word cut at its hyphen."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=30)

    def _split_lines(self, text: str, width: int) -> list[str]:
        # "column-roles" and "sqlite:///tasks.db" stay whole
        return wrap(text, width)

    def _format_action_invocation(self, action: argparse.Action) -> str:
        # "-o, --output PATH" rather than argparse's "-o PATH, --output PATH"
        if not action.option_strings or action.nargs == 0:
            return super()._format_action_invocation(action)
        value = self._format_args(action, self._get_default_metavar_for_optional(action))
        return f"{', '.join(action.option_strings)} {value}"

    def add_usage(
        self,
        usage: str | None,
        actions: Any,
        groups: Any,
        prefix: str | None = None,
    ) -> None:
        """The usage line, under ``用法:`` (argparse writes ``usage:``)."""
        super().add_usage(usage, actions, groups, USAGE if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """A command's parser: ``arguments`` and ``options`` groups, ``-h``/``--help``,
    no abbreviated options, and usage errors as one line with exit code 2."""

    def __init__(self, prog: str, description: str, **kwargs: Any) -> None:
        super().__init__(
            prog=prog,
            description=description,
            formatter_class=HelpFormatter,
            allow_abbrev=False,  # --out is not --output (click never guessed either)
            add_help=False,
            **kwargs,
        )
        self.arguments = self.add_argument_group(ARGUMENTS)
        self.options = self.add_argument_group(OPTIONS)
        self.options.add_argument("-h", "--help", action="help", help="显示此帮助并退出。")

    def error(self, message: str) -> NoReturn:
        """One line naming what is wrong (in Chinese, ``reason_text``) and where the help
        is; no usage block."""
        from qingdan.writers.reason_text import reason_text

        said = reason_text("UsageError", message)
        sys.stderr.write(f"qingdan: 错误: {said}（见 `{self.prog} -h`）\n")
        sys.stderr.flush()
        raise SystemExit(EXIT_USAGE)

    def positional_usage(self) -> str:
        """``PROG [选项] ARG...``: the usage line, without listing every option."""
        words = [
            SHAPES.get(action.nargs, "{}").format(action.metavar)
            for action in self._actions
            if not action.option_strings
        ]
        return " ".join([self.prog, f"[{OPTIONS}]", *words])


class VersionAction(argparse.Action):
    """``--version``: print ``qingdan VERSION`` and exit 0, before anything else."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_: Any) -> None:
        """Print the installed version (read only now: it costs a metadata lookup)."""
        import qingdan

        sys.stdout.write(f"qingdan {qingdan.__version__}\n")
        sys.stdout.flush()
        raise SystemExit(0)


def choice(enum: type[E]) -> Callable[[str], E]:
    """The argument type of an option whose values are an enum's (``--format``)."""

    def member(text: str) -> E:
        try:
            return enum(text)
        except ValueError:
            names = ", ".join(enum)
            raise argparse.ArgumentTypeError(
                f"invalid choice: {text!r} (choose from {names})"
            ) from None

    return member


def at_least_one(text: str) -> int:
    """A whole number of at least 1 (``-j``)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def fraction(text: str) -> float:
    """A number from 0 to 1 (``--threshold``)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, not {value:g}")
    return value


GLOBAL_FLAGS = frozenset({"--debug", "-q", "--quiet", "-v", "--verbose", "-vv"})
"""Options accepted anywhere on the command line (moved before the command)."""


def hoist_global_options(argv: Sequence[str]) -> list[str]:
    """``argv`` with ``--debug``, ``-q`` and ``-v`` moved to the front, so that they
    work anywhere on the line (``qingdan convert x --debug``); nothing after ``--`` moves."""
    args = list(argv)
    end = args.index("--") if "--" in args else len(args)
    flags = [a for a in args[:end] if a in GLOBAL_FLAGS]
    rest = [a for a in args[:end] if a not in GLOBAL_FLAGS]
    return [*flags, *rest, *args[end:]]


def command_list(summaries: Mapping[str, str]) -> str:
    """The ``命令:`` block of ``qingdan -h``: each name and its summary, wrapped to
    the terminal."""
    indent = max(map(len, summaries)) + 4
    width = max(shutil.get_terminal_size().columns - 2 - indent, 30)
    lines = []
    for name, summary in summaries.items():
        first, *rest = wrap(summary, width)
        lines.append(f"  {name:<{indent - 2}}{first}")
        lines += [" " * indent + line for line in rest]
    return f"{COMMANDS}:\n" + "\n".join(lines)


VALUED = frozenset({"--install-completion", "--show-completion"})
"""Global options that take a value (the shell name) when one follows."""


def split_command(
    args: list[str], commands: Collection[str]
) -> tuple[list[str], str | None, list[str]]:
    """The global options, the command's name (None: none given) and its arguments:
    the command is the first word that is not an option (nor a shell after
    ``--show-completion``)."""
    for index, word in enumerate(args):
        if word == "--":
            return args[:index], None, args[index:]
        shell = index > 0 and args[index - 1] in VALUED and word not in commands
        if not word.startswith("-") and not shell:
            return args[:index], word, args[index + 1 :]
    return args, None, []


def parse_command(parser: Parser, args: list[str]) -> argparse.Namespace:
    """A command's arguments, options anywhere between them (``a.txt -o x b.txt``) and
    every word after ``--`` an argument (``-- -list.txt``)."""
    if "--" not in args:
        return parser.parse_intermixed_args(args)
    cut = args.index("--")
    # parse_intermixed_args does not take "--": stand-ins that cannot be options.
    kept = {f"\0{index}": word for index, word in enumerate(args[cut + 1 :])}
    parsed = parser.parse_intermixed_args([*args[:cut], *kept])

    def restore(value: Any) -> Any:
        if isinstance(value, list):
            return [restore(item) for item in value]
        if isinstance(value, Path | str) and str(value) in kept:
            return type(value)(kept[str(value)])
        return value

    return argparse.Namespace(**{key: restore(v) for key, v in vars(parsed).items()})
