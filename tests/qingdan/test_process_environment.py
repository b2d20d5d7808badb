"""The command's process settings (qingdan.cli.prepare_process)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from qingdan.cli import PROCESS_ENVIRONMENT, prepare_process


def test_blas_threads_are_one_unless_the_user_says_otherwise(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    prepare_process()
    assert os.environ["OPENBLAS_NUM_THREADS"] == "1"
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "4")
    prepare_process()
    assert os.environ["OPENBLAS_NUM_THREADS"] == "4"


def test_the_command_applies_them_before_numpy_loads() -> None:
    """Set after numpy's import, OpenBLAS would already have started its threads."""
    probe = (
        "import sys, qingdan.cli as cli; "
        "cli.main = lambda: print('numpy' in sys.modules, dict(__import__('os').environ)"
        ".get('OPENBLAS_NUM_THREADS')); cli.run()"
    )
    environment = {k: v for k, v in os.environ.items() if k not in PROCESS_ENVIRONMENT}
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=environment, check=True
    ).stdout
    assert out.split() == ["False", "1"]
