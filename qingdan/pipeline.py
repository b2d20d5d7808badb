"""The pipeline: file -> raw grids -> task list -> validated document.

``read_task_list`` runs the first two stages (extract, normalize) and gives the
normalizer's dataclasses; ``convert`` validates them into the pydantic ``Document``.
The command line writes a single conversion's JSON from the task list through
``schema.plain`` (no pydantic to import, issue 16); everything else uses ``convert``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from qingdan.extract import ReadOptions, read_data, read_document
from qingdan.extract.errors import QingdanError
from qingdan.normalize import Knowledge, normalize_stream
from qingdan.normalize.model import TaskRecord, TaskStream, TaskWarning
from qingdan.normalize.warning_codes import NormalizeCode

if TYPE_CHECKING:
    from qingdan.normalize.model import TaskList
    from qingdan.schema import Document

STRICT_CODES = frozenset({NormalizeCode.COLUMN_ROLES})
"""Warning codes that make a document fail under ``strict`` (``--strict``): the column
roles were chosen with doubt, so the records may hold the wrong text (issue 12)."""


class DoubtfulDocument(QingdanError):
    """Under ``strict``, a document carries a warning whose code is in ``STRICT_CODES``."""


class Warned(Protocol):
    """A warning of a ``Document`` or of the normalizer's ``TaskList``."""

    @property
    def code(self) -> str:
        """The warning's code."""
        ...

    @property
    def message(self) -> str:
        """The warning's one-line message."""
        ...


def check_doubts(
    warnings: Sequence[Warned], name: str | Path, codes: Iterable[str] = STRICT_CODES
) -> None:
    """Raise ``DoubtfulDocument`` naming ``name`` when a warning's code is in ``codes``
    (the warnings of a ``Document`` or of the normalizer's ``TaskList``)."""
    wanted = frozenset(codes)
    doubts = [w for w in warnings if w.code in wanted]
    if doubts:
        first = doubts[0]
        raise DoubtfulDocument(
            name, f"{len(doubts)} {first.code} warning(s) under --strict: {first.message}"
        )


def check_strict(
    document: Document, path: str | Path | None = None, codes: Iterable[str] = STRICT_CODES
) -> None:
    """Raise ``DoubtfulDocument`` (naming ``path``, else the document's file name) when
    the document has a warning whose code is in ``codes``."""
    check_doubts(document.warnings, path or document.document.file, codes)


def read_task_list(
    path: str | Path,
    knowledge: Knowledge | None = None,
    options: ReadOptions | None = None,
    *,
    strict: bool = False,
) -> TaskList:
    """Read one attachment into the normalizer's ``TaskList`` (not yet validated);
    the arguments are ``convert``'s."""
    return read_task_stream(path, knowledge, options, strict=strict).collect()


def read_task_stream(
    path: str | Path,
    knowledge: Knowledge | None = None,
    options: ReadOptions | None = None,
    *,
    strict: bool = False,
) -> TaskStream:
    """``read_task_list`` with the records made one at a time as they are read (issue
    29): a long list's records are never held whole. The file is read and the list's
    rows settled now; ``strict`` and an empty list are judged after the last record."""
    stream = normalize_stream(read_document(Path(path), options), knowledge)
    return _finished(stream, path, strict)


def _finished(stream: TaskStream, name: str | Path, strict: bool) -> TaskStream:
    """The stream, judged once its last record has passed: a ``no-records`` warning
    when nothing was made and nothing says why (``said_when_empty``), and under
    ``strict`` ``DoubtfulDocument`` when its columns were in doubt."""

    def records() -> Iterator[TaskRecord]:
        made = 0
        for record in stream.records:
            made += 1
            yield record
        if not made and not stream.warnings:
            stream.warnings.append(NO_RECORDS)
        if strict:
            check_doubts(stream.warnings, name)

    return stream._replace(records=records())


NO_RECORDS = TaskWarning(
    NormalizeCode.NO_RECORDS, "the task table has a header but no task rows: no record was made"
)


def said_when_empty(task_list: TaskList) -> TaskList:
    """``task_list``, with a ``no-records`` warning when it has no record and nothing
    else says why: a file that yields nothing never passes without a word (issue 33:
    a table with a header and no rows exited 0 with no records and no warning)."""
    if task_list.records or task_list.warnings:
        return task_list
    return task_list._replace(warnings=[NO_RECORDS])


def read_task_list_bytes(
    data: bytes,
    name: str,
    knowledge: Knowledge | None = None,
    options: ReadOptions | None = None,
    *,
    strict: bool = False,
) -> TaskList:
    """``read_task_list`` for an attachment given as bytes; ``name``'s suffix
    (``stdin.pdf``) chooses the reader, as a file's would."""
    return read_task_stream_bytes(data, name, knowledge, options, strict=strict).collect()


def read_task_stream_bytes(
    data: bytes,
    name: str,
    knowledge: Knowledge | None = None,
    options: ReadOptions | None = None,
    *,
    strict: bool = False,
) -> TaskStream:
    """``read_task_stream`` for an attachment given as bytes (``read_task_list_bytes``)."""
    stream = normalize_stream(read_data(data, Path(name), options), knowledge)
    return _finished(stream, stream.head.file, strict)


def convert(
    path: str | Path,
    knowledge: Knowledge | None = None,
    options: ReadOptions | None = None,
    *,
    strict: bool = False,
) -> Document:
    """Convert one attachment into a validated ``Document``.

    ``knowledge`` carries the column synonyms and department names to use (the
    built-in ones when omitted; see ``Knowledge.load`` for the user's files);
    ``options`` go to the file's reader (e.g. the password of an encrypted PDF).
    With ``strict``, a document whose column roles are in doubt (a warning in
    ``STRICT_CODES``) raises ``DoubtfulDocument`` instead of being returned.
    Raises a ``QingdanError`` subclass naming the file and the reason on bad input.
    """
    from qingdan.schema import from_task_list

    own = own_output(path, knowledge)
    if own is not None:
        return own
    return from_task_list(read_task_list(path, knowledge, options, strict=strict))


def own_output(path: str | Path, knowledge: Knowledge | None = None) -> Document | None:
    """The document of one of qingdan's own outputs (a workbook corrected by hand),
    read back and validated rather than read as an attachment (issue 32), its
    canonical names recomputed through ``knowledge``; ``None`` for anything else."""
    if Path(path).suffix.lower() not in (".xlsx", ".csv", ".jsonl"):
        return None  # the cheap test first: most inputs are attachments
    from qingdan.readback import output_kind, read_one

    return (
        read_one(Path(path), knowledge)
        if output_kind(Path(path)) in ("xlsx", "csv", "jsonl")
        else None
    )


def convert_bytes(
    data: bytes,
    name: str,
    knowledge: Knowledge | None = None,
    options: ReadOptions | None = None,
    *,
    strict: bool = False,
) -> Document:
    """Convert an attachment given as bytes (read from stdin, say); ``name``'s suffix
    (``stdin.pdf``) chooses the reader, as a file's would."""
    from qingdan.schema import from_task_list

    return from_task_list(read_task_list_bytes(data, name, knowledge, options, strict=strict))
