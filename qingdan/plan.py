"""What a ``qingdan convert`` run will read and write, decided before any work.

``plan_convert`` turns the command line's inputs and ``-o``/``--db`` into a
``ConvertPlan`` (one input to stdout or a file; several into one combined file, a
folder, or a database), refusing impossible requests before anything is written.
``qingdan.single`` runs a one-input plan, ``qingdan.batch`` the others; a single
conversion imports neither the batch machinery nor the folder writers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from qingdan.extract.errors import QingdanError
from qingdan.inputs import NO_MATCH, STDIN, Inputs, collect_inputs
from qingdan.writers import OutputFormat, UnknownOutputFormat, format_for

if TYPE_CHECKING:
    from sqlalchemy import Engine


class UsageError(QingdanError):
    """The command line asks for something impossible (exit 2 before any work)."""


class OutputMode(StrEnum):
    """Where ``qingdan convert`` puts its records."""

    STDOUT = "stdout"
    """One input, written to standard output."""
    FILE = "file"
    """One input, written to the file ``-o`` names."""
    COMBINED = "combined"
    """Several inputs, every record in the one file ``-o`` names."""
    FOLDER = "folder"
    """Several inputs (or a folder), one output each in the folder ``-o`` names."""
    DATABASE = "database"
    """Several inputs loaded with ``--db`` only."""


class ConvertPlan(NamedTuple):
    """What a ``qingdan convert`` run will read and write."""

    mode: OutputMode
    inputs: Inputs
    fmt: OutputFormat
    output: Path | None = None
    """The output file (``FILE``, ``COMBINED``) or folder (``FOLDER``)."""
    outputs: Mapping[Path, Path] = {}
    """``FOLDER``: each input's output file."""
    db: str | None = None
    resume: bool = False
    fmt_given: bool = False
    """``--format`` was given (with ``--db`` and no ``-o``, records still go to stdout)."""

    @property
    def single(self) -> bool:
        """One input, whose failure is the run's failure (exit 2)."""
        return self.mode in (OutputMode.STDOUT, OutputMode.FILE)


def _is_folder(output: str) -> bool:
    return output.endswith(("/", "\\")) or Path(output).is_dir()


def plan_convert(
    specs: Sequence[Path],
    output: str | None,
    fmt: OutputFormat | None = None,
    db: str | None = None,
    resume: bool = False,
) -> ConvertPlan:
    """The plan for inputs ``specs`` and ``-o output`` / ``--format`` / ``--db``.

    ``-o`` is a folder only when it ends in ``/`` or names an existing folder; any
    other ``-o`` is one file, whose suffix (or ``--format``) names its format. Raises
    ``UsageError`` (or ``OutputIsInput``) before anything is written.
    """
    folder = Path(output) if output is not None and _is_folder(output) else None
    found = collect_inputs(specs, exclude=folder)
    named = [*found.files, *(skip.path for skip in found.skipped if skip.reason != NO_MATCH)]
    if not named:
        # A pattern that matches nothing is no input (issue 32: it made an empty workbook).
        raise UsageError(None, "no attachments found in " + ", ".join(map(str, specs)))
    if STDIN in found.files and (len(named) > 1 or folder is not None):
        raise UsageError(
            None, "'-' (standard input) is one input: to stdout or -o FILE, with no other inputs"
        )
    if resume and (folder is None or (fmt or OutputFormat.JSON) is not OutputFormat.JSON):
        raise UsageError(None, "--resume reads the JSON outputs in a folder: use -o DIR/")
    one = len(named) == 1 and not any(spec.is_dir() for spec in specs)
    if folder is not None:
        from qingdan.folder_output import folder_files, plan_outputs

        chosen = fmt or OutputFormat.JSON
        plan = plan_outputs(found.files, folder, chosen)
        refuse_inputs_as_outputs(folder_files(folder, plan), named)
        return ConvertPlan(OutputMode.FOLDER, found, chosen, folder, plan, db, resume)
    if output is not None:
        target = Path(output)
        chosen = _file_format(target, fmt)
        refuse_inputs_as_outputs([target], named)
        mode = OutputMode.FILE if one else OutputMode.COMBINED
        return ConvertPlan(mode, found, chosen, target, db=db)
    if one:
        chosen = fmt or OutputFormat.JSON
        return ConvertPlan(OutputMode.STDOUT, found, chosen, db=db, fmt_given=fmt is not None)
    if db is None:
        raise UsageError(
            None,
            "several inputs need -o DIR/ (one output each), -o FILE.csv|.xlsx|.jsonl "
            "(one combined file) or --db",
        )
    return ConvertPlan(OutputMode.DATABASE, found, fmt or OutputFormat.JSON, db=db)


def _file_format(target: Path, fmt: OutputFormat | None) -> OutputFormat:
    """The format of the output file ``target``: ``--format`` where given, which must not
    contradict a suffix that names another format (issue 32: ``-o list.json -f csv``
    wrote CSV into a .json file)."""
    if fmt is None:
        return format_for(target)
    try:
        named = format_for(target)
    except UnknownOutputFormat:
        return fmt  # list.txt -f csv: the user's choice, the suffix says nothing
    if named is not fmt:
        raise UsageError(
            target,
            f"-f {fmt.value} contradicts the suffix {target.suffix!r}; name a .{fmt.value} file",
        )
    return fmt


BINARY_FORMATS = frozenset({OutputFormat.XLSX})
"""Formats whose bytes are not text: never written to a terminal."""


def refuse_binary_to_terminal(plan: ConvertPlan, stdout_is_terminal: bool) -> None:
    """Raise ``UsageError`` when a binary format would go to a terminal (issue 32:
    ``-f xlsx`` with no ``-o`` printed a zip archive on the screen)."""
    if plan.mode is OutputMode.STDOUT and plan.fmt in BINARY_FORMATS and stdout_is_terminal:
        raise UsageError(
            None,
            f"-f {plan.fmt.value} is binary and standard output is a terminal: "
            f"pass -o FILE.{plan.fmt.value} or redirect the output",
        )


class OutputIsInput(QingdanError):
    """An output file would overwrite one of the inputs."""


def refuse_inputs_as_outputs(outputs: Sequence[Path], inputs: Sequence[Path]) -> None:
    """Raise ``OutputIsInput`` when an output path is one of the inputs."""
    sources = {path.resolve() for path in inputs}
    for output in outputs:
        if output.resolve() in sources:
            raise OutputIsInput(output, "is also an input; choose another output path")


def open_engine(plan: ConvertPlan) -> Engine | None:
    """The database ``--db`` names (SQLAlchemy is imported only then), or ``None``."""
    if plan.db is None:
        return None
    from qingdan.sinks.database import open_database

    return open_database(plan.db)
