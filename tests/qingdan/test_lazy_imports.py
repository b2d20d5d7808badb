"""Lazy start (issue 16): a run imports only the libraries it uses, checked on the
modules a fresh interpreter holds after the run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import SAMPLES

HEAVY = ["openpyxl", "docx", "rapidfuzz", "sqlalchemy", "yaml", "numpy", "pandas", "scipy"]
"""Libraries a PDF-to-JSON conversion does not need."""

_PROBE = """
import json, sys
from qingdan.cli import main
try:
    main(sys.argv[1:])
except SystemExit as stop:
    code = stop.code
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def _run_and_list(*args: str) -> tuple[str, set[str]]:
    """What ``qingdan ARGS`` printed on stdout, and every module it had loaded."""
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, check=True
    )
    return done.stdout, set(json.loads(done.stderr.splitlines()[-1]))


def _all_modules_after(*args: str) -> set[str]:
    return _run_and_list(*args)[1]


def _modules_after(*args: str) -> set[str]:
    return {name.split(".")[0] for name in _all_modules_after(*args)}


def test_a_pdf_to_json_conversion_imports_no_spreadsheet_docx_fuzzy_or_database_library(
    tmp_path: Path,
) -> None:
    pdf = SAMPLES / "000_eaf823a1ce4555f0_merged.pdf"
    loaded = _modules_after("convert", str(pdf), "-o", str(tmp_path / "out.json"))
    assert (tmp_path / "out.json").exists()
    assert "pypdfium2" in loaded  # the PDF reader ran (PDFium: no pdfplumber, no pdfminer)
    assert sorted(loaded & set(HEAVY)) == []
    assert sorted(loaded & {"typer", "click", "pydantic", "rich"}) == []  # argparse CLI


def test_one_file_to_json_builds_no_pydantic_model(tmp_path: Path) -> None:
    # The JSON of a single conversion comes from schema.plain (tests/schema/test_plain.py
    # proves it is the models' JSON byte for byte).
    for name in ("000_eaf823a1ce4555f0_merged.pdf", "000_eaf823a1ce4555f0_merged.docx"):
        loaded = _all_modules_after("convert", str(SAMPLES / name), "-o", str(tmp_path / "o.json"))
        assert "qingdan.schema.plain" in loaded
        assert "qingdan.schema.models" not in loaded
        assert "qingdan.extract.scan.reader" not in loaded  # OCR's modules: for scans only
        assert not loaded & {"qingdan.batch", "qingdan.folder_output", "multiprocessing"}


def test_a_docx_to_json_conversion_reads_the_package_without_python_docx(tmp_path: Path) -> None:
    # extract.ooxml opens the package with zipfile and lxml: python-docx's object model
    # costs more to import than the whole conversion of a short list.
    docx = SAMPLES / "000_eaf823a1ce4555f0_merged.docx"
    loaded = _modules_after("convert", str(docx), "-o", str(tmp_path / "out.json"))
    assert "lxml" in loaded
    assert sorted(loaded & {*HEAVY, "pypdfium2", "pdfplumber", "pdfminer"}) == []


def test_help_imports_only_the_command_lines_own_needs() -> None:
    loaded = _modules_after("--help")
    third_party = loaded - set(sys.stdlib_module_names)
    unexpected = third_party - {"qingdan", "_distutils_hack", "__main__"}
    assert sorted(n for n in unexpected if not n.startswith("__editable__")) == []
    assert sorted(loaded & {"typer", "click", "pydantic", "rich"}) == []


def test_a_command_help_imports_no_library_part() -> None:
    """``qingdan convert -h`` builds one parser: no pipeline, schema, batch or writer."""
    shown, loaded = _run_and_list("convert", "-h")
    assert "用法: qingdan convert" in shown
    heavy = {"qingdan.pipeline", "qingdan.schema", "qingdan.batch", "qingdan.normalize"}
    assert sorted(loaded & heavy) == []
    assert sorted(n for n in loaded if n.startswith("qingdan.writers.")) == [
        "qingdan.writers.atomic", "qingdan.writers.formats",
    ]  # fmt: skip


def test_import_qingdan_is_lazy() -> None:
    done = subprocess.run(
        [sys.executable, "-c", "import sys, qingdan; print(sorted(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "pydantic" not in done.stdout and "qingdan.pipeline" not in done.stdout


def test_one_file_to_json_defines_no_dataclass(tmp_path: Path) -> None:
    # Importing dataclasses (and inspect through it) costs several milliseconds, and each
    # dataclass about 0.7 ms to define: the records a one-file conversion makes are
    # NamedTuples or plain classes (docs/speed.md), paragraph lists included.
    for name in (
        "000_eaf823a1ce4555f0_merged.pdf",
        "000_eaf823a1ce4555f0_paragraphs.pdf",
        "000_eaf823a1ce4555f0_merged.docx",
        "000_eaf823a1ce4555f0_paragraphs.docx",
    ):
        loaded = _all_modules_after("convert", str(SAMPLES / name), "-o", str(tmp_path / "o.json"))
        assert "qingdan.normalize.units.model" in loaded
        assert "dataclasses" not in loaded, name
