"""Summaries of a scored corpus: per format, per field, per failure class; FIDELITY.md."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus.classify import CLASSES
from corpus.model import DOCUMENT_FIELDS, RECORD_FIELDS
from corpus.score import Failure, RenderingScore, failure_data

EXAMPLES_PER_CLASS = 3
LISTED_FAILURES = 400
"""Failures FIDELITY.md lists one by one (the JSON has all of them)."""


@dataclass(frozen=True)
class Summary:
    """The numbers of one scoring run."""

    records: int
    exact: int
    by_format: dict[str, tuple[int, int]]
    by_rendering: dict[str, tuple[int, int]]
    by_feature: dict[str, tuple[int, int]]
    """Records exact per layout feature, worst first (a record counts once per feature)."""
    by_field: dict[str, int]
    by_class: dict[str, int]
    failures: list[Failure]
    documents: int
    seconds: float

    @property
    def percent(self) -> float:
        """Exact records in percent of all truth records."""
        return 100.0 * self.exact / self.records if self.records else 0.0

    def last_line(self) -> str:
        """The line ``make fidelity`` ends with."""
        return f"fidelity: {self.exact}/{self.records} records exact ({self.percent:.1f}%)"


def _add(table: dict[str, tuple[int, int]], key: str, score: RenderingScore) -> None:
    exact, total = table.get(key, (0, 0))
    table[key] = (exact + score.exact, total + score.records)


def summarize(scores: list[RenderingScore]) -> Summary:
    """Totals per format (docx/pdf/txt), rendering, field and class."""
    by_format: dict[str, tuple[int, int]] = {}
    by_rendering: dict[str, tuple[int, int]] = {}
    by_feature: dict[str, tuple[int, int]] = {}
    failures = [f for s in scores for f in s.failures]
    for score in scores:
        _add(by_format, score.rendering.split("-")[0], score)
        _add(by_rendering, score.rendering, score)
        for feature in score.features:
            _add(by_feature, feature, score)
    fields = Counter(f.field for f in failures)
    classes = Counter(f.cause for f in failures)
    return Summary(
        records=sum(s.records for s in scores),
        exact=sum(s.exact for s in scores),
        by_format=dict(sorted(by_format.items())),
        by_rendering=dict(sorted(by_rendering.items())),
        by_feature=dict(sorted(by_feature.items(), key=lambda kv: (_share(kv[1]), kv[0]))),
        by_field={
            k: fields[k]
            for k in (*DOCUMENT_FIELDS, *RECORD_FIELDS, "record", "extra-record", "conversion")
            if fields[k]
        },
        by_class={k: classes[k] for k in CLASSES if classes[k]},
        failures=failures,
        documents=len({s.document for s in scores}),
        seconds=sum(s.seconds for s in scores),
    )


def _share(counts: tuple[int, int]) -> float:
    exact, total = counts
    return exact / total if total else 1.0


def _short(value: Any, limit: int = 60) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    text = text.replace("\n", "⏎")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def failure_line(failure: Failure) -> str:
    """One failure on one line: where, which field, class, expected and got."""
    where = f"{failure.document} {failure.rendering}"
    seq = f"#{failure.seq}" if failure.seq is not None else "doc"
    return (
        f"{where} {seq} {failure.field} [{failure.cause}]: "
        f"expected {_short(failure.expected)} got {_short(failure.got)}"
    )


def _rate(exact: int, total: int) -> str:
    return f"{exact}/{total} ({100.0 * exact / total:.1f}%)" if total else "0/0"


def text_report(summary: Summary) -> list[str]:
    """The lines printed after the failures: per format, per field, per class, last line."""
    lines = ["", "per format (records exact):"]
    lines += [f"  {k:<22} {_rate(*v)}" for k, v in summary.by_format.items()]
    lines += ["per rendering:"]
    lines += [f"  {k:<22} {_rate(*v)}" for k, v in summary.by_rendering.items()]
    lines += ["failures per field:"]
    lines += [f"  {k:<22} {v}" for k, v in summary.by_field.items()]
    lines += ["failures per class:"]
    lines += [f"  {k:<22} {v}" for k, v in summary.by_class.items()]
    lines.append(summary.last_line())
    return lines


def _table(rows: list[tuple[str, str]], head: tuple[str, str]) -> list[str]:
    return [f"| {head[0]} | {head[1]} |", "| --- | --- |", *(f"| {a} | {b} |" for a, b in rows)]


def markdown(summary: Summary, n: int, seed: int, stamp: str, only: list[str] | None = None) -> str:
    """FIDELITY.md: how the run was made, the numbers, examples per class, the failures;
    ``only``: the renderings asked for by name (``--only``, the scans)."""
    made = (
        f"`python -m corpus fidelity --n {n} --seed {seed} --only {','.join(only)}` "
        f"({stamp}): {summary.documents} generated lists, each printed by LibreOffice and "
        f"rendered as {', '.join(only)}"
        if only
        else f"`make fidelity N={n} SEED={seed}` ({stamp}): {summary.documents} generated "
        "lists, each in three renderings (a DOCX variant, a PDF printed by LibreOffice, a "
        "text dump)"
    )
    intro = [
        "# Fidelity on the generated corpus",
        "",
        f"{made}; every record compared with its truth field by field, text exactly. "
        "How it works and what the classes mean: [docs/fidelity.md](docs/fidelity.md).",
        "",
        f"**{summary.last_line()}**",
        "",
    ]
    return "\n".join([*intro, *markdown_body(summary)]) + "\n"


def markdown_body(summary: Summary) -> list[str]:
    """The Markdown report's sections after its introduction: the numbers per format,
    rendering, feature, field and class, examples per class, the failures."""
    out = [
        "## Per format",
        "",
        *_table([(k, _rate(*v)) for k, v in summary.by_format.items()], ("format", "exact")),
        "",
        *_table([(k, _rate(*v)) for k, v in summary.by_rendering.items()], ("rendering", "exact")),
        "",
        "## Records exact per layout feature (worst first)",
        "",
        "A record counts under every feature of its document (`corpus/layouts.py`, "
        "`corpus/generate.py` name them).",
        "",
        *_table(
            [(f"`{k}`", _rate(*v)) for k, v in summary.by_feature.items()], ("feature", "exact")
        ),
        "",
        "## Failures per field",
        "",
        *_table([(k, str(v)) for k, v in summary.by_field.items()], ("field", "failures")),
        "",
        "## Failures per class",
        "",
        *_table([(k, str(v)) for k, v in summary.by_class.items()], ("class", "failures")),
        "",
        "## Examples per class",
        "",
    ]
    for cause in summary.by_class:
        out.append(f"### {cause}")
        out.append("")
        examples = [f for f in summary.failures if f.cause == cause][:EXAMPLES_PER_CLASS]
        out += [f"- `{failure_line(f)}`" for f in examples]
        out.append("")
    listed = summary.failures[:LISTED_FAILURES]
    out += [f"## Failures ({len(listed)} of {len(summary.failures)} listed; all in the JSON)", ""]
    out += [f"- `{failure_line(f)}`" for f in listed]
    return out


def results_json(summary: Summary, n: int, seed: int, stamp: str, wall_s: float) -> dict[str, Any]:
    """The run's numbers and every failure, for ``benchmarks/results/``."""
    return {
        "kind": "fidelity",
        "stamp": stamp,
        "n": n,
        "seed": seed,
        "wall_seconds": round(wall_s, 1),
        "convert_seconds": round(summary.seconds, 1),
        "records": summary.records,
        "exact": summary.exact,
        "percent": round(summary.percent, 2),
        "by_format": {k: {"exact": e, "records": t} for k, (e, t) in summary.by_format.items()},
        "by_rendering": {
            k: {"exact": e, "records": t} for k, (e, t) in summary.by_rendering.items()
        },
        "by_feature": {k: {"exact": e, "records": t} for k, (e, t) in summary.by_feature.items()},
        "by_field": summary.by_field,
        "by_class": summary.by_class,
        "failures": [failure_data(f) for f in summary.failures],
    }


def write_results(path: Path, data: dict[str, Any]) -> None:
    """Write the results JSON (creating its folder)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
