"""Run one tool on one input in a fresh worker process and score what it returned."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from dataclasses import asdict, dataclass, field
from typing import Any

from benchmarks.corpus import ROOT, Input
from benchmarks.recovery import count_recovered

WORKER_TIMEOUT_SECONDS = 900


@dataclass
class Measurement:
    """One tool on one input: times, peak memory and records recovered (JSON-ready)."""

    input: str
    format: str
    group: str
    """``samples`` or ``scale``."""
    tool: str
    pages: int | None
    expected: int
    """Golden records in the input."""
    runs: int
    seconds: list[float] = field(default_factory=list)
    peak_rss_bytes: int | None = None
    recovered: int | None = None
    rows: int | None = None
    """Rows the tool returned."""
    error: str | None = None

    @property
    def median_seconds(self) -> float | None:
        """Median wall time of one run, or None when the tool failed."""
        return statistics.median(self.seconds) if self.seconds else None

    @property
    def seconds_per_unit(self) -> float | None:
        """Median time per page for a PDF, per file otherwise."""
        median = self.median_seconds
        if median is None:
            return None
        return median / self.pages if self.pages else median

    def to_json(self) -> dict[str, Any]:
        """The measurement as a JSON object, with the derived times included."""
        data = asdict(self)
        data["median_seconds"] = self.median_seconds
        data["seconds_per_unit"] = self.seconds_per_unit
        return data


def measure(tool: str, item: Input, runs: int, group: str) -> Measurement:
    """Time ``tool`` on ``item`` ``runs`` times in a fresh process and count its recoveries.

    A tool that fails (raises, or runs past the timeout) gives a measurement whose
    ``error`` says why, so one failure does not stop the run.
    """
    result = Measurement(item.name, item.format, group, tool, item.pages, len(item.records), runs)
    command = [sys.executable, "-m", "benchmarks.worker", tool, str(item.path), str(runs)]
    try:
        finished = subprocess.run(
            command,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=WORKER_TIMEOUT_SECONDS,
        )
    except subprocess.TimeoutExpired:
        result.error = f"timed out after {WORKER_TIMEOUT_SECONDS} s"
        return result
    if finished.returncode != 0:
        lines = finished.stderr.strip().splitlines() or ["no message"]
        result.error = lines[-1][:200]
        return result
    output = json.loads(finished.stdout)
    result.seconds = output["seconds"]
    result.peak_rss_bytes = output["peak_rss_bytes"]
    result.rows = len(output["rows"])
    result.recovered = count_recovered(item.records, output["rows"])
    return result
