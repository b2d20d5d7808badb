"""One cluster task's files converted in a child process of the Dask worker (issue 29).

A Dask worker runs its tasks in threads, where the per-file wall-time limit (an alarm,
``workers.time_guard``) cannot be set: only a process's main thread receives signals.
So a task hands its files to a child process (``python -m qingdan.cluster_task``,
the task pickled on its standard input, the results pickled on its standard output),
which converts them one by one in its main thread, each under the time limit, with the
worker memory limit on its address space, exactly as a ``-j N`` pool worker does. A
file past its time fails alone and the chunk goes on.

The worker thread waits for the child no longer than every file's limit plus
``MARGIN_SECONDS`` (a child stuck where no alarm reaches, in a library's C code): then
it kills the child; one file alone fails as past its time, and a chunk raises
``ChildFailed`` so that the cluster sends its files again one by one, as it does for a
chunk whose worker died.

The price is a process start per task: about 0.25 s of CPU (the interpreter and the
imports), measured against 0.18 s for 16 small text files converted in one process.
Small files go 16 to a task (``cluster.CHUNK_FILES``), and a scan's pages take seconds
each, so on an archive it is a small share; a batch of many tiny files is faster on
``-j N``.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from qingdan.extract.limits import ENVIRONMENT_PREFIX, limits_of
from qingdan.parent_death import die_with_parent
from qingdan.workers import FileResult, Settings, convert_one, failed, limit_memory

MARGIN_SECONDS = 30.0
"""What the child may take beyond its files' limits (its start-up, the imports)."""


class ChildFailed(RuntimeError):
    """The child converting a chunk died, or ran past every file's limit."""


def convert_in_child(chunk: Sequence[Path], settings: Settings) -> list[FileResult]:
    """Convert ``chunk`` in a child process, each file under the time and memory limits."""
    limits = limits_of(settings.options.limits)
    budget = limits.file_seconds * len(chunk) + MARGIN_SECONDS if limits.file_seconds > 0 else None
    child = subprocess.Popen(
        [sys.executable, "-m", "qingdan.cluster_task", str(os.getpid())],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    try:
        output, _ = child.communicate(pickle.dumps((list(chunk), settings)), timeout=budget)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        if len(chunk) > 1:
            raise ChildFailed(f"{len(chunk)} files ran past their time") from None
        reason = (
            f"took more than {limits.file_seconds} s (raise the limit with "
            f"{ENVIRONMENT_PREFIX}FILE_SECONDS=N)"
        )
        return [failed(chunk[0], reason, "FileTimeout")]
    except BaseException:
        child.kill()
        child.wait()
        raise
    if child.returncode != 0:
        raise ChildFailed(f"the conversion process ended with {child.returncode}")
    results: list[FileResult] = pickle.loads(output)
    return results


def main() -> None:
    """In the child: read the task, convert each file in this main thread, write the results."""
    # A Dask worker killed with SIGKILL cannot stop this child: it ends with the worker.
    die_with_parent(int(sys.argv[1]))
    results_out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # what a library prints goes to the log, never into the results
    chunk, settings = pickle.load(sys.stdin.buffer)
    limit_memory(limits_of(settings.options.limits).worker_memory_mb)
    results = [convert_one(path, settings) for path in chunk]
    results_out.write(pickle.dumps(results))
    results_out.close()


if __name__ == "__main__":
    main()
