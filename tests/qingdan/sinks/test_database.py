"""The database sink on a real SQLite file and a real PostgreSQL server (tests/postgres_server.py):
schema, values, idempotent loads, per-file replacement."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from qingdan.schema import FLAT_FIELDS, Document
from sqlalchemy import inspect, select, text

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
        '["区发改委", "区住建局"]',  # UTF-8 text, so LIKE '%区发改委%' finds it
        "2019-12-31",
        '{"备注": "年底"}',
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
    assert row_counts(engine) == {
        "documents": 1,
        "records": 2,
        "record_departments": 0,
        "sources": 1,
    }
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
    assert row_counts(engine) == {
        "documents": 2,
        "records": 2,
        "record_departments": 0,
        "sources": 2,
    }
    engine.dispose()


@pytest.mark.parametrize("url", ["not a url", "nosuchdb://x", "sqlite:////no/such/folder/x.db"])
def test_an_unusable_url_is_one_clear_error(url: str) -> None:
    with pytest.raises(DatabaseError, match=rf"^--db {url}: \S"):
        open_database(url)


def _seed_documents() -> list[Document]:
    return [
        make_document(
            [
                {"lead": ["区发改委"], "lead_canonical": ["区发展和改革委员会"],
                 "support": ["区财政局", "区住建局"],
                 "support_canonical": ["区财政局", "区住房和城乡建设局"]},
                {"lead": ["区住建局"], "lead_canonical": ["区住房和城乡建设局"],
                 "support": ["区发改委"], "support_canonical": ["区发展和改革委员会"]},
                {"lead": ["区水务局"], "lead_canonical": ["区水务局"]},
            ],
            "a.txt",
        ),
        make_document(
            [{"lead": ["区发展和改革委员会"], "lead_canonical": ["区发展和改革委员会"],
              "measure": "另一份清单的任务"}],
            "b.txt",
        ),
    ]  # fmt: skip


def test_records_are_found_by_department_name(database_url: str, tmp_path: Path) -> None:
    engine = open_database(database_url)
    for document in _seed_documents():
        load_document(engine, tmp_path / document.document.file, document)
    with engine.connect() as connection:
        by_name = connection.execute(
            text(
                "SELECT seq, role, canonical FROM department_records "
                "WHERE department = '区发改委' ORDER BY seq"
            )
        ).all()
        counts = connection.execute(
            text("SELECT lead, support, tasks FROM department_counts WHERE department = '区发改委'")
        ).one()
        canonical = connection.execute(
            text(
                "SELECT lead, support, tasks FROM canonical_counts "
                "WHERE canonical = '区发展和改革委员会'"
            )
        ).one()
        like = connection.execute(
            text("SELECT count(*) FROM records WHERE CAST(lead AS TEXT) LIKE '%区发改委%'")
        ).scalar()
        stored = connection.execute(
            text("SELECT lead_canonical, support_canonical FROM records WHERE seq = 2")
        ).all()
    assert [tuple(row) for row in by_name] == [
        (1, "lead", "区发展和改革委员会"),
        (2, "support", "区发展和改革委员会"),
    ]
    assert tuple(counts) == (1, 1, 2)
    assert tuple(canonical) == (2, 1, 3)
    assert like == 1
    # SQLite gives the JSON text, PostgreSQL the parsed value.
    values = [json.loads(v) if isinstance(v, str) else v for row in stored for v in row]
    assert values == [["区住房和城乡建设局"], ["区发展和改革委员会"]]


def test_the_records_table_has_every_record_field(database_url: str) -> None:
    engine = open_database(database_url)
    with engine.connect() as connection:
        columns = {column["name"] for column in inspect(connection).get_columns("records")}
    assert columns == {"sha256", *FLAT_FIELDS}  # where values were printed is JSON's only


_LOADER = """
import sys
from pathlib import Path
from qingdan.sinks.database import load_document, open_database
from qingdan.schema import Document, Record
from tests.qingdan.documents import make_document
engine = open_database(sys.argv[1])
start = Path(sys.argv[2])
while not start.exists():
    pass
for n in range(5):
    document = make_document([{"measure": f"任务{n}"}, {}], f"{n}.txt")
    load_document(engine, Path(sys.argv[3]) / f"{n}.txt", document)
"""


def test_two_processes_loading_the_same_documents_at_once_both_succeed(
    database_url: str, tmp_path: Path
) -> None:
    start = tmp_path / "go"
    root = Path(__file__).resolve().parents[3]
    loaders = [
        subprocess.Popen(
            [sys.executable, "-c", _LOADER, database_url, str(start), str(tmp_path / name)],
            cwd=root,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("one", "two")
    ]
    start.touch()
    for loader in loaders:
        _, errors = loader.communicate(timeout=120)
        assert loader.returncode == 0, errors
    engine = open_database(database_url)
    assert row_counts(engine) == {
        "documents": 5,
        "records": 10,
        "record_departments": 0,
        "sources": 10,
    }


def test_the_documents_table_keeps_the_documents_own_metadata(
    database_url: str, tmp_path: Path
) -> None:
    engine = open_database(database_url)
    document = make_document([{}])
    info = document.document.model_copy(
        update={
            "doc_number": "某政办发〔2023〕12号",
            "issuer": "某区人民政府",
            "issued": date(2023, 3, 1),
        }
    )
    load_document(engine, tmp_path / "a.txt", document.model_copy(update={"document": info}))
    with engine.connect() as connection:
        row = connection.execute(select(documents_table)).one()
    assert (row.doc_number, row.issuer, row.issued) == (
        "某政办发〔2023〕12号",
        "某区人民政府",
        date(2023, 3, 1),
    )
    engine.dispose()


def test_a_database_made_before_the_metadata_columns_gains_them(
    database_url: str, tmp_path: Path
) -> None:
    engine = open_database(database_url)
    load_document(engine, tmp_path / "old.txt", make_document([{}], "old.txt"))
    with engine.begin() as connection:  # the documents table as an earlier qingdan made it
        for column in ("doc_number", "issuer", "issued"):
            connection.execute(text(f"ALTER TABLE documents DROP COLUMN {column}"))
    engine.dispose()
    engine = open_database(database_url)
    document = make_document([{"measure": "新任务"}], "new.txt")
    info = document.document.model_copy(update={"doc_number": "某发〔2024〕1号"})
    load_document(engine, tmp_path / "new.txt", document.model_copy(update={"document": info}))
    with engine.connect() as connection:
        rows = connection.execute(
            select(documents_table.c.file, documents_table.c.doc_number).order_by("file")
        ).all()
    assert [tuple(row) for row in rows] == [("new.txt", "某发〔2024〕1号"), ("old.txt", None)]
    engine.dispose()
