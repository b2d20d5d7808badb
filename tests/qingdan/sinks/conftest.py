"""Database URLs for the sink tests: a SQLite file, and a database on a real PostgreSQL."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.postgres_server import postgres_server

_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def postgres_socket() -> Iterator[Path]:
    """The socket folder of a PostgreSQL server running for this test session."""
    with postgres_server() as socket:
        yield socket


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A URL of an empty database: a new SQLite file, or a new PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'tasks.db'}"
    socket: Path = request.getfixturevalue("postgres_socket")
    name = f"qingdan_test_{next(_numbers)}"
    server = create_engine(
        f"postgresql+psycopg://postgres@/postgres?host={socket}", isolation_level="AUTOCOMMIT"
    )
    with server.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    server.dispose()
    return f"postgresql+psycopg://postgres@/{name}?host={socket}"
