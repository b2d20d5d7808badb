"""BENCHMARKS.md rendering: tables and target verdicts from hand-made measurements."""

from __future__ import annotations

from typing import Any

from benchmarks.report import format_table, megabytes, pdf_speeds, seconds, targets


def measurement(
    tool: str, name: str, median: float, pages: int | None, **extra: Any
) -> dict[str, Any]:
    """A measurement as the results JSON stores it."""
    data: dict[str, Any] = {
        "input": name,
        "format": name.rsplit(".", 1)[1],
        "group": "samples",
        "tool": tool,
        "pages": pages,
        "expected": 15,
        "runs": 5,
        "seconds": [median],
        "median_seconds": median,
        "median_cpu_seconds": median,
        "seconds_per_unit": median / pages if pages else median,
        "peak_rss_bytes": 50 * 10**6,
        "recovered": 15,
        "rows": 15,
        "error": None,
    }
    return data | extra


def test_units_are_readable() -> None:
    assert seconds(0.0123) == "12.3 ms"
    assert seconds(12.345) == "12.35 s"
    assert seconds(None) == "—"
    assert megabytes(399_600_000) == "400 MB"


def test_a_format_table_shows_qingdan_time_over_each_peer_and_failures() -> None:
    rows = [
        measurement("qingdan", "a.pdf", 0.8, 4),
        measurement("pdfplumber", "a.pdf", 0.4, 4, recovered=3),
        measurement("camelot", "a.pdf", 1.6, 4, error="boom", seconds=[], median_seconds=None,
                    seconds_per_unit=None, recovered=None),
        measurement("qingdan", "a.txt", 0.01, None),
    ]  # fmt: skip
    table = format_table(rows, "pdf")
    assert "time per page" in table
    assert "| a.pdf | 4 | pdfplumber | 5 | 100.0 ms | 50 MB | 3 / 15 | 2.00x (CPU 2.00x) |" in table
    assert "failed: boom" in table
    assert "a.txt" not in table


def test_cpu_and_wall_ratios_are_shown_side_by_side() -> None:
    rows = [
        measurement("qingdan", "a.pdf", 0.8, 4, median_cpu_seconds=0.5),
        measurement("pdfplumber", "a.pdf", 0.4, 4, median_cpu_seconds=0.4),
    ]
    assert "| 2.00x (CPU 1.25x) |" in format_table(rows, "pdf")
    lines = targets(rows, [])
    assert "Cost in CPU time" in lines[0]
    assert "**met** (worst 1.25x, on a.pdf)" in lines[0]
    assert "Cost in wall time" in lines[1]
    assert "**NOT met** (worst 2.00x, on a.pdf)" in lines[1]


def test_targets_report_a_missed_time_ratio_and_the_memory_at_200_pages() -> None:
    samples = [measurement("qingdan", "a.pdf", 0.8, 4), measurement("pdfplumber", "a.pdf", 0.4, 4)]
    scale = [
        measurement("qingdan", "p200.pdf", 20.0, 200, group="scale", peak_rss_bytes=300 * 10**6),
        measurement("qingdan", "p1000.pdf", 90.0, 1000, group="scale", peak_rss_bytes=310 * 10**6),
    ]
    lines = "\n".join(targets(samples, scale))
    assert "**NOT met** (worst 2.00x, on a.pdf)" in lines
    assert "under 400 MB: **met** (300 MB)" in lines
    assert "at 1000 pages is 0.90x its time per page at 200 pages" in lines
    assert "peak RSS at 1000 pages is 1.03x the peak at 200 pages" in lines


def test_without_a_pdf_reader_no_target_is_claimed() -> None:
    lines = targets([measurement("pdfplumber", "a.pdf", 0.4, 4)], [])
    assert len(lines) == 1
    assert "reads no PDF" in lines[0]


def test_pdf_speeds_pair_qingdan_with_raw_pdfplumber_on_each_file() -> None:
    rows = [
        measurement("qingdan", "a.pdf", 0.5, 10),
        measurement("pdfplumber", "a.pdf", 0.4, 10),
        measurement("qingdan", "b.pdf", 1.0, 10),
        measurement("qingdan", "c.txt", 0.1, None),
    ]
    assert pdf_speeds(rows) == [
        "- a.pdf (10 pages): qingdan 20.0 pages/s, raw pdfplumber 25.0 pages/s; "
        "qingdan time ÷ pdfplumber 1.25x"
    ]


def test_issue_16_targets_name_the_files_within_the_in_process_ratio_and_the_long_memory() -> None:
    samples = [
        measurement("qingdan", "small.pdf", 0.012, 1),
        measurement("pdfplumber", "small.pdf", 0.025, 1),
    ]
    scale = [
        measurement("qingdan", "long.pdf", 5.0, 1000, peak_rss_bytes=56 * 10**6),
        measurement("pdfplumber", "long.pdf", 23.0, 1000, peak_rss_bytes=76 * 10**6),
    ]
    lines = "\n".join(targets(samples, scale))
    assert "at most 0.3x on every PDF (issue 16): **NOT met** (worst 0.48x, on small.pdf" in lines
    assert "within it on 1 of 2 files: long.pdf" in lines
    assert "Peak memory at 1000 pages at most raw pdfplumber's + 20% (issue 16): **met**" in lines
    heavy = [{**scale[0], "peak_rss_bytes": 95 * 10**6}, scale[1]]
    assert "+ 20% (issue 16): **NOT met** (95 MB against 76 MB)" in "\n".join(targets([], heavy))
