"""Planning and running ``qingdan convert``: which inputs, which output, and a batch
that keeps its work.

``plan_convert`` turns the command line's inputs and ``-o``/``--db`` into a
``ConvertPlan`` (one input to stdout or a file; several into one combined file, a
folder, or a database), refusing impossible requests before anything is written.
``run_batch`` converts a plan's inputs in worker processes and delivers each result
as soon as it is done: its own output file (folder mode) and its database rows (each
document in its own transaction). The combined files and ``errors.json`` come at the
end; on Ctrl-C or a fatal error they are still written from what finished, with the
rest listed as not done, and the interruption propagates. ``--resume`` reuses an
input's existing JSON output when it was made from the same content (sha256).
"""

from __future__ import annotations

import hashlib
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Protocol

from qingdan.extract.errors import QingdanError
from qingdan.folder_output import (
    folder_files,
    plan_outputs,
    refuse_inputs_as_outputs,
    write_combined,
    write_folder_end,
    write_output,
)
from qingdan.inputs import STDIN, Inputs, Skipped, collect_inputs, sniff_suffix
from qingdan.workers import FileResult, Settings, convert_many, convert_one, default_jobs, failed
from qingdan.writers import OutputFormat, format_for, render
from qingdan.writers.atomic import atomic_write, remove_stale_temporaries
from qingdan.writers.warning_table import FileStatus

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from qingdan.schema import Document

__all__ = [
    "BatchOutcome",
    "BatchSummary",
    "ConvertPlan",
    "FileResult",
    "Inputs",
    "OutputMode",
    "Settings",
    "Skipped",
    "UsageError",
    "collect_inputs",
    "convert_many",
    "convert_one",
    "default_jobs",
    "plan_convert",
    "run_batch",
    "run_single",
    "summarize",
]

NOT_DONE = "not done"
NOT_DONE_REASON = "the batch stopped before this file was converted"


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


@dataclass(frozen=True)
class ConvertPlan:
    """What a ``qingdan convert`` run will read and write."""

    mode: OutputMode
    inputs: Inputs
    fmt: OutputFormat
    output: Path | None = None
    """The output file (``FILE``, ``COMBINED``) or folder (``FOLDER``)."""
    outputs: dict[Path, Path] = field(default_factory=dict)
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
    named = [*found.files, *(skip.path for skip in found.skipped)]
    if not named:
        raise UsageError(None, "no attachments found in " + ", ".join(map(str, specs)))
    if STDIN in found.files and (len(named) > 1 or folder is not None):
        raise UsageError(
            None, "'-' (standard input) is one input: to stdout or -o FILE, with no other inputs"
        )
    if resume and (folder is None or (fmt or OutputFormat.JSON) is not OutputFormat.JSON):
        raise UsageError(None, "--resume reads the JSON outputs in a folder: use -o DIR/")
    one = len(named) == 1 and not any(spec.is_dir() for spec in specs)
    if folder is not None:
        chosen = fmt or OutputFormat.JSON
        plan = plan_outputs(found.files, folder, chosen)
        refuse_inputs_as_outputs(folder_files(folder, plan), named)
        return ConvertPlan(OutputMode.FOLDER, found, chosen, folder, plan, db, resume)
    if output is not None:
        target = Path(output)
        chosen = fmt or format_for(target)
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


@dataclass(frozen=True)
class BatchSummary:
    """The totals shown at the end of a batch."""

    files: int
    converted: int
    records: int
    warnings: int
    failures: int
    skipped: int
    seconds: float
    not_done: int = 0


@dataclass
class BatchOutcome:
    """Everything a batch did, in input order."""

    results: list[FileResult]
    """Each input that was converted, reused (``--resume``) or failed."""
    skipped: list[Skipped]
    not_done: list[Path]
    """Inputs the batch never reached (Ctrl-C or a fatal error)."""
    ignored: list[Path]
    summary: BatchSummary

    @property
    def documents(self) -> list[Document]:
        """The converted documents, in input order."""
        return [r.document for r in self.results if r.document is not None]


def summarize(
    results: Sequence[FileResult],
    skipped: Sequence[Skipped],
    seconds: float,
    not_done: int = 0,
) -> BatchSummary:
    """The totals of a batch for the summary table."""
    converted = [r.document for r in results if r.document is not None]
    return BatchSummary(
        files=len(results) + len(skipped) + not_done,
        converted=len(converted),
        records=sum(len(d.records) for d in converted),
        warnings=sum(len(d.warnings) for d in converted),
        failures=sum(1 for r in results if not r.ok),
        skipped=len(skipped),
        seconds=seconds,
        not_done=not_done,
    )


def file_statuses(
    results: Sequence[FileResult], skipped: Sequence[Skipped], not_done: Sequence[Path]
) -> list[FileStatus]:
    """Every input with its status, for ``errors.json`` and the XLSX 文件 sheet."""
    statuses = []
    for r in results:
        if r.document is not None:
            records, warnings = len(r.document.records), len(r.document.warnings)
            statuses.append(FileStatus(str(r.path), "converted", records, warnings))
        else:
            statuses.append(
                FileStatus(str(r.path), "failed", reason=r.reason or "", error=r.error or "")
            )
    statuses += [
        FileStatus(str(s.path), "skipped", reason=s.reason, error="Skipped") for s in skipped
    ]
    statuses += [
        FileStatus(str(p), NOT_DONE, reason=NOT_DONE_REASON, error="NotDone") for p in not_done
    ]
    return statuses


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _resumed(path: Path, output: Path) -> FileResult | None:
    """The result kept from an earlier run: ``output`` exists and was made from the
    same content as ``path`` now has."""
    from pydantic import ValidationError

    from qingdan.schema import Document

    try:
        document = Document.model_validate_json(output.read_bytes())
        if document.document.sha256 == _sha256(path):
            return FileResult(path, document, resumed=True)
    except (OSError, ValidationError, ValueError):
        return None
    return None


class _Delivery:
    """Delivers each finished result: its folder output and its database rows."""

    def __init__(self, plan: ConvertPlan, engine: Engine | None) -> None:
        self.plan, self.engine = plan, engine

    def __call__(self, result: FileResult) -> FileResult:
        document = result.document
        if document is None:
            return result
        if self.plan.mode is OutputMode.FOLDER and not result.resumed:
            output = self.plan.outputs[result.path]
            try:
                write_output(document, output, self.plan.fmt)
            except OSError as error:
                # One output the file system refuses fails alone (issue 17).
                return failed(
                    result.path,
                    f"cannot write {output}: {error.strerror or error}",
                    type(error).__name__,
                )
        if self.engine is not None:
            from qingdan.sinks.database import load_document

            try:
                load_document(self.engine, result.path, document)
            except QingdanError as error:
                return failed(result.path, error.reason, type(error).__name__)
        return result


@contextmanager
def _interrupts_deferred() -> Iterator[None]:
    """Hold a Ctrl-C that arrives inside the block until the block has finished."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda number, _frame: received.append(number))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if received:
            raise KeyboardInterrupt


def open_engine(plan: ConvertPlan) -> Engine | None:
    """The database ``--db`` names (SQLAlchemy is imported only then), or ``None``."""
    if plan.db is None:
        return None
    from qingdan.sinks.database import open_database

    return open_database(plan.db)


def run_batch(
    plan: ConvertPlan,
    settings: Settings,
    jobs: int,
    on_result: Callable[[FileResult], None] = lambda _: None,
    engine: Engine | None = None,
) -> BatchOutcome:
    """Convert every input of a several-input plan, keeping each result as it is done.

    ``on_result`` is called in this process as each input finishes (for progress).
    On Ctrl-C or a fatal error, the combined outputs are written from what finished
    (the rest listed as not done) and the exception propagates.
    """
    start = time.perf_counter()
    if plan.mode is OutputMode.FOLDER and plan.output is not None:
        remove_stale_temporaries(plan.output)
    deliver = _Delivery(plan, engine)
    done: dict[Path, FileResult] = {}

    def finish(result: FileResult) -> None:
        with _interrupts_deferred():
            # Written and recorded as one step: a Ctrl-C between the two would list a
            # file whose output exists as not done.
            result = deliver(result)
            done[result.path] = result
        on_result(result)

    todo = []
    for path in plan.inputs.files:
        kept = _resumed(path, plan.outputs[path]) if plan.resume else None
        if kept is None:
            todo.append(path)
        else:
            finish(kept)
    try:
        convert_many(todo, settings, jobs, finish)
    finally:
        outcome = _outcome(plan, done, time.perf_counter() - start)
        _write_end(plan, outcome)
    return outcome


def _outcome(plan: ConvertPlan, done: dict[Path, FileResult], seconds: float) -> BatchOutcome:
    results = [done[p] for p in plan.inputs.files if p in done]
    not_done = [p for p in plan.inputs.files if p not in done]
    summary = summarize(results, plan.inputs.skipped, seconds, len(not_done))
    return BatchOutcome(results, plan.inputs.skipped, not_done, plan.inputs.ignored, summary)


def _write_end(plan: ConvertPlan, outcome: BatchOutcome) -> None:
    """The combined outputs of a batch, from whatever finished."""
    files = file_statuses(outcome.results, outcome.skipped, outcome.not_done)
    if plan.mode is OutputMode.FOLDER and plan.output is not None:
        write_folder_end(plan.output, outcome.documents, files)
    elif plan.mode is OutputMode.COMBINED and plan.output is not None:
        write_combined(plan.output, plan.fmt, outcome.documents, files)


@dataclass(frozen=True)
class SingleOutcome:
    """What converting one input did."""

    path: Path
    file: str
    """The document's file name (``stdin.pdf`` for standard input)."""
    records: int
    warnings: Sequence[Warned]
    stdout: bytes | None = None
    """The rendered document, when it goes to standard output."""
    added: bool | None = None
    """With ``--db``: whether the content was new (``False``: already stored)."""


class Warned(Protocol):
    """A warning of a ``Document`` or of the normalizer's ``TaskList``."""

    @property
    def code(self) -> str:
        """The warning's code."""
        ...

    @property
    def message(self) -> str:
        """The warning's one-line message."""
        ...


def run_single(
    plan: ConvertPlan,
    settings: Settings,
    engine: Engine | None = None,
    stdin: BinaryIO | None = None,
    input_format: str | None = None,
) -> SingleOutcome:
    """Convert a one-input plan; its failure raises (a ``QingdanError``: exit 2).

    The input ``-`` is read from ``stdin``; ``input_format`` (``pdf``, ``docx``,
    ``txt`` ...) names its format, else it is sniffed from its first bytes. JSON
    without ``--db`` is written from the normalizer's task list through
    ``schema.plain``, without importing pydantic (the same bytes, issue 16).
    """
    from qingdan.pipeline import read_task_list, read_task_list_bytes

    path = (plan.inputs.files or [s.path for s in plan.inputs.skipped])[0]
    if path == STDIN:
        given = stdin.read() if stdin is not None else b""
        suffix = f".{input_format.lower().lstrip('.')}" if input_format else sniff_suffix(given)
        task_list = read_task_list_bytes(
            given, f"stdin{suffix}", settings.knowledge, settings.options, strict=settings.strict
        )
    else:
        task_list = read_task_list(
            path, settings.knowledge, settings.options, strict=settings.strict
        )
    if plan.fmt is OutputFormat.JSON and engine is None:
        from qingdan.schema.plain import data_json, document_data, write_data_json

        data = document_data(task_list)
        outcome = SingleOutcome(path, task_list.file, len(task_list.records), task_list.warnings)
        if plan.mode is OutputMode.FILE and plan.output is not None:
            atomic_write(plan.output, lambda stream: write_data_json(data, stream))
            return outcome
        return replace(outcome, stdout=data_json(data))
    from qingdan.schema import from_task_list

    document = from_task_list(task_list)
    outcome = SingleOutcome(path, task_list.file, len(document.records), document.warnings)
    if engine is not None:
        from qingdan.sinks.database import load_document

        outcome = replace(outcome, added=load_document(engine, path, document).added)
    if plan.mode is OutputMode.FILE and plan.output is not None:
        write_output(document, plan.output, plan.fmt)
        return outcome
    wants_stdout = engine is None or plan.fmt_given
    return replace(outcome, stdout=render(document, plan.fmt) if wants_stdout else None)
