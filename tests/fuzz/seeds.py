"""The files the fuzzer mutates: the bundled samples of every format.

The samples hold TXT, DOCX and PDF renderings; CSV and TSV seeds are written from the
raw grid of each TXT sample (so every registered reader gets its cases), and the PDF
reader's own test files (encrypted, scanned, truncated ...) are seeds too.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from qingdan.extract import FORMATS, READERS, read_document
from qingdan.extract.grid import cell_text

ROOT = Path(__file__).resolve().parent.parent.parent

FUZZED = frozenset(suffix for spec in FORMATS if not spec.slow for suffix in spec.suffixes)
"""The suffixes the fuzzer makes cases for: not those of a ``slow`` reader, which hands
the file to an outside engine taking seconds per file (LibreOffice, OCR): fuzzing it would
test that engine at 5 s a case; its bad-input handling has tests of its own."""
SAMPLES = ROOT / "samples"
PDF_CASES = ROOT / "tests" / "extract" / "pdf_cases"


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
    """Every seed, grouped by suffix (one group per registered reader)."""
    groups: dict[str, list[Seed]] = {suffix: [] for suffix in sorted(FUZZED)}
    files = sorted(SAMPLES.glob("*.*")) + sorted(PDF_CASES.glob("*.pdf"))
    for path in files:
        if path.suffix.lower() in groups and path.is_file():
            groups[path.suffix.lower()].append(Seed(path.name, path.read_bytes()))
    for path in sorted(SAMPLES.glob("*.txt")):
        stem = path.stem
        groups[".csv"].append(Seed(f"{stem}.csv", _delimited(path, ",")))
        groups[".tsv"].append(Seed(f"{stem}.tsv", _delimited(path, "\t")))
    for suffix, seeds in groups.items():
        if not seeds:  # another suffix of the same reader (.htm for .html): its samples
            twin = next((s for s in groups if groups[s] and READERS[s] == READERS[suffix]), None)
            if twin is not None:
                seeds.extend(Seed(Path(s.name).stem + suffix, s.data) for s in groups[twin])
    empty = [suffix for suffix, seeds in groups.items() if not seeds]
    if empty:
        raise RuntimeError(f"no fuzz seeds for {', '.join(empty)}")
    return groups
