"""Output folder mode (``qingdan convert ... -o DIR/``): what goes into the folder.

One output per converted input, written (atomically) as soon as that input is
converted and named after it (made safe, cut to the file system's 255-byte name
limit keeping its suffixes, and unique), plus at the end the combined ``all.csv``,
``all.jsonl``, ``all.xlsx`` (``file`` and ``title`` on every record; the XLSX with
its 警告 and 文件 sheets), ``all.warnings.csv`` and ``errors.json`` (each failed,
skipped or not-done input with its reason). A CSV output has its warnings beside it
in ``NAME.warnings.csv``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from qingdan.extract.errors import QingdanError
from qingdan.writers import OutputFormat, stream_many, write_document, write_many
from qingdan.writers.atomic import atomic_write, atomic_write_bytes
from qingdan.writers.warning_table import FileStatus, warnings_csv

if TYPE_CHECKING:
    from qingdan.schema import Document, DocumentStream

ERRORS_FILE = "errors.json"
COMBINED: dict[str, OutputFormat] = {
    "all.csv": OutputFormat.CSV,
    "all.jsonl": OutputFormat.JSONL,
    "all.xlsx": OutputFormat.XLSX,
}
"""Combined output file name -> its format (every record of every converted input)."""
WARNINGS_SUFFIX = ".warnings.csv"
ALL_WARNINGS = "all" + WARNINGS_SUFFIX

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')
NAME_BYTES = 255
"""The longest file name (in UTF-8 bytes) of common file systems (ext4, APFS, NTFS in
practice): an 80-character Chinese name is 240 bytes before its suffixes (issue 17)."""
_RESERVED_BYTES = len(b"-9999") + len(WARNINGS_SUFFIX.encode())
"""Room kept for a uniqueness number and a CSV output's warnings sidecar."""


def _cut_bytes(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` UTF-8 bytes, never inside a character."""
    return text.encode("utf-8")[: max(0, limit)].decode("utf-8", errors="ignore")


def safe_stem(name: str, budget: int = NAME_BYTES) -> str:
    """A file name stem that is valid on Windows, macOS and Linux (Chinese kept as is),
    at most ``budget`` UTF-8 bytes: a long name is cut before its suffix (清单.docx keeps
    .docx)."""
    stem = _UNSAFE.sub("_", name).strip(" .") or "file"
    if len(stem.encode("utf-8")) <= budget:
        return stem
    base, dot, suffix = stem.rpartition(".")
    if not dot or len(suffix) > 8:
        base, suffix = stem, ""
    tail = f".{suffix}" if suffix else ""
    return (_cut_bytes(base, budget - len(tail.encode())).rstrip(" .") or "file") + tail


def plan_outputs(files: Sequence[Path], folder: Path, fmt: OutputFormat) -> dict[Path, Path]:
    """Input -> its output file in ``folder``: the input's file name, made safe, short
    enough and unique, with the output format's suffix added.

    ``清单.docx`` and ``清单.pdf`` give ``清单.docx.json`` and ``清单.pdf.json`` (the
    renderings of one list often share a stem); two inputs with the same file name in
    different folders get ``NAME.json`` and ``NAME-2.json``; no output takes the name
    of a combined file or of ``errors.json``.
    """
    taken = {name.lower() for name in [*COMBINED, ALL_WARNINGS, ERRORS_FILE]}
    budget = NAME_BYTES - _RESERVED_BYTES - len(f".{fmt.value}")
    plan: dict[Path, Path] = {}
    for path in files:
        stem, number = safe_stem(path.name, budget), 1
        name = f"{stem}.{fmt.value}"
        while name.lower() in taken or warnings_sidecar(Path(name)).name.lower() in taken:
            number += 1
            name = f"{stem}-{number}.{fmt.value}"
        taken.add(name.lower())
        taken.add(warnings_sidecar(Path(name)).name.lower())
        plan[path] = folder / name
    return plan


def warnings_sidecar(output: Path) -> Path:
    """The warnings file beside a CSV output: ``NAME.csv`` -> ``NAME.warnings.csv``."""
    return output.with_name(output.name.removesuffix(".csv") + WARNINGS_SUFFIX)


def folder_files(folder: Path, plan: dict[Path, Path]) -> list[Path]:
    """Every file a folder-mode run may write."""
    sidecars = [warnings_sidecar(p) for p in plan.values() if p.suffix == ".csv"]
    names = [*COMBINED, ALL_WARNINGS, ERRORS_FILE]
    return [*plan.values(), *sidecars, *(folder / name for name in names)]


def write_output(document: Document | DocumentStream, output: Path, fmt: OutputFormat) -> None:
    """One input's output (and, for CSV, its warnings sidecar), each written atomically;
    the sidecar after the records (a streamed document's warnings are complete then)."""
    write_document(document, output, fmt)
    if fmt is OutputFormat.CSV:
        atomic_write_bytes(warnings_sidecar(output), warnings_csv([document]))


def write_combined(
    output: Path, fmt: OutputFormat, documents: Sequence[Document], files: Sequence[FileStatus]
) -> None:
    """Every record of ``documents`` in one file (a CSV with its warnings sidecar)."""
    if fmt is OutputFormat.CSV:
        atomic_write_bytes(warnings_sidecar(output), warnings_csv(documents))
    write_many(documents, output, fmt, files)


def error_entries(files: Sequence[FileStatus]) -> list[dict[str, str]]:
    """The entries of ``errors.json``: each input not converted, with its stable English
    ``status`` and ``error`` (the kind) for machines, the ``reason`` a person reads in
    Chinese (``reason_text``) and the English reason as ``detail``."""
    from qingdan.writers.reason_text import reason_text

    return [
        {
            "file": f.file,
            "status": f.status,
            "error": f.error,
            "reason": reason_text(f.error, f.reason),
            "detail": f.reason,
        }
        for f in files
        if f.status != "converted"
    ]


class EndNotWritten(QingdanError):
    """An output written at the end of a batch could not be written (a full disk, a
    read-only folder); the others were."""


def write_folder_end(
    folder: Path, documents: Sequence[Document], files: Sequence[FileStatus]
) -> None:
    """``errors.json`` and the combined files, written when the batch ends (or stops).

    ``errors.json`` comes first (it is small and says what happened), and each file is
    written on its own: one the file system refuses (a full disk, a read-only folder)
    does not keep the others from being written. Raises ``EndNotWritten`` naming every
    file that could not be written, with the reason, once the rest are written.
    """
    errors = json.dumps(error_entries(files), ensure_ascii=False, indent=2) + "\n"
    writes: list[tuple[str, Callable[[BinaryIO], object]]] = [
        (ERRORS_FILE, lambda stream: stream.write(errors.encode("utf-8"))),
        *((name, _writer(documents, fmt, files)) for name, fmt in COMBINED.items()),
        (ALL_WARNINGS, lambda stream: stream.write(warnings_csv(documents))),
    ]
    refused: list[str] = []
    for name, write in writes:
        try:
            atomic_write(folder / name, write)
        except OSError as error:
            refused.append(f"{name} ({error.strerror or error})")
    if refused:
        raise EndNotWritten(folder, f"cannot write {', '.join(refused)}")


def _writer(
    documents: Sequence[Document], fmt: OutputFormat, files: Sequence[FileStatus]
) -> Callable[[BinaryIO], None]:
    """A combined file written into its stream as it is made (all.xlsx row by row)."""
    return lambda stream: stream_many(documents, fmt, stream, files)
