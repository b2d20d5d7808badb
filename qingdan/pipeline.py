"""The pipeline: file -> raw grids -> task list -> validated document."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from qingdan.extract import ReadOptions, read_data, read_document
from qingdan.extract.errors import QingdanError
from qingdan.normalize import Knowledge, normalize
from qingdan.schema import Document, from_task_list

if TYPE_CHECKING:
    from collections.abc import Iterable

STRICT_CODES = frozenset({"column-roles"})
"""Warning codes that make a document fail under ``strict`` (``--strict``): the column
roles were chosen with doubt, so the records may hold the wrong text (issue 12)."""


class DoubtfulDocument(QingdanError):
    """Under ``strict``, a document carries a warning whose code is in ``STRICT_CODES``."""


def check_strict(
    document: Document, path: str | Path | None = None, codes: Iterable[str] = STRICT_CODES
) -> None:
    """Raise ``DoubtfulDocument`` (naming ``path``, else the document's file name) when
    the document has a warning whose code is in ``codes``."""
    wanted = frozenset(codes)
    doubts = [w for w in document.warnings if w.code in wanted]
    if doubts:
        first = doubts[0]
        raise DoubtfulDocument(
            path or document.document.file,
            f"{len(doubts)} {first.code} warning(s) under --strict: {first.message}",
        )


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
    document = from_task_list(normalize(read_document(Path(path), options), knowledge))
    if strict:
        check_strict(document, path)
    return document


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
    raw = read_data(data, Path(name), options)
    document = from_task_list(normalize(raw, knowledge))
    if strict:
        check_strict(document)
    return document
