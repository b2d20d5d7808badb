"""Where ``qingdan serve`` keeps its work: the ``--db`` schema plus the review's tables.

The database is the one ``qingdan convert --db`` writes (``qingdan.sinks.database``:
``documents``, ``records``, ``record_departments``, ``sources`` and the views), so
every converted upload can be queried as any loaded document. Beside it, tables of
the review (all named ``serve_*``):

* ``serve_uploads``: one row per upload (its file, status, the reason it failed, the
  converted document as extracted, never overwritten, and the notes of its conversion);
* ``serve_edits``: the audit of every edit (record, field, old, new, when);
* ``serve_accepted``: records a person accepted;
* ``serve_aliases``: "this name is that unit", used by every later conversion;
* ``serve_column_overrides``: "this column is support" for documents with that header.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    delete,
    insert,
    select,
    update,
)

from qingdan.schema import Document
from qingdan.sinks.database import load_document, open_database

serve_metadata = MetaData()

uploads_table = Table(
    "serve_uploads",
    serve_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("file", Text, nullable=False),
    Column("stored", Text, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("status", String(16), nullable=False),
    Column("reason", Text),
    Column("document", JSON),
    Column("notes", JSON, nullable=False),
    Column("uploaded_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
)

edits_table = Table(
    "serve_edits",
    serve_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("upload", Integer, nullable=False, index=True),
    Column("seq", Integer, nullable=False),
    Column("field", String(32), nullable=False),
    Column("old", JSON),
    Column("new", JSON),
    Column("at", DateTime(timezone=True), nullable=False),
)

accepted_table = Table(
    "serve_accepted",
    serve_metadata,
    Column("upload", Integer, primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False),
)

aliases_table = Table(
    "serve_aliases",
    serve_metadata,
    Column("variant", Text, primary_key=True),
    Column("canonical", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)

overrides_table = Table(
    "serve_column_overrides",
    serve_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("header", Text, nullable=False),
    Column("label", Text, nullable=False),
    Column("role", String(32), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("header", "label"),
)


class Status:
    """The states of an upload."""

    QUEUED = "queued"
    DONE = "done"
    FAILED = "failed"


@dataclass(frozen=True)
class Upload:
    """One uploaded attachment and what became of it."""

    id: int
    file: str
    stored: Path
    sha256: str
    status: str
    reason: str | None
    document: Document | None
    notes: list[str]
    uploaded_at: datetime
    finished_at: datetime | None


@dataclass(frozen=True)
class Edit:
    """One audit entry: a field of a record changed by a person."""

    seq: int
    field: str
    old: Any
    new: Any
    at: datetime


def header_key(labels: list[str]) -> str:
    """The key of a table's header: its labels in order (a column override applies to
    documents whose header is the same)."""
    return "|".join(labels)


def _now() -> datetime:
    return datetime.now(UTC)


class Storage:
    """The serve database: uploads, their documents, edits, acceptances and lessons."""

    def __init__(self, url: str) -> None:
        self.engine: Engine = open_database(url)
        serve_metadata.create_all(self.engine)

    def add_upload(self, file: str, stored: Path, sha256: str) -> int:
        """A new upload, queued for conversion; its id."""
        row = {
            "file": file,
            "stored": str(stored),
            "sha256": sha256,
            "status": Status.QUEUED,
            "notes": [],
            "uploaded_at": _now(),
        }
        with self.engine.begin() as connection:
            result = connection.execute(insert(uploads_table), row)
            key = result.inserted_primary_key
        assert key is not None
        return int(key[0])

    def find(self, file: str, sha256: str) -> int | None:
        """The id of an earlier upload of the same file name and content, or ``None``."""
        query = select(uploads_table.c.id).where(
            (uploads_table.c.file == file) & (uploads_table.c.sha256 == sha256)
        )
        with self.engine.connect() as connection:
            return connection.execute(query).scalar()

    def finish(self, upload: int, document: Document, notes: list[str]) -> None:
        """Store the converted document of an upload (also into the ``--db`` tables)."""
        stored = self.upload(upload)
        if stored is not None:
            load_document(self.engine, stored.stored, document)
        values = {
            "status": Status.DONE,
            "document": document.model_dump(mode="json"),
            "notes": notes,
            "finished_at": _now(),
        }
        self._set(upload, values)

    def fail(self, upload: int, reason: str) -> None:
        """Mark an upload failed with its one-line reason."""
        self._set(upload, {"status": Status.FAILED, "reason": reason, "finished_at": _now()})

    def _set(self, upload: int, values: dict[str, Any]) -> None:
        with self.engine.begin() as connection:
            connection.execute(
                update(uploads_table).where(uploads_table.c.id == upload).values(**values)
            )

    def uploads(self) -> list[Upload]:
        """Every upload, newest first."""
        with self.engine.connect() as connection:
            rows = connection.execute(select(uploads_table).order_by(uploads_table.c.id.desc()))
            return [_upload(row._mapping) for row in rows]

    def upload(self, upload: int) -> Upload | None:
        """One upload, or ``None``."""
        with self.engine.connect() as connection:
            row = connection.execute(
                select(uploads_table).where(uploads_table.c.id == upload)
            ).first()
        return None if row is None else _upload(row._mapping)

    def add_edit(self, upload: int, seq: int, field: str, old: Any, new: Any) -> None:
        """Keep one audit entry (the extracted document is never changed)."""
        row = {"upload": upload, "seq": seq, "field": field, "old": old, "new": new, "at": _now()}
        with self.engine.begin() as connection:
            connection.execute(insert(edits_table), row)

    def edits(self, upload: int) -> list[Edit]:
        """The audit entries of an upload, oldest first."""
        query = select(edits_table).where(edits_table.c.upload == upload).order_by(edits_table.c.id)
        with self.engine.connect() as connection:
            return [
                Edit(row.seq, row.field, row.old, row.new, row.at)
                for row in connection.execute(query)
            ]

    def accept(self, upload: int, seq: int) -> None:
        """Mark a record accepted (again: a no-op)."""
        with self.engine.begin() as connection:
            connection.execute(
                delete(accepted_table).where(
                    (accepted_table.c.upload == upload) & (accepted_table.c.seq == seq)
                )
            )
            connection.execute(insert(accepted_table), {"upload": upload, "seq": seq, "at": _now()})

    def accepted(self, upload: int) -> set[int]:
        """The seqs of the accepted records of an upload."""
        query = select(accepted_table.c.seq).where(accepted_table.c.upload == upload)
        with self.engine.connect() as connection:
            return {row.seq for row in connection.execute(query)}

    def save_alias(self, variant: str, canonical: str) -> None:
        """Save "this name is that unit" (a later save of the same name replaces it)."""
        with self.engine.begin() as connection:
            connection.execute(delete(aliases_table).where(aliases_table.c.variant == variant))
            connection.execute(
                insert(aliases_table), {"variant": variant, "canonical": canonical, "at": _now()}
            )

    def aliases(self) -> dict[str, str]:
        """Every saved alias, variant -> canonical."""
        with self.engine.connect() as connection:
            rows = connection.execute(select(aliases_table))
            return {row.variant: row.canonical for row in rows}

    def save_override(self, header: str, label: str, role: str) -> None:
        """Save "this column is ROLE" for documents whose header is ``header``."""
        with self.engine.begin() as connection:
            connection.execute(
                delete(overrides_table).where(
                    (overrides_table.c.header == header) & (overrides_table.c.label == label)
                )
            )
            row = {"header": header, "label": label, "role": role, "at": _now()}
            connection.execute(insert(overrides_table), row)

    def overrides(self) -> dict[str, dict[str, str]]:
        """Every saved column override: header key -> label -> role."""
        found: dict[str, dict[str, str]] = {}
        with self.engine.connect() as connection:
            for row in connection.execute(select(overrides_table)):
                found.setdefault(row.header, {})[row.label] = row.role
        return found


def _upload(row: Any) -> Upload:
    document = row["document"]
    return Upload(
        id=row["id"],
        file=row["file"],
        stored=Path(row["stored"]),
        sha256=row["sha256"],
        status=row["status"],
        reason=row["reason"],
        document=None if document is None else Document.model_validate(document),
        notes=list(row["notes"] or []),
        uploaded_at=row["uploaded_at"],
        finished_at=row["finished_at"],
    )
