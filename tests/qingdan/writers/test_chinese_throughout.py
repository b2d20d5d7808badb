"""Chinese for every message and value a person reads (issue 32): the labels, the value
maps, the warning catalogue and the reports built from them hold no English sentence,
while the machine fields (JSON keys and values, warning codes) keep their codes."""

from __future__ import annotations

import html
import io
import json
import re
import tomllib
from pathlib import Path

import pytest
from openpyxl import load_workbook
from qingdan.schema import WarningCode
from rich.console import Console

from qingdan.diff import compare
from qingdan.diff.render import DiffFormat, render_report
from qingdan.diff.render.labels import FIELD_LABELS, STATUS_LABELS, WORDS
from qingdan.diff.render.terminal import print_summary
from qingdan.workload import workload
from qingdan.writers.labels import LABELS_FILE
from qingdan.writers.warning_text import CATALOGUE_FILE, OTHER, catalogue, warning_text
from qingdan.writers.workload import workload_table
from qingdan.writers.workload_html import workload_html
from tests.cli_runner import invoke
from tests.conftest import SAMPLES
from tests.qingdan.diff.builders import document, record

ENGLISH_SENTENCE = re.compile(r"[A-Za-z]{2,}(?:[ ,;:'()-]+[A-Za-z]{2,})+")
"""Two English words in a row: a phrase or a sentence (a lone code or OCR is not one)."""
FILE_NAME = re.compile(r"[\w.-]+\.(?:txt|docx|json|xlsx|csv|pdf)")


def english(text: str) -> list[str]:
    """The English phrases in a text a person reads (file names aside)."""
    return ENGLISH_SENTENCE.findall(FILE_NAME.sub("", text))


def test_the_detector_finds_english_and_passes_chinese() -> None:
    assert english("deadline '汛期' names no date") == ["names no date"]
    assert english("完成时限未写明可推算的日期：汛期") == []
    assert english("内容由文字识别（OCR）读出 list.txt") == []


@pytest.mark.parametrize("data_file", [LABELS_FILE, CATALOGUE_FILE], ids=lambda p: p.name)
def test_every_label_value_map_and_catalogue_entry_is_chinese(data_file: Path) -> None:
    with data_file.open("rb") as handle:
        data = tomllib.load(handle)
    texts = [
        (f"{table}.{key}", value if isinstance(value, str) else value["text"])
        for table, entries in data.items()
        for key, value in entries.items()
    ]
    assert texts
    assert [(where, text) for where, text in texts if english(text)] == []


def test_the_report_labels_are_chinese() -> None:
    for text in [*STATUS_LABELS.values(), *FIELD_LABELS.values(), *WORDS.values()]:
        assert not english(text), text


def test_every_warning_code_has_a_catalogue_sentence_and_no_other() -> None:
    codes = {code.value for code in WarningCode}
    assert sorted(codes - set(catalogue())) == []
    assert sorted(set(catalogue()) - codes) == [OTHER]


def test_a_message_shows_the_sentence_and_what_it_quotes() -> None:
    assert warning_text("deadline", "deadline '汛期' names no date") == (
        "完成时限未写明可推算的日期：汛期"
    )
    assert warning_text("table-note", "note in the table: 注：以下由各镇落实") == (
        "表格中的注释行，不作为任务：注：以下由各镇落实"
    )
    assert warning_text("no-lead", "task names no lead unit") == "任务未写明牵头单位"
    assert warning_text("new-code", "something odd") == f"{catalogue()[OTHER]}（new-code）"
    assert warning_text("no-measure", "第2行没有工作措施") == "第2行没有工作措施"


def test_a_workbook_a_person_reads_is_chinese_and_its_json_keeps_codes(tmp_path: Path) -> None:
    source = SAMPLES / "004_beitang_flood_2019_merged.docx"  # 汛期: a deadline warning
    out = tmp_path / "list.xlsx"
    assert invoke(["convert", str(source), "-o", str(out)]).exit_code == 0
    workbook = load_workbook(out)
    seen = [
        str(cell.value)
        for sheet in workbook.worksheets
        if sheet.sheet_state == "visible"
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    ]
    assert "完成时限未写明可推算的日期：汛期" in seen
    assert "持续推进" in seen or "具体日期" in seen
    assert [text for text in seen if english(text)] == []
    as_json = invoke(["convert", str(source)])
    data = json.loads(as_json.stdout)
    assert {r["due_kind"] for r in data["records"]} <= {"date", "ongoing", "recurring", None}
    assert [w["code"] for w in data["warnings"]] == ["deadline"]


def test_the_diff_reports_a_person_reads_are_chinese() -> None:
    old = document([record(1, "推进“垃圾围堰”整治工作。", support=["区科技局"])])
    new = document(
        [record(1, "完成“垃圾围堰”整治工作。"), record(2, "建立联动监管机制。")], year=2020
    )
    report = compare(old, new)
    markdown = render_report(report, DiffFormat.MD).decode("utf-8")
    page = render_report(report, DiffFormat.HTML).decode("utf-8")
    body = html.unescape(re.sub(r"<[^>]+>", " ", page.split("</style>")[1]))
    buffer = io.StringIO()
    print_summary(report, Console(file=buffer, width=200, color_system=None))
    for text in (markdown, body, buffer.getvalue()):
        assert english(text) == [], text


def test_the_department_report_a_person_reads_is_chinese() -> None:
    load = workload([SAMPLES / "000_eaf823a1ce4555f0.txt"])
    page = workload_html(load).decode("utf-8")
    body = html.unescape(re.sub(r"<[^>]+>", " ", page.split("</style>")[1]))
    buffer = io.StringIO()
    Console(file=buffer, width=200, color_system=None).print(workload_table(load))
    for text in (body, buffer.getvalue()):
        assert english(text) == [], text
