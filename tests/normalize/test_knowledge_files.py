"""The user's column, alias and department files, in the encodings Windows saves them
in; a bad one is one line and exit 2 (issue 17)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from qingdan.normalize.knowledge import KnowledgeFileError, read_data_file, read_text_file

from tests.cli_runner import invoke

DUMP = "\t具体举措\n\t牵头单位\n\n\t治理扬尘\n\t国土新城分局\n"


def convert(dump: Path, *options: str) -> dict:  # type: ignore[type-arg]
    result = invoke(["convert", str(dump), *options])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


@pytest.fixture
def dump(tmp_path: Path) -> Path:
    path = tmp_path / "list.txt"
    path.write_text(DUMP, encoding="utf-8")
    return path


@pytest.mark.parametrize("encoding", ["gbk", "utf-16", "utf-8-sig"])
def test_a_columns_file_saved_in_gbk_or_utf16(dump: Path, tmp_path: Path, encoding: str) -> None:
    columns = tmp_path / "columns.toml"
    columns.write_bytes('measure = ["具体举措"]\n'.encode(encoding))
    [record] = convert(dump, "--columns", str(columns))["records"]
    assert record["measure"] == "治理扬尘"


@pytest.mark.parametrize("name", ["aliases.csv", "aliases.yaml"])
def test_an_alias_file_saved_in_gbk(dump: Path, tmp_path: Path, name: str) -> None:
    columns = tmp_path / "columns.toml"
    columns.write_text('measure = ["具体举措"]\n', encoding="utf-8")
    aliases = tmp_path / name
    text = "variant,canonical\n国土新城分局,市资源规划局新城分局\n"
    if name.endswith(".yaml"):
        text = "国土新城分局: 市资源规划局新城分局\n"
    aliases.write_bytes(text.encode("gbk"))
    [record] = convert(dump, "--columns", str(columns), "--aliases", str(aliases))["records"]
    assert "市资源规划局新城分局" in record["lead_canonical"]


def test_a_departments_file_saved_in_gbk(dump: Path, tmp_path: Path) -> None:
    departments = tmp_path / "departments.toml"
    departments.write_bytes('known = ["发改委新城分局"]\n'.encode("gbk"))
    assert read_data_file(departments) == {"known": ["发改委新城分局"]}
    columns = tmp_path / "columns.toml"
    columns.write_text('measure = ["具体举措"]\n', encoding="utf-8")
    convert(dump, "--columns", str(columns), "--departments", str(departments))


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("columns.toml", bytes(range(1, 32)) * 20, "not text in UTF-8, UTF-16 or GB18030/GBK"),
        ("columns.toml", "measure = [".encode("gbk"), "not valid TOML"),
        ("columns.yaml", b"a: [[[[", "not valid YAML"),
        ("columns.yaml", b"[" * 5000 + b"]" * 5000, "not valid YAML"),
        ("columns.yaml", b"!!python/object:os.system {}", "not valid YAML"),
        ("columns.json", b"{}", "expected a .toml, .yaml or .yml file"),
    ],
)
def test_a_bad_config_file_is_one_line_and_exit_2(
    dump: Path, tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(KnowledgeFileError, match=reason):
        read_data_file(path)
    result = invoke(["convert", str(dump), "--columns", str(path)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"qingdan: 错误: {path}: ")


def test_a_folder_given_as_a_config_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeFileError, match="cannot read: Is a directory"):
        read_text_file(tmp_path)
