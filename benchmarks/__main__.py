"""``python -m benchmarks`` (``make bench``): measure everything, write BENCHMARKS.md and JSON.

One run measures every tool on every sample with a golden file, then the scale
series, profiles qingdan where it is slower than the target, and writes
``BENCHMARKS.md`` and ``benchmarks/results/<UTC time>.json``, printing the change
since the previous results file.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks import whole_process
from benchmarks.corpus import ROOT, SAMPLES, Input, golden_samples
from benchmarks.machine import machine
from benchmarks.measure import Measurement, Plan, measure_input
from benchmarks.ocr import section as ocr_section
from benchmarks.ratios import (
    TARGET_RATIO_TO_PDFPLUMBER,
    compare_runs,
    own_time_ratios,
    slower_than_target,
)
from benchmarks.report import (
    comparison_lines,
    megabytes,
    pdf_speeds,
    recovered,
    render,
    seconds,
    targets,
    times,
)
from benchmarks.scale import scale_inputs
from benchmarks.tools import TOOLS, tools_for

COMMAND = "make bench"
RESULTS = ROOT / "benchmarks" / "results"
ANALYSIS = ROOT / "benchmarks" / "analysis.md"
DIFF_BENCHMARK = ROOT / "benchmarks" / "bench_diff.py"
REPORT = ROOT / "BENCHMARKS.md"
MAX_PROFILES = 3
CAMELOT_MAX_PAGES = 10
"""camelot renders every page to an image (about 1 s a page here): beyond 10 pages it
would take most of the 15-minute budget on its own."""
PRIME = SAMPLES / "004_beitang_flood_2019_merged.pdf"
"""The file a scale-series PDF process converts first, untimed: a one-page list with other
records than the series' seed. A scale file runs once a process, and its first conversion
would otherwise time the process's one-time set-up (the knowledge read, patterns compiled
on first use: 10-20 ms, a sixth of the 10-page file) as if it were the file's work."""
SAMPLE_PLAN = Plan(rounds=6, runs=3, warmup=True)
"""Samples are small (a few pages) and their times noisy: three timed runs after a
warm-up, in six interleaved rounds. The machine's speed changes for seconds at a time
(by up to half on these two shared cores), and a tool timed in its slow spell and not
the other's moves a one-page file's ratio by a third; more, shorter rounds let both
tools meet the same spells."""


def plan_for(tool: str, item: Input, group: str) -> Plan | None:
    """How to time a tool on an input; None to skip it.

    Small files get several runs for a stable median; the biggest scale-series files
    one or two (their times are long enough not to need more), so that the whole run
    stays well under 15 minutes on two shared cores.
    """
    if group == "samples":
        return Plan(rounds=3, runs=1, warmup=True) if tool == "camelot" else SAMPLE_PLAN
    if item.pages is None:
        return Plan(rounds=1)
    if tool == "camelot":
        return Plan(rounds=1, prime=PRIME) if item.pages <= CAMELOT_MAX_PAGES else None
    if item.pages <= 10:
        return Plan(rounds=9, prime=PRIME)  # a second a run: cheap to steady the median
    if item.pages <= 50:
        return Plan(rounds=3, prime=PRIME)
    return Plan(rounds=2 if item.pages <= 200 else 1, prime=PRIME)


def run_group(items: list[Input], group: str) -> list[Measurement]:
    """Measure every tool that reads each input, printing a line per measurement."""
    results = []
    for item in items:
        plans = {
            tool.name: plan
            for tool in tools_for(item.path)
            if (plan := plan_for(tool.name, item, group)) is not None
        }
        for result in measure_input(item, plans, group):
            results.append(result)
            data = result.to_json()
            print(
                f"{group:8} {item.name:40} {result.tool:12} {result.runs:2} runs "
                f"{seconds(data['median_seconds']):>10}  {megabytes(data['peak_rss_bytes']):>7}  "
                f"{recovered(data)}",
                flush=True,
            )
    return results


def profiles(measurements: list[dict[str, Any]], items: dict[str, Input]) -> str:
    """Profiles of qingdan: on every input where it misses the 1.5x target (in wall or
    CPU time; smallest first) and, for reference, on the PDF sample where its ratio to
    raw pdfplumber is highest."""
    ratios = {
        key: own_time_ratios({(m["input"], m["tool"]): m[key] for m in measurements})
        for key in ("median_seconds", "median_cpu_seconds")
    }
    names = sorted(
        {name for found in ratios.values() for name in slower_than_target(found)},
        key=lambda name: (items[name].pages or 0, name),
    )[:MAX_PROFILES]
    sample_ratios = {
        name: value
        for (name, tool), value in ratios["median_cpu_seconds"].items()
        if tool == "pdfplumber"
        and value is not None
        and any(m["input"] == name and m["group"] == "samples" for m in measurements)
    }
    if sample_ratios:
        worst_sample = max(sample_ratios, key=lambda name: sample_ratios[name])
        names = [worst_sample, *[name for name in names if name != worst_sample]]
    sections = []
    for name in names:
        wall = ratios["median_seconds"].get((name, "pdfplumber"))
        cpu = ratios["median_cpu_seconds"].get((name, "pdfplumber"))
        over = any(r is not None and r > TARGET_RATIO_TO_PDFPLUMBER for r in (wall, cpu))
        verdict = "over the 1.5x target" if over else "within the target; for reference"
        finished = subprocess.run(
            [sys.executable, "-m", "benchmarks.profile", str(items[name].path)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=600,
        )
        body = finished.stdout if finished.returncode == 0 else f"profile failed: {finished.stderr}"
        sections.append(
            f"### {name}: qingdan ÷ raw pdfplumber {times(wall)} wall, {times(cpu)} CPU "
            f"({verdict})\n\n{body}"
        )
    return "\n\n".join(sections)


def run_samples(measurements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The measurements of the golden samples."""
    return [m for m in measurements if m["group"] == "samples"]


def run_scale(measurements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The measurements of the scale series."""
    return [m for m in measurements if m["group"] == "scale"]


def diff_benchmark() -> str | None:
    """The output of ``python -m benchmarks.bench_diff`` when that benchmark exists."""
    if not DIFF_BENCHMARK.exists():
        return None
    return module_output("benchmarks.bench_diff")


def module_output(module: str, *args: str) -> str:
    """``python -m MODULE ARGS``'s output, as a section's text block (issue 29's
    archive-scale measurements: the diff, the batch, the text dump's memory)."""
    finished = subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    output = finished.stdout if finished.returncode == 0 else finished.stdout + finished.stderr
    shown = " ".join(["python -m", module, *args])
    return f"`{shown}`:\n\n```text\n{output.strip()}\n```"


def previous_results() -> Path | None:
    """The newest results file of an earlier run, if any."""
    files = sorted(RESULTS.glob("*.json"))
    return files[-1] if files else None


def main() -> None:
    """Run the whole benchmark and write its outputs."""
    started = datetime.now(UTC)
    start = time.perf_counter()
    suffixes = frozenset().union(*(tool.suffixes() for tool in TOOLS.values()))
    print(f"qingdan reads: {' '.join(sorted(TOOLS['qingdan'].suffixes()))}", flush=True)
    samples = golden_samples(SAMPLES, suffixes)
    measured = run_group(samples, "samples")
    print("building the scale series (cached in benchmarks/.cache/)...", flush=True)
    scale = scale_inputs(suffixes)
    measured += run_group(scale, "scale")
    measurements = [m.to_json() for m in measured]

    stamp = started.strftime("%Y%m%dT%H%M%SZ")
    results_file = RESULTS / f"{stamp}.json"
    previous = previous_results()
    run: dict[str, Any] = {
        "command": COMMAND,
        "started": started.isoformat(timespec="seconds"),
        "results_file": results_file.relative_to(ROOT).as_posix(),
        "machine": machine(),
        "tools": {tool.name: tool.call for tool in TOOLS.values()},
        "measurements": measurements,
    }
    sections: dict[str, str] = {}
    profile_text = profiles(measurements, {item.name: item for item in [*samples, *scale]})
    if profile_text:
        sections["Profile of qingdan on PDF"] = profile_text
    print("whole-process runs (start-up included)...", flush=True)
    whole = whole_process.measure()
    run["whole_process"] = {
        group: [asdict(item) for item in items] for group, items in whole.items()
    }
    sections["Whole process: start-up included"] = whole_process.render(whole)
    if ANALYSIS.exists():
        sections["Analysis"] = ANALYSIS.read_text(encoding="utf-8")
    diff = diff_benchmark()
    if diff:
        sections["Diff benchmark"] = diff
    print("archive scale: a 500-file batch, the 100 MB text dump...", flush=True)
    sections["Batch at archive scale"] = module_output("benchmarks.bench_batch", "500")
    sections["Text dump memory"] = module_output("benchmarks.text_dump_memory", "100")
    sections["OCR (scans)"] = ocr_section()  # issue 20: seconds per page, peak memory
    changes = []
    if previous is not None:
        earlier = json.loads(previous.read_text(encoding="utf-8"))["measurements"]
        changes = compare_runs(measurements, earlier)
    previous_name = previous.relative_to(ROOT).as_posix() if previous else None
    comparison = comparison_lines(changes, previous_name)
    sections["Compared with the previous run"] = "\n".join(comparison)

    run["duration_seconds"] = time.perf_counter() - start
    RESULTS.mkdir(parents=True, exist_ok=True)
    results_file.write_text(json.dumps(run, ensure_ascii=False, indent=2) + "\n", "utf-8")
    REPORT.write_text(render(run, sections), encoding="utf-8")
    summary = targets(run_samples(measurements), run_scale(measurements))
    summary += whole_process.summary(whole)
    print("\n".join([*pdf_speeds(measurements), *summary, "", *comparison]))
    print(f"wrote {REPORT.name} and {run['results_file']} in {run['duration_seconds']:.0f} s")


if __name__ == "__main__":
    main()
