"""What the command line names: files, folders (searched recursively), glob patterns
and ``-`` (standard input), sorted into attachments to convert and files skipped.

A folder of attachments often holds other files (expected outputs, specs, notes):
those are *ignored* (counted on one line, never listed as failures). A document a
person may have meant as an attachment (an ``.rtf`` beside the ``.docx`` files), an
Office lock file, and anything named on the command line that no reader handles is
*skipped* with its reason, so nothing a user gave is dropped silently.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from qingdan.extract import spec_for, unsupported_reason

STDIN = Path("-")
"""The input ``-``: the attachment is read from standard input."""

GLOB_CHARS = frozenset("*?[")
OFFICE_LOCK_PREFIX = "~$"
"""Word writes ``~$NAME.docx`` beside a document while it is open: not an attachment."""
LOCK_FILE_REASON = (
    "an Office lock file (Word keeps it while the document is open), not an attachment"
)

UNREAD_DOCUMENT_SUFFIXES = frozenset(
    [".dot", ".rtf", ".odt", ".ods", ".ppt", ".pptx", ".mht", ".zip", ".rar", ".7z"]
)
"""Documents no reader handles that a person may have meant as attachments (an ``.rtf``
beside the ``.docx`` files): skipped with a reason, even in folders."""


def is_document(path: Path) -> bool:
    """Whether a person may have meant ``path`` as an attachment: a format a reader
    handles (``extract.formats``) or one of ``UNREAD_DOCUMENT_SUFFIXES``."""
    suffix = path.suffix.lower()
    return suffix in UNREAD_DOCUMENT_SUFFIXES or spec_for(suffix) is not None


SNIFFED = {b"%PDF-": ".pdf", b"PK\x03\x04": ".docx"}
"""Leading bytes -> the suffix whose reader reads them (standard input has no name)."""


class Skipped(NamedTuple):
    """An input that was not converted on purpose, and why."""

    path: Path
    reason: str
    in_folder: bool = False
    """Found by walking a folder rather than named on the command line."""


class Inputs(NamedTuple):
    """What the command line named: the files to convert, the ones skipped (each with
    its reason) and the non-attachment files ignored in folders."""

    files: list[Path]
    skipped: list[Skipped]
    ignored: list[Path]


def _is_hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _inside(path: Path, folder: Path | None) -> bool:
    return folder is not None and path.resolve().is_relative_to(folder.resolve())


def _expand(spec: Path) -> list[Path] | None:
    """The paths a glob pattern matches, or ``None`` when ``spec`` is not a pattern."""
    if spec.exists() or not GLOB_CHARS & set(str(spec)):
        return None
    return [Path(p) for p in sorted(glob.glob(str(spec), recursive=True))]


def collect_inputs(specs: Iterable[Path], exclude: Path | None = None) -> Inputs:
    """The attachments named by files, folders (searched recursively) and glob patterns.

    Office lock files (``~$...``), patterns that match nothing, files named on the
    command line that no reader handles and documents in folders that no reader
    handles (``UNREAD_DOCUMENT_SUFFIXES``) are skipped with a reason; other files in folders
    that no reader handles are ignored; hidden files in folders and anything inside
    ``exclude`` (the output folder) are left out. A path that does not exist is kept,
    so that it fails with "no such file"; ``-`` is kept as standard input.
    """
    found = Inputs([], [], [])
    seen: set[Path] = set()

    def add(path: Path, in_folder: bool = False) -> None:
        # realpath, unlike Path.resolve, does not raise on a symbolic link loop: the loop
        # is kept, and read_document names it.
        key = path if path == STDIN else Path(os.path.realpath(path))
        if key in seen:
            return
        seen.add(key)
        if path.name.startswith(OFFICE_LOCK_PREFIX):
            found.skipped.append(Skipped(path, LOCK_FILE_REASON, in_folder))
        elif path != STDIN and path.exists() and spec_for(path.suffix) is None:
            if in_folder and not is_document(path):
                found.ignored.append(path)
            else:
                found.skipped.append(Skipped(path, unsupported_reason(path), in_folder))
        else:
            found.files.append(path)

    for spec in specs:
        matches = _expand(spec)
        if matches is not None and not matches:
            found.skipped.append(Skipped(spec, "no file matches this pattern"))
        for path in matches if matches is not None else [spec]:
            if path.is_dir():
                for inner in sorted(p for p in path.rglob("*") if p.is_file()):
                    if not _is_hidden(inner, path) and not _inside(inner, exclude):
                        add(inner, in_folder=True)
            else:
                add(path)
    return found


def sniff_suffix(data: bytes) -> str:
    """The suffix of the reader for bytes without a name: PDF and DOCX by their leading
    bytes, anything else read as a text dump."""
    return next((suffix for head, suffix in SNIFFED.items() if data.startswith(head)), ".txt")
