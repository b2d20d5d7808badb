"""Converting many attachments at once: find them, convert them in worker processes,
and account for every one (converted, failed with its reason, or skipped).

One bad file never stops the others: each conversion runs on its own and its error
becomes a one-line reason in its ``FileResult``.
"""

from __future__ import annotations

import glob
import os
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from qingdan.extract import READERS, ReadOptions
from qingdan.extract.errors import QingdanError
from qingdan.normalize import Knowledge
from qingdan.pipeline import convert
from qingdan.schema import Document

GLOB_CHARS = frozenset("*?[")
OFFICE_LOCK_PREFIX = "~$"
"""Word writes ``~$NAME.docx`` beside a document while it is open: not an attachment."""
LOCK_FILE_REASON = (
    "an Office lock file (Word keeps it while the document is open), not an attachment"
)


@dataclass(frozen=True)
class Skipped:
    """An input that was not converted on purpose, and why."""

    path: Path
    reason: str
    in_folder: bool = False
    """Found by walking a folder rather than named on the command line."""


@dataclass(frozen=True)
class Inputs:
    """What the command line named: the files to convert and the ones skipped."""

    files: list[Path]
    skipped: list[Skipped] = field(default_factory=list)


@dataclass(frozen=True)
class FileResult:
    """What became of one input: its document, or the one-line reason it failed."""

    path: Path
    document: Document | None
    reason: str | None = None
    error: str | None = None
    """The kind of failure (the error class name, e.g. ``EmptyFile``)."""
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """Whether the input was converted."""
        return self.document is not None


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


def _is_hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _inside(path: Path, folder: Path | None) -> bool:
    return folder is not None and path.resolve().is_relative_to(folder.resolve())


def _expand(spec: Path) -> list[Path] | None:
    """The paths a glob pattern matches, or ``None`` when ``spec`` is not a pattern."""
    if spec.exists() or not GLOB_CHARS & set(str(spec)):
        return None
    return [Path(p) for p in sorted(glob.glob(str(spec), recursive=True))]


def collect_inputs(specs: Iterable[Path], exclude: Path | None = None) -> Inputs:
    """The attachments named by files, folders (searched recursively) and glob patterns.

    Files with a suffix no reader handles, Office lock files (``~$...``) and patterns
    that match nothing are skipped with a reason; hidden files in folders and anything
    inside ``exclude`` (the output folder) are ignored. A path that does not exist is
    kept, so that it fails with "no such file".
    """
    files: list[Path] = []
    skipped: list[Skipped] = []
    seen: set[Path] = set()

    def add(path: Path, in_folder: bool = False) -> None:
        # realpath, unlike Path.resolve, does not raise on a symbolic link loop: the loop
        # is kept, and read_document names it.
        key = Path(os.path.realpath(path))
        if key in seen:
            return
        seen.add(key)
        if path.name.startswith(OFFICE_LOCK_PREFIX):
            skipped.append(Skipped(path, LOCK_FILE_REASON, in_folder))
        elif path.exists() and path.suffix.lower() not in READERS:
            known = ", ".join(sorted(READERS))
            reason = f"unsupported file type {path.suffix!r} (supported: {known})"
            skipped.append(Skipped(path, reason, in_folder))
        else:
            files.append(path)

    for spec in specs:
        matches = _expand(spec)
        if matches is not None and not matches:
            skipped.append(Skipped(spec, "no file matches this pattern"))
        for path in matches if matches is not None else [spec]:
            if path.is_dir():
                for found in sorted(p for p in path.rglob("*") if p.is_file()):
                    if not _is_hidden(found, path) and not _inside(found, exclude):
                        add(found, in_folder=True)
            else:
                add(path)
    return Inputs(files, skipped)


def convert_one(path: Path, knowledge: Knowledge, options: ReadOptions | None = None) -> FileResult:
    """Convert one attachment; any failure becomes the result's one-line reason.

    ``options`` go to the reader (the password of encrypted PDFs).
    """
    start = time.perf_counter()
    try:
        document = convert(path, knowledge, options)
    except QingdanError as error:
        return _failed(path, error.reason, type(error).__name__, start)
    except OSError as error:
        return _failed(path, str(error.strerror or error), type(error).__name__, start)
    except Exception as error:  # a bug in one file must not stop the batch
        kind = type(error).__name__
        reason = f"internal error ({kind}: {error}); rerun this file alone with --debug"
        return _failed(path, reason, kind, start)
    return FileResult(path, document, seconds=time.perf_counter() - start)


def _failed(path: Path, reason: str, kind: str, start: float) -> FileResult:
    return FileResult(path, None, reason, kind, time.perf_counter() - start)


def default_jobs() -> int:
    """The number of worker processes when none is asked for: the machine's cores."""
    return os.cpu_count() or 1


def convert_many(
    files: Sequence[Path],
    knowledge: Knowledge,
    jobs: int,
    on_result: Callable[[FileResult], None] = lambda _: None,
    options: ReadOptions | None = None,
) -> list[FileResult]:
    """Convert ``files`` with ``jobs`` worker processes; results in the order of ``files``.

    ``on_result`` is called in this process as each file finishes (for progress).
    With ``jobs`` 1 (or a single file) everything runs in this process.
    """
    if jobs <= 1 or len(files) <= 1:
        results = []
        for path in files:
            results.append(convert_one(path, knowledge, options))
            on_result(results[-1])
        return results
    done: dict[Path, FileResult] = {}
    with ProcessPoolExecutor(max_workers=min(jobs, len(files))) as pool:
        futures: dict[Future[FileResult], Path] = {
            pool.submit(convert_one, path, knowledge, options): path for path in files
        }
        try:
            for future in as_completed(futures):
                path = futures[future]
                try:
                    result = future.result()
                except BrokenProcessPool:
                    # The worker was killed (out of memory, a signal): that file failed.
                    result = FileResult(path, None, "the worker process died", "BrokenProcessPool")
                done[path] = result
                on_result(result)
        except KeyboardInterrupt:
            # Ctrl-C: do not start the files still waiting.
            pool.shutdown(wait=False, cancel_futures=True)
            raise
    return [done[path] for path in files]


def summarize(
    results: Sequence[FileResult], skipped: Sequence[Skipped], seconds: float
) -> BatchSummary:
    """The totals of a batch for the summary table."""
    converted = [r.document for r in results if r.document is not None]
    return BatchSummary(
        files=len(results) + len(skipped),
        converted=len(converted),
        records=sum(len(d.records) for d in converted),
        warnings=sum(len(d.warnings) for d in converted),
        failures=sum(1 for r in results if not r.ok),
        skipped=len(skipped),
        seconds=seconds,
    )
