"""The database sink (``--db URL``): converted documents into SQL tables, idempotently.

Any SQLAlchemy URL works: ``sqlite:///tasks.db`` (a file, created on first use) or
``postgresql+psycopg://user@host/db`` (install the ``postgresql`` extra). The schema
(docs/database.md):

* ``documents``: one row per distinct file content, keyed by its ``sha256``.
* ``records``: one row per task, keyed by (``sha256``, ``seq``); its columns are the
  fields of ``qingdan.schema.Record``, derived from that one definition (lists and
  ``extra`` as JSON, written as UTF-8 text, not ``\\u`` escapes).
* ``record_departments``: one row per department a record names (``position`` in its
  list, ``department`` as written, ``canonical`` name, ``role`` lead or support).
* ``sources``: which file path last held which content (``path`` -> ``sha256``).
* views ``department_records`` (each record under each department it names),
  ``department_counts`` (lead/support/task counts per name as written) and
  ``canonical_counts`` (the same per canonical name).

Loading is idempotent and safe for concurrent loaders: a document's content is
inserted with insert-or-ignore on its sha256, each document in its own transaction
(SQLite: ``BEGIN IMMEDIATE`` with a busy timeout, so two processes queue instead of
failing). A changed file (same path, new sha256) replaces its own rows in one
transaction: the new content goes in, and the old content is deleted unless another
path still holds it.
"""

from __future__ import annotations

import json
import types
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import Enum
from pathlib import Path
from typing import Any, Union, get_args, get_origin

from sqlalchemy import (
    JSON,
    Column,
    Connection,
    Date,
    DateTime,
    Engine,
    Float,
    ForeignKey,
    Insert,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    event,
    func,
    insert,
    inspect,
    select,
    text,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.types import TypeEngine

from qingdan.extract.errors import QingdanError
from qingdan.schema import FLAT_FIELDS, Document, Record

SQLITE_BUSY_SECONDS = 60
"""How long a SQLite loader waits for another one's transaction before giving up."""

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
    Column("doc_number", Text),
    Column("issuer", Text),
    Column("issued", Date),
    Column("columns", JSON, nullable=False),
    Column("warnings", JSON, nullable=False),
    Column("loaded_at", DateTime(timezone=True), nullable=False),
)


def _sql_type(annotation: Any) -> tuple[TypeEngine[Any], bool]:
    """The column type of a record field's annotation, and whether it may be null."""
    args = get_args(annotation)
    nullable = get_origin(annotation) in (Union, types.UnionType) and type(None) in args
    if nullable:
        (annotation,) = [a for a in args if a is not type(None)]
    origin = get_origin(annotation) or annotation
    if origin in (list, dict):
        return JSON(), nullable
    if isinstance(origin, type) and issubclass(origin, Enum):
        return String(32), nullable
    simple: dict[Any, TypeEngine[Any]] = {
        int: Integer(),
        float: Float(),
        date: Date(),
        str: Text(),
    }
    return simple[origin], nullable


def record_columns() -> list[Column[Any]]:
    """The ``records`` table's columns: ``sha256`` and every field of ``Record`` a flat
    table holds (``FLAT_FIELDS``: where a value was printed is in JSON only)."""
    columns: list[Column[Any]] = [
        Column("sha256", String(64), ForeignKey("documents.sha256"), primary_key=True)
    ]
    for name in FLAT_FIELDS:
        info = Record.model_fields[name]
        kind, nullable = _sql_type(info.annotation)
        columns.append(Column(name, kind, primary_key=name == "seq", nullable=nullable))
    return columns


records_table = Table("records", metadata, *record_columns())

record_departments_table = Table(
    "record_departments",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("role", String(16), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("department", Text, nullable=False),
    Column("canonical", Text, nullable=False),
)

sources_table = Table(
    "sources",
    metadata,
    Column("path", Text, primary_key=True),
    Column("sha256", String(64), ForeignKey("documents.sha256"), nullable=False),
)

_TASK = "d.sha256 || ':' || CAST(d.seq AS TEXT)"
VIEWS = {
    "department_records": """
        SELECT d.department, d.canonical, d.role, d.position, r.*
        FROM record_departments d
        JOIN records r ON r.sha256 = d.sha256 AND r.seq = d.seq""",
    "department_counts": f"""
        SELECT d.department, d.canonical,
            COUNT(DISTINCT CASE WHEN d.role = 'lead' THEN {_TASK} END) AS lead,
            COUNT(DISTINCT CASE WHEN d.role = 'support' THEN {_TASK} END) AS support,
            COUNT(DISTINCT {_TASK}) AS tasks
        FROM record_departments d GROUP BY d.department, d.canonical""",
    "canonical_counts": f"""
        SELECT d.canonical,
            COUNT(DISTINCT CASE WHEN d.role = 'lead' THEN {_TASK} END) AS lead,
            COUNT(DISTINCT CASE WHEN d.role = 'support' THEN {_TASK} END) AS support,
            COUNT(DISTINCT {_TASK}) AS tasks
        FROM record_departments d GROUP BY d.canonical""",
}
"""View name -> its query (one text for SQLite and PostgreSQL)."""

TABLES = (documents_table, records_table, record_departments_table, sources_table)


class DatabaseError(QingdanError):
    """The database URL is unusable, or the database refused a write."""


@dataclass(frozen=True)
class LoadResult:
    """What loading one document changed."""

    added: bool
    """The document's content was new and its rows were inserted."""
    replaced: str | None = None
    """The sha256 of the old content this path held, when it was deleted."""


def _utf8_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _serialize_sqlite_writers(engine: Engine) -> None:
    """SQLite: every transaction takes the write lock at its start (``BEGIN
    IMMEDIATE``), so a second loader waits for the busy timeout instead of failing
    half-way with "database is locked" when its read turns into a write."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # let SQLAlchemy's BEGIN below decide

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def open_database(url: str) -> Engine:
    """Connect to the database at a SQLAlchemy URL and create the tables and views if
    missing (safe when several loaders start at once)."""
    try:
        sqlite_url = url.startswith("sqlite")
        options: dict[str, Any] = {"json_serializer": _utf8_json}
        if sqlite_url:
            options["connect_args"] = {"timeout": SQLITE_BUSY_SECONDS}
        engine = create_engine(url, **options)
        if engine.dialect.name == "sqlite":
            _serialize_sqlite_writers(engine)
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                # One loader at a time creates the schema (CREATE TABLE is not atomic
                # against a concurrent one on PostgreSQL).
                connection.execute(text("SELECT pg_advisory_xact_lock(4271828)"))
            metadata.create_all(connection)
            _add_missing_columns(connection)
            _check_columns(connection, url)
            _create_views(connection)
    except (ArgumentError, NoSuchModuleError, SQLAlchemyError, ImportError) as error:
        raise DatabaseError(None, f"--db {url}: {_first_line(error)}") from error
    return engine


def _add_missing_columns(connection: Connection) -> None:
    """Add to a database made by an older qingdan the columns it lacks that may be null
    (the ``documents`` table's 发文字号, 发文机关, 成文日期): its rows keep null there."""
    for table in TABLES:
        present = {column["name"] for column in inspect(connection).get_columns(table.name)}
        for column in table.columns:
            if column.name not in present and column.nullable and not column.primary_key:
                kind = column.type.compile(dialect=connection.dialect)
                connection.execute(
                    text(f"ALTER TABLE {table.name} ADD COLUMN {column.name} {kind}")
                )


def _check_columns(connection: Connection, url: str) -> None:
    """Refuse a database whose ``records`` table lacks a field (made by an older qingdan)."""
    present = {column["name"] for column in inspect(connection).get_columns("records")}
    missing = [column.name for column in records_table.columns if column.name not in present]
    if missing:
        raise DatabaseError(
            None,
            f"--db {url}: the records table lacks {', '.join(missing)} (made by an older "
            "qingdan); load into a new database",
        )


def _create_views(connection: Connection) -> None:
    existing = set(inspect(connection).get_view_names())
    for name, query in VIEWS.items():
        if name not in existing:
            connection.execute(text(f"CREATE VIEW {name} AS {query}"))


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
        "doc_number": info.doc_number,
        "issuer": info.issuer,
        "issued": info.issued,
        "columns": [c.model_dump(mode="json") for c in info.columns],
        "warnings": [w.model_dump(mode="json") for w in document.warnings],
        "loaded_at": datetime.now(UTC),
    }


def _record_rows(document: Document) -> list[dict[str, Any]]:
    sha = document.document.sha256
    return [{"sha256": sha, **record.model_dump(exclude={"cells"})} for record in document.records]


def _department_rows(document: Document) -> list[dict[str, Any]]:
    sha, rows = document.document.sha256, []
    for record in document.records:
        for role, names, canonicals in (
            ("lead", record.lead, record.lead_canonical),
            ("support", record.support, record.support_canonical),
        ):
            for position, name in enumerate(names):
                canonical = canonicals[position] if position < len(canonicals) else name
                rows.append(
                    {"sha256": sha, "seq": record.seq, "role": role, "position": position,
                     "department": name, "canonical": canonical}
                )  # fmt: skip
    return rows


def _insert_ignoring(connection: Connection, table: Table, keys: list[str]) -> Insert:
    """An INSERT that does nothing for a row whose key is already stored (another
    loader stored the same content first)."""
    name = connection.dialect.name
    if name == "postgresql":
        return postgresql.insert(table).on_conflict_do_nothing(index_elements=keys)
    if name == "sqlite":
        return sqlite.insert(table).on_conflict_do_nothing(index_elements=keys)
    return insert(table)


def _insert_document(connection: Connection, document: Document) -> bool:
    """Insert the document's row unless its content is stored; whether it was new."""
    row = _document_row(document)
    if connection.dialect.name in ("postgresql", "sqlite"):
        statement = _insert_ignoring(connection, documents_table, ["sha256"])
        # RETURNING says whether the row went in (a row count is not reliable on
        # every driver for INSERT ... ON CONFLICT DO NOTHING).
        returned = connection.execute(statement.returning(documents_table.c.sha256), row)
        return returned.first() is not None
    stored = connection.scalar(
        select(func.count()).where(documents_table.c.sha256 == row["sha256"])
    )
    if not stored:
        connection.execute(insert(documents_table), row)
    return not stored


def load_document(engine: Engine, path: Path, document: Document) -> LoadResult:
    """Store one converted file, in one transaction (see the module docstring)."""
    sha = document.document.sha256
    source = str(path.resolve())
    try:
        with engine.begin() as connection:
            added = _insert_document(connection, document)
            if added and document.records:
                connection.execute(insert(records_table), _record_rows(document))
                departments = _department_rows(document)
                if departments:
                    connection.execute(insert(record_departments_table), departments)
            replaced = _point_source(connection, source, sha)
    except SQLAlchemyError as error:
        raise DatabaseError(path, f"database write failed: {_first_line(error)}") from error
    return LoadResult(added=added, replaced=replaced)


def _point_source(connection: Connection, source: str, sha: str) -> str | None:
    """Record that ``source`` now holds ``sha``; delete the content it held before
    unless another path still holds it. Returns the deleted content's sha256."""
    old = connection.scalar(select(sources_table.c.sha256).where(sources_table.c.path == source))
    if old == sha:
        return None
    if old is None:
        connection.execute(
            _insert_ignoring(connection, sources_table, ["path"]), [{"path": source, "sha256": sha}]
        )
        return None
    connection.execute(
        update(sources_table).where(sources_table.c.path == source).values(sha256=sha)
    )
    still_held = connection.scalar(select(func.count()).where(sources_table.c.sha256 == old))
    if still_held:
        return None
    for table in (record_departments_table, records_table, documents_table):
        connection.execute(delete(table).where(table.c.sha256 == old))
    return str(old)


def row_counts(engine: Engine) -> dict[str, int]:
    """The number of rows in each table (for summaries and tests)."""
    with engine.connect() as connection:
        return {
            table.name: int(connection.scalar(select(func.count()).select_from(table)) or 0)
            for table in TABLES
        }


__all__ = [
    "TABLES",
    "VIEWS",
    "DatabaseError",
    "LoadResult",
    "documents_table",
    "load_document",
    "open_database",
    "record_departments_table",
    "records_table",
    "row_counts",
    "sources_table",
]
