"""In process, qingdan and raw pdfplumber timed in turns inside one process (issue 16).

The sample table times each tool in processes of its own, round by round, so that its
peak memory is its own. On this machine the speed changes for seconds at a time (by up
to half on the two shared cores), and two processes a second apart may meet different
spells: a one-page file, about 8 ms for qingdan, then moves by a third from one
``make bench`` to the next. Issue 16's in-process target is a ratio, and a ratio holds
only when both tools met the same machine. So here both tools are imported into one
process and warmed once each, then timed run by run in turns (which goes first
alternates); each pair of runs is a few tens of milliseconds apart. The ratio is of
the medians over ``PROCESSES`` such processes of ``RUNS`` runs each. Peak memory is
not measured here (the tools share the process); the sample table has it.

Files of at most ``MAX_PAGES`` pages are timed this way: a longer file's run lasts
long enough to meet the spells as they come, and its rounds in the sample and scale
tables are its figures.

``python -m benchmarks.paired PATH RUNS`` is one such process; it prints its times as
JSON.
"""

from __future__ import annotations

import importlib
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.corpus import ROOT, Input
from benchmarks.tools import TOOLS

PAIR = ("qingdan", "pdfplumber")
PROCESSES = 3
RUNS = 6
"""Timed runs of each tool in each process, after one untimed run of each."""
MAX_PAGES = 10


@dataclass(frozen=True)
class Paired:
    """qingdan and raw pdfplumber on one PDF, timed in turns in the same processes."""

    input: str
    pages: int
    qingdan: list[float]
    pdfplumber: list[float]
    """Seconds of each run, in the order they ran (the runs of one process together)."""

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Paired:
        """A pair as the results file holds it."""
        return cls(data["input"], data["pages"], data["qingdan"], data["pdfplumber"])

    @property
    def ratio(self) -> float:
        """qingdan's median over raw pdfplumber's."""
        return statistics.median(self.qingdan) / statistics.median(self.pdfplumber)

    @property
    def spread(self) -> tuple[float, float]:
        """The smallest and largest ratio of two runs taken one after the other."""
        pairs = [q / p for q, p in zip(self.qingdan, self.pdfplumber, strict=True)]
        return min(pairs), max(pairs)


def time_in_turns(path: Path, runs: int, names: Sequence[str] = PAIR) -> dict[str, list[float]]:
    """Each tool's seconds for ``runs`` runs on ``path``, the tools taking turns run by
    run, after every tool's imports and one untimed run of each."""
    tools = [TOOLS[name] for name in names]
    for tool in tools:
        for module in tool.modules(path):
            importlib.import_module(module)
        tool.run(path)
    seconds: dict[str, list[float]] = {name: [] for name in names}
    for index in range(runs):
        for tool in tools if index % 2 == 0 else tools[::-1]:
            start = time.perf_counter()
            tool.run(path)
            seconds[tool.name].append(time.perf_counter() - start)
    return seconds


def measure(items: Sequence[Input], processes: int = PROCESSES, runs: int = RUNS) -> list[Paired]:
    """The paired times of every PDF of at most ``MAX_PAGES`` pages."""
    results = []
    for item in items:
        if item.format != "pdf" or not item.pages or item.pages > MAX_PAGES:
            continue
        times: dict[str, list[float]] = {name: [] for name in PAIR}
        for _ in range(processes):
            finished = subprocess.run(
                [sys.executable, "-m", "benchmarks.paired", str(item.path), str(runs)],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
            )
            for name, seconds in json.loads(finished.stdout).items():
                times[name] += seconds
        pair = Paired(item.name, item.pages, times["qingdan"], times["pdfplumber"])
        results.append(pair)
        print(f"in turns {item.name:44} {pair.ratio:.2f}x", flush=True)
    return results


def ratios(pairs: Sequence[Mapping[str, Any]]) -> dict[str, float]:
    """Input name -> paired ratio, from the results file's ``paired`` entries."""
    return {pair.input: pair.ratio for pair in map(Paired.from_json, pairs)}


def render(pairs: Sequence[Mapping[str, Any]]) -> str:
    """The BENCHMARKS.md section: one line per file."""
    lines = [
        f"Both tools in one process, warmed once each, then timed run by run in turns "
        f"({PROCESSES} processes of {RUNS} runs of each; `benchmarks/paired.py`). Every PDF "
        f"of at most {MAX_PAGES} pages; issue 16's in-process target is checked on these "
        "figures where a file has them.",
        "",
        "| input | pages | qingdan (median) | raw pdfplumber (median) | ratio | run by run |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for pair in map(Paired.from_json, pairs):
        low, high = pair.spread
        lines.append(
            f"| {pair.input} | {pair.pages} | {statistics.median(pair.qingdan) * 1000:.1f} ms | "
            f"{statistics.median(pair.pdfplumber) * 1000:.1f} ms | {pair.ratio:.2f}x | "
            f"{low:.2f}–{high:.2f}x |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str]) -> None:
    """One process's paired times of ``PATH`` as JSON on stdout."""
    path, runs = argv
    json.dump(time_in_turns(Path(path), int(runs)), sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])
