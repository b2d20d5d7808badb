"""The files the fuzzer mutates: the bundled samples of every format.

The samples hold renderings in every format qingdan reads; CSV and TSV seeds are
written from the raw grid of each TXT sample, and the PDF reader's own test files
(encrypted, scanned, truncated ...) are seeds too. Every reader gets cases, except the
ones that hand the file to LibreOffice (``.doc``, ``.wps``, ``.et``, see
``CONVERTED``): a case would start LibreOffice (seconds, and its own memory), and what
it writes is read by the DOCX and XLSX readers, which are fuzzed directly.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from qingdan.extract import READERS, read_document
from qingdan.extract.grid import cell_text

ROOT = Path(__file__).resolve().parent.parent.parent
SAMPLES = ROOT / "samples"
PDF_CASES = ROOT / "tests" / "extract" / "pdf_cases"
CONVERTED = "qingdan.extract.office_convert"
"""The module of the readers that convert with LibreOffice first (not fuzzed)."""


def fuzzed_readers() -> set[str]:
    """The readers (``module:function``) the fuzzer must give cases to."""
    return {target for target in READERS.values() if not target.startswith(CONVERTED + ":")}


@dataclass(frozen=True)
class Seed:
    """One file to mutate: its name (suffix included) and its bytes."""

    name: str
    data: bytes

    @property
    def suffix(self) -> str:
        """The file's suffix, which picks its reader."""
        return Path(self.name).suffix.lower()


def _delimited(path: Path, delimiter: str) -> bytes:
    """A TXT sample's raw grid written as CSV or TSV (UTF-8)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    for table in read_document(path).tables:
        for row in table.rows:
            writer.writerow([cell_text(cell) for cell in row.cells])
    return buffer.getvalue().encode("utf-8")


def load_seeds() -> dict[str, list[Seed]]:
    """Every seed, grouped by suffix; every reader of ``fuzzed_readers`` has seeds
    (``.htm`` shares the ``.html`` reader and its seeds, say)."""
    fuzzed = fuzzed_readers()
    groups: dict[str, list[Seed]] = {s: [] for s, target in READERS.items() if target in fuzzed}
    files = sorted(SAMPLES.glob("*.*")) + sorted(PDF_CASES.glob("*.pdf"))
    for path in files:
        if path.suffix.lower() in groups and path.is_file():
            groups[path.suffix.lower()].append(Seed(path.name, path.read_bytes()))
    for path in sorted(SAMPLES.glob("*.txt")):
        stem = path.stem
        groups[".csv"].append(Seed(f"{stem}.csv", _delimited(path, ",")))
        groups[".tsv"].append(Seed(f"{stem}.tsv", _delimited(path, "\t")))
    groups = {suffix: seeds for suffix, seeds in groups.items() if seeds}
    missing = fuzzed - {READERS[suffix] for suffix in groups}
    if missing:
        raise RuntimeError(f"no fuzz seeds for {', '.join(sorted(missing))}")
    return groups
