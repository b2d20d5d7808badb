"""The pipeline: file -> raw grids -> task list -> validated document."""

from __future__ import annotations

from pathlib import Path

from qingdan.extract import ReadOptions, read_document
from qingdan.normalize import Knowledge, normalize
from qingdan.schema import Document, from_task_list


def convert(
    path: str | Path, knowledge: Knowledge | None = None, options: ReadOptions | None = None
) -> Document:
    """Convert one attachment into a validated ``Document``.

    ``knowledge`` carries the column synonyms and department names to use (the
    built-in ones when omitted; see ``Knowledge.load`` for the user's files);
    ``options`` go to the file's reader (e.g. the password of an encrypted PDF).
    Raises a ``QingdanError`` subclass naming the file and the reason on bad input.
    """
    return from_task_list(normalize(read_document(Path(path), options), knowledge))
