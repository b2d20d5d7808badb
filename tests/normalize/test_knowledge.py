"""One ``Knowledge`` holds every vocabulary; a swapped vocabulary reaches the records, and
no normalize module reads a data file behind it (issue 26)."""

from __future__ import annotations

import ast
import inspect
from datetime import date
from pathlib import Path

import pytest
from qingdan.normalize import Knowledge, normalize
from qingdan.normalize.datafiles import DATA_DIR, builtin
from qingdan.normalize.deadlines import DeadlineWords
from qingdan.normalize.knowledge import VOCABULARIES, KnowledgeFileError

from qingdan.cli import KNOWLEDGE_FILES
from tests.cli_runner import invoke
from tests.normalize.grids import raw_document

NORMALIZE = Path(__file__).parents[2] / "normalize"
READERS = {"knowledge.py", "datafiles.py", "snapshot.py"}
"""The only modules that open a knowledge file."""
FILE_READING = {
    "builtin",
    "parsed",
    "read_data_file",
    "read_text_file",
    "read_user_file",
    "read_csv_pairs",
    "DATA_DIR",
}
PARSERS = {"tomllib", "yaml", "csv", "json"}
DUMP = "2019年工作任务清单\n\t工作措施\n\t牵头单位\n\t完成时限\n\n\t治理扬尘\n\t区发改委\n\t雨季\n"
"""A text dump of a one-task list whose deadline is 雨季 (no built-in word)."""


def _grid(deadline: str) -> list[list[str]]:
    return [["工作措施", "牵头单位", "完成时限"], ["完善监测网络。", "区发改委", deadline]]


def test_a_swapped_deadline_vocabulary_changes_the_records() -> None:
    knowledge = Knowledge.load()
    words = builtin("deadlines.toml")
    words["seasons"]["雨季"] = {"month": 9}
    swapped = knowledge._replace(deadlines=DeadlineWords.from_data(words))
    raw = raw_document(_grid("雨季"))
    [before] = normalize(raw, knowledge).records
    [after] = normalize(raw, swapped).records
    assert (before.due, before.due_kind) == (None, None)
    assert (after.due, after.due_kind) == (date(2019, 9, 30), "date")


def test_a_users_deadline_file_is_merged_over_the_builtin_one(tmp_path: Path) -> None:
    user = tmp_path / "deadlines.toml"
    user.write_text('events = ["秋收"]\n[relative_years]\n"下一年" = 1\n', encoding="utf-8")
    knowledge = Knowledge.load(deadlines=user)
    assert "秋收" in knowledge.deadlines.events and "春节" in knowledge.deadlines.events
    [dated] = normalize(raw_document(_grid("下一年年底前")), knowledge).records
    assert dated.due == date(2020, 12, 31)
    [event] = normalize(raw_document(_grid("2019年秋收前")), knowledge).records
    assert (event.due, event.due_kind) == (None, None)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ('ongoing = ["长期"]\nsesons = {}\n', r"line 2: sesons: not a key.*did you mean seasons"),
        ('events = "春节"\n', r"line 1: events: expected a list"),
        ('[relative_years]\n"下一年" = "一"\n', r"line 2: 下一年: expected int"),
        ('[seasons]\n"雨季" = { month = 13 }\n', r"deadlines.toml: not a usable"),
        ('ongoing = ["长期"]\nevents = [春节]\n', r"not valid TOML.*at line 2"),
    ],
)
def test_a_bad_deadline_file_names_the_file_and_the_line(
    tmp_path: Path, content: str, reason: str
) -> None:
    user = tmp_path / "deadlines.toml"
    user.write_text(content, encoding="utf-8")
    with pytest.raises(KnowledgeFileError, match=reason):
        Knowledge.load(deadlines=user)
    dump = tmp_path / "list.txt"
    dump.write_text(DUMP, encoding="utf-8")
    result = invoke(["convert", str(dump), "--deadlines", str(user)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and str(user) in result.stderr


def test_the_deadlines_option_reaches_every_command(tmp_path: Path) -> None:
    user = tmp_path / "deadlines.yaml"
    user.write_text("seasons:\n  雨季: {month: 9}\n", encoding="utf-8")
    dump = tmp_path / "list.txt"
    dump.write_text(DUMP, encoding="utf-8")
    result = invoke(["convert", str(dump), "--deadlines", str(user)])
    assert result.exit_code == 0, result.stderr
    assert '"due": "2019-09-30"' in result.stdout
    for command in (["extract", "--explain"], ["departments"], ["diff", str(dump)]):
        found = invoke([command[0], *command[1:], str(dump), "--deadlines", str(user)])
        assert found.exit_code == 0, (command, found.stderr)


def test_every_data_file_is_a_vocabulary_of_the_knowledge() -> None:
    files = {path.name for path in DATA_DIR.glob("*.toml")}
    assert {vocabulary.file for vocabulary in VOCABULARIES.values()} == files
    assert tuple(VOCABULARIES) == Knowledge._fields


def test_the_command_line_offers_a_file_for_every_vocabulary() -> None:
    assert tuple(KNOWLEDGE_FILES) == tuple(VOCABULARIES)
    assert tuple(inspect.signature(Knowledge.load).parameters) == tuple(VOCABULARIES)


def test_the_builtin_knowledge_is_built_once_and_shared() -> None:
    assert Knowledge.load() is Knowledge.resolve(None) is Knowledge.load()


def _imported_names(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.update(alias.name for alias in node.names)
            names.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
    return names


def _reads_files(tree: ast.AST) -> list[str]:
    return [
        node.func.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ("read_text", "read_bytes", "open")
    ]


def test_no_normalize_module_reads_a_data_file_outside_the_knowledge() -> None:
    offenders = {}
    for path in sorted(NORMALIZE.rglob("*.py")):
        if path.name in READERS and path.parent == NORMALIZE:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found = (_imported_names(tree) & (FILE_READING | PARSERS)) | set(_reads_files(tree))
        if found:
            offenders[str(path.relative_to(NORMALIZE))] = sorted(found)
    assert offenders == {}


def test_the_check_finds_a_module_that_reads_its_own_file() -> None:
    sneaky = "from qingdan.normalize.datafiles import builtin\nWORDS = builtin('notes.toml')\n"
    assert _imported_names(ast.parse(sneaky)) & FILE_READING == {"builtin"}
    assert _reads_files(ast.parse("(DIR / 'x.toml').read_text()")) == ["read_text"]
