"""Conversions in worker processes: a worker that dies fails its upload, not the server."""

from __future__ import annotations

import os
from pathlib import Path

from qingdan.serve.conversion import Outcome, convert_upload
from qingdan.serve.jobs import DIED, Converter
from qingdan.serve.storage import Status, Storage
from tests.qingdan.serve.conftest import TEXT_2020


def die_on_poison(
    path: Path, aliases: dict[str, str], overrides: dict[str, dict[str, str]]
) -> Outcome:
    """``convert_upload``, except that a file named poison.txt kills the worker."""
    if path.name == "poison.txt":
        os._exit(9)
    return convert_upload(path, aliases, overrides)


def test_a_dead_worker_fails_its_upload_and_the_next_one_converts(tmp_path: Path) -> None:
    storage = Storage(f"sqlite:///{tmp_path / 'serve.db'}")
    converter = Converter(storage, work=die_on_poison)
    poison = tmp_path / "poison.txt"
    poison.write_text("x", encoding="utf-8")
    try:
        bad = storage.add_upload("poison.txt", poison, "0" * 64)
        converter.submit(bad, poison)
        assert converter.wait(bad, timeout=120)
        good = storage.add_upload(TEXT_2020.name, TEXT_2020, "1" * 64)
        converter.submit(good, TEXT_2020)
        assert converter.wait(good, timeout=120)
    finally:
        converter.close()
    failed, done = storage.upload(bad), storage.upload(good)
    assert failed is not None and failed.status == Status.FAILED and failed.reason == DIED
    assert done is not None and done.status == Status.DONE and done.document is not None
    assert len(done.document.records) == 15
