"""qingdan reads its own outputs back (issue 32): convert -> write -> read gives the same
records, a workbook corrected by hand reads back with the correction and diffs, and an
earlier run's outputs inside an input folder are skipped by their marks."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from qingdan.extract import READERS
from qingdan.normalize import Knowledge

import qingdan
from qingdan.diff import compare
from qingdan.readback import (
    BrokenOutput,
    NotRecords,
    output_kind,
    read_one,
    read_output,
    split_names,
)
from qingdan.writers import OutputFormat, render, render_many
from tests.cli_runner import invoke
from tests.conftest import SAMPLES, SEED

OFFICE = {".doc", ".wps", ".et"}  # read through LibreOffice: their records have tests of their own
SAMPLE_FILES = [
    p for p in sorted(SAMPLES.iterdir()) if p.suffix in READERS and p.suffix not in OFFICE
]
FORMATS = (OutputFormat.XLSX, OutputFormat.CSV, OutputFormat.JSONL)


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=lambda p: p.name)
def test_every_sample_reads_back_to_the_same_records(sample: Path, tmp_path: Path) -> None:
    document = qingdan.convert(sample)
    for fmt in FORMATS:
        output = tmp_path / f"list.{fmt.value}"
        output.write_bytes(render(document, fmt))
        assert output_kind(output) == fmt.value
        back = read_one(output)
        # Where a value was printed is JSON's only: a flat table has no ``cells`` column.
        flat = fmt is not OutputFormat.JSONL
        assert back.records == (_flat(document.records) if flat else document.records), fmt
        if fmt is OutputFormat.XLSX:  # the workbook keeps the description and warnings
            assert back.document == document.document
            assert back.warnings == document.warnings


def test_a_combined_output_reads_back_document_by_document(tmp_path: Path) -> None:
    documents = [qingdan.convert(SEED), qingdan.convert(SAMPLES / "001_xincheng_2020.txt")]
    for fmt in FORMATS:
        output = tmp_path / f"all.{fmt.value}"
        output.write_bytes(render_many(documents, fmt))
        back = read_output(output)
        flat = fmt is not OutputFormat.JSONL
        want = [_flat(d.records) if flat else d.records for d in documents]
        assert [d.records for d in back] == want, fmt
        assert [d.document.source for d in back] == [d.document.source for d in documents]


def test_a_workbook_corrected_by_hand_reads_back_and_diffs(tmp_path: Path) -> None:
    original = qingdan.convert(SEED)
    workbook_path = tmp_path / "list.xlsx"
    workbook_path.write_bytes(render(original, OutputFormat.XLSX))
    workbook = load_workbook(workbook_path)
    sheet = workbook["任务清单"]
    keys = [cell.value for cell in workbook["_qingdan"][2]]  # the headers are printed labels
    lead = keys.index("lead") + 1
    sheet.cell(row=3, column=lead).value = "区农业农村局"
    workbook.save(workbook_path)
    edited = qingdan.convert(workbook_path)  # recognised by its mark, not read as a table
    assert edited.records[1].lead == ["区农业农村局"]
    flat = _flat(original.records)
    assert edited.records[0] == flat[0]
    assert edited.records[2:] == flat[2:]
    report = compare(original, edited)
    assert (report.summary.modified, report.summary.unchanged) == (1, len(original.records) - 1)
    result = invoke(["diff", str(SEED), str(workbook_path), "-o", str(tmp_path / "d.json")])
    assert result.exit_code == 0, result.output
    summary = json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))["summary"]
    assert summary["modified"] == 1 and summary["added"] == summary["removed"] == 0


def test_a_unit_changed_by_hand_gets_its_canonical_name_again(tmp_path: Path) -> None:
    original = qingdan.convert(SEED)
    workbook_path = tmp_path / "list.xlsx"
    workbook_path.write_bytes(render(original, OutputFormat.XLSX))
    workbook = load_workbook(workbook_path)
    keys = [cell.value for cell in workbook["_qingdan"][2]]
    assert original.records[0].lead_canonical != ["区发展和改革委员会"]
    workbook["任务清单"].cell(row=2, column=keys.index("lead") + 1).value = "区发改委"
    workbook.save(workbook_path)  # the 牵头单位（规范名） cell beside it keeps the old name
    edited = qingdan.convert(workbook_path)
    assert edited.records[0].lead == ["区发改委"]
    assert edited.records[0].lead_canonical == ["区发展和改革委员会"]  # the built-in alias
    assert edited.records[1:] == _flat(original.records[1:])  # a workbook has no cells
    report = compare(original, edited)
    assert (report.summary.modified, report.summary.unchanged) == (1, len(original.records) - 1)
    user = Knowledge.load(aliases=_alias_file(tmp_path, "区发改委", "区发展改革局"))
    assert qingdan.convert(workbook_path, user).records[0].lead_canonical == ["区发展改革局"]


def _alias_file(folder: Path, variant: str, canonical: str) -> Path:
    path = folder / "aliases.csv"
    path.write_text(f"variant,canonical\n{variant},{canonical}\n", encoding="utf-8")
    return path


def test_an_edit_that_breaks_the_contract_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "list.xlsx"
    path.write_bytes(render(qingdan.convert(SEED), OutputFormat.XLSX))
    workbook = load_workbook(path)
    workbook["任务清单"].cell(row=2, column=1).value = "第一"
    workbook.save(path)
    with pytest.raises(BrokenOutput, match=r"list\.xlsx: records\.0\.seq"):
        read_one(path)


def _flat(records: list[qingdan.Record]) -> list[qingdan.Record]:
    return [record.model_copy(update={"cells": []}) for record in records]


def test_only_jsonl_carries_the_source_cells(tmp_path: Path) -> None:
    document = qingdan.convert(SAMPLES / "001_xincheng_2020_merged.docx")
    assert all(record.cells for record in document.records)
    header = render(document, OutputFormat.CSV).decode("utf-8-sig").splitlines()[0]
    assert "cells" not in header.split(",")
    line = json.loads(render(document, OutputFormat.JSONL).decode("utf-8").splitlines()[0])
    assert line["cells"] == [c.model_dump(mode="json") for c in document.records[0].cells]


def test_a_json_output_validates_back_with_its_cells_boxes_included() -> None:
    document = qingdan.convert(SAMPLES / "000_eaf823a1ce4555f0_merged.pdf")
    back = qingdan.Document.model_validate_json(render(document, OutputFormat.JSON))
    assert back.records == document.records
    assert all(cell.box is not None for record in back.records for cell in record.cells)


def test_names_are_split_again_but_never_inside_brackets() -> None:
    assert split_names("各县(市、区)人民政府、县财政局") == ["各县(市、区)人民政府", "县财政局"]
    assert split_names("") == []


def test_a_batch_over_a_folder_with_an_earlier_runs_outputs_converts_each_once(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "附件"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    shutil.copy(SAMPLES / "001_xincheng_2020.txt", folder / "001.txt")
    first = invoke(["convert", str(folder), "-o", str(folder / "结果") + "/"])
    assert first.exit_code == 0, first.output
    renamed = folder / "结果" / "清单汇总.xlsx"  # marks, not names, tell it
    (folder / "结果" / "all.xlsx").rename(renamed)
    second = invoke(["convert", str(folder), "-o", str(tmp_path / "again.jsonl")])
    assert second.exit_code == 0, second.output
    lines = (tmp_path / "again.jsonl").read_text(encoding="utf-8").splitlines()
    expected = len(qingdan.convert(SEED).records) + len(
        qingdan.convert(SAMPLES / "001_xincheng_2020.txt").records
    )
    assert len(lines) == expected
    assert "清单汇总.xlsx: 此前 qingdan 写出的输出文件" in second.output


def _folder_with_an_export(tmp_path: Path, name: str) -> Path:
    """A folder holding the seed and its export (``--export-columns``) named ``name``."""
    folder = tmp_path / "附件"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    export = tmp_path / "export.toml"
    export.write_text('no = "编号"\nmeasure = "任务内容"\nlead = "主办单位"\n', encoding="utf-8")
    exported = invoke(
        ["convert", str(SEED), "-o", str(folder / name), "--export-columns", str(export)]
    )
    assert exported.exit_code == 0, exported.output
    return folder


def _batch_converts_the_seed_alone(folder: Path, tmp_path: Path) -> str:
    """Convert ``folder``: only the seed's records come out; what the batch printed."""
    result = invoke(["convert", str(folder), "-o", str(tmp_path / "all.jsonl")])
    assert result.exit_code == 0, result.output
    lines = (tmp_path / "all.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(qingdan.convert(SEED).records)
    return result.output


def test_a_batch_skips_our_export_and_grid_workbooks_by_their_marks(tmp_path: Path) -> None:
    folder = _folder_with_an_export(tmp_path, "报送.xlsx")
    assert invoke(["extract", str(SEED), "-o", str(folder / "原表.xlsx")]).exit_code == 0
    shown = _batch_converts_the_seed_alone(folder, tmp_path)
    assert "报送.xlsx" in shown and "原表.xlsx" in shown


def test_a_batch_skips_our_csv_export_by_its_warnings_file(tmp_path: Path) -> None:
    # A CSV export's header is the target system's (its labels), which that system's own
    # table would print too; what only qingdan writes is the warnings file beside it.
    folder = _folder_with_an_export(tmp_path, "报送.csv")
    assert (folder / "报送.warnings.csv").exists()
    assert output_kind(folder / "报送.csv") == "csv-export"
    with pytest.raises(NotRecords, match="export-columns"):
        read_output(folder / "报送.csv")
    shown = _batch_converts_the_seed_alone(folder, tmp_path)
    assert "报送.csv: 此前 qingdan 写出的输出文件" in shown


def test_a_table_with_an_exports_labels_but_no_warnings_file_is_an_attachment(
    tmp_path: Path,
) -> None:
    table = tmp_path / "报送.csv"
    table.write_text("编号,任务内容,主办单位\n1,完成某项工作。,区发改委\n", encoding="utf-8-sig")
    (tmp_path / "其他.warnings.csv").write_text("file,row,page,code,message\n", encoding="utf-8")
    assert output_kind(table) is None
    assert [r.measure for r in qingdan.convert(table).records] == ["完成某项工作。"]
