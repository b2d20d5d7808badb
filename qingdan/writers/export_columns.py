"""A downstream system's column order and labels for CSV and XLSX output
(``--export-columns FILE``, issue 32): the reverse of ``--columns``.

``--columns`` tells qingdan which printed labels feed which record field; an export
file tells it which record keys to write, in what order, under what label:

    no = "编号"
    measure = "任务内容"
    lead = "主办单位"
    due = "办结日期"
    "extra.备注" = "备注"

A key is a record field (``RECORD_COLUMNS``), a source column (``source``, ``file``,
``title``) or ``extra.LABEL`` for a printed column kept in ``extra`` (blank where a
record has none). Every other key is an error naming the file and the key. Columns
the file does not name are not written: the export is the target system's table,
not qingdan's, so it carries no readback mark.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import NamedTuple

from qingdan.extract.errors import QingdanError

EXTRA_PREFIX = "extra."
"""``extra.备注``: the printed column 备注 kept in a record's ``extra``."""


class BadExportColumns(QingdanError):
    """An export-columns file that cannot be read or names a key we do not have."""


class ExportColumn(NamedTuple):
    """One column of the export: the record key it takes and the label it prints."""

    key: str
    label: str


_EXPORT: ContextVar[tuple[ExportColumn, ...] | None] = ContextVar(
    "qingdan_export_columns", default=None
)


def load_export_columns(path: Path, known: Sequence[str]) -> tuple[ExportColumn, ...]:
    """The columns an export file names, in its order; ``known``: the keys there are
    (besides ``extra.LABEL``)."""
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except OSError as error:
        raise BadExportColumns(path, f"cannot read: {error.strerror or error}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise BadExportColumns(path, f"is not valid TOML: {error}") from None
    columns = []
    for key, label in data.items():
        if key not in known and not (key.startswith(EXTRA_PREFIX) and key != EXTRA_PREFIX):
            raise BadExportColumns(
                path, f"unknown key {key!r} (use {', '.join(known)} or extra.LABEL)"
            )
        if not isinstance(label, str) or not label.strip():
            raise BadExportColumns(path, f"the label of {key!r} must be a non-empty string")
        columns.append(ExportColumn(key, label))
    if not columns:
        raise BadExportColumns(path, "names no column")
    return tuple(columns)


@contextmanager
def exporting(columns: Sequence[ExportColumn]) -> Iterator[None]:
    """Write CSV and XLSX record tables in ``columns``' order and labels."""
    token = _EXPORT.set(tuple(columns))
    try:
        yield
    finally:
        _EXPORT.reset(token)


def export_columns() -> tuple[ExportColumn, ...] | None:
    """The export columns in force (inside ``exporting``), else ``None``."""
    return _EXPORT.get()
