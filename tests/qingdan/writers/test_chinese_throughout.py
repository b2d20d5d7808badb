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
from qingdan.writers.reason_text import REASONS_FILE, reason_text, reasons
from qingdan.writers.warning_text import CATALOGUE_FILE, OTHER, catalogue, warning_text
from qingdan.writers.workload import workload_table
from qingdan.writers.workload_html import workload_html
from tests.cli_runner import invoke
from tests.conftest import SAMPLES
from tests.qingdan.chinese import english
from tests.qingdan.diff.builders import document, record


def test_the_detector_finds_english_and_passes_chinese() -> None:
    assert english("deadline '汛期' names no date") == ["names no date"]
    assert english("完成时限未写明可推算的日期：汛期") == []
    assert english("内容由文字识别（OCR）读出 list.txt") == []
    assert english("需要 OCR 扩展：`pip install 'qingdan[ocr]'`") == []
    assert english("qingdan: error: x.txt: file is empty") != []


@pytest.mark.parametrize(
    "data_file", [LABELS_FILE, CATALOGUE_FILE, REASONS_FILE], ids=lambda p: p.name
)
def test_every_label_value_map_and_catalogue_entry_is_chinese(data_file: Path) -> None:
    with data_file.open("rb") as handle:
        data = tomllib.load(handle)
    texts = [
        (f"{table}.{key}", value if isinstance(value, str) else value["text"])
        for table, entries in data.items()
        if isinstance(entries, dict)
        for key, value in entries.items()
    ]
    texts += [(pattern["match"], pattern["text"]) for pattern in data.get("patterns", [])]
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
        "表格中或表格下的注释行、签署行，不作为任务：注：以下由各镇落实"
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


# --- failure reasons: the CLI's one-line errors, the batch summary, errors.json ---------

ROOT = Path(__file__).resolve().parents[3]
ERROR_CLASS = re.compile(r"^class (\w+)\((?:\w+\.)?(?:QingdanError|BrokenOutput)\)", re.M)


def test_every_error_kind_has_a_catalogue_sentence() -> None:
    """A new error class raised on purpose needs its Chinese sentence (drift)."""
    found = {
        name
        for folder in ("extract", "normalize", "schema", "qingdan")
        for source in (ROOT / folder).rglob("*.py")
        for name in ERROR_CLASS.findall(source.read_text(encoding="utf-8"))
    }
    assert len(found) > 20
    assert sorted(found - set(reasons().kinds)) == []


def test_a_reason_reads_as_its_pattern_its_kind_or_itself() -> None:
    assert reason_text("EmptyFile", "file is empty") == "文件为空"
    assert reason_text("BrokenFile", "page 3 cannot be read (damaged PDF: x)") == (
        "第 3 页无法读取（PDF 已损坏）"
    )
    assert reason_text("BrokenFile", "something new 'x'") == "文件已损坏，或内容与扩展名不符"
    assert reason_text("NewError", "odd") == reasons().kinds["other"]
    assert reason_text("NotRecords", "不是任务记录") == "不是任务记录"


def _bad_folder(folder: Path) -> None:
    """A folder of attachments that fail in the usual ways, one good one and a note."""
    from tests.qingdan.bad_inputs import build_folder

    build_folder(folder)
    for slow in ("bad/scan.pdf", "pdf/seed.pdf", "docx/seed.docx", "encodings/utf16.txt"):
        (folder / slow).unlink()  # OCR and engines: their reasons are below, alone
    (folder / "说明.md").write_text("附件说明\n", encoding="utf-8")
    (folder / "bad" / "list.odt").write_bytes(b"PK")  # a document no reader handles


def _seen(text: str, folder: Path) -> list[str]:
    """The lines of ``text`` with English in them (the test's own folder aside)."""
    return [line for line in text.replace(str(folder), "").splitlines() if english(line)]


def test_a_batch_summary_errors_json_and_files_sheet_are_chinese(tmp_path: Path) -> None:
    source, out = tmp_path / "附件", tmp_path / "结果"
    _bad_folder(source)
    result = invoke(["convert", str(source), "-o", f"{out}/"])
    assert result.exit_code == 1, result.output
    assert "失败:" in result.stderr and "文件为空" in result.stderr
    assert _seen(result.stderr, tmp_path) == []
    entries = json.loads((out / "errors.json").read_text(encoding="utf-8"))
    assert {entry["error"] for entry in entries} >= {"EmptyFile", "BrokenFile", "Skipped"}
    assert [e["reason"] for e in entries if english(e["reason"])] == []
    assert all(entry["detail"] for entry in entries)  # the English reason, for programs
    files = load_workbook(out / "all.xlsx")["文件"]
    reasons_shown = [str(row[4]) for row in files.iter_rows(min_row=2, values_only=True)]
    assert any(reasons_shown) and [r for r in reasons_shown if english(r)] == []


@pytest.mark.parametrize(
    "arguments",
    [
        ["convert", "{tmp}/没有这个文件.txt"],
        ["convert", "{tmp}/empty.txt"],
        ["convert", "{tmp}/garbage.pdf"],
        ["convert", "{tmp}/空文件夹", "-o", "{tmp}/out/"],
        ["convert", "{tmp}/empty.txt", "{tmp}/garbage.pdf"],
        ["convert", "{tmp}/empty.txt", "-o", "{tmp}/x.json", "-f", "csv"],
        ["convert", "{tmp}/empty.txt", "-o", "{tmp}/x.json", "--resume"],
        ["convert", "{tmp}/empty.txt", "-o", "{tmp}/x.bin"],
        ["convert", "{tmp}/empty.txt", "--export-columns", "{tmp}/empty.txt"],
        ["departments", "{tmp}/empty.txt"],
        ["departments", "{tmp}/空文件夹"],
        ["diff", "{tmp}/garbage.pdf", "{tmp}/empty.txt"],
        ["extract", "{tmp}/garbage.pdf"],
        ["convert", "{tmp}/empty.txt", "--db", "nosuchdb://x"],
        ["convert", "{tmp}/empty.txt", "--aliases", "{tmp}/garbage.pdf"],
    ],
    ids=lambda a: " ".join(a).replace("{tmp}/", ""),
)
def test_a_cli_error_line_is_chinese_with_its_exit_code(
    arguments: list[str], tmp_path: Path
) -> None:
    (tmp_path / "空文件夹").mkdir()
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "garbage.pdf").write_bytes(bytes(range(256)) * 8)
    result = invoke([a.replace("{tmp}", str(tmp_path)) for a in arguments])
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert lines and all(line.startswith("qingdan: 错误: ") for line in lines), lines
    assert _seen(result.stderr, tmp_path) == []
    assert "Traceback" not in result.stderr
