"""The scale series: the seed's records repeated into long documents, built once and cached.

PDFs of about 10, 50, 200 and 1,000 pages, and a TXT and a DOCX of 10,000 rows. The
PDFs are built the way real ones are (a Word table exported by LibreOffice), but
only two 10-page PDFs are rendered: one with the title, one continuing the table;
longer files are the first followed by copies of the second, joined with pypdf, so
that a fresh clone builds the 1,000-page file in seconds, not in an hour. Files go to
``benchmarks/.cache/KEY/`` (git-ignored), KEY a hash of the seed's golden file and of
the code that writes them, and are rebuilt only when missing.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks import task_list_docx
from benchmarks.corpus import ROOT, SAMPLES, Input, page_count
from benchmarks.task_list_docx import HEADER, record_cells, write_task_list_docx

CACHE_ROOT = ROOT / "benchmarks" / ".cache"
SEED_GOLDEN = SAMPLES / "000_eaf823a1ce4555f0.txt.expected.json"
TITLE = ["附件1", "新城区净土保卫战2019年工作任务清单"]
RECORDS_PER_CHUNK = 37
"""Seed records that fill exactly 10 landscape A4 pages in the LibreOffice export."""
PDF_CHUNKS = {10: 1, 50: 5, 200: 20, 1000: 100}
"""Nominal page count -> number of 10-page chunks joined."""
LONG_ROWS = 10_000


def seed_records() -> list[dict[str, Any]]:
    """The seed attachment's golden records."""
    records: list[dict[str, Any]] = json.loads(SEED_GOLDEN.read_text(encoding="utf-8"))["records"]
    return records


def repeated(records: Sequence[dict[str, Any]], count: int) -> list[dict[str, Any]]:
    """The first ``count`` records of ``records`` repeated end to end."""
    return list(itertools.islice(itertools.cycle(records), count))


def cache_folder() -> Path:
    """Where the scale-series files go: a new folder whenever the seed or generator changes."""
    digest = hashlib.sha256(SEED_GOLDEN.read_bytes())
    for module in (__file__, task_list_docx.__file__):
        digest.update(Path(module).read_bytes())
    return CACHE_ROOT / digest.hexdigest()[:12]


def scale_inputs(suffixes: frozenset[str]) -> list[Input]:
    """The scale-series files for the formats in ``suffixes``, built if missing."""
    cache = cache_folder()
    cache.mkdir(parents=True, exist_ok=True)
    seed = seed_records()
    inputs: list[Input] = []
    if ".txt" in suffixes:
        inputs.append(_long_txt(seed, cache))
    if ".docx" in suffixes:
        inputs.append(_long_docx(seed, cache))
    if ".pdf" in suffixes:
        inputs.extend(_pdf_series(seed, cache))
    return inputs


def _long_txt(seed: list[dict[str, Any]], cache: Path) -> Input:
    records = repeated(seed, LONG_ROWS)
    path = cache / f"rows_{LONG_ROWS}.txt"
    if not path.exists():
        partial = path.with_suffix(".partial.txt")
        partial.write_text(cell_per_line_text(records), encoding="utf-8")
        partial.replace(path)  # an interrupted run leaves no half-written input behind
    return Input(path.name, path, records)


def cell_per_line_text(records: Sequence[dict[str, Any]]) -> str:
    """Records in the seed's cell-per-line TXT layout (a TAB starts each cell).

    A category continued from the row above is left blank, as in the seed.
    """
    lines = [*TITLE, "", *(f"\t{label}" for label in HEADER), ""]
    previous: str | None = None
    for record in records:
        cells = record_cells(record)
        if record["category"] is not None and record["category"] == previous:
            cells[0] = ""
        previous = record["category"]
        for cell in cells:
            first, *rest = cell.split("\n")
            lines.append(f"\t{first}")
            lines.extend(rest)
        lines.append("")
    return "\n".join(lines) + "\n"


def _long_docx(seed: list[dict[str, Any]], cache: Path) -> Input:
    records = repeated(seed, LONG_ROWS)
    path = cache / f"rows_{LONG_ROWS}.docx"
    if not path.exists():
        partial = path.with_suffix(".partial.docx")
        write_task_list_docx(records, partial, TITLE)
        partial.replace(path)
    return Input(path.name, path, records)


def _pdf_series(seed: list[dict[str, Any]], cache: Path) -> list[Input]:
    chunk_records = repeated(seed, RECORDS_PER_CHUNK)
    first = cache / "chunk_first.pdf"
    more = cache / "chunk_more.pdf"
    if not (first.exists() and more.exists()):
        _render_chunks(chunk_records, first, more)
    inputs = []
    for pages, chunks in PDF_CHUNKS.items():
        path = cache / f"pages_{pages}.pdf"
        if not path.exists():
            join_pdfs([first, *[more] * (chunks - 1)], path)
        inputs.append(Input(path.name, path, chunk_records * chunks, page_count(path)))
    return inputs


def _render_chunks(records: list[dict[str, Any]], first: Path, more: Path) -> None:
    """Render the two 10-page chunks: with the title above the table, and without."""
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        write_task_list_docx(records, folder / first.with_suffix(".docx").name, TITLE)
        write_task_list_docx(records, folder / more.with_suffix(".docx").name)
        docx_to_pdf(sorted(folder.glob("*.docx")), folder)
        for target in (first, more):
            shutil.move(folder / target.name, target)


def docx_to_pdf(sources: Sequence[Path], folder: Path) -> None:
    """Export DOCX files to PDF into ``folder`` with LibreOffice (headless, own profile)."""
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(folder),
                *map(str, sources),
            ],
            check=True,
            capture_output=True,
            timeout=600,
        )


def join_pdfs(parts: Sequence[Path], target: Path) -> None:
    """Write the pages of ``parts``, in order, as one PDF at ``target``."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for part in parts:
        writer.append(part)
    with tempfile.NamedTemporaryFile(dir=target.parent, suffix=".tmp", delete=False) as handle:
        writer.write(handle)
    Path(handle.name).replace(target)
