"""Interrupted batches end to end (issue 33): Ctrl-C on a batch of two workers leaves
errors.json and the summary and no traceback; a worker killed mid-batch fails only the
file it was converting; an interrupted batch of .doc files leaves no LibreOffice and no
temporary folder."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from qingdan.normalize import Knowledge

import qingdan.pipeline
import qingdan.workers
from qingdan.batch import FileResult, Settings
from qingdan.workers import convert_many
from tests.cli_runner import start_interruptible
from tests.qingdan.chinese import english

SETTINGS = Settings(Knowledge.load())


def _folder(seed: Path, root: Path, count: int, suffix: str = ".txt") -> Path:
    source = root / "in"
    source.mkdir()
    for n in range(count):
        shutil.copy(seed, source / f"{n:03}{suffix}")
    return source


def _wait_for(condition: Callable[[], bool], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.05)


def _interrupt(command: list[str], ready: Callable[[], bool]) -> tuple[int, str]:
    """Run ``command``, send SIGINT to it alone once ``ready``; its exit code and stderr."""
    env = {**os.environ, "COLUMNS": "200"}
    process = start_interruptible(command, env)
    try:
        _wait_for(lambda: ready() or process.poll() is not None)
        process.send_signal(signal.SIGINT)
        _, errors = process.communicate(timeout=120)
    finally:
        process.kill()
    return process.returncode, errors


def test_ctrl_c_on_a_batch_of_two_workers_leaves_errors_json_and_the_summary(
    seed: Path, tmp_path: Path
) -> None:
    source, out = _folder(seed, tmp_path, 60), tmp_path / "out"
    command = [sys.executable, "-m", "qingdan", "convert", str(source), "-o", f"{out}/", "-j", "2"]
    code, errors_text = _interrupt(command, lambda: bool(list(out.glob("*.txt.json"))))
    assert code == 130, errors_text
    assert "Traceback" not in errors_text
    assert "qingdan: 已中断" in errors_text
    assert "未完成" in errors_text, "the summary counts the files not done"
    shown = errors_text.replace(str(tmp_path), "")
    assert [line for line in shown.splitlines() if english(line)] == []  # Chinese throughout
    errors = json.loads((out / "errors.json").read_text("utf-8"))
    kept = {p.name.removesuffix(".json") for p in out.glob("*.txt.json")}
    listed = {Path(e["file"]).name for e in errors}
    assert kept and listed and not kept & listed
    assert len(kept) + len(listed) == 60
    assert {e["reason"] for e in errors} == {"批量在转换此文件前已停止"}
    assert not list(out.glob(".qingdan-*"))


def _dies_on(names: set[str]) -> Callable[..., object]:
    """A conversion that kills its own worker (SIGKILL) for ``names``, and takes a
    moment for every other file, so that the others are in flight when a worker dies."""
    convert = qingdan.pipeline.convert

    def converting(path: Path, *args: object, **kwargs: object) -> object:
        if path.name in names:
            time.sleep(0.3)
            os.kill(os.getpid(), signal.SIGKILL)
        time.sleep(0.6)
        return convert(path, *args, **kwargs)  # type: ignore[arg-type]

    return converting


def test_a_killed_worker_fails_only_the_file_it_was_converting(
    seed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = sorted(_folder(seed, tmp_path, 6).iterdir())
    # Two deaths: a file in flight beside both was charged for each and failed.
    monkeypatch.setattr(qingdan.pipeline, "convert", _dies_on({"000.txt", "003.txt"}))
    seen: list[FileResult] = []
    convert_many(files, SETTINGS, jobs=2, on_result=seen.append)
    assert sorted(result.path.name for result in seen) == [path.name for path in files]
    errors = {result.path.name: result.error for result in seen}
    assert errors == {
        "000.txt": "BrokenProcessPool",
        "001.txt": None,
        "002.txt": None,
        "003.txt": "BrokenProcessPool",
        "004.txt": None,
        "005.txt": None,
    }
    died = next(result for result in seen if result.path.name == "000.txt")
    assert "worker process died" in (died.reason or "")


def _stub_soffice(folder: Path, pids: Path) -> None:
    """A LibreOffice that records its pid and sleeps (a conversion that never ends)."""
    folder.mkdir()
    pids.mkdir()
    soffice = folder / "soffice"
    # Its pid as this test sees it: in LibreOffice's process-id namespace $$ is 1.
    soffice.write_text(
        f"#!/bin/sh\nread pid rest < /proc/self/stat\ntouch {pids}/$pid\nexec sleep 300\n",
        encoding="utf-8",
    )
    soffice.chmod(0o755)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie (ended, not yet reaped) counts as ended
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def test_an_interrupted_batch_of_doc_files_leaves_no_libreoffice_or_temporary_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "in"
    source.mkdir()
    for n in range(4):
        (source / f"旧{n}.doc").write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 600)
    programs, pids, temporary = tmp_path / "bin", tmp_path / "pids", tmp_path / "tmp"
    _stub_soffice(programs, pids)
    temporary.mkdir()
    out = tmp_path / "out"
    monkeypatch.setenv("PATH", f"{programs}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("TMPDIR", str(temporary))
    command = [sys.executable, "-m", "qingdan", "convert", str(source), "-o", f"{out}/", "-j", "2"]
    code, errors_text = _interrupt(command, lambda: len(list(pids.iterdir())) >= 2)
    assert code == 130, errors_text
    assert "Traceback" not in errors_text
    assert (out / "errors.json").exists()
    started = [int(path.name) for path in pids.iterdir()]
    assert len(started) >= 2
    _wait_for(lambda: not any(_alive(pid) for pid in started), seconds=10)
    assert list(temporary.iterdir()) == []


def test_workers_that_die_as_they_start_fail_the_files_instead_of_looping(
    seed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def dying(_memory_mb: int) -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    monkeypatch.setattr(qingdan.workers, "_start_worker", dying)
    files = sorted(_folder(seed, tmp_path, 3).iterdir())
    seen: list[FileResult] = []
    convert_many(files, SETTINGS, jobs=2, on_result=seen.append)
    assert sorted(result.path.name for result in seen) == [path.name for path in files]
    assert {result.error for result in seen} == {"BrokenProcessPool"}
