"""The words of lists printed as paragraphs and of titles are data (``data/paragraphs.toml``
and ``data/titles.toml``, read through ``Knowledge.paragraphs`` and ``Knowledge.titles``):
a word a user adds takes effect, and every key of the files and every field of their
words is read by a step."""

from __future__ import annotations

import ast
import copy
from pathlib import Path
from typing import Any

import pytest
from qingdan.extract.grid import Extracted, RawDocument
from qingdan.normalize import Knowledge, TaskList, normalize
from qingdan.normalize.datafiles import builtin
from qingdan.normalize.document_info import describe_document
from qingdan.normalize.paragraph_words import ParagraphWords
from qingdan.normalize.title_words import TitleWords

NORMALIZE = Path(__file__).parents[2] / "normalize"


def listed(knowledge: Knowledge, *lines: str) -> TaskList:
    raw = RawDocument("list.txt", "txt", "0" * 64, Extracted(tables=[], text_before=list(lines)))
    return normalize(raw, knowledge)


def with_words(tmp_path: Path, text: str, vocabulary: str = "paragraphs") -> Knowledge:
    """The built-in knowledge with a user's file of ``text`` for one vocabulary."""
    user = tmp_path / f"{vocabulary}.toml"
    user.write_text(text, encoding="utf-8")
    return Knowledge.load(**{vocabulary: user})


def test_an_added_title_word_makes_numbered_paragraphs_a_task_list(tmp_path: Path) -> None:
    lines = ("某镇2024年督办事项", "1.硬化村道两公里。", "2.新建公厕三座。")
    with pytest.raises(Exception, match="no table"):
        listed(Knowledge.load(), *lines)
    knowledge = with_words(tmp_path, 'task_list = ["督办事项"]\n', "titles")
    assert [r.measure for r in listed(knowledge, *lines).records] == [
        "硬化村道两公里。",
        "新建公厕三座。",
    ]


def test_an_added_period_word_starts_the_progress(tmp_path: Path) -> None:
    lines = ("某镇2024年惠民项目完成情况", "1.硬化村道两公里。前两月，已完工一公里。")
    [before] = listed(Knowledge.load(), *lines).records
    assert before.extra == {}
    knowledge = with_words(tmp_path, '[progress]\nperiods = ["前两月"]\n')
    [after] = listed(knowledge, *lines).records
    assert (after.measure, after.extra) == (
        "硬化村道两公里。",
        {"完成情况": "前两月，已完工一公里。"},
    )


def test_an_added_status_word_is_kept_apart_from_the_measure(tmp_path: Path) -> None:
    lines = ("某镇巡察反馈问题整改报告", "（一）台账不全。", "已销号。补齐全部台账。")
    [before] = listed(Knowledge.load(), *lines).records
    assert before.measure == "已销号。补齐全部台账。"
    knowledge = with_words(tmp_path, '[rectification]\nstates = ["已销号"]\n')
    [after] = listed(knowledge, *lines).records
    assert after.measure == "补齐全部台账。"
    assert after.extra == {"存在问题": "台账不全。", "整改情况": "已销号。"}


def test_an_added_section_lead_verb_gives_the_heading_unit_the_lead(tmp_path: Path) -> None:
    lines = ("2024年镇政府工作任务清单", "一、镇农业办主责事项（1项）", "1.新建高标准农田500亩。")
    [before] = listed(Knowledge.load(), *lines).records
    assert before.lead == []
    knowledge = with_words(tmp_path, '[section_lead]\nverbs = ["主责"]\n')
    [after] = listed(knowledge, *lines).records
    assert after.lead == ["镇农业办"]


def test_an_added_title_word_names_the_list_in_plain_lines(tmp_path: Path) -> None:
    lines = ["附件", "内部资料 注意保存", "某镇2024年民生项目汇编"]
    assert describe_document(lines, Knowledge.load().titles).title == "内部资料 注意保存"
    knowledge = with_words(tmp_path, 'names_list = ["汇编"]\n', "titles")
    assert describe_document(lines, knowledge.titles).title == "某镇2024年民生项目汇编"


def _leaves(data: dict[str, Any], path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = []
    for key, value in data.items():
        if isinstance(value, dict):
            found += _leaves(value, (*path, key))
        else:
            found.append((*path, key))
    return found


WORD_FILES = {"paragraphs.toml": ParagraphWords, "titles.toml": TitleWords}


@pytest.mark.parametrize(
    ("file", "leaf"),
    [(file, leaf) for file in WORD_FILES for leaf in _leaves(builtin(file))],
    ids=lambda value: "/".join(value) if isinstance(value, tuple) else value,
)
def test_every_key_of_the_files_is_read(file: str, leaf: tuple[str, ...]) -> None:
    data = copy.deepcopy(builtin(file))
    table = data
    for key in leaf[:-1]:
        table = table[key]
    del table[leaf[-1]]
    with pytest.raises(KeyError):
        WORD_FILES[file].from_data(data)


def _attributes_asked() -> set[str]:
    """Every attribute name some normalize module reads (``x.name``), outside the module
    that builds the words."""
    names: set[str] = set()
    for path in NORMALIZE.rglob("*.py"):
        if path.name in ("paragraph_words.py", "title_words.py"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names |= {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
    return names


@pytest.mark.parametrize("words", WORD_FILES.values(), ids=lambda words: words.__name__)
def test_every_word_table_is_asked_by_a_step(words: type[ParagraphWords | TitleWords]) -> None:
    assert set(words._fields) - _attributes_asked() == set()
