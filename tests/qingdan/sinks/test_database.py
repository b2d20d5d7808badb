"""The database sink on a real SQLite file and a real PostgreSQL server (tests/postgres_server.py):
schema, values, idempotent loads, per-file replacement."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from qingdan.sinks.database import (
    DatabaseError,
    documents_table,
    load_document,
    open_database,
    records_table,
    row_counts,
)
from tests.qingdan.documents import make_document


@pytest.fixture
def database(tmp_path: Path) -> Path:
    return tmp_path / "tasks.db"


def test_a_document_and_its_records_are_stored(database: Path, tmp_path: Path) -> None:
    engine = open_database(f"sqlite:///{database}")
    document = make_document(
        [{"lead": ["区发改委", "区住建局"], "due": "2019-12-31", "extra": {"备注": "年底"}}]
    )
    result = load_document(engine, tmp_path / "a.txt", document)
    assert result.added and result.replaced is None
    with sqlite3.connect(database) as connection:
        row = connection.execute("SELECT sha256, seq, lead, due, extra FROM records").fetchone()
        title = connection.execute("SELECT title FROM documents").fetchone()[0]
    assert row == (
        document.document.sha256,
        1,
        '["\\u533a\\u53d1\\u6539\\u59d4", "\\u533a\\u4f4f\\u5efa\\u5c40"]',
        "2019-12-31",
        '{"\\u5907\\u6ce8": "\\u5e74\\u5e95"}',
    )
    assert title == "某区工作任务清单"


def test_values_come_back_as_they_went_in(database_url: str, tmp_path: Path) -> None:
    engine = open_database(database_url)
    document = make_document(
        [{"lead": ["区发改委", "区住建局"], "due": "2019-12-31", "extra": {"备注": "年底"}}]
    )
    load_document(engine, tmp_path / "a.txt", document)
    with engine.connect() as connection:
        row = connection.execute(select(records_table)).one()
        stored = connection.execute(select(documents_table.c.title)).scalar_one()
    assert (row.lead, row.support, row.due, row.extra) == (
        ["区发改委", "区住建局"],
        [],
        date(2019, 12, 31),
        {"备注": "年底"},
    )
    assert stored == "某区工作任务清单"
    engine.dispose()


def test_loading_again_adds_nothing(database_url: str, tmp_path: Path) -> None:
    engine = open_database(database_url)
    document = make_document([{}, {}])
    load_document(engine, tmp_path / "a.txt", document)
    again = load_document(engine, tmp_path / "a.txt", document)
    assert not again.added and again.replaced is None
    assert row_counts(engine) == {"documents": 1, "records": 2, "sources": 1}
    engine.dispose()


def test_a_changed_file_replaces_only_its_own_rows(database_url: str, tmp_path: Path) -> None:
    engine = open_database(database_url)
    old, other = make_document([{}, {}], "a.txt"), make_document([{}], "b.txt")
    load_document(engine, tmp_path / "a.txt", old)
    load_document(engine, tmp_path / "b.txt", other)
    new = make_document([{"measure": "新措施"}], "a.txt")
    result = load_document(engine, tmp_path / "a.txt", new)
    assert result.added and result.replaced == old.document.sha256
    with engine.connect() as connection:
        rows = connection.execute(select(records_table.c.sha256, records_table.c.measure)).all()
    engine.dispose()
    assert sorted(map(tuple, rows)) == sorted(
        [(other.document.sha256, "推进土壤污染防治"), (new.document.sha256, "新措施")]
    )


def test_content_another_path_still_holds_is_kept(database_url: str, tmp_path: Path) -> None:
    engine = open_database(database_url)
    shared = make_document([{}], "a.txt")
    load_document(engine, tmp_path / "a.txt", shared)
    load_document(engine, tmp_path / "copy" / "a.txt", shared)
    result = load_document(engine, tmp_path / "a.txt", make_document([{"measure": "改"}]))
    assert result.replaced is None
    assert row_counts(engine) == {"documents": 2, "records": 2, "sources": 2}
    engine.dispose()


@pytest.mark.parametrize("url", ["not a url", "nosuchdb://x", "sqlite:////no/such/folder/x.db"])
def test_an_unusable_url_is_one_clear_error(url: str) -> None:
    with pytest.raises(DatabaseError, match=rf"^--db {url}: \S"):
        open_database(url)
