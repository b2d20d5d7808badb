"""Conversions in worker processes, so a hostile file fails its upload, not the server.

Each upload is converted in a process of a small pool (spawned, not forked: the server
runs threads), capped at the CLI's memory limit (``Limits.worker_memory_mb``) and given
the CLI's wall time per file (``qingdan.workers.convert_one``). A worker that dies
breaks the pool: its uploads are tried once more in a new pool, and fail with a
one-line reason when the new pool breaks too.

Workers end with the server, even one killed with SIGKILL: each asks the kernel for a
signal when its parent ends (``qingdan.parent_death``). The kernel sends it when the
*thread* that started the worker ends, and a pool starts workers in the thread that
submits to it: so every upload is sent to the pool from one launcher thread, which lives
as long as the converter, never from the request threads, which end after a request.
"""

from __future__ import annotations

import os
import queue
import signal
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from pathlib import Path
from typing import NamedTuple

from qingdan.extract.limits import limits_of
from qingdan.parent_death import die_with_parent
from qingdan.serve.conversion import Outcome, convert_upload
from qingdan.serve.storage import Storage
from qingdan.workers import limit_memory

DIED = "转换进程意外退出（文件可能已损坏或构造异常）"


def _start_worker(memory_mb: int, server: int) -> None:
    die_with_parent(server)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    limit_memory(memory_mb)


class _Job(NamedTuple):
    """An upload to convert, with the lessons saved when it was queued."""

    upload: int
    path: Path
    tries: int
    aliases: dict[str, str]
    overrides: dict[str, dict[str, str]]


class Converter:
    """Converts uploads in worker processes and stores each outcome as it finishes."""

    def __init__(
        self, storage: Storage, jobs: int = 1, work: Callable[..., Outcome] = convert_upload
    ) -> None:
        self.storage = storage
        self.work = work
        """What a worker runs for an upload (``convert_upload``; a test swaps it)."""
        self.jobs = max(1, jobs)
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()
        self._done: dict[int, threading.Event] = {}
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._launcher: threading.Thread | None = None

    def _executor(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                memory = limits_of(None).worker_memory_mb
                self._pool = ProcessPoolExecutor(
                    max_workers=self.jobs,
                    mp_context=get_context("spawn"),
                    initializer=_start_worker,
                    initargs=(memory, os.getpid()),
                )
            return self._pool

    def submit(self, upload: int, path: Path, tries: int = 2) -> None:
        """Convert an upload in the background (with the aliases and overrides saved now)."""
        self._done.setdefault(upload, threading.Event())
        job = _Job(upload, path, tries, self.storage.aliases(), self.storage.overrides())
        with self._lock:
            if self._launcher is None:
                self._launcher = threading.Thread(
                    target=self._launch, name="qingdan-serve-launcher", daemon=True
                )
                self._launcher.start()
        self._jobs.put(job)

    def _launch(self) -> None:
        """The launcher thread: send each job to the pool, until ``close``."""
        while (job := self._jobs.get()) is not None:
            try:
                self._send(job)
            except Exception as error:  # the pool is shut down: the upload fails, not the loop
                self._store(job.upload, Outcome(None, [], f"内部错误（{type(error).__name__}）"))

    def _send(self, job: _Job) -> None:
        arguments = (job.path, job.aliases, job.overrides)
        try:
            future = self._executor().submit(self.work, *arguments)
        except BrokenProcessPool:
            self._reset()
            future = self._executor().submit(self.work, *arguments)
        future.add_done_callback(lambda done: self._finish(job, done))

    def _reset(self) -> None:
        with self._lock:
            broken, self._pool = self._pool, None
        if broken is not None:
            broken.shutdown(wait=False, cancel_futures=True)

    def _finish(self, job: _Job, future: Future[Outcome]) -> None:
        try:
            outcome = future.result()
        except BrokenProcessPool:
            self._reset()
            if job.tries > 1:
                self._jobs.put(job._replace(tries=job.tries - 1))
                return
            outcome = Outcome(None, [], DIED)
        except Exception as error:  # the upload fails, the server goes on
            outcome = Outcome(None, [], f"内部错误（{type(error).__name__}: {error}）")
        self._store(job.upload, outcome)

    def _store(self, upload: int, outcome: Outcome) -> None:
        try:
            if outcome.document is None:
                self.storage.fail(upload, outcome.reason or DIED)
            else:
                self.storage.finish(upload, outcome.document, outcome.notes)
        finally:
            self._done[upload].set()

    def wait(self, upload: int, timeout: float | None = None) -> bool:
        """Wait until an upload's conversion is stored; whether it was in time."""
        event = self._done.get(upload)
        return True if event is None else event.wait(timeout)

    def close(self) -> None:
        """Stop the launcher thread and the worker processes."""
        with self._lock:
            launcher, self._launcher = self._launcher, None
        if launcher is not None:
            self._jobs.put(None)
            launcher.join()
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
