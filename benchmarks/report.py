"""BENCHMARKS.md from one run's results: pure rendering, no measuring.

Everything here takes the run's JSON-ready data (measurements as dicts, the machine
description) and returns Markdown, so a stored results file can be re-rendered.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from benchmarks.ratios import (
    OWN_TOOL,
    TARGET_RATIO_TO_PDFPLUMBER,
    growth,
    own_time_ratios,
    ratio,
)
from benchmarks.recovery import RULE

Measurements = Sequence[Mapping[str, Any]]
MEMORY_TARGET_BYTES = 400 * 10**6
"""Issue 4: peak memory under 400 MB for a 200-page task list."""
MEMORY_TARGET_PAGES = 200
IN_PROCESS_TARGET = 0.3
"""Issue 16: in process, qingdan at most 0.3x raw extract_tables' time on every PDF."""
MEMORY_MARGIN = 1.2
"""Issue 16: peak memory on the longest PDF at most raw pdfplumber's + 20%."""


def seconds(value: float | None) -> str:
    """A duration for a table: ms below one second, s above; an em dash when unknown."""
    if value is None:
        return "—"
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


def megabytes(value: int | None) -> str:
    """A byte count in MB (10^6 bytes)."""
    return "—" if value is None else f"{value / 10**6:.0f} MB"


def times(value: float | None) -> str:
    """A ratio as ``1.23x``."""
    return "—" if value is None else f"{value:.2f}x"


def recovered(m: Mapping[str, Any]) -> str:
    """Records recovered out of the golden records, or the tool's error."""
    if m.get("error"):
        return f"failed: {m['error']}"
    return f"{m['recovered']} / {m['expected']}"


def ratio_table(
    measurements: Measurements, key: str = "median_seconds"
) -> dict[tuple[str, str], float | None]:
    """qingdan's median time (wall, or CPU with ``key="median_cpu_seconds"``) over each
    peer's, by (input, peer)."""
    return own_time_ratios({(m["input"], m["tool"]): m.get(key) for m in measurements})


def versus(measurements: Measurements) -> dict[tuple[str, str], str]:
    """The ratio cell for each (input, peer): wall-time ratio, CPU-time ratio in brackets."""
    wall = ratio_table(measurements)
    cpu = ratio_table(measurements, "median_cpu_seconds")
    return {key: f"{times(value)} (CPU {times(cpu.get(key))})" for key, value in wall.items()}


def format_table(measurements: Measurements, fmt: str) -> str:
    """The samples of one format: one line per (sample, tool)."""
    ratios = versus(measurements)
    unit = "page" if fmt == "pdf" else "file"
    lines = [
        f"| sample | pages | tool | runs | time per {unit} (median) | peak RSS "
        "| records recovered | qingdan time ÷ this tool's |",
        "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for m in measurements:
        if m["format"] != fmt:
            continue
        mine = ratios.get((m["input"], m["tool"]), "—")
        lines.append(
            f"| {m['input']} | {m['pages'] or '—'} | {m['tool']} | {m['runs']} "
            f"| {seconds(m['seconds_per_unit'])} | {megabytes(m['peak_rss_bytes'])} "
            f"| {recovered(m)} | {mine} |"
        )
    return "\n".join(lines)


def scale_table(measurements: Measurements) -> str:
    """The scale series: total and per-unit time, memory and records at each size."""
    ratios = versus(measurements)
    lines = [
        "| input | size | tool | runs | time (median) | per page or per 1,000 rows "
        "| peak RSS | records recovered | qingdan time ÷ this tool's |",
        "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for m in measurements:
        size = f"{m['pages']} pages" if m["pages"] else f"{m['expected']:,} rows"
        per = m["seconds_per_unit"] if m["pages"] else _per_thousand(m)
        mine = ratios.get((m["input"], m["tool"]), "—")
        lines.append(
            f"| {m['input']} | {size} | {m['tool']} | {m['runs']} "
            f"| {seconds(m['median_seconds'])} | {seconds(per)} "
            f"| {megabytes(m['peak_rss_bytes'])} | {recovered(m)} | {mine} |"
        )
    return "\n".join(lines)


def _per_thousand(m: Mapping[str, Any]) -> float | None:
    median: float | None = m["median_seconds"]
    return None if median is None else median / m["expected"] * 1000


def targets(samples: Measurements, scale: Measurements) -> list[str]:
    """Issue 4's targets and issue 9's linear-growth check, each as one verdict line."""
    lines = []
    pdf = [m for m in [*samples, *scale] if m["format"] == "pdf"]
    own_pdf = [m for m in pdf if m["tool"] == OWN_TOOL]
    if not own_pdf:
        return [
            "- qingdan reads no PDF in this build (`extract.READERS` has no `.pdf`): "
            "the PDF figures above are the peers' alone; no target can be checked."
        ]
    cpu = _pdfplumber_ratios(pdf, "median_cpu_seconds")
    wall = _pdfplumber_ratios(pdf, "median_seconds")
    for label, ratios in (("CPU time", cpu), ("wall time", wall)):
        if not ratios:
            continue
        worst_name = max(ratios, key=lambda name: ratios[name])
        worst = ratios[worst_name]
        verdict = "met" if worst <= TARGET_RATIO_TO_PDFPLUMBER else "NOT met"
        lines.append(
            f"- Cost in {label}, qingdan ÷ raw pdfplumber `extract_tables` on the same pages, "
            f"at most {TARGET_RATIO_TO_PDFPLUMBER}x on every PDF: **{verdict}** "
            f"(worst {times(worst)}, on {worst_name})."
        )
    lines += _issue_16_targets(pdf, wall)
    at_target = [m for m in own_pdf if m["pages"] == MEMORY_TARGET_PAGES]
    for m in at_target:
        peak = m["peak_rss_bytes"]
        verdict = "met" if peak is not None and peak < MEMORY_TARGET_BYTES else "NOT met"
        lines.append(
            f"- Peak memory at {MEMORY_TARGET_PAGES} pages under "
            f"{megabytes(MEMORY_TARGET_BYTES)}: **{verdict}** ({megabytes(peak)})."
        )
    own_scale = [m for m in scale if m["tool"] == OWN_TOOL and m["pages"]]
    per_page = growth([(m["pages"], m["seconds_per_unit"]) for m in own_scale])
    if per_page is not None:
        lines.append(
            f"- Time grows linearly: qingdan's time per page at {max_pages(own_scale)} pages "
            f"is {times(per_page)} its time per page at {min_pages(own_scale)} pages "
            "(about 1x or below: linear)."
        )
    by_pages = {m["pages"]: m["peak_rss_bytes"] for m in own_scale}
    largest = max_pages(own_scale)
    if largest and MEMORY_TARGET_PAGES in by_pages and largest != MEMORY_TARGET_PAGES:
        lines.append(
            f"- Memory stays bounded: peak RSS at {largest} pages is "
            f"{times(ratio(by_pages[largest], by_pages[MEMORY_TARGET_PAGES]))} the peak at "
            f"{MEMORY_TARGET_PAGES} pages ({megabytes(by_pages[largest])}; "
            f"{largest // MEMORY_TARGET_PAGES}x if pages were kept)."
        )
    return lines


def pdf_speeds(measurements: Measurements) -> list[str]:
    """Pages per second of qingdan and raw pdfplumber on each PDF, and their time ratio."""
    by_key = {(m["input"], m["tool"]): m for m in measurements if m["format"] == "pdf"}
    lines = []
    for (name, tool), own in by_key.items():
        raw = by_key.get((name, "pdfplumber"))
        if tool != OWN_TOOL or raw is None:
            continue
        lines.append(
            f"- {name} ({own['pages']} pages): qingdan {pages_per_second(own)} pages/s, "
            f"raw pdfplumber {pages_per_second(raw)} pages/s; qingdan time ÷ pdfplumber "
            f"{times(ratio(own['median_seconds'], raw['median_seconds']))}"
        )
    return lines


def pages_per_second(m: Mapping[str, Any]) -> str:
    """A PDF measurement's speed, from its median time per page."""
    per_page = m["seconds_per_unit"]
    return "—" if not per_page else f"{1 / per_page:.1f}"


def _issue_16_targets(pdf: Measurements, wall: Mapping[str, float]) -> list[str]:
    """Issue 16's in-process time and long-file memory targets, as verdict lines."""
    lines = []
    if wall:
        worst_name = max(wall, key=lambda name: wall[name])
        within = sorted(name for name, value in wall.items() if value <= IN_PROCESS_TARGET)
        verdict = "met" if len(within) == len(wall) else "NOT met"
        lines.append(
            f"- In process, qingdan ÷ raw pdfplumber `extract_tables` at most "
            f"{IN_PROCESS_TARGET}x on every PDF (issue 16): **{verdict}** (worst "
            f"{times(wall[worst_name])}, on {worst_name}; within it on {len(within)} of "
            f"{len(wall)} files{': ' + ', '.join(within) if within else ''})."
        )
    longest = max_pages(pdf)
    peaks = {m["tool"]: m["peak_rss_bytes"] for m in pdf if m["pages"] == longest}
    ours, raw = peaks.get(OWN_TOOL), peaks.get("pdfplumber")
    if longest and ours is not None and raw:
        verdict = "met" if ours <= MEMORY_MARGIN * raw else "NOT met"
        lines.append(
            f"- Peak memory at {longest} pages at most raw pdfplumber's + 20% (issue 16): "
            f"**{verdict}** ({megabytes(ours)} against {megabytes(raw)})."
        )
    return lines


def _pdfplumber_ratios(measurements: Measurements, key: str) -> dict[str, float]:
    """qingdan's time over raw pdfplumber's, by input, where both ran."""
    return {
        name: value
        for (name, tool), value in ratio_table(measurements, key).items()
        if tool == "pdfplumber" and value is not None
    }


def max_pages(measurements: Measurements) -> int | None:
    """The most pages among the measurements (None if none has pages)."""
    return max((m["pages"] for m in measurements if m["pages"]), default=None)


def min_pages(measurements: Measurements) -> int | None:
    """The fewest pages among the measurements (None if none has pages)."""
    return min((m["pages"] for m in measurements if m["pages"]), default=None)


def machine_lines(machine: Mapping[str, Any]) -> list[str]:
    """The machine as a bullet list."""
    libraries = ", ".join(
        f"{name} {version}" for name, version in machine["libraries"].items() if version
    )
    return [
        f"- CPU: {machine['cpu']}, {machine['cores']} cores; "
        f"RAM {machine['ram_bytes'] / 2**30:.1f} GiB; "
        f"load average at start {' / '.join(map(str, machine['load_average_at_start']))} "
        "(the machine is shared: compare ratios, not absolute times)",
        f"- OS: {machine['os']}; Python {machine['python']}",
        f"- Libraries: {libraries}",
        f"- LibreOffice (builds the scale-series PDFs): {machine['libreoffice'] or 'not found'}",
    ]


def comparison_lines(changes: Sequence[Mapping[str, Any]], previous: str | None) -> list[str]:
    """The change since the previous results file, one table line per (input, tool)."""
    if previous is None:
        return ["No earlier results file: nothing to compare with."]
    if not changes:
        return [f"Nothing in common with `{previous}`."]
    lines = [
        f"Against `{previous}` (below 1x: faster or smaller now).",
        "",
        "| input | tool | time now ÷ before | peak RSS now ÷ before | recovered before → now |",
        "| --- | --- | ---: | ---: | --- |",
    ]
    for change in changes:
        old, new = change["recovered"]
        lines.append(
            f"| {change['input']} | {change['tool']} | {times(change['time_ratio'])} "
            f"| {times(change['rss_ratio'])} | {old} → {new} |"
        )
    return lines


def render(run: Mapping[str, Any], extra_sections: Mapping[str, str]) -> str:
    """The whole BENCHMARKS.md for one run.

    ``run`` is the results JSON (``machine``, ``measurements``, ``command``, ...);
    ``extra_sections`` maps a heading to Markdown placed after the figures (profiles,
    analysis, the diff benchmark, the comparison with the previous run).
    """
    measurements = run["measurements"]
    samples = [m for m in measurements if m["group"] == "samples"]
    scale = [m for m in measurements if m["group"] == "scale"]
    parts = [
        "# Benchmarks",
        "",
        f"Written by `{run['command']}` on {run['started']} in {run['duration_seconds']:.0f} s; "
        f"the figures are also in `{run['results_file']}`. Do not edit by hand: notes "
        "belong in `benchmarks/analysis.md`, which is copied in below.",
        "",
        "Each tool runs in a fresh process per file, so its peak RSS (the process's maximum "
        "resident memory, imports included) is its own. Times are wall-clock medians of the "
        "runs shown, measured inside the process (start-up and imports excluded); the tools "
        "on one file take turns, round by round, so that they share the machine's load. "
        "`qingdan time ÷ this tool's` below 1x means qingdan is faster on the same file; "
        "the CPU-time ratio beside it is the steadier one on a busy machine.",
        "",
        "## Machine",
        "",
        *machine_lines(run["machine"]),
        "",
        "## What is timed",
        "",
        *[f"- **{name}**: {call}" for name, call in run["tools"].items()],
        "",
        "## Records recovered",
        "",
        RULE.strip(),
        "",
    ]
    for fmt in sorted({m["format"] for m in samples}):
        parts += [f"## Samples: {fmt.upper()}", "", format_table(samples, fmt), ""]
    if scale:
        parts += [
            "## Scale series",
            "",
            "The seed's 15 records repeated (`benchmarks/scale.py`): PDFs of 10 rendered "
            "pages joined into 50, 200 and 1,000, and 10,000-row TXT and DOCX files.",
            "",
            scale_table(scale),
            "",
        ]
    parts += ["## Targets", "", *targets(samples, scale), ""]
    speeds = pdf_speeds(measurements)
    if speeds:
        parts += ["PDF speed, qingdan against raw pdfplumber on the same pages:", "", *speeds, ""]
    for heading, body in extra_sections.items():
        parts += [f"## {heading}", "", body.strip(), ""]
    return "\n".join(parts)
