"""Converting many attachments in worker processes, each on its own.

One bad file never stops the others: each conversion's error becomes a one-line
reason in its ``FileResult``. Workers ignore Ctrl-C (the main process decides what
to keep, see ``qingdan.batch``).

Guards (issue 33): each file gets ``Limits.file_seconds`` of wall time (an alarm in
the process converting it), and a worker process ``Limits.worker_memory_mb`` of
address space beyond what it had at start; a file past either fails with its reason.
A worker that dies all the same (killed, a crash in a library) breaks the pool. The
file it was converting fails as "the worker process died"; the other files not
finished are given to a new pool, none of them charged for the death. Each conversion
leaves a mark in a folder of the run while it runs, which a worker that unwinds (the
pool stopping it) removes and a killed one cannot: that says which file died.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from qingdan.extract import ReadOptions
from qingdan.extract.errors import QingdanError
from qingdan.extract.limits import ENVIRONMENT_PREFIX, limits_of
from qingdan.parent_death import die_with_parent

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor
    from multiprocessing.context import BaseContext

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


class FileTimeout(BaseException):
    """A file took more than its wall time (a ``BaseException``: no reader's ``except
    Exception`` may take it for a damaged file)."""


@contextmanager
def time_guard(seconds: float) -> Iterator[None]:
    """Raise ``FileTimeout`` in the block after ``seconds`` of wall time (main thread of
    a process with ``SIGALRM`` only; elsewhere the block runs unguarded)."""
    if (
        seconds <= 0
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def expire(_number: int, _frame: object) -> None:
        raise FileTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def convert_one(path: Path, settings: Settings | None = None) -> FileResult:
    """Convert one attachment; any failure becomes the result's one-line reason.

    The file gets ``Limits.file_seconds`` of wall time; past it, or out of memory, it
    fails with the limit named."""
    from qingdan.pipeline import convert

    settings = settings or Settings()
    limits = limits_of(settings.options.limits)
    start = time.perf_counter()
    try:
        with time_guard(limits.file_seconds):
            document = convert(path, settings.knowledge, settings.options, strict=settings.strict)
    except FileTimeout:
        reason = (
            f"took more than {limits.file_seconds} s (raise the limit with "
            f"{ENVIRONMENT_PREFIX}FILE_SECONDS=N)"
        )
        return failed(path, reason, "FileTimeout", start)
    except MemoryError:
        reason = (
            f"needed more memory than a worker may take ({limits.worker_memory_mb} MiB; raise "
            f"the limit with {ENVIRONMENT_PREFIX}WORKER_MEMORY_MB=N)"
        )
        return failed(path, reason, "MemoryError", start)
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
    """The number of worker processes when none is asked for: the cores this process
    may run on, less those the last minute's load average says are busy (at least 1).

    On a shared machine more workers than idle cores are slower than fewer (issue 29:
    ``-j 2`` on a busy 2-core machine lost to ``-j 1`` in 3 of 4 runs)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not Linux
        cores = os.cpu_count() or 1
    try:
        busy = os.getloadavg()[0]
    except (AttributeError, OSError):
        busy = 0.0
    return max(1, min(cores, int(cores - busy + 0.5)))


def _start_worker(memory_mb: int, batch: int) -> None:
    # A batch killed with SIGKILL cannot stop its workers: they end with it.
    die_with_parent(batch)
    # Ctrl-C reaches every process of the terminal's group; only the main process
    # acts on it, so a worker is never killed half-way through writing a result.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Stopped by the main process (Ctrl-C there, or a fatal error): unwind, so that a
    # LibreOffice it started is killed and its temporary folder removed.
    signal.signal(signal.SIGTERM, _stop)
    limit_memory(memory_mb)


class WorkerStopped(SystemExit):
    """The main process stopped this worker (SIGTERM): unwind, then end."""


def _stop(_number: int, _frame: object) -> None:
    # Once: when one stopped worker ends, the pool takes itself for broken and stops the
    # others again, and a second stop in the middle of unwinding left a LibreOffice's
    # temporary folder behind.
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise WorkerStopped(1)


def limit_memory(memory_mb: int) -> None:
    """Cap this process's address space at what it has now plus ``memory_mb`` MiB: an
    allocation past it raises ``MemoryError`` here instead of starving the machine."""
    try:
        import resource

        with open("/proc/self/statm", encoding="ascii") as statm:
            now = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        wanted = now + memory_mb * 1024 * 1024
        if hard != resource.RLIM_INFINITY:
            wanted = min(wanted, hard)
        if soft == resource.RLIM_INFINITY or wanted < soft:
            resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
    except (ImportError, OSError, ValueError):
        pass  # no /proc or no resource module (not Linux): the worker runs unguarded


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
    import tempfile

    # multiprocessing costs ~8 ms to import: only a run with workers pays it.
    todo, stalls = list(files), 0
    with tempfile.TemporaryDirectory(prefix="qingdan-running-") as running:
        while todo and stalls < 2:
            again = _run_pool(todo, settings, jobs, on_result, Path(running))
            # A pool that broke with nothing done and no file to blame (its workers die
            # as they start): twice, and the files left fail rather than loop.
            stalls = stalls + 1 if again == todo else 0
            todo = again
    for path in todo:
        on_result(
            failed(path, "the worker processes died before converting it", "BrokenProcessPool")
        )


def _mark(running: Path, path: Path) -> Path:
    """The mark the conversion of ``path`` leaves in ``running`` while it runs."""
    import hashlib

    return running / hashlib.sha256(os.fsencode(path)).hexdigest()[:32]


DIED = "the worker process died while converting it (killed, or a crash in a library)"
"""The reason of a file whose conversion ended with its worker."""


def _died_with(running: Path, path: Path) -> bool:
    """Whether ``path`` was being converted in the worker that died (its mark is left)."""
    mark = _mark(running, path)
    if not mark.exists():
        return False
    mark.unlink()
    return True


def convert_marked(path: Path, settings: Settings, mark: Path) -> FileResult:
    """``convert_one`` leaving ``mark`` while it runs (in a worker: a killed worker
    leaves it behind, which says which file it was converting)."""
    mark.touch()
    try:
        return convert_one(path, settings)
    except WorkerStopped:
        # Unwound (a LibreOffice it started killed, its temporary folder removed). The
        # pool's worker loop would take the stop for this task's result and start the
        # next task, a LibreOffice nothing would stop: the worker ends here.
        mark.unlink(missing_ok=True)
        os._exit(1)
    finally:
        mark.unlink(missing_ok=True)


def _submit(
    pool: ProcessPoolExecutor, files: list[Path], settings: Settings, running: Path
) -> dict[Future[FileResult], Path]:
    """Send ``files`` to ``pool`` in order, until it breaks (a worker died as it started)."""
    from concurrent.futures.process import BrokenProcessPool

    futures: dict[Future[FileResult], Path] = {}
    for path in files:
        try:
            futures[pool.submit(convert_marked, path, settings, _mark(running, path))] = path
        except BrokenProcessPool:
            break
    return futures


def _forking() -> BaseContext | None:
    """Forked workers on Linux (the default there up to Python 3.13, named so that a
    forkserver default cannot come between): a worker's parent is then the batch, which
    is what ``die_with_parent`` checks. Elsewhere the platform's default."""
    import multiprocessing

    return multiprocessing.get_context("fork") if sys.platform.startswith("linux") else None


def _run_pool(
    files: list[Path],
    settings: Settings,
    jobs: int,
    on_result: Callable[[FileResult], None],
    running: Path,
) -> list[Path]:
    """Convert ``files`` in one pool; the files to try again in a new pool when it broke
    (a worker died): all that were not done but the one in the dead worker."""
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    memory = limits_of(settings.options.limits).worker_memory_mb
    pool = ProcessPoolExecutor(
        max_workers=min(jobs, len(files)),
        mp_context=_forking(),
        initializer=_start_worker,
        initargs=(memory, os.getpid()),
    )
    broken: list[Path] = []
    try:
        futures = _submit(pool, files, settings, running)
        broken += files[len(futures) :]  # not sent: the pool broke first
        for future in as_completed(futures):
            try:
                on_result(future.result())
            except BrokenProcessPool:
                broken.append(futures[future])
        # The futures fail before the pool has stopped its other workers: only once
        # they have unwound (removing their marks) does a mark name the dead one's file.
        pool.shutdown(wait=True)
    except BaseException:
        # Ctrl-C or a fatal error: start nothing more and stop the running workers.
        for process in list(getattr(pool, "_processes", {}).values()):
            process.terminate()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    again: list[Path] = []
    for path in broken:
        if _died_with(running, path):
            on_result(failed(path, DIED, "BrokenProcessPool"))
        else:
            again.append(path)
    return sorted(again, key=files.index)
