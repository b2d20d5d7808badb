"""Progress and summary: a bar on a terminal, plain lines elsewhere, reasons on one line."""

from __future__ import annotations

import io
from pathlib import Path

from qingdan.batch import FileResult, Skipped, summarize
from qingdan.batch_report import BatchProgress, print_summary
from tests.qingdan.documents import make_document

RESULTS = [
    FileResult(Path("in/a.txt"), make_document([{}, {}])),
    FileResult(Path("in/" + "很长的文件名" * 20 + ".pdf"), None, "the PDF is encrypted", "X"),
]


def test_plain_lines_when_not_a_terminal() -> None:
    stream = io.StringIO()
    with BatchProgress(2, stream, terminal=False) as progress:
        for result in RESULTS:
            progress.advance(result)
    lines = stream.getvalue().splitlines()
    assert lines == [
        "[1/2] in/a.txt: 2 条记录",
        f"[2/2] {RESULTS[1].path}: 失败: PDF 已加密；请用 `--password` 提供密码",
    ]


def test_a_progress_bar_on_a_terminal() -> None:
    stream = io.StringIO()
    with BatchProgress(2, stream, terminal=True) as progress:
        for result in RESULTS:
            progress.advance(result)
    shown = stream.getvalue()
    assert "转换中" in shown and "2/2" in shown
    assert "[1/2]" not in shown


def test_summary_has_the_totals_and_one_line_per_bad_input() -> None:
    stream = io.StringIO()
    skipped = [Skipped(Path("in/x.xls"), "unsupported file type '.xls'")]
    print_summary(summarize(RESULTS, skipped, 2.25), RESULTS, skipped, stream)
    text = stream.getvalue()
    for column in ("文件", "记录", "警告", "失败", "用时"):
        assert column in text
    assert "│    3 │      1 │    2 │    0 │    1 │    1 │ 2.2s │" in text
    assert f"失败: {RESULTS[1].path}: PDF 已加密；请用 `--password` 提供密码\n" in text
    assert "跳过: in/x.xls: 不支持的文件类型 '.xls'" in text


def test_files_skipped_inside_folders_are_counted_by_type_on_one_line() -> None:
    stream = io.StringIO()
    skipped = [
        Skipped(Path("in/a.expected.json"), "unsupported file type '.json'", in_folder=True),
        Skipped(Path("in/b.expected.json"), "unsupported file type '.json'", in_folder=True),
        Skipped(Path("in/notes.md"), "unsupported file type '.md'", in_folder=True),
        Skipped(Path("in/table.xls"), "unsupported file type '.xls'", in_folder=True),
        Skipped(Path("named.md"), "unsupported file type '.md'"),
    ]
    print_summary(summarize(RESULTS, skipped, 1.0), RESULTS, skipped, stream)
    text = stream.getvalue()
    assert "跳过: named.md: 不支持的文件类型 '.md'" in text
    assert "跳过: in/table.xls: 不支持的文件类型 '.xls'" in text
    assert "文件夹中已忽略: 3 个不能读取的文件（.json ×2、.md）\n" in text
    assert "a.expected.json" not in text


HOSTILE = Path("in/清单\nqingdan: 错误: forged\x1b]0;title\x07.pdf")


def test_file_names_are_printed_escaped_in_the_summary_and_progress() -> None:
    failed = [FileResult(HOSTILE, None, "damaged\x1b[2J", "X")]
    skipped = [Skipped(Path("in/a\rb.md"), "unsupported file type '.md'")]
    stream = io.StringIO()
    print_summary(summarize(failed, skipped, 1.0), failed, skipped, stream)
    with BatchProgress(1, stream, terminal=False) as progress:
        progress.advance(failed[0])
    text = stream.getvalue()
    assert "\x1b" not in text and "\x07" not in text and "\r" not in text
    assert not any(line.startswith("qingdan: 错误:") for line in text.splitlines())
    assert "失败: in/清单\\nqingdan: 错误: forged\\x1b]0;title\\x07.pdf: " in text
    assert "跳过: in/a\\rb.md" in text


def test_file_names_beside_the_progress_bar_are_escaped() -> None:
    stream = io.StringIO()
    with BatchProgress(1, stream, terminal=True) as progress:
        progress.advance(FileResult(Path("清单\x1b]0;x\x07.pdf"), None, "damaged", "X"))
    shown = stream.getvalue()
    assert "\x1b]0;" not in shown and "\x07" not in shown  # the bar's own sequences are [..m
    assert "清单\\x1b]0;x" in shown


def test_a_long_batch_names_the_time_left_at_the_pace_so_far() -> None:
    from qingdan.batch_report import eta

    assert eta(10, 100, 30.0) == "0:04:30"  # 3 s a file, 90 files to go
    assert eta(1, 40, 4000.0) == "43:20:00"
    assert eta(2, 3, 1.0) is None  # a small batch
    assert eta(100, 100, 30.0) is None and eta(0, 100, 0.0) is None
