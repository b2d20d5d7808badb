"""``qingdan serve`` on the command line: a thin call, its refusals one line each."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_runner import invoke


def test_serve_beyond_loopback_without_a_token_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("QINGDAN_TOKEN", raising=False)
    result = invoke(["serve", "--host", "0.0.0.0", "--data", str(tmp_path / "data")])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "qingdan: 错误: `--host 0.0.0.0` 监听本机以外的地址：请用 `--token T` 或 "
        "`QINGDAN_TOKEN=T` 设置访问令牌"
    ]


def test_serve_help_names_the_token_rule() -> None:
    result = invoke(["serve", "--help"])
    assert result.exit_code == 0
    assert "--token" in result.stdout and "QINGDAN_TOKEN" in result.stdout
