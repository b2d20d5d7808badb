"""Measure one tool on one file in this process: ``python -m benchmarks.worker TOOL PATH RUNS``.

Run in a fresh process per (tool, file) so that peak memory (the process's maximum
resident set size) belongs to that tool alone. Prints one JSON object: the wall time
of each run in seconds, the peak RSS in bytes, and the rows of the last run.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.tools import TOOLS


def measure(tool_name: str, path: Path, runs: int) -> dict[str, Any]:
    """Run a tool ``runs`` times on ``path``; its times, peak memory and last rows."""
    tool = TOOLS[tool_name]
    seconds: list[float] = []
    result: Any = None
    for _ in range(runs):
        result = None  # let the previous run's output go before the next run
        start = time.perf_counter()
        result = tool.run(path)
        seconds.append(time.perf_counter() - start)
    rows = tool.rows(result)
    peak_kib = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    )
    return {"seconds": seconds, "peak_rss_bytes": peak_kib * 1024, "rows": rows}


def main(argv: list[str]) -> None:
    """Entry point: print the measurement of ``TOOL PATH RUNS`` as JSON on stdout."""
    tool_name, path, runs = argv
    json.dump(measure(tool_name, Path(path), int(runs)), sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1:])
