"""One ``ReaderSpec`` per format is the one registry (issue 26): every step asks it, so a
format added there reaches reading, the inputs scan, the command line and the docs."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from qingdan.extract import READERS, formats, read_document, spec_for
from qingdan.extract.errors import UnsupportedFormat
from qingdan.extract.formats import FORMATS, ReaderSpec, supported_suffixes
from qingdan.extract.grid import Extracted, RawRow, RawTable
from qingdan.extract.options import ReadOptions

from qingdan import reference
from qingdan.inputs import UNREAD_DOCUMENT_SUFFIXES, collect_inputs
from tests.cli_runner import invoke

ROOT = Path(__file__).resolve().parents[2]


def test_no_suffix_is_registered_twice() -> None:
    suffixes = supported_suffixes()
    assert len(suffixes) == len(set(suffixes))
    assert all(s.startswith(".") and s == s.lower() for s in suffixes)
    assert not UNREAD_DOCUMENT_SUFFIXES & set(suffixes)


@pytest.mark.parametrize("spec", FORMATS, ids=lambda spec: spec.name)
def test_every_spec_names_a_reader_and_a_page_that_exist(spec: ReaderSpec) -> None:
    module, _, function = spec.reader.partition(":")
    assert callable(getattr(importlib.import_module(module), function))
    assert (ROOT / spec.docs).is_file()
    assert spec.name and spec.library


def test_the_suffix_views_are_the_specs() -> None:
    assert {s: spec.reader for spec in FORMATS for s in spec.suffixes} == READERS
    assert spec_for(".PDF") is spec_for(".pdf") is not None
    assert spec_for(".rtf") is None


def read_throwaway(data: bytes, path: Path, options: ReadOptions) -> Extracted:
    """The reader of the throwaway format: one line per row, cells split on '|'."""
    lines = data.decode("utf-8").splitlines()
    rows = [RawRow([cell.strip() for cell in line.split("|")]) for line in lines]
    return Extracted(tables=[RawTable(rows, name="throwaway")])


THROWAWAY = ReaderSpec(
    "throwaway", (".qdt",), f"{__name__}:read_throwaway", "a test", "docs/formats.md"
)
LIST = "序号|工作任务|牵头单位|完成时限\n1|建成污水处理厂|县住建局|2020年6月底前\n"


@pytest.fixture
def throwaway(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A registry holding one more format, and a file of it in a folder of its own."""
    monkeypatch.setattr(formats, "FORMATS", (*FORMATS, THROWAWAY))
    path = tmp_path / "in" / "清单.qdt"
    path.parent.mkdir()
    path.write_text(LIST, encoding="utf-8")
    return path


def test_a_spec_alone_reaches_the_reader(throwaway: Path) -> None:
    document = read_document(throwaway)
    assert document.format == "qdt"
    assert document.content.tables[0].rows[1].cells[1] == "建成污水处理厂"


def test_a_spec_alone_reaches_the_inputs_scan(throwaway: Path) -> None:
    found = collect_inputs([throwaway.parent])
    assert found.files == [throwaway] and not found.skipped and not found.ignored


def test_a_spec_alone_reaches_the_command_line(throwaway: Path, tmp_path: Path) -> None:
    assert ".qdt" in invoke(["convert", "-h"]).stdout
    other = tmp_path / "x.zzz"
    other.write_text("x", encoding="utf-8")
    with pytest.raises(UnsupportedFormat, match=r"supported: .*\.qdt"):
        read_document(other)
    result = invoke(["convert", str(throwaway), "-o", str(tmp_path / "out.json")])
    assert result.exit_code == 0, result.output
    assert "建成污水处理厂" in (tmp_path / "out.json").read_text(encoding="utf-8")


def test_a_spec_alone_reaches_the_docs_check(throwaway: Path) -> None:
    """The docs follow the registry: with one more format their tables are stale."""
    assert {"README.md", "README.zh.md", "docs/formats.md"} <= set(reference.stale_files())


def test_a_spec_is_frozen() -> None:
    with pytest.raises(AttributeError):
        THROWAWAY.name = "x"  # type: ignore[misc]
