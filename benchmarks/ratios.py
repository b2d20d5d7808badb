"""Ratios between measurements: qingdan against each peer on the same file, and now
against the previous run."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

OWN_TOOL = "qingdan"
TARGET_RATIO_TO_PDFPLUMBER = 1.5
"""Issue 4: the whole conversion costs at most 1.5x raw extract_tables on the same pages."""


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    """``numerator / denominator``, or None when either is missing or the denominator is 0."""
    if numerator is None or not denominator:
        return None
    return numerator / denominator


def own_time_ratios(
    medians: Mapping[tuple[str, str], float | None],
) -> dict[tuple[str, str], float | None]:
    """qingdan's median time over each peer's on the same input.

    ``medians`` maps (input, tool) to a median time; the result maps (input, peer) to
    qingdan's time divided by the peer's (below 1: qingdan is faster).
    """
    ratios: dict[tuple[str, str], float | None] = {}
    for (name, tool), seconds in medians.items():
        if tool != OWN_TOOL:
            ratios[(name, tool)] = ratio(medians.get((name, OWN_TOOL)), seconds)
    return ratios


def slower_than_target(ratios: Mapping[tuple[str, str], float | None]) -> list[str]:
    """Inputs where qingdan takes more than the target multiple of raw pdfplumber's time."""
    return [
        name
        for (name, tool), value in ratios.items()
        if tool == "pdfplumber" and value is not None and value > TARGET_RATIO_TO_PDFPLUMBER
    ]


def compare_runs(
    current: Iterable[Mapping[str, Any]], previous: Iterable[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """Each (input, tool) measured in both runs: time and peak memory now over before."""
    before = {(m["input"], m["tool"]): m for m in previous}
    changes = []
    for now in current:
        old = before.get((now["input"], now["tool"]))
        if old is None:
            continue
        changes.append(
            {
                "input": now["input"],
                "tool": now["tool"],
                "time_ratio": ratio(now.get("median_seconds"), old.get("median_seconds")),
                "rss_ratio": ratio(now.get("peak_rss_bytes"), old.get("peak_rss_bytes")),
                "recovered": (old.get("recovered"), now.get("recovered")),
            }
        )
    return changes


def growth(per_unit: Sequence[tuple[int, float | None]]) -> float | None:
    """Time per unit at the largest size over the smallest: about 1 (or below) when linear.

    ``per_unit`` holds (size, seconds per unit) pairs.
    """
    known = sorted((size, value) for size, value in per_unit if value is not None)
    if len(known) < 2:
        return None
    return ratio(known[-1][1], known[0][1])
