"""Converting many attachments in worker processes, each on its own.

One bad file never stops the others: each conversion's error becomes a one-line
reason in its ``FileResult``. Workers ignore Ctrl-C (the main process decides what
to keep, see ``qingdan.batch``).
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from qingdan.extract import ReadOptions
from qingdan.extract.errors import QingdanError

if TYPE_CHECKING:
    from concurrent.futures import Future

    from qingdan.normalize import Knowledge
    from qingdan.schema import Document


class Settings(NamedTuple):
    """Everything one conversion needs besides its file (sent to every worker)."""

    knowledge: Knowledge | None = None
    options: ReadOptions = ReadOptions()
    strict: bool = False
    """Fail documents whose column roles are in doubt (``pipeline.STRICT_CODES``)."""


class FileResult(NamedTuple):
    """What became of one input: its document, or the one-line reason it failed."""

    path: Path
    document: Document | None
    reason: str | None = None
    error: str | None = None
    """The kind of failure (the error class name, e.g. ``EmptyFile``)."""
    seconds: float = 0.0
    resumed: bool = False
    """Kept from an earlier run (``--resume``): its output was not rewritten."""

    @property
    def ok(self) -> bool:
        """Whether the input was converted."""
        return self.document is not None


def convert_one(path: Path, settings: Settings | None = None) -> FileResult:
    """Convert one attachment; any failure becomes the result's one-line reason."""
    from qingdan.pipeline import convert

    settings = settings or Settings()
    start = time.perf_counter()
    try:
        document = convert(path, settings.knowledge, settings.options, strict=settings.strict)
    except QingdanError as error:
        return failed(path, error.reason, type(error).__name__, start)
    except OSError as error:
        return failed(path, str(error.strerror or error), type(error).__name__, start)
    except Exception as error:  # a bug in one file must not stop the batch
        kind = type(error).__name__
        reason = f"internal error ({kind}: {error}); rerun this file alone with --debug"
        return failed(path, reason, kind, start)
    return FileResult(path, document, seconds=time.perf_counter() - start)


def failed(path: Path, reason: str, kind: str, start: float | None = None) -> FileResult:
    """A failed result (``start``: when the work began, for its time)."""
    seconds = time.perf_counter() - start if start is not None else 0.0
    return FileResult(path, None, " ".join(reason.split()), kind, seconds)


def default_jobs() -> int:
    """The number of worker processes when none is asked for: the machine's cores."""
    return os.cpu_count() or 1


def _ignore_interrupts() -> None:
    # Ctrl-C reaches every process of the terminal's group; only the main process
    # acts on it, so a worker is never killed half-way through writing a result.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def convert_many(
    files: Sequence[Path],
    settings: Settings,
    jobs: int,
    on_result: Callable[[FileResult], None] = lambda _: None,
) -> None:
    """Convert ``files`` with ``jobs`` worker processes, calling ``on_result`` in this
    process as each finishes (in the order they finish).

    With ``jobs`` 1 (or a single file) everything runs in this process. Ctrl-C
    (``KeyboardInterrupt``) stops the workers and propagates; the files already
    passed to ``on_result`` are done.
    """
    if jobs <= 1 or len(files) <= 1:
        for path in files:
            on_result(convert_one(path, settings))
        return
    # multiprocessing costs ~8 ms to import: only a run with workers pays it.
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    pool = ProcessPoolExecutor(max_workers=min(jobs, len(files)), initializer=_ignore_interrupts)
    try:
        futures: dict[Future[FileResult], Path] = {
            pool.submit(convert_one, path, settings): path for path in files
        }
        for future in as_completed(futures):
            try:
                result = future.result()
            except BrokenProcessPool:
                # The worker was killed (out of memory, a signal): that file failed.
                result = failed(futures[future], "the worker process died", "BrokenProcessPool")
            on_result(result)
    except BaseException:
        # Ctrl-C or a fatal error: start nothing more and stop the running workers.
        for process in list(getattr(pool, "_processes", {}).values()):
            process.terminate()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
