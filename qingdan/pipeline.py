"""The pipeline: file -> raw grids -> task list -> validated document."""

from __future__ import annotations

from pathlib import Path

from extract import READERS, ReadOptions, read_document
from normalize import Knowledge, normalize
from schema import Document, from_task_list


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


def find_inputs(paths: list[Path]) -> list[Path]:
    """The attachments named by files and folders (folders searched recursively).

    Files are kept as given, whatever their suffix (an unsupported one fails with a
    clear reason later); inside folders only files with a registered suffix count.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in READERS)
            )
        else:
            found.append(path)
    return found
