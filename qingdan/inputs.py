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
ZIP_PARTS = {"xl/workbook.xml": ".xlsx", "word/document.xml": ".docx", "OFD.xml": ".ofd"}
"""A zip archive's telling part -> the suffix of the reader for it (a zip is DOCX,
XLSX or OFD; issue 32: a piped workbook was read as a Word document)."""
HTML_STARTS = (b"<!doctype html", b"<html", b"<table", b"<meta", b"<head", b"<body")
"""How an HTML page or fragment starts, after a BOM, blanks and comments (lowercased)."""


NO_MATCH = "no file matches this pattern"
"""Why a glob pattern that matches nothing is skipped (it names no input)."""


EARLIER_OUTPUT = "an earlier qingdan output (told by its marks), not an attachment"
"""Why an output of an earlier run found in an input folder is not converted again."""


def _earlier_output(path: Path) -> bool:
    """Whether a file found in a folder is one of qingdan's own outputs (issue 32: an
    earlier run's all.xlsx in the folder doubled every record)."""
    if path.suffix.lower() not in (".xlsx", ".csv", ".jsonl"):
        return False
    from qingdan.readback import output_kind  # only a folder holding such files pays it

    return output_kind(path) is not None


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
    roots: dict[Path, Path]
    """Each file -> the input it was found by: the folder searched, else its own folder."""

    def source_of(self, path: Path) -> str:
        """``path`` relative to the input root, the folder every input lies in (issue
        32: two 附件1.docx in different folders are two sources); for one file, its name."""
        return source_names(self.roots).get(path, path.name)


def source_names(roots: dict[Path, Path]) -> dict[Path, str]:
    """Each file's path relative to the deepest folder holding every input's root."""
    if not roots:
        return {}
    absolute = {path: os.path.abspath(root) for path, root in roots.items()}
    try:
        common = os.path.commonpath(list(absolute.values()))
    except ValueError:  # roots on different drives (Windows): no common folder
        return {path: path.name for path in roots}
    return {path: Path(os.path.relpath(os.path.abspath(path), common)).as_posix() for path in roots}


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
    collector = _Collector()
    for spec in specs:
        matches = _expand(spec)
        if matches is not None and not matches:
            collector.found.skipped.append(Skipped(spec, NO_MATCH))
        for path in matches if matches is not None else [spec]:
            if path.is_dir():
                collector.add_folder(path, exclude)
            else:
                collector.add(path, path.parent)
    return collector.found


class _Collector:
    """The inputs found so far, each file once (by its real path)."""

    def __init__(self) -> None:
        self.found = Inputs([], [], [], {})
        self.seen: set[Path] = set()

    def add_folder(self, folder: Path, exclude: Path | None) -> None:
        """Every file under ``folder``, but hidden ones and those inside ``exclude``."""
        for inner in sorted(p for p in folder.rglob("*") if p.is_file()):
            if not _is_hidden(inner, folder) and not _inside(inner, exclude):
                self.add(inner, folder, in_folder=True)

    def add(self, path: Path, root: Path, in_folder: bool = False) -> None:
        """One named or found file: an attachment, skipped with a reason, or ignored."""
        # realpath, unlike Path.resolve, does not raise on a symbolic link loop: the loop
        # is kept, and read_document names it.
        key = path if path == STDIN else Path(os.path.realpath(path))
        if key in self.seen:
            return
        self.seen.add(key)
        reason = _skip_reason(path, in_folder)
        if reason == "":
            self.found.ignored.append(path)
        elif reason is not None:
            self.found.skipped.append(Skipped(path, reason, in_folder))
        else:
            self.found.files.append(path)
            if path != STDIN:
                self.found.roots[path] = root


def _skip_reason(path: Path, in_folder: bool) -> str | None:
    """Why a file is skipped; ``""`` when it is ignored without a word; ``None`` when it
    is an attachment to convert."""
    if path.name.startswith(OFFICE_LOCK_PREFIX):
        return LOCK_FILE_REASON
    if in_folder and _earlier_output(path):
        return EARLIER_OUTPUT
    if path != STDIN and path.exists() and spec_for(path.suffix) is None:
        if in_folder and not is_document(path):
            return ""
        return unsupported_reason(path)
    return None


def sniff_suffix(data: bytes) -> str:
    """The suffix of the reader for bytes without a name: PDF by its leading bytes, a zip
    archive (DOCX, XLSX, OFD) by its parts, HTML by its first tag; anything else is read
    as a text dump."""
    suffix = next((suffix for head, suffix in SNIFFED.items() if data.startswith(head)), None)
    if suffix == ".docx":
        return _zip_suffix(data)
    if suffix is not None:
        return suffix
    return ".html" if _looks_like_html(data) else ".txt"


def _zip_suffix(data: bytes) -> str:
    import io
    import zipfile

    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return ".docx"  # damaged: the Word reader names the damage
    return next((suffix for part, suffix in ZIP_PARTS.items() if part in names), ".docx")


def _looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    while head.startswith(b"<!--"):
        head = head.partition(b"-->")[2].lstrip()
    return head.startswith(HTML_STARTS)
