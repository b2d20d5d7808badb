"""One frozen ``Knowledge``: every vocabulary normalizing uses, resolved once, passed down.

Each vocabulary is a built-in data file (``normalize/data/*.toml``, read from its
snapshot) that a user may extend with their own file (``--columns``, ``--deadlines`` …):
``VOCABULARIES`` says which file each is and how a user's file joins it. A run resolves
its ``Knowledge`` once (``Knowledge.resolve``, as pdfplumber resolves its
``TableSettings``) and every step is handed the vocabulary it asks; no normalize module
reads a data file or keeps knowledge of its own (``tests/normalize/test_knowledge.py``).
The built-in vocabularies are built once a process and shared: the unit model remembers
its readings, which depend on the model alone.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from qingdan.normalize.aliases import CSV_HEADER, AliasTable, user_pairs
from qingdan.normalize.cell_kinds import CellWords
from qingdan.normalize.columns import ColumnSynonyms
from qingdan.normalize.datafiles import (
    DATA_DIR,
    KnowledgeFileError,
    builtin,
    merge_words,
    read_csv_pairs,
    read_data_file,
    read_text_file,
    read_user_file,
)
from qingdan.normalize.deadlines import DeadlineWords
from qingdan.normalize.lookalikes import Lookalikes
from qingdan.normalize.notes import NoteWords
from qingdan.normalize.paragraph_words import ParagraphWords
from qingdan.normalize.responsibility import ResponsibilityWords
from qingdan.normalize.title_words import TitleWords
from qingdan.normalize.units.departments import DepartmentKnowledge

__all__ = [
    "DATA_DIR",
    "VOCABULARIES",
    "Knowledge",
    "KnowledgeFileError",
    "Vocabulary",
    "builtin",
    "read_data_file",
    "read_text_file",
]


class Vocabulary(NamedTuple):
    """One vocabulary: its built-in file and how a user's file of it is read."""

    file: str
    """The built-in file in ``normalize/data``."""
    build: Callable[[Mapping[str, Any], Path | None], Any]
    """The vocabulary from the built-in mapping and a user's file (or none)."""
    doc: str
    """What a user's file holds, for ``--NAME FILE``'s help and the docs."""


def _columns(ours: Mapping[str, Any], path: Path | None) -> ColumnSynonyms:
    return ColumnSynonyms.from_data(ours, None if path is None else read_user_file(path))


def _departments(ours: Mapping[str, Any], path: Path | None) -> DepartmentKnowledge:
    return DepartmentKnowledge.from_data(ours, None if path is None else read_user_file(path))


def _aliases(ours: Mapping[str, Any], path: Path | None) -> AliasTable:
    if path is None:
        return AliasTable.from_data(ours)
    if path.suffix.lower() == ".csv":
        return AliasTable.from_data(ours, read_csv_pairs(path, CSV_HEADER))
    return AliasTable.from_data(ours, user_pairs(read_user_file(path)))


def _words(
    make: Callable[[Mapping[str, Any]], Any], open_tables: tuple[str, ...] = ()
) -> Callable[[Mapping[str, Any], Path | None], Any]:
    """A word vocabulary: a user's file has the built-in file's keys, merged over it."""

    def build(ours: Mapping[str, Any], path: Path | None) -> Any:
        if path is None:
            return make(ours)
        user = read_user_file(path)
        merged = merge_words(dict(ours), user, open_tables)
        try:
            return make(merged)
        except (KeyError, TypeError, ValueError) as error:
            raise KnowledgeFileError(path, f"not a usable {path.name}: {error}") from error

    return build


VOCABULARIES: dict[str, Vocabulary] = {
    "columns": Vocabulary("columns.toml", _columns, "column synonyms (role -> labels)"),
    "departments": Vocabulary(
        "units.toml", _departments, "department knowledge (the keys of units.toml)"
    ),
    "aliases": Vocabulary(
        "aliases.toml", _aliases, "department aliases (variant -> canonical, or a CSV)"
    ),
    "deadlines": Vocabulary(
        "deadlines.toml",
        _words(DeadlineWords.from_data, ("seasons", "relative_years")),
        "deadline words (the keys of deadlines.toml)",
    ),
    "responsibility": Vocabulary(
        "responsibility.toml",
        _words(ResponsibilityWords.from_data),
        "role words of responsibility cells (the keys of responsibility.toml)",
    ),
    "lookalikes": Vocabulary(
        "lookalikes.toml", _words(Lookalikes.from_data), "OCR look-alike pairs ([[swap]] tables)"
    ),
    "notes": Vocabulary(
        "notes.toml", _words(NoteWords.from_data), "words that open a note under a table"
    ),
    "cells": Vocabulary(
        "cells.toml",
        _words(CellWords.from_data),
        "what cells that are not tasks hold: quantities, places, officials (cells.toml)",
    ),
    "paragraphs": Vocabulary(
        "paragraphs.toml",
        _words(ParagraphWords.from_data),
        "words of lists printed as paragraphs: section leads, report periods and status",
    ),
    "titles": Vocabulary(
        "titles.toml",
        _words(TitleWords.from_data),
        "words of a title: naming a list, a task list, a progress or rectification report",
    ),
}
"""Every vocabulary, by the name of its ``Knowledge`` field and ``--NAME`` option."""


class Knowledge(NamedTuple):
    """Every vocabulary normalizing uses: built-in data plus the user's files.

    ``Knowledge.load()`` (or ``Knowledge.resolve(None)``) is the built-in knowledge;
    ``knowledge._replace(deadlines=…)`` swaps one vocabulary.
    """

    columns: ColumnSynonyms
    departments: DepartmentKnowledge
    aliases: AliasTable
    deadlines: DeadlineWords
    responsibility: ResponsibilityWords
    lookalikes: Lookalikes
    notes: NoteWords
    cells: CellWords
    paragraphs: ParagraphWords
    titles: TitleWords

    @classmethod
    def load(
        cls,
        columns: Path | None = None,
        departments: Path | None = None,
        aliases: Path | None = None,
        deadlines: Path | None = None,
        responsibility: Path | None = None,
        lookalikes: Path | None = None,
        notes: Path | None = None,
        cells: Path | None = None,
        paragraphs: Path | None = None,
        titles: Path | None = None,
    ) -> Knowledge:
        """The built-in knowledge, each vocabulary extended by the user's file for it."""
        files = {
            "columns": columns,
            "departments": departments,
            "aliases": aliases,
            "deadlines": deadlines,
            "responsibility": responsibility,
            "lookalikes": lookalikes,
            "notes": notes,
            "cells": cells,
            "paragraphs": paragraphs,
            "titles": titles,
        }
        shared = _builtin()
        if not any(files.values()):
            return shared
        changes = {
            name: VOCABULARIES[name].build(builtin(VOCABULARIES[name].file), path)
            for name, path in files.items()
            if path is not None
        }
        return shared._replace(**changes)

    @classmethod
    def resolve(cls, knowledge: Knowledge | None) -> Knowledge:
        """The knowledge a run uses: the one given, or the built-in knowledge."""
        return _builtin() if knowledge is None else knowledge


@cache
def _builtin() -> Knowledge:
    """The built-in knowledge, built on first use: one a process, shared by every run."""
    return Knowledge(
        **{
            name: vocabulary.build(builtin(vocabulary.file), None)
            for name, vocabulary in VOCABULARIES.items()
        }
    )
