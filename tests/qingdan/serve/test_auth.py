"""The token rule of ``qingdan serve``: no token on loopback, a token beyond it."""

from __future__ import annotations

from pathlib import Path

import pytest

from qingdan.serve.auth import TokenRequired, is_loopback
from tests.qingdan.serve.conftest import make_client


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("::1", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("192.168.1.5", False),
        ("example.org", False),
    ],
)
def test_loopback_hosts(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_a_server_beyond_loopback_refuses_to_start_without_a_token(tmp_path: Path) -> None:
    with pytest.raises(TokenRequired, match="--token"):
        make_client(tmp_path, host="0.0.0.0")


def test_loopback_needs_no_token(tmp_path: Path) -> None:
    with make_client(tmp_path) as client:
        assert client.get("/api/documents").status_code == 200


def test_with_a_token_every_request_must_carry_it(tmp_path: Path) -> None:
    with make_client(tmp_path, host="0.0.0.0", token="s3cret") as client:
        assert client.get("/api/documents").status_code == 401
        assert client.get("/").status_code == 401
        assert client.get("/openapi.json").status_code == 401
        wrong = {"Authorization": "Bearer nope"}
        assert client.get("/api/documents", headers=wrong).status_code == 401
        bearer = {"Authorization": "Bearer s3cret"}
        assert client.get("/api/documents", headers=bearer).status_code == 200
        header = {"X-Qingdan-Token": "s3cret"}
        assert client.get("/api/documents", headers=header).status_code == 200
        # A browser opens a page once with ?token=…; the cookie carries it afterwards.
        assert client.get("/?token=s3cret").status_code == 200
        assert client.get("/api/documents").status_code == 200
