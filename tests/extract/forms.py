"""Shared checks for the readers of issue 19 (HTML, spreadsheets, converted Office files, OFD).

``assert_one_line_exit_2`` runs ``qingdan convert`` on one bad file; ``assert_batch_keeps_the_rest``
puts bad files into a folder beside a good attachment and checks that the good one is
still converted and each bad one is listed with its reason.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from qingdan.extract.errors import QingdanError

import qingdan
from qingdan.writers.reason_text import reason_text
from tests.cli_runner import invoke
from tests.conftest import SEED


def assert_one_line_exit_2(path: Path, reason: str) -> None:
    """``qingdan convert PATH`` exits 2 with one line naming the file and the Chinese of
    the error raised, whose English reason holds ``reason``."""
    with pytest.raises(QingdanError) as raised:
        qingdan.convert(path)
    assert reason in raised.value.reason
    result = invoke(["convert", str(path)])
    assert result.exit_code == 2, result.output
    said = reason_text(type(raised.value).__name__, raised.value.reason)
    assert result.stderr == f"qingdan: 错误: {path}: {said}\n"
    assert "Traceback" not in result.output


def assert_batch_keeps_the_rest(folder: Path, bad: dict[str, tuple[bytes, str]]) -> None:
    """Bad files (name -> (bytes, reason)) beside the seed: the seed converts, each bad
    file fails with its one-line reason, and the run exits 1."""
    source, out = folder / "in", folder / "out"
    source.mkdir()
    (source / "seed.txt").write_bytes(SEED.read_bytes())
    for name, (data, _) in bad.items():
        (source / name).write_bytes(data)
    result = invoke(["convert", str(source), "-o", f"{out}/", "-j", "1"])
    assert result.exit_code == 1, result.output
    assert json.loads((out / "seed.txt.json").read_text(encoding="utf-8"))["records"]
    errors = {Path(e["file"]).name: e for e in json.loads((out / "errors.json").read_text())}
    assert errors.keys() == bad.keys()
    for name, (_, reason) in bad.items():
        assert errors[name]["status"] == "failed"
        assert reason in errors[name]["detail"], errors[name]["detail"]  # the English reason
        assert errors[name]["reason"] == reason_text(errors[name]["error"], errors[name]["detail"])
        assert "\n" not in errors[name]["reason"]
