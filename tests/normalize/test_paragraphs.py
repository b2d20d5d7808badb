"""Numbered-paragraph lists (normalize/paragraphs.py): text lines read as a task list."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from qingdan.extract.errors import NoTableFound
from qingdan.extract.grid import Extracted, RawDocument
from qingdan.normalize import TaskList, normalize

import qingdan
from benchmarks.corpus import golden_file, shared_expectations
from tests.conftest import SAMPLES


def listed(*lines: str) -> TaskList:
    """The task list normalized from a document whose only content is ``lines``."""
    raw = RawDocument("list.txt", "txt", "0" * 64, Extracted(tables=[], text_before=list(lines)))
    return normalize(raw)


def fields(document: TaskList, *names: str) -> list[tuple[Any, ...]]:
    return [tuple(getattr(record, name) for name in names) for record in document.records]


TITLE = ("附件1", "新区2019年重点工作任务清单")


def test_items_sections_categories_and_role_lines() -> None:
    document = listed(
        *TITLE,
        "一、持续打好蓝天保卫战",
        "（一）散煤治理",
        "1.完成1200户居民“煤改电”改造。",
        "牵头单位：区发展改革委",
        "配合单位：区财政局、区住房城乡建设局",
        "完成时限：2019年10月底前",
        "2.开展散煤销售点排查整治，",
        "依法查处违规销售行为。",
        "牵头单位：区市场监管局",
        "二、优化营商环境",
        "3.压缩企业开办时间。",
        "牵头单位：区行政审批服务局",
        "完成时限：长期坚持",
    )
    assert (document.title, document.attachment, document.year) == (TITLE[1], "附件1", 2019)
    assert fields(document, "section", "category", "no", "measure") == [
        ("一、持续打好蓝天保卫战", "散煤治理", "1", "完成1200户居民“煤改电”改造。"),
        (
            "一、持续打好蓝天保卫战",
            "散煤治理",
            "2",
            "开展散煤销售点排查整治，依法查处违规销售行为。",
        ),
        ("二、优化营商环境", None, "3", "压缩企业开办时间。"),
    ]
    assert fields(document, "lead", "support", "deadline") == [
        (["区发展改革委"], ["区财政局", "区住房城乡建设局"], "2019年10月底前"),
        (["区市场监管局"], [], None),
        (["区行政审批服务局"], [], "长期坚持"),
    ]
    assert [c.label for c in document.columns] == [
        "序号", "类别", "任务内容", "牵头单位", "配合单位", "完成时限",
    ]  # fmt: skip
    assert document.warnings[0].code == "paragraph-list"
    assert "3 numbered paragraphs" in document.warnings[0].message


def test_a_wrapped_role_line_continues_its_value() -> None:
    document = listed(
        "1.做好某事。",
        "牵头单位：生态环境",
        "— 2 —",  # a page number between two lines of a PDF
        "新城分局",
        "配合单位：区财政局、",
        "区住建局",
    )
    assert fields(document, "lead", "support") == [(["生态环境新城分局"], ["区财政局", "区住建局"])]


def test_a_line_naming_several_roles_is_read_from_its_words() -> None:
    document = listed(
        "1.落实施工工地扬尘管控。牵头单位：区住建局；配合单位：区城管局；完成时限：6月底前",
        "2.修订预案。",
        "责任单位：区应急局牵头，区水务局配合",
        "时间节点：年底前",
        "备注：纳入考核",
    )
    assert fields(document, "measure", "lead", "support", "deadline", "extra") == [
        ("落实施工工地扬尘管控。", ["区住建局"], ["区城管局"], "6月底前", {}),
        ("修订预案。", ["区应急局"], ["区水务局"], "年底前", {"备注": "纳入考核"}),
    ]


def test_chinese_numbered_items_under_sections() -> None:
    document = listed(
        *TITLE,
        "一、提升政务服务",
        "（一）压缩企业开办时间。",
        "责任单位：区审批局",
        "（二）推进“一网通办”。",
        "责任单位：区政务服务中心",
    )
    assert fields(document, "section", "category", "no", "measure", "lead") == [
        ("一、提升政务服务", None, "（一）", "压缩企业开办时间。", ["区审批局"]),
        ("一、提升政务服务", None, "（二）", "推进“一网通办”。", ["区政务服务中心"]),
    ]


def test_sub_items_belong_to_the_measure() -> None:
    document = listed(
        "1.推进三项工作：",
        "（1）完善制度；",
        "（2）落实责任。",
        "牵头单位：区发改委",
        "（3）年底前总结。",
    )
    [record] = document.records
    assert record.measure == "推进三项工作：（1）完善制度；（2）落实责任。（3）年底前总结。"


def test_text_between_a_heading_and_its_first_item_is_named_in_a_warning() -> None:
    document = listed(
        "一、总体要求",
        "坚持问题导向。",
        "1.做好某事。",
        "牵头单位：区发改委",
    )
    assert len(document.records) == 1
    messages = [w.message for w in document.warnings if w.code == "paragraph-text"]
    assert messages == ["text under a heading but in no task: 坚持问题导向。"]


@pytest.mark.parametrize(
    "lines",
    [
        ("附件1", "关于印发工作方案的通知", "各街道办事处：", "现将方案印发给你们。"),
        ("一、总体要求", "1.坚持问题导向。", "2.坚持系统观念。", "二、保障措施"),
    ],
    ids=["no-numbering", "numbered-but-no-roles"],
)
def test_text_without_role_lines_is_not_a_list(lines: tuple[str, ...]) -> None:
    with pytest.raises(NoTableFound, match="no table found"):
        listed(*lines)


def test_a_task_table_wins_over_paragraphs(tmp_path: Path) -> None:
    path = tmp_path / "list.txt"
    path.write_text(
        "1.做好某事。\n牵头单位：区发改委\n\n\t工作措施\n\t牵头单位\n\n\t措施甲\n\t区财政局\n",
        encoding="utf-8",
    )
    document = qingdan.convert(path)
    assert [(r.measure, r.lead) for r in document.records] == [("措施甲", ["区财政局"])]


# --- The paragraph renderings of the samples give the table's records ------------------


def _records(path: Path) -> list[dict[str, Any]]:
    data = json.loads(qingdan.convert(path).model_dump_json())
    records: list[dict[str, Any]] = data["records"]
    for record in records:
        record.pop("page")
    return records


def _spec_has_numbers(sample: Path) -> bool:
    name = sample.name.removesuffix(f"_paragraphs{sample.suffix}")
    spec = json.loads((SAMPLES / "sources" / f"{name}.json").read_text(encoding="utf-8"))
    return "序号" in spec["header"][0]


PARAGRAPH_SAMPLES = sorted(SAMPLES.glob("*_paragraphs.pdf")) + sorted(
    SAMPLES.glob("*_paragraphs.docx")
)


@pytest.mark.parametrize("sample", PARAGRAPH_SAMPLES, ids=lambda p: p.name)
def test_paragraph_rendering_gives_the_records_of_the_table(sample: Path) -> None:
    """Every field as the DOCX table gives it (the category heading's （一） is
    numbering, not part of the category), except where the table has no 序号 column:
    there the items' own numbering is ``no``."""
    table = sample.with_name(sample.name.replace("_paragraphs" + sample.suffix, "_merged.docx"))
    golden = json.loads(golden_file(table, shared_expectations(SAMPLES)).read_text("utf-8"))
    expected = golden["records"]
    numbered = _spec_has_numbers(sample)
    actual = _records(sample)
    assert len(actual) == len(expected)
    for got, want in zip(actual, expected, strict=True):
        want.pop("page", None)
        if not numbered:
            assert got["no"] == str(got["seq"])
            got["no"] = want["no"]
        assert got == want, f"record {want['seq']}"


def test_every_sample_has_its_paragraph_renderings() -> None:
    names = {p.name for p in PARAGRAPH_SAMPLES}
    for table in SAMPLES.glob("*_merged.docx"):
        stem = table.name.removesuffix("_merged.docx")
        assert {f"{stem}_paragraphs.docx", f"{stem}_paragraphs.pdf"} <= names, stem


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("要点.txt", "附件1\n新区2019年工作要点\n1.做好某事。\n牵头单位：区发改委\n".encode()),
        (
            "要点.html",
            "<h1>新区2019年工作要点</h1><p>1.做好某事。</p><p>牵头单位：区发改委</p>".encode(),
        ),
    ],
    ids=["txt", "html"],
)
def test_a_file_with_a_paragraph_list_converts(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    document = qingdan.convert(path)
    assert document.document.title == "新区2019年工作要点"
    assert [(r.no, r.measure, r.lead) for r in document.records] == [
        ("1", "做好某事。", ["区发改委"])
    ]
