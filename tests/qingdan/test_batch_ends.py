"""Batches that end cleanly however they end (issue 33): a full disk or a read-only
target is one line and errors.json where it can be written, a Ctrl-C while the end is
written waits for it, a file past its time or memory fails alone, and a LibreOffice
stopped half-way leaves no process and no temporary folder."""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import pytest
from qingdan.extract.limits import Limits
from qingdan.extract.options import ReadOptions
from qingdan.normalize import Knowledge

import qingdan.folder_output
import qingdan.pipeline
import qingdan.writers
import qingdan.writers.atomic
from qingdan.batch import FileResult, Settings, plan_convert, run_batch
from qingdan.workers import convert_many, convert_one
from tests.cli_runner import invoke
from tests.qingdan.test_parent_death import _alive, _wait_for


def _inputs(seed: Path, root: Path, count: int) -> Path:
    source = root / "in"
    source.mkdir()
    for n in range(count):
        shutil.copy(seed, source / f"{n}.txt")
    return source


def _refuse(monkeypatch: pytest.MonkeyPatch, names: set[str] | None, code: int) -> None:
    """Make writing the files ``names`` (every file: ``None``) fail with ``code``."""
    write = qingdan.writers.atomic.atomic_write

    def refusing(path: Path, content: Callable[[BinaryIO], object]) -> None:
        if names is None or path.name in names:
            raise OSError(code, os.strerror(code), str(path))
        write(path, content)

    def refusing_bytes(path: Path, data: bytes) -> None:
        refusing(path, lambda stream: stream.write(data))

    monkeypatch.setattr(qingdan.folder_output, "atomic_write", refusing)
    monkeypatch.setattr(qingdan.writers, "atomic_write", refusing)
    monkeypatch.setattr(qingdan.folder_output, "atomic_write_bytes", refusing_bytes)


def test_a_full_disk_at_the_end_still_writes_errors_json(
    seed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _refuse(monkeypatch, {"all.xlsx"}, errno.ENOSPC)
    out = tmp_path / "out"
    result = invoke(["convert", str(_inputs(seed, tmp_path, 2)), "-o", f"{out}/", "-j", "1"])
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("qingdan: 错误:")]
    assert errors == [f"qingdan: 错误: {out}: 无法写出 all.xlsx (磁盘空间不足)"]
    assert "Traceback" not in result.output
    assert json.loads((out / "errors.json").read_text(encoding="utf-8")) == []
    assert (out / "all.csv").exists() and not (out / "all.xlsx").exists()


@pytest.mark.parametrize("target", ["folder/", "folder/all.csv"])
def test_a_read_only_target_is_one_line_and_no_traceback(
    seed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str
) -> None:
    _refuse(monkeypatch, None, errno.EROFS)
    monkeypatch.setattr(qingdan.batch, "write_combined", _combined_refused)
    result = invoke(["convert", str(_inputs(seed, tmp_path, 2)), "-o", f"{tmp_path}/{target}"])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "文件系统只读" in result.stderr.splitlines()[-1]
    assert result.stderr.splitlines()[-1].startswith("qingdan: 错误:")


def _combined_refused(path: Path, *_: object) -> None:
    raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))


def test_ctrl_c_while_the_end_is_written_waits_for_it(
    seed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    plan = plan_convert([_inputs(seed, tmp_path, 2)], f"{out}/")
    write = qingdan.folder_output.stream_many
    interrupted: list[bool] = []

    def write_and_interrupt(*args: object) -> None:
        if not interrupted:
            interrupted.append(True)
            os.kill(os.getpid(), signal.SIGINT)
        write(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(qingdan.folder_output, "stream_many", write_and_interrupt)
    with pytest.raises(KeyboardInterrupt):
        run_batch(plan, Settings(Knowledge.load()), jobs=1)
    assert interrupted
    names = {"errors.json", "all.csv", "all.jsonl", "all.xlsx", "all.warnings.csv"}
    assert names <= {path.name for path in out.iterdir()}


def _sleeping(*_: object, **__: object) -> None:
    time.sleep(30)


def test_a_file_past_its_time_fails_alone(
    seed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(qingdan.pipeline, "convert", _sleeping)
    settings = Settings(Knowledge.load(), ReadOptions(limits=Limits(file_seconds=1)))
    result = convert_one(seed, settings)
    assert (result.ok, result.error) == (False, "FileTimeout")
    assert "more than 1 s" in (result.reason or "") and "FILE_SECONDS" in (result.reason or "")
    assert result.seconds < 10


def _greedy(path: Path, *_: object, **__: object) -> None:
    if path.name == "0.txt":
        bytearray(1 << 30)  # a gigabyte, past the worker's 200 MiB


def test_a_worker_past_its_memory_fails_that_file_and_the_batch_goes_on(
    seed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(qingdan.pipeline, "convert", _greedy)
    files = sorted(_inputs(seed, tmp_path, 3).iterdir())
    settings = Settings(Knowledge.load(), ReadOptions(limits=Limits(worker_memory_mb=200)))
    seen: list[FileResult] = []
    convert_many(files, settings, jobs=2, on_result=seen.append)
    errors = {result.path.name: result.error for result in seen}
    assert errors == {"0.txt": "MemoryError", "1.txt": None, "2.txt": None}


def test_a_stopped_conversion_leaves_no_libreoffice_and_no_temporary_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    programs = tmp_path / "bin"
    programs.mkdir()
    pid_file = tmp_path / "soffice.pid"
    soffice = programs / "soffice"
    # Its pid as this test sees it: in LibreOffice's process-id namespace $$ is 1.
    soffice.write_text(
        f"#!/bin/sh\nread pid rest < /proc/self/stat\necho $pid > {pid_file}\nsleep 60\n",
        encoding="utf-8",
    )
    soffice.chmod(0o755)
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setenv("PATH", f"{programs}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("TMPDIR", str(temporary))
    monkeypatch.setattr("tempfile.tempdir", None)
    document = tmp_path / "旧.doc"
    document.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 600)
    settings = Settings(Knowledge.load(), ReadOptions(limits=Limits(file_seconds=2)))
    result = convert_one(document, settings)
    assert result.error == "FileTimeout"
    pid = int(pid_file.read_text())
    # Killed: gone, or a zombie for a moment (its parent, LibreOffice's first process, is
    # killed with it, so the system's init reaps it, not this process).
    assert _wait_for(lambda: not _alive(pid), seconds=10)
    assert list(temporary.iterdir()) == []
