"""A long list's records flow one at a time from normalize to the output file (issue 29):
``qingdan convert DUMP -o OUT`` writes, through the streaming path, what the library's
whole ``Document`` gives, warnings found after the last record included. Memory is
measured by ``python -m benchmarks.text_dump_memory``, not here."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from benchmarks.text_dump_memory import write_dump
from qingdan.pipeline import convert
from qingdan.writers import OutputFormat, render
from qingdan.writers import spill as spill_module
from qingdan.writers.json import document_json
from qingdan.writers.warning_table import warnings_csv
from tests.cli_runner import invoke

LEADLESS_ROW = "\t土壤污染状况详查\n\t补充设置监测点位。\n\t\n\t\n\t2019年12月\n\n"
"""A task with no lead: its ``no-lead`` warning comes from the list-wide check, made
after the last record has passed."""


@pytest.fixture(scope="module")
def dump(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated text dump of about 1,200 task rows, one of them without a lead."""
    path = tmp_path_factory.mktemp("stream") / "dump.txt"
    write_dump(path, 0.5)
    with path.open("a", encoding="utf-8") as out:
        out.write(LEADLESS_ROW)
    return path


@pytest.fixture(autouse=True)
def small_spool(monkeypatch: pytest.MonkeyPatch) -> None:
    """Spill the CSV and XLSX rows to disk after 4 KB, as a long list's are."""
    monkeypatch.setattr(spill_module, "SPOOL_BYTES", 4096)


def _streamed(dump: Path, output: Path) -> bytes:
    result = invoke(["-q", "convert", str(dump), "-o", str(output)])
    assert result.exit_code == 0, result.stderr
    return output.read_bytes()


def test_the_streamed_json_is_the_whole_documents(dump: Path, tmp_path: Path) -> None:
    document = convert(dump)
    assert len(document.records) > 1000
    assert document.warnings[-1].code == "no-lead"
    assert document.warnings[-1].row == len(document.records)
    assert _streamed(dump, tmp_path / "out.json") == document_json(document)


def test_the_streamed_csv_and_its_warnings_are_the_whole_documents(
    dump: Path, tmp_path: Path
) -> None:
    document = convert(dump)
    assert _streamed(dump, tmp_path / "out.csv") == render(document, OutputFormat.CSV)
    sidecar = (tmp_path / "out.warnings.csv").read_bytes()
    assert sidecar == warnings_csv([document])


def _sheets(data: bytes) -> dict[str, list[list[object]]]:
    """Every sheet's values and each cell's fill colour (a warned row is yellow)."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    return {
        sheet.title: [
            [(cell.value, cell.fill.start_color.rgb) for cell in row] for row in sheet.iter_rows()
        ]
        for sheet in book.worksheets
    }


def test_the_streamed_workbook_is_the_whole_documents(dump: Path, tmp_path: Path) -> None:
    document = convert(dump)
    streamed = _sheets(_streamed(dump, tmp_path / "out.xlsx"))
    assert streamed == _sheets(render(document, OutputFormat.XLSX))
    warned_fill = streamed["任务清单"][-1][0][1]
    assert warned_fill.endswith("FFF2CC")  # the last record's late warning fills its row
