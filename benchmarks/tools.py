"""The tools compared, each as "read this file" and "the rows it gave", in one registry.

Every tool's library is imported inside its functions, so that a worker process
loads only the tool it measures and its peak memory is that tool's alone; the
worker imports a tool's ``modules`` before timing, so imports are never timed.
``run`` is what is timed; ``rows`` turns its result into cell rows afterwards.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Rows = list[list[str | None]]


@dataclass(frozen=True)
class Tool:
    """One tool as the benchmark runs it."""

    name: str
    call: str
    """What is timed, as a reader of BENCHMARKS.md would write it."""
    suffixes: Callable[[], frozenset[str]]
    """The file suffixes (lower case, with the dot) the tool reads."""
    run: Callable[[Path], Any]
    rows: Callable[[Any], Rows]
    modules: Callable[[Path], tuple[str, ...]] = lambda path: ()
    """Modules ``run`` imports for a file, loaded by the worker before the clock starts."""


def _qingdan_suffixes() -> frozenset[str]:
    from qingdan.extract import READERS

    return frozenset(READERS)


def _qingdan_modules(path: Path) -> tuple[str, ...]:
    """The command's modules and the reader it imports on first use for this file
    (for a PDF, the default engine's too): imports, not the work being timed."""
    from qingdan.extract import READERS
    from qingdan.extract.options import ReadOptions
    from qingdan.extract.pdf.reader import ENGINES

    modules = ["qingdan.pipeline", "qingdan.schema.plain"]
    suffix = path.suffix.lower()
    if suffix in READERS:
        modules.append(READERS[suffix].partition(":")[0])
    if suffix == ".pdf":
        modules.append(ENGINES[ReadOptions().pdf_engine].partition(":")[0])
    return tuple(modules)


def _qingdan_run(path: Path) -> Any:
    """What ``qingdan convert x.pdf -o x.json`` does: read, normalize, write the JSON
    record by record as they are made (``schema.plain``; the pydantic models give the
    same bytes, tests/schema). The records are kept too, to be scored."""
    import io

    from qingdan.schema.plain import write_stream_json

    from qingdan.pipeline import read_task_stream

    stream = read_task_stream(path)
    records: list[Any] = []

    def kept() -> Any:
        for record in stream.records:
            records.append(record)
            yield record

    write_stream_json(stream._replace(records=kept()), io.BytesIO())
    return stream.head._replace(records=records)


def _qingdan_rows(task_list: Any) -> Rows:
    """qingdan's records as the rows of its CSV output (departments joined with 、)."""
    import csv
    import io

    from qingdan.schema import from_task_list

    from qingdan.writers import OutputFormat, render

    text = render(from_task_list(task_list), OutputFormat.CSV).decode("utf-8-sig")
    return [list[str | None](row) for row in csv.reader(io.StringIO(text))][1:]


def _pdfplumber_run(path: Path) -> Rows:
    import pdfplumber

    rows: Rows = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            for table in page.extract_tables():
                rows.extend(table)
            page.close()  # as a careful user would: keeps memory flat on long files
    return rows


def _camelot_run(path: Path) -> Any:
    from camelot.io import read_pdf

    return read_pdf(str(path), flavor="lattice", pages="all")


def _camelot_rows(tables: Any) -> Rows:
    rows: Rows = []
    for table in tables:
        rows.extend([str(cell) for cell in row] for row in table.df.values.tolist())
    return rows


def _docx2python_run(path: Path) -> Any:
    from docx2python import docx2python

    with docx2python(path) as content:
        return content.body


def _docx2python_rows(body: Any) -> Rows:
    """Every row of every table docx2python found; a cell's paragraphs joined by newlines."""
    return [["\n".join(cell) for cell in row] for table in body for row in table]


def _identity(rows: Any) -> Rows:
    result: Rows = rows
    return result


TOOLS: dict[str, Tool] = {
    tool.name: tool
    for tool in [
        Tool(
            "qingdan",
            "qingdan convert's route: read_task_stream(path), records written as made",
            _qingdan_suffixes,
            _qingdan_run,
            _qingdan_rows,
            _qingdan_modules,
        ),
        Tool(
            "pdfplumber",
            "pdfplumber: page.extract_tables() on every page",
            lambda: frozenset({".pdf"}),
            _pdfplumber_run,
            _identity,
            lambda path: ("pdfplumber",),
        ),
        Tool(
            "camelot",
            'camelot.read_pdf(path, flavor="lattice", pages="all")',
            lambda: frozenset({".pdf"}),
            _camelot_run,
            _camelot_rows,
            lambda path: ("camelot.io",),
        ),
        Tool(
            "docx2python",
            "docx2python(path).body (every table's rows)",
            lambda: frozenset({".docx"}),
            _docx2python_run,
            _docx2python_rows,
            lambda path: ("docx2python",),
        ),
    ]
}
"""Tool name -> tool; qingdan first, then the peers."""


def tools_for(path: Path) -> list[Tool]:
    """The tools that read a file of this suffix, qingdan first."""
    return [tool for tool in TOOLS.values() if path.suffix.lower() in tool.suffixes()]
