"""What a person sees while a batch runs and after: progress, then a summary table.

On a terminal a rich progress bar; elsewhere (a log, a pipe, CI) one plain line per
file. At the end a table of totals, then one line per failed or skipped input
with its reason. Everything goes to stderr, so stdout stays clean for data.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from qingdan.batch import BatchSummary, FileResult, Skipped
from qingdan.cli_logging import terminal_safe
from qingdan.inputs import is_document
from qingdan.writers.reason_text import reason_text
from qingdan.writers.text_width import cut_to_width


class BatchProgress:
    """Progress of a batch: a bar on a terminal, plain lines otherwise (a context manager)."""

    def __init__(
        self,
        total: int,
        stream: TextIO | None = None,
        terminal: bool | None = None,
        enabled: bool = True,
    ) -> None:
        """``terminal`` forces the bar (True) or plain lines (False); default: detect.
        ``enabled`` False (``-q``) shows nothing."""
        self.total = total
        self.done = 0
        self.started = time.perf_counter()
        self.enabled = enabled
        self.stream = stream or sys.stderr
        self.console = Console(file=self.stream, force_terminal=terminal)
        self.progress: Progress | None = None
        if enabled and self.console.is_terminal:
            self.progress = Progress(
                TextColumn("转换中"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TimeRemainingColumn(),
                TextColumn("{task.description}"),
                console=self.console,
                # No refresh thread: worker processes are forked while the bar is up,
                # and forking a process that runs threads can deadlock.
                auto_refresh=False,
            )
            self.task = self.progress.add_task("", total=total)

    def __enter__(self) -> BatchProgress:
        if self.progress is not None:
            self.progress.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self.progress is not None:
            self.progress.stop()

    def advance(self, result: FileResult) -> None:
        """Show that one more file is done."""
        self.done += 1
        if self.progress is not None:
            self.progress.update(self.task, advance=1, description=_short(result.path.name))
            self.progress.refresh()
            return
        if not self.enabled:
            return
        left = eta(self.done, self.total, time.perf_counter() - self.started)
        line = f"[{self.done}/{self.total}] {terminal_safe(result_line(result))}"
        print(line + (f"（约剩 {left}）" if left else ""), file=self.stream, flush=True)


ETA_FROM = 20
"""Plain progress lines name the time left only in a batch of this many files or more
(a few files end before an estimate means anything)."""


def eta(done: int, total: int, seconds: float) -> str | None:
    """The time left at the pace so far, as ``H:MM:SS``; None in a small batch or at the end."""
    if total < ETA_FROM or not 0 < done < total:
        return None
    left = int(seconds / done * (total - done) + 0.5)
    return f"{left // 3600}:{left // 60 % 60:02}:{left % 60:02}"


def _short(name: str, limit: int = 24) -> str:
    """A file name cut to fit beside the bar (long Chinese names would squeeze it out)."""
    return cut_to_width(terminal_safe(name), limit)


def result_line(result: FileResult) -> str:
    """One line about one file: its record count, or its failure reason (in Chinese,
    ``reason_text``)."""
    if result.document is not None:
        kept = "（内容未变，沿用上次结果，--resume）" if result.resumed else ""
        return f"{result.path}: {len(result.document.records)} 条记录{kept}"
    return f"{result.path}: 失败: {_reason(result.error, result.reason)}"


def _reason(kind: str | None, reason: str | None) -> str:
    return reason_text(kind, reason or "")


SUMMARY_COLUMNS = ("文件", "已转换", "记录", "警告", "失败", "跳过")
NOT_DONE_COLUMN, TIME_COLUMN = "未完成", "用时"


def print_summary(
    summary: BatchSummary,
    results: Sequence[FileResult],
    skipped: Sequence[Skipped],
    stream: TextIO | None = None,
    ignored: Sequence[Path] = (),
) -> None:
    """The totals table, then one line per failed or skipped input with its reason,
    and one line counting the non-attachment files ignored in folders."""
    console = Console(file=stream or sys.stderr, highlight=False)
    table = Table(title="qingdan 转换结果")
    columns = list(SUMMARY_COLUMNS)
    values = [summary.files, summary.converted, summary.records, summary.warnings]
    values += [summary.failures, summary.skipped]
    if summary.not_done:
        columns.append(NOT_DONE_COLUMN)
        values.append(summary.not_done)
    for column in [*columns, TIME_COLUMN]:
        table.add_column(column, justify="right")
    table.add_row(*map(str, values), f"{summary.seconds:.1f}s")
    console.print(table)
    for result in results:
        if not result.ok:
            line = terminal_safe(f"失败: {result.path}: {_reason(result.error, result.reason)}")
            console.print(line, markup=False, soft_wrap=True)
    for skip in skipped:
        if _named_alone(skip):
            line = terminal_safe(f"跳过: {skip.path}: {_reason('Skipped', skip.reason)}")
            console.print(line, markup=False, soft_wrap=True)
    others = [skip.path for skip in skipped if not _named_alone(skip)]
    if others or ignored:
        line = terminal_safe(f"文件夹中已忽略: {folder_skips_line([*others, *ignored])}")
        console.print(line, markup=False)


def _named_alone(skip: Skipped) -> bool:
    """Whether a skipped input gets a line of its own: it was named on the command
    line, or it is a document in a folder (a .xls beside the .docx files)."""
    return not skip.in_folder or is_document(skip.path)


def folder_skips_line(paths: Sequence[Path]) -> str:
    """Non-document files found in folders, counted by type, on one line.

    A folder of attachments often holds other files (notes, expected outputs, specs,
    scripts); they are not inputs that failed, and naming each would bury the
    failures, so they are counted here.
    """
    kinds = Counter(path.suffix.lower() or "（无扩展名）" for path in paths)
    parts = [f"{kind} ×{count}" if count > 1 else kind for kind, count in sorted(kinds.items())]
    return f"{len(paths)} 个不能读取的文件（{'、'.join(parts)}）"
