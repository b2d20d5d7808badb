"""Run tools on one input in fresh worker processes, interleaved, and score their output.

On a shared machine the load changes from second to second; a ratio between two tools
holds only if both were timed under the same load. So the tools on one input take
turns: round 1 runs each tool once in a fresh process, round 2 again, and so on, and
each tool's median is over all its rounds.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.corpus import ROOT, Input
from benchmarks.recovery import count_recovered

WORKER_TIMEOUT_SECONDS = 900


@dataclass(frozen=True)
class Plan:
    """How to time one tool on one input: rounds of fresh processes, timed runs in each."""

    rounds: int
    runs: int = 1
    warmup: bool = False
    """Run once untimed in each process first (worth it only for small, fast files)."""
    prime: Path | None = None
    """Convert this other file once, untimed, in each process first: the one-time set-up
    a first conversion does (knowledge, patterns, fonts) is behind it, as in a process
    that has converted a file before, while the timed file's own content is still read
    for the first time."""


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
    """Timed runs in all (rounds x runs per round)."""
    seconds: list[float] = field(default_factory=list)
    cpu_seconds: list[float] = field(default_factory=list)
    peak_rss_bytes: int | None = None
    recovered: int | None = None
    rows: int | None = None
    """Rows the tool returned."""
    error: str | None = None

    @property
    def median_seconds(self) -> float | None:
        """Median wall time of one run, or None when the tool failed."""
        return statistics.median(self.seconds) if self.seconds and not self.error else None

    @property
    def median_cpu_seconds(self) -> float | None:
        """Median CPU time of one run (not inflated by waiting for a busy CPU)."""
        return statistics.median(self.cpu_seconds) if self.cpu_seconds and not self.error else None

    @property
    def seconds_per_unit(self) -> float | None:
        """Median wall time per page for a PDF, per file otherwise."""
        median = self.median_seconds
        if median is None:
            return None
        return median / self.pages if self.pages else median

    def to_json(self) -> dict[str, Any]:
        """The measurement as a JSON object, with the derived times included."""
        data = asdict(self)
        data["median_seconds"] = self.median_seconds
        data["median_cpu_seconds"] = self.median_cpu_seconds
        data["seconds_per_unit"] = self.seconds_per_unit
        return data


def measure_input(item: Input, plans: Mapping[str, Plan], group: str) -> list[Measurement]:
    """Time every tool in ``plans`` on ``item`` in interleaved rounds; count recoveries.

    A tool that fails (raises, or runs past the timeout) gets a measurement whose
    ``error`` says why and is not run again; the other tools go on.
    """
    results = {
        tool: Measurement(item.name, item.format, group, tool, item.pages, len(item.records), 0)
        for tool in plans
    }
    last_rows: dict[str, list[list[str | None]]] = {}
    for round_number in range(max(plan.rounds for plan in plans.values())):
        for tool, plan in plans.items():
            result = results[tool]
            if round_number >= plan.rounds or result.error:
                continue
            output = _run_worker(tool, item, plan)
            if isinstance(output, str):
                result.error = output
                continue
            result.runs += plan.runs
            result.seconds += output["seconds"]
            result.cpu_seconds += output["cpu_seconds"]
            result.peak_rss_bytes = max(result.peak_rss_bytes or 0, output["peak_rss_bytes"])
            last_rows[tool] = output["rows"]
    for tool, rows in last_rows.items():
        results[tool].rows = len(rows)
        results[tool].recovered = count_recovered(item.records, rows)
    return list(results.values())


def _run_worker(tool: str, item: Input, plan: Plan) -> dict[str, Any] | str:
    """The worker's JSON output, or the reason it failed."""
    command = [
        sys.executable,
        "-m",
        "benchmarks.worker",
        tool,
        str(item.path),
        str(plan.runs),
        "1" if plan.warmup else "0",
        *([str(plan.prime)] if plan.prime else []),
    ]
    try:
        finished = subprocess.run(
            command, cwd=ROOT, capture_output=True, text=True, timeout=WORKER_TIMEOUT_SECONDS
        )
    except subprocess.TimeoutExpired:
        return f"timed out after {WORKER_TIMEOUT_SECONDS} s"
    if finished.returncode != 0:
        lines = finished.stderr.strip().splitlines() or ["no message"]
        return lines[-1][:200]
    output: dict[str, Any] = json.loads(finished.stdout)
    return output
