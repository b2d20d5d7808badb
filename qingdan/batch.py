"""Running ``qingdan convert`` on several inputs: a batch that keeps its work.

The plan comes from ``qingdan.plan`` and a one-input plan runs in ``qingdan.single``
(both re-exported here). ``run_batch`` converts a plan's inputs in worker processes and
delivers each result as soon as it is done: its own output file (folder mode) and its
database rows (each document in its own transaction). The combined files and
``errors.json`` come at the end; on Ctrl-C or a fatal error they are still written from
what finished, with the rest listed as not done, and the interruption propagates.
``--resume`` reuses an input's existing JSON output when it was made from the same
content (sha256).
"""

from __future__ import annotations

import hashlib
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from qingdan.extract.errors import QingdanError
from qingdan.folder_output import EndNotWritten, write_combined, write_folder_end, write_output
from qingdan.inputs import Inputs, Skipped, collect_inputs
from qingdan.plan import ConvertPlan, OutputMode, UsageError, plan_convert
from qingdan.single import run_single
from qingdan.workers import FileResult, Settings, convert_many, convert_one, default_jobs, failed
from qingdan.writers.atomic import remove_stale_temporaries
from qingdan.writers.warning_table import FileStatus

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from qingdan.cluster import Cluster
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


def named_by_source(result: FileResult, source: str) -> FileResult:
    """The result's document naming its source (issue 32)."""
    if result.document is None:
        return result
    from qingdan.schema import with_source

    return result._replace(document=with_source(result.document, source))


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


class _CtrlC:
    """Ctrl-C during a batch: raised where it lands, as Python's own handler does, and
    remembered. A ``KeyboardInterrupt`` that lands inside a finalizer or a garbage
    collector's callback is printed as "Exception ignored in …" and swallowed, and the
    batch would go on to exit 0; remembered, it stops the batch at the next file."""

    def __init__(self) -> None:
        self.received = False

    def __call__(self, number: int, frame: object) -> None:
        self.received = True
        raise KeyboardInterrupt

    def check(self) -> None:
        """Raise the Ctrl-C received, if one was (and perhaps swallowed)."""
        if self.received:
            raise KeyboardInterrupt


@contextmanager
def _ctrl_c_remembered() -> Iterator[_CtrlC]:
    """Stand ``_CtrlC`` in for Python's Ctrl-C handler during the block. Only where Python's
    own handler is in place, in the main thread: an ignored SIGINT (``nohup``, a job
    started in the background) stays ignored."""
    ctrl_c = _CtrlC()
    if (
        threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGINT) is not signal.default_int_handler
    ):
        yield ctrl_c
        return
    signal.signal(signal.SIGINT, ctrl_c)
    try:
        yield ctrl_c
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)


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


def run_batch(
    plan: ConvertPlan,
    settings: Settings,
    jobs: int,
    on_result: Callable[[FileResult], None] = lambda _: None,
    engine: Engine | None = None,
    cluster: Cluster | None = None,
) -> BatchOutcome:
    """Convert every input of a several-input plan, keeping each result as it is done.

    ``on_result`` is called in this process as each input finishes (for progress).
    With a ``cluster`` (``qingdan.cluster``) the files are converted on its workers
    instead of ``jobs`` local processes; everything else is the same.
    On Ctrl-C or a fatal error, the combined outputs are written from what finished
    (the rest listed as not done) and the exception propagates.
    """
    with _ctrl_c_remembered() as ctrl_c:
        return _run(plan, settings, jobs, on_result, engine, cluster, ctrl_c)


def _run(
    plan: ConvertPlan,
    settings: Settings,
    jobs: int,
    on_result: Callable[[FileResult], None],
    engine: Engine | None,
    cluster: Cluster | None,
    ctrl_c: _CtrlC,
) -> BatchOutcome:
    start = time.perf_counter()
    if plan.mode is OutputMode.FOLDER and plan.output is not None:
        remove_stale_temporaries(plan.output)
    deliver = _Delivery(plan, engine)
    done: dict[Path, FileResult] = {}

    def finish(result: FileResult) -> None:
        result = named_by_source(result, plan.inputs.source_of(result.path))
        with _interrupts_deferred():
            # Written and recorded as one step: a Ctrl-C between the two would list a
            # file whose output exists as not done.
            result = deliver(result)
            done[result.path] = result
        on_result(result)
        ctrl_c.check()

    todo = []
    for path in plan.inputs.files:
        kept = _resumed(path, plan.outputs[path]) if plan.resume else None
        if kept is None:
            todo.append(path)
        else:
            finish(kept)
    try:
        if cluster is not None:
            cluster.convert_many(todo, settings, finish)
        else:
            convert_many(todo, settings, jobs, finish)
        ctrl_c.check()
    except KeyboardInterrupt:
        raise BatchInterrupted(_end(plan, done, start, stopping=True)) from None
    except BaseException:
        _end(plan, done, start, stopping=True)
        raise
    return _end(plan, done, start, stopping=False)


class BatchInterrupted(KeyboardInterrupt):
    """Ctrl-C stopped a batch; ``outcome`` is what it did (for the summary), its end
    files already written."""

    def __init__(self, outcome: BatchOutcome) -> None:
        super().__init__()
        self.outcome = outcome


def _end(
    plan: ConvertPlan, done: dict[Path, FileResult], start: float, stopping: bool
) -> BatchOutcome:
    """Write the end of a batch (``stopping``: it was interrupted) and say what it did."""
    outcome = _outcome(plan, done, time.perf_counter() - start)
    try:
        # A second Ctrl-C while the end is written waits for it: errors.json and the
        # combined files are the record of what the batch did (issue 33).
        with _interrupts_deferred():
            _write_end(plan, outcome, stopping)
    except KeyboardInterrupt:
        raise BatchInterrupted(outcome) from None
    return outcome


def _outcome(plan: ConvertPlan, done: dict[Path, FileResult], seconds: float) -> BatchOutcome:
    results = [done[p] for p in plan.inputs.files if p in done]
    not_done = [p for p in plan.inputs.files if p not in done]
    summary = summarize(results, plan.inputs.skipped, seconds, len(not_done))
    return BatchOutcome(results, plan.inputs.skipped, not_done, plan.inputs.ignored, summary)


def _write_end(plan: ConvertPlan, outcome: BatchOutcome, stopping: bool = False) -> None:
    """The combined outputs of a batch, from whatever finished.

    A file system that refuses them (full, read-only) is one ``QingdanError`` line; when
    the batch was already stopping (Ctrl-C) the error is not raised: the interruption is
    what the user sees, and what could be written is written."""
    files = file_statuses(outcome.results, outcome.skipped, outcome.not_done)
    try:
        if plan.mode is OutputMode.FOLDER and plan.output is not None:
            write_folder_end(plan.output, outcome.documents, files)
        elif plan.mode is OutputMode.COMBINED and plan.output is not None:
            write_combined(plan.output, plan.fmt, outcome.documents, files)
    except OSError as error:
        if not stopping:
            raise EndNotWritten(plan.output, f"cannot write: {error.strerror or error}") from error
    except QingdanError:
        if not stopping:
            raise
