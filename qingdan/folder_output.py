"""Output folder mode (``qingdan convert ... -o DIR/``): what goes into the folder.

One output per converted input, named after the input (made safe and unique), plus
the combined ``all.csv``, ``all.jsonl`` and ``all.xlsx`` (``file`` and ``title`` on
every record) and ``errors.json`` (each failed or skipped input with its reason).
Every file is written atomically, so the folder never holds a half-written file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path

from qingdan.batch import FileResult, Skipped
from qingdan.extract.errors import QingdanError
from qingdan.schema import Document
from qingdan.writers import OutputFormat, render
from qingdan.writers.atomic import atomic_write_bytes
from qingdan.writers.csv import documents_csv
from qingdan.writers.xlsx import documents_xlsx

ERRORS_FILE = "errors.json"


def documents_jsonl(documents: Sequence[Document]) -> bytes:
    """One JSON object per line per record, each led by its ``file`` and ``title``."""
    lines = []
    for document in documents:
        source = {"file": document.document.file, "title": document.document.title}
        for record in document.records:
            lines.append(
                json.dumps({**source, **record.model_dump(mode="json")}, ensure_ascii=False)
            )
    return "".join(line + "\n" for line in lines).encode("utf-8")


COMBINED: dict[str, Callable[[Sequence[Document]], bytes]] = {
    "all.csv": documents_csv,
    "all.jsonl": documents_jsonl,
    "all.xlsx": documents_xlsx,
}
"""Combined output file name -> writer of all converted documents."""

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')
_MAX_STEM = 120


class OutputIsInput(QingdanError):
    """An output file would overwrite one of the inputs."""


def safe_stem(name: str) -> str:
    """A file name stem that is valid on Windows, macOS and Linux (Chinese kept as is)."""
    stem = _UNSAFE.sub("_", name).strip(" .")
    return stem[:_MAX_STEM] or "file"


def plan_outputs(files: Sequence[Path], folder: Path, fmt: OutputFormat) -> dict[Path, Path]:
    """Input -> its output file in ``folder``: the input's file name, made safe and
    unique, with the output format's suffix added.

    ``清单.docx`` and ``清单.pdf`` give ``清单.docx.json`` and ``清单.pdf.json`` (the
    renderings of one list often share a stem); two inputs with the same file name in
    different folders get ``NAME.json`` and ``NAME-2.json``; no output takes the name
    of a combined file or of ``errors.json``.
    """
    taken = {name.lower() for name in [*COMBINED, ERRORS_FILE]}
    plan: dict[Path, Path] = {}
    for path in files:
        stem, number = safe_stem(path.name), 1
        name = f"{stem}.{fmt.value}"
        while name.lower() in taken:
            number += 1
            name = f"{stem}-{number}.{fmt.value}"
        taken.add(name.lower())
        plan[path] = folder / name
    return plan


def folder_files(folder: Path, plan: dict[Path, Path]) -> list[Path]:
    """Every file a folder-mode run may write."""
    return [*plan.values(), *(folder / name for name in [*COMBINED, ERRORS_FILE])]


def refuse_inputs_as_outputs(outputs: Sequence[Path], inputs: Sequence[Path]) -> None:
    """Raise ``OutputIsInput`` when an output path is one of the inputs."""
    sources = {path.resolve() for path in inputs}
    for output in outputs:
        if output.resolve() in sources:
            raise OutputIsInput(output, "is also an input; choose another output path")


def error_entries(
    results: Sequence[FileResult], skipped: Sequence[Skipped]
) -> list[dict[str, str]]:
    """The entries of ``errors.json``: each failed or skipped input with its reason."""
    entries = [
        {"file": str(r.path), "status": "failed", "error": r.error or "", "reason": r.reason or ""}
        for r in results
        if not r.ok
    ]
    entries += [
        {"file": str(s.path), "status": "skipped", "error": "Skipped", "reason": s.reason}
        for s in skipped
    ]
    return entries


def write_folder(
    folder: Path,
    plan: dict[Path, Path],
    fmt: OutputFormat,
    results: Sequence[FileResult],
    skipped: Sequence[Skipped],
) -> None:
    """Write each converted input's output, the combined files and ``errors.json``."""
    documents = []
    for result in results:
        if result.document is not None:
            atomic_write_bytes(plan[result.path], render(result.document, fmt))
            documents.append(result.document)
    for name, writer in COMBINED.items():
        atomic_write_bytes(folder / name, writer(documents))
    errors = json.dumps(error_entries(results, skipped), ensure_ascii=False, indent=2) + "\n"
    atomic_write_bytes(folder / ERRORS_FILE, errors.encode("utf-8"))
