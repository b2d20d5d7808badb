"""Measure one tool on one file in this process: ``python -m benchmarks.worker TOOL PATH RUNS
WARMUP [PRIME]``.

Run in a fresh process per (tool, file) so that peak memory (the process's maximum
resident set size) belongs to that tool alone. Prints one JSON object: the wall time
and CPU time of each run in seconds, the peak RSS in bytes, and the rows of the last
run. With WARMUP 1 an untimed run comes first (fonts, CMaps and data files loaded once,
as in a long-running process); its memory still counts in the peak. With PRIME, another
file is converted once, untimed, before anything else: the process has done a first
conversion's one-time set-up, but the timed file's content is new to it.

Peak RSS is the kernel's high-water mark of this process's memory (``VmHWM``), not
``getrusage``'s ``ru_maxrss``: Linux carries ``ru_maxrss`` across ``exec``, so a
worker started by a parent holding 200 MB would report at least 200 MB.
"""

from __future__ import annotations

import importlib
import json
import resource
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.tools import TOOLS


def measure(
    tool_name: str, path: Path, runs: int, warmup: bool, prime: Path | None = None
) -> dict[str, Any]:
    """Run a tool ``runs`` times on ``path``; its wall and CPU times, peak memory, last rows."""
    tool = TOOLS[tool_name]
    for module in tool.modules(path):  # imports are start-up, not the work being timed
        importlib.import_module(module)
    if prime is not None:
        tool.run(prime)
    seconds: list[float] = []
    cpu_seconds: list[float] = []
    result: Any = tool.run(path) if warmup else None
    for _ in range(runs):
        result = None  # let the previous run's output go before the next run
        start, cpu_start = time.perf_counter(), time.process_time()
        result = tool.run(path)
        seconds.append(time.perf_counter() - start)
        cpu_seconds.append(time.process_time() - cpu_start)
    return {
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "peak_rss_bytes": peak_rss_bytes(),
        "rows": tool.rows(result),
    }


def peak_rss_bytes() -> int:
    """This process's peak resident memory so far, in bytes."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024  # reported in kB
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # not Linux


def main(argv: list[str]) -> None:
    """Entry point: print the measurement of ``TOOL PATH RUNS WARMUP`` as JSON on stdout."""
    tool_name, path, runs, warmup, *prime = argv
    result = measure(tool_name, Path(path), int(runs), warmup == "1", *map(Path, prime))
    json.dump(result, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1:])
