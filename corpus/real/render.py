"""Render real-shapes skeletons through the corpus registries and write their truth.

A table-form skeleton is published as ``TABLE_RENDERINGS`` (Word with real merges and
with merged cells written out, the PDF LibreOffice prints, the text dump, a web page, a
workbook) and, when its truth names the 序号, category and measure columns, as numbered
paragraphs in Word (``samples.render_forms.paragraph_lines``). A paragraph-form skeleton
is published as its lines in Word, the PDF of that Word file and a text file.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from corpus.real.skeleton import RealList
from corpus.renderings import (
    PARAGRAPH_RENDERINGS,
    RENDERINGS,
    SCAN_RENDERINGS,
    Rendering,
    finish_printed,
)
from corpus.sheet import ABOVE, LEFT, Spec, print_pdfs
from samples.render_forms import ParagraphColumns, paragraph_lines

TABLE_RENDERINGS = (
    "docx-merged",
    "docx-repeated",
    "pdf-merged",
    "txt",
    "html-merged",
    "xlsx-merged",
)
"""What every table-form skeleton is rendered as."""
PRINT_BATCH = 12
"""Word files printed per LibreOffice run."""


def _shown(rows: list[list[str]], r: int, c: int) -> str:
    """The text a cell shows, joined over its typed line breaks (a ``^`` shows the above)."""
    while r > 0 and rows[r][c] == ABOVE:
        r -= 1
    return rows[r][c].replace("\n", "")


def _task_rows(spec: Spec) -> list[int]:
    return [r for r, row in enumerate(spec.rows) if not all(c == LEFT for c in row[1:])]


def _column(spec: Spec, rows: list[int], values: list[str | None]) -> int | None:
    """The first column whose shown text equals ``values`` on every task row."""
    for c in range(spec.width):
        if all(_shown(spec.rows, r, c) == v for r, v in zip(rows, values, strict=True)):
            return c
    return None


def paragraph_form(item: RealList) -> list[str] | None:
    """The lines of a table-form skeleton printed as numbered paragraphs, or None when
    that form would not keep its truth (no 序号 column, a measure no column holds, a
    category no column holds, sections not printed as full-width rows)."""
    spec = item.spec
    if spec is None:
        return None
    rows = _task_rows(spec)
    records = item.records
    no = _column(spec, rows, [r.no for r in records])
    measure = _column(spec, rows, [r.measure for r in records])
    has_category = any(r.category for r in records)
    category = _column(spec, rows, [r.category for r in records]) if has_category else None
    sections = len(rows) < len(spec.rows)
    if (
        no is None
        or measure is None
        or (has_category and category is None)
        or (any(r.section for r in records) and not sections)
    ):
        return None
    # A label the author wrapped in a narrow header cell is one label in a paragraph.
    header = [[label.replace("\n", "") for label in row] for row in spec.header]
    columns = ParagraphColumns(no, category, measure)
    return [*paragraph_lines(replace(spec, header=header), columns), *spec.text_after]


@dataclass(frozen=True)
class Planned:
    """One file to write: a rendering of a skeleton and what it is written from."""

    item: RealList
    rendering: Rendering[Any]
    source: Spec | list[str]


def plan(item: RealList, only: set[str] | None = None) -> list[Planned]:
    """The renderings of one skeleton (restricted to ``only`` when given)."""
    planned: list[Planned] = []
    if item.spec is not None:
        # Scans are rendered when asked for by name (``--only scan-200``): OCR is slow.
        names = [*TABLE_RENDERINGS, *(name for name in SCAN_RENDERINGS if only and name in only)]
        planned += [Planned(item, RENDERINGS[name], item.spec) for name in names]
        lines = paragraph_form(item)
        if lines is not None:
            planned.append(Planned(item, PARAGRAPH_RENDERINGS["docx-paragraphs"], lines))
    else:
        assert item.lines is not None
        planned += [Planned(item, r, item.lines) for r in PARAGRAPH_RENDERINGS.values()]
    return [p for p in planned if only is None or p.rendering.name in only]


def render_all(
    items: list[RealList], out: Path, only: set[str] | None = None
) -> list[tuple[dict[str, Any], str, Path]]:
    """Write every skeleton's truth and renderings into ``out``; returns what to score
    as (truth, rendering name, file). PDFs are printed ``PRINT_BATCH`` Word files a run."""
    out.mkdir(parents=True, exist_ok=True)
    scored: list[tuple[dict[str, Any], str, Path]] = []
    with tempfile.TemporaryDirectory(prefix="corpus-real-") as tmp:
        to_print: list[Path] = []
        printed: list[tuple[Rendering[Any], Path]] = []
        for item in items:
            planned = plan(item, only)
            truth = item.truth([p.rendering.name for p in planned])
            (out / f"{item.name}.truth.json").write_text(
                json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8"
            )
            for p in planned:
                target = out / p.rendering.file_name(item.name)
                if p.rendering.printed:
                    source = Path(tmp) / f"{target.stem}.docx"
                    p.rendering.write(p.source, source)
                    to_print.append(source)
                    printed.append((p.rendering, target))
                else:
                    p.rendering.write(p.source, target)
                scored.append((truth, p.rendering.name, target))
        for start in range(0, len(to_print), PRINT_BATCH):
            print_pdfs(to_print[start : start + PRINT_BATCH], out)
        finish_printed(printed)
    return scored
