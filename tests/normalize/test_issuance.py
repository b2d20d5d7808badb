"""The document's own metadata when printed: 发文字号, 发文机关, 成文日期 (issue 32)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from qingdan.normalize.document_info import Issuance, describe_document, read_issuance
from qingdan.normalize.knowledge import Knowledge

from qingdan import convert

TITLES = Knowledge.load().titles
"""The built-in title words (``data/titles.toml``)."""

TASKS = (
    "序号\t工作任务\t牵头单位\t完成时限\n"
    "1\t实施老旧小区改造项目，完成改造任务并组织验收\t县住建局\t2023年6月底前\n"
    "2\t深化行政审批制度改革，压缩审批时限\t县发改局\t2023年底前\n"
)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["某政办发〔2023〕12号", "2023年工作任务清单"], Issuance("某政办发〔2023〕12号")),
        (["某发改〔2021〕第3号"], Issuance("某发改〔2021〕第3号")),
        (["某环委办[2019]7号"], Issuance("某环委办[2019]7号")),
        (
            ["某县人民政府办公室", "2023年3月1日"],
            Issuance(None, "某县人民政府办公室", date(2023, 3, 1)),
        ),
        (
            ["某县人民政府", "二〇二三年十二月三十一日"],
            Issuance(None, "某县人民政府", date(2023, 12, 31)),
        ),
        (["某县人民政府", "2023 年 3 月 1 日"], Issuance(None, "某县人民政府", date(2023, 3, 1))),
        # A date under a sentence: dated, but no signature above it.
        (["以上任务请认真落实。", "2023年3月1日"], Issuance(None, None, date(2023, 3, 1))),
        # A number cited inside a sentence is another document's.
        (["根据《实施意见》（某政发〔2022〕5号）制定本清单"], Issuance()),
        # A deadline or a date inside a line is not the 成文日期.
        (["2023年6月底前", "截至2023年3月1日"], Issuance()),
        (["某县人民政府", "2023年2月30日"], Issuance()),
        ([], Issuance()),
    ],
)
def test_printed_lines_give_the_metadata(lines: list[str], expected: Issuance) -> None:
    assert read_issuance(lines, TITLES) == expected


def test_a_doc_number_is_not_part_of_the_title() -> None:
    info = describe_document(["某政办发〔2023〕12号", "某县2023年重点工作任务清单"], TITLES)
    assert info.title == "某县2023年重点工作任务清单"


@given(st.lists(st.text(alphabet="某县局办发年月日〔〕号0123456789，。 ", max_size=20), max_size=6))
def test_free_text_never_breaks_the_reading(lines: list[str]) -> None:
    found = read_issuance(lines, TITLES)
    assert found.doc_number is None or found.doc_number.endswith("号")
    assert found.issuer is None or found.issued is not None


def test_a_table_list_with_its_doc_number_above(tmp_path: Path) -> None:
    source = tmp_path / "list.txt"
    source.write_text(
        "某政办发〔2023〕12号\n附件1\n某县2023年重点工作任务清单\n" + TASKS, encoding="utf-8"
    )
    info = convert(source).document
    assert (info.doc_number, info.issuer, info.issued) == ("某政办发〔2023〕12号", None, None)
    assert info.title == "某县2023年重点工作任务清单"


def test_a_paragraph_list_with_its_closing_signature_and_date(tmp_path: Path) -> None:
    source = tmp_path / "list.txt"
    source.write_text(
        "某县2023年重点工作任务\n一、推进城市更新\n"
        "1.实施老旧小区改造项目，完成改造任务并组织验收。（牵头单位：县住建局）\n"
        "2.深化行政审批制度改革，压缩审批时限。（牵头单位：县发改局）\n"
        "某县人民政府办公室\n2023年3月1日\n",
        encoding="utf-8",
    )
    document = convert(source)
    info = document.document
    assert (info.doc_number, info.issuer, info.issued) == (
        None,
        "某县人民政府办公室",
        date(2023, 3, 1),
    )
    assert [r.measure for r in document.records][-1] == "深化行政审批制度改革，压缩审批时限。"


def test_nothing_printed_gives_null(tmp_path: Path) -> None:
    source = tmp_path / "list.txt"
    source.write_text("某县2023年重点工作任务清单\n" + TASKS, encoding="utf-8")
    info = convert(source).document
    assert (info.doc_number, info.issuer, info.issued) == (None, None, None)
    assert '"doc_number":null,"issuer":null,"issued":null' in info.model_dump_json()
