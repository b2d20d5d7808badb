"""The serve database on SQLite and on a real PostgreSQL: the ``--db`` tables filled for
each converted upload, and the review's tables beside them."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from qingdan.pipeline import convert
from qingdan.serve.storage import Status, Storage
from qingdan.sinks.database import row_counts
from tests.postgres_server import postgres_server
from tests.qingdan.serve.conftest import TEXT_2020

_numbers = itertools.count(1)


@pytest.fixture(scope="module")
def postgres_socket() -> Iterator[Path]:
    """A PostgreSQL server for this module."""
    with postgres_server() as socket:
        yield socket


@pytest.fixture(params=["sqlite", "postgresql"])
def storage(request: pytest.FixtureRequest, tmp_path: Path) -> Storage:
    """Storage on a new SQLite file or a new PostgreSQL database."""
    if request.param == "sqlite":
        return Storage(f"sqlite:///{tmp_path / 'serve.db'}")
    socket: Path = request.getfixturevalue("postgres_socket")
    name = f"qingdan_serve_{next(_numbers)}"
    server = create_engine(
        f"postgresql+psycopg://postgres@/postgres?host={socket}", isolation_level="AUTOCOMMIT"
    )
    with server.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    server.dispose()
    return Storage(f"postgresql+psycopg://postgres@/{name}?host={socket}")


def test_an_upload_from_queued_to_done_fills_the_db_tables(storage: Storage) -> None:
    document = convert(TEXT_2020)
    upload = storage.add_upload(TEXT_2020.name, TEXT_2020, document.document.sha256)
    assert storage.upload(upload).status == Status.QUEUED  # type: ignore[union-attr]
    assert storage.find(TEXT_2020.name, document.document.sha256) == upload
    assert storage.find("other.txt", document.document.sha256) is None
    storage.finish(upload, document, ["说明"])
    stored = storage.upload(upload)
    assert stored is not None and stored.status == Status.DONE and stored.notes == ["说明"]
    assert stored.document == document
    counts = row_counts(storage.engine)
    assert counts["documents"] == 1 and counts["records"] == 15


def test_the_review_tables(storage: Storage) -> None:
    upload = storage.add_upload("a.txt", Path("a.txt"), "0" * 64)
    storage.fail(upload, "坏文件")
    failed = storage.upload(upload)
    assert failed is not None and (failed.status, failed.reason) == (Status.FAILED, "坏文件")
    storage.add_edit(upload, 2, "lead", ["甲"], ["乙"])
    storage.add_edit(upload, 2, "lead", ["乙"], ["丙"])
    assert [(e.seq, e.old, e.new) for e in storage.edits(upload)] == [
        (2, ["甲"], ["乙"]),
        (2, ["乙"], ["丙"]),
    ]
    storage.accept(upload, 2)
    storage.accept(upload, 2)
    assert storage.accepted(upload) == {2}
    storage.save_alias("区住建局", "区住房建设局")
    storage.save_alias("区住建局", "区住房和城乡建设局")
    assert storage.aliases() == {"区住建局": "区住房和城乡建设局"}
    storage.save_override("序号|工作措施|配合单位", "配合单位", "lead")
    storage.save_override("序号|工作措施|配合单位", "配合单位", "support")
    assert storage.overrides() == {"序号|工作措施|配合单位": {"配合单位": "support"}}
