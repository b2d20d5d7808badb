"""Report renderers: every format carries the counts and the changes; suffixes are checked."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from rich.console import Console

from qingdan.diff import DiffReport, Status, compare
from qingdan.diff.render import (
    DiffFormat,
    diff_format_for,
    render_report,
    write_report,
)
from qingdan.diff.render.terminal import print_summary
from qingdan.writers.formats import UnknownOutputFormat
from tests.qingdan.diff.builders import document, record


def _report() -> DiffReport:
    old = document([
        record(1, "配合省土壤详查工作组开展重点行业企业信息采集。", support=["区科技局"]),
        record(2, "推进“垃圾围堰”整治工作。"),
    ])  # fmt: skip
    new = document([
        record(1, "配合省土壤详查工作组完成重点行业企业信息采集。", support=[],
               deadline="2020年12月"),
        record(2, "建立污染地块联动监管机制。", deadline="2020年12月"),
    ], year=2020)  # fmt: skip
    return compare(old, new)


def test_json_round_trips_into_the_model() -> None:
    report = _report()
    assert DiffReport.model_validate_json(render_report(report, DiffFormat.JSON)) == report
    data = json.loads(render_report(report, DiffFormat.JSON))
    assert list(data) == ["old", "new", "year_gap", "threshold", "summary", "entries"]


def test_csv_has_one_row_per_change_and_per_whole_task() -> None:
    report = _report()
    text = render_report(report, DiffFormat.CSV).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    changes = sum(len(e.changes) for e in report.entries)
    whole = sum(1 for e in report.entries if e.status in (Status.REMOVED, Status.ADDED))
    assert len(rows) == changes + whole
    measure = next(r for r in rows if r["field"] == "measure")
    assert (measure["old_seq"], measure["new_seq"], measure["rolled_forward"]) == ("1", "1", "no")
    assert next(r for r in rows if r["field"] == "support")["removed"] == "区科技局"
    assert {r["status"] for r in rows if not r["field"]} == {"removed", "added"}


def test_markdown_strikes_deletions_and_bolds_insertions() -> None:
    text = render_report(_report(), DiffFormat.MD).decode("utf-8")
    assert "| 0 | 1 | 1 | 1 |" in text
    assert "~~开展~~**完成**" in text
    assert "## 删除（1）" in text
    assert "推进“垃圾围堰”整治工作。" in text


def test_html_marks_deletions_and_insertions_and_escapes_text() -> None:
    report = _report()
    page = render_report(report, DiffFormat.HTML).decode("utf-8")
    assert "<del>开展</del><ins>完成</ins>" in page
    assert '<td id="count-removed">1</td>' in page
    assert "<script" not in page
    assert page.index('id="count-added"') < page.index("<section")


def test_terminal_summary_without_colours_marks_changes_as_wdiff_does() -> None:
    buffer = io.StringIO()
    print_summary(_report(), Console(file=buffer, width=200, color_system=None))
    out = buffer.getvalue()
    assert re.search(r"未变.*修改.*删除.*新增", out)
    assert "[-开展-]{+完成+}" in out
    assert "− 区科技局" in out
    assert "2019年12月 → 2020年12月" not in out  # rolled-forward deadlines are not news


@pytest.mark.parametrize("suffix", ["json", "csv", "md", "html", "HTML"])
def test_the_suffix_chooses_the_format(suffix: str, tmp_path: Path) -> None:
    target = tmp_path / f"report.{suffix}"
    write_report(_report(), target)
    assert diff_format_for(target).value == suffix.lower()
    assert target.read_bytes() == render_report(_report(), DiffFormat(suffix.lower()))


def test_an_unknown_suffix_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(UnknownOutputFormat, match=r"report\.docx: cannot write a diff as '\.docx'"):
        write_report(_report(), tmp_path / "report.docx")
    assert not (tmp_path / "report.docx").exists()
