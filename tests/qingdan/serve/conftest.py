"""Shared fixtures of the ``qingdan serve`` tests: an app on a fresh data folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import SAMPLES

pytest.importorskip("fastapi", reason="the serve extra is not installed")

from fastapi.testclient import TestClient

from qingdan.serve.app import create_app
from qingdan.serve.service import ServeConfig

DOCX_2019 = SAMPLES / "000_eaf823a1ce4555f0_merged.docx"
PDF_2019 = SAMPLES / "000_eaf823a1ce4555f0_merged.pdf"
TEXT_2020 = SAMPLES / "001_xincheng_2020.txt"


def make_client(data: Path, **options: object) -> TestClient:
    """A client of an app keeping its data in ``data`` (``options``: ``ServeConfig``'s)."""
    return TestClient(create_app(ServeConfig(data_dir=data, **options)))  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """One app per test module (its worker process starts once)."""
    with make_client(tmp_path_factory.mktemp("serve")) as opened:
        yield opened


def upload(client: TestClient, *paths: Path, wait: bool = True) -> list[dict[str, object]]:
    """Upload files and (by default) wait for their conversions; their summaries."""
    files = [("files", (path.name, path.read_bytes())) for path in paths]
    response = client.post(f"/api/documents?wait={str(wait).lower()}", files=files)
    assert response.status_code == 202, response.text
    summaries: list[dict[str, object]] = response.json()
    return summaries


class LiveServer:
    """The app served by uvicorn in a thread on a free loopback port (for the browser)."""

    def __init__(self, data: Path) -> None:
        import socket
        import threading

        import uvicorn

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        app = create_app(ServeConfig(data_dir=data))
        self.server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        )
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        """The server's address."""
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> LiveServer:
        import time

        self.thread.start()
        while not self.server.started:
            time.sleep(0.05)
        return self

    def __exit__(self, *_exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(30)


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A running server on a fresh data folder, for one test module."""
    with LiveServer(tmp_path_factory.mktemp("live")) as server:
        yield server
