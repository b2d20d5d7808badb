"""The database sink (``--db URL``): converted documents into SQL tables, idempotently.

Any SQLAlchemy URL works: ``sqlite:///tasks.db`` (a file, created on first use) or
``postgresql+psycopg://user@host/db`` (install the ``postgresql`` extra). The
schema (README, "Database schema"):

* ``documents``: one row per distinct file content, keyed by its ``sha256``.
* ``records``: one row per task, keyed by (``sha256``, ``seq``).
* ``sources``: which file path last held which content (``path`` -> ``sha256``).

Loading is idempotent: a document whose sha256 is already stored adds nothing. A
changed file (same path, new sha256) replaces its own rows in one transaction:
the new content goes in, and the old content is deleted unless another path
still holds it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    Date,
    DateTime,
    Engine,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

from qingdan.extract.errors import QingdanError
from qingdan.schema import Document

metadata = MetaData()

documents_table = Table(
    "documents",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("file", Text, nullable=False),
    Column("format", String(16), nullable=False),
    Column("title", Text),
    Column("attachment", Text),
    Column("year", Integer),
    Column("columns", JSON, nullable=False),
    Column("warnings", JSON, nullable=False),
    Column("loaded_at", DateTime(timezone=True), nullable=False),
)

records_table = Table(
    "records",
    metadata,
    Column("sha256", String(64), ForeignKey("documents.sha256"), primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("section", Text),
    Column("category", Text),
    Column("no", Text),
    Column("measure", Text, nullable=False),
    Column("lead", JSON, nullable=False),
    Column("support", JSON, nullable=False),
    Column("deadline", Text),
    Column("due", Date),
    Column("due_kind", String(16)),
    Column("page", Integer),
    Column("extra", JSON, nullable=False),
)

sources_table = Table(
    "sources",
    metadata,
    Column("path", Text, primary_key=True),
    Column("sha256", String(64), ForeignKey("documents.sha256"), nullable=False),
)


class DatabaseError(QingdanError):
    """The database URL is unusable, or the database refused a write."""


@dataclass(frozen=True)
class LoadResult:
    """What loading one document changed."""

    added: bool
    """The document's content was new and its rows were inserted."""
    replaced: str | None = None
    """The sha256 of the old content this path held, when it was deleted."""


def open_database(url: str) -> Engine:
    """Connect to the database at a SQLAlchemy URL and create the tables if missing."""
    try:
        engine = create_engine(url)
        metadata.create_all(engine)
    except (ArgumentError, NoSuchModuleError, SQLAlchemyError, ImportError) as error:
        raise DatabaseError(None, f"--db {url}: {_first_line(error)}") from error
    return engine


def _first_line(error: Exception) -> str:
    return str(error).splitlines()[0] if str(error) else type(error).__name__


def _document_row(document: Document) -> dict[str, Any]:
    info = document.document
    return {
        "sha256": info.sha256,
        "file": info.file,
        "format": info.format,
        "title": info.title,
        "attachment": info.attachment,
        "year": info.year,
        "columns": [c.model_dump(mode="json") for c in info.columns],
        "warnings": [w.model_dump(mode="json") for w in document.warnings],
        "loaded_at": datetime.now(UTC),
    }


def _record_rows(document: Document) -> list[dict[str, Any]]:
    return [
        {"sha256": document.document.sha256, **record.model_dump()} for record in document.records
    ]


def load_document(engine: Engine, path: Path, document: Document) -> LoadResult:
    """Store one converted file, in one transaction (see the module docstring)."""
    sha = document.document.sha256
    source = str(path.resolve())
    try:
        with engine.begin() as connection:
            stored = connection.scalar(select(func.count()).where(documents_table.c.sha256 == sha))
            if not stored:
                connection.execute(insert(documents_table), [_document_row(document)])
                if document.records:
                    connection.execute(insert(records_table), _record_rows(document))
            old = connection.scalar(
                select(sources_table.c.sha256).where(sources_table.c.path == source)
            )
            if old is None:
                connection.execute(insert(sources_table), [{"path": source, "sha256": sha}])
            elif old != sha:
                connection.execute(
                    update(sources_table).where(sources_table.c.path == source).values(sha256=sha)
                )
            replaced = old if old is not None and old != sha else None
            if replaced is not None:
                still_held = connection.scalar(
                    select(func.count()).where(sources_table.c.sha256 == replaced)
                )
                if not still_held:
                    connection.execute(
                        delete(records_table).where(records_table.c.sha256 == replaced)
                    )
                    connection.execute(
                        delete(documents_table).where(documents_table.c.sha256 == replaced)
                    )
                else:
                    replaced = None
    except SQLAlchemyError as error:
        raise DatabaseError(path, f"database write failed: {_first_line(error)}") from error
    return LoadResult(added=not stored, replaced=replaced)


def row_counts(engine: Engine) -> dict[str, int]:
    """The number of rows in each table (for summaries and tests)."""
    with engine.connect() as connection:
        return {
            table.name: int(connection.scalar(select(func.count()).select_from(table)) or 0)
            for table in (documents_table, records_table, sources_table)
        }


__all__ = [
    "DatabaseError",
    "LoadResult",
    "documents_table",
    "load_document",
    "open_database",
    "records_table",
    "row_counts",
    "sources_table",
]
