"""Batches that keep their work (issue 17): outputs as each file finishes, what
finished kept on Ctrl-C or a fatal error, --resume, the database loaded as it goes,
stale temporaries removed, long names cut to the file system's limit, a file that
cannot be written failing alone."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from qingdan.normalize import Knowledge

import qingdan.workers
from qingdan.batch import BatchInterrupted, FileResult, Settings, plan_convert, run_batch
from qingdan.sinks.database import open_database, row_counts
from tests.cli_runner import invoke, start_interruptible

SETTINGS = Settings(Knowledge.load())


def _folder(seed: Path, root: Path, count: int) -> Path:
    source = root / "in"
    source.mkdir()
    for n in range(count):
        shutil.copy(seed, source / f"{n:03}.txt")
    return source


def test_each_output_is_written_as_its_file_finishes(seed: Path, tmp_path: Path) -> None:
    plan = plan_convert([_folder(seed, tmp_path, 3)], f"{tmp_path / 'out'}/")
    written: list[bool] = []

    def seen(result: FileResult) -> None:
        written.append(plan.outputs[result.path].exists())
        assert not (tmp_path / "out" / "all.csv").exists()  # combined files come at the end

    run_batch(plan, SETTINGS, jobs=1, on_result=seen)
    assert written == [True, True, True]
    assert (tmp_path / "out" / "all.csv").exists()


@pytest.mark.parametrize("stop", [KeyboardInterrupt, RuntimeError])
def test_an_interrupted_batch_keeps_what_finished(
    seed: Path, tmp_path: Path, stop: type[BaseException]
) -> None:
    out = tmp_path / "out"
    plan = plan_convert([_folder(seed, tmp_path, 4)], f"{out}/")
    done: list[Path] = []

    def interrupt(result: FileResult) -> None:
        done.append(result.path)
        if len(done) == 2:
            raise stop()

    with pytest.raises(stop):
        run_batch(plan, SETTINGS, jobs=1, on_result=interrupt)
    assert sorted(p.name for p in out.glob("*.txt.json")) == ["000.txt.json", "001.txt.json"]
    errors = json.loads((out / "errors.json").read_text("utf-8"))
    assert [(Path(e["file"]).name, e["status"]) for e in errors] == [
        ("002.txt", "not done"),
        ("003.txt", "not done"),
    ]
    assert len((out / "all.jsonl").read_text("utf-8").splitlines()) == 2 * 15
    assert not list(out.glob(".qingdan-*"))


class _CtrlCInAFinalizer:
    """An object whose finalizer receives a Ctrl-C: Python prints "Exception ignored in"
    and swallows the KeyboardInterrupt (seen in a real batch, in pydantic's validation)."""

    def __del__(self) -> None:
        os.kill(os.getpid(), signal.SIGINT)
        for _ in range(10_000):  # the handler runs here, between bytecodes
            pass


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # the swallowing
def test_a_ctrl_c_python_swallows_still_stops_the_batch(
    seed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    plan = plan_convert([_folder(seed, tmp_path, 4)], f"{out}/")
    convert_one = qingdan.workers.convert_one

    def converted_with_a_lost_ctrl_c(path: Path, settings: Settings | None = None) -> FileResult:
        if path.name == "001.txt":
            _CtrlCInAFinalizer()  # made and finalized at once
        return convert_one(path, settings)

    monkeypatch.setattr(qingdan.workers, "convert_one", converted_with_a_lost_ctrl_c)
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    with pytest.raises(BatchInterrupted) as stopped:
        run_batch(plan, SETTINGS, jobs=1)
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    assert [r.path.name for r in stopped.value.outcome.results] == ["000.txt", "001.txt"]
    assert [p.name for p in stopped.value.outcome.not_done] == ["002.txt", "003.txt"]


def test_ctrl_c_on_a_real_batch_exits_130_and_keeps_what_finished(
    seed: Path, tmp_path: Path
) -> None:
    source, out = _folder(seed, tmp_path, 150), tmp_path / "out"
    command = [sys.executable, "-m", "qingdan", "convert", str(source), "-o", f"{out}/", "-j", "1"]
    process = start_interruptible(command)
    deadline = time.monotonic() + 120
    while not list(out.glob("*.txt.json")) and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _, errors_text = process.communicate(timeout=120)
    assert process.returncode == 130, errors_text
    assert "已中断" in errors_text and "Traceback" not in errors_text
    errors = json.loads((out / "errors.json").read_text("utf-8"))
    kept = sorted(p.name for p in out.glob("*.txt.json"))
    listed = sorted(Path(e["file"]).name + ".json" for e in errors)
    assert kept, errors_text
    assert not set(kept) & set(listed), "a file with an output is listed as not done"
    assert len(kept) + len(listed) == 150, (kept, listed)
    assert {e["status"] for e in errors} == {"not done"}


def test_resume_skips_inputs_converted_from_the_same_content(seed: Path, tmp_path: Path) -> None:
    source, out = _folder(seed, tmp_path, 2), tmp_path / "out"
    command = ["convert", str(source), "-o", f"{out}/", "-j", "1"]
    assert invoke(command).exit_code == 0
    kept, changed = out / "000.txt.json", out / "001.txt.json"
    before = {path: path.stat().st_mtime_ns for path in (kept, changed)}
    text = (source / "001.txt").read_text("utf-8")
    (source / "001.txt").write_text(text.replace("完善土壤环境质量监测网络", "完善监测"), "utf-8")
    time.sleep(0.01)
    result = invoke([*command, "--resume"])
    assert result.exit_code == 0, result.output
    assert "000.txt: 15 条记录（内容未变，沿用上次结果，--resume）" in result.stderr
    assert kept.stat().st_mtime_ns == before[kept]
    assert changed.stat().st_mtime_ns != before[changed]
    assert "完善监测" in changed.read_text("utf-8")
    assert len((out / "all.jsonl").read_text("utf-8").splitlines()) == 30


def test_the_database_is_loaded_as_each_file_finishes(seed: Path, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'tasks.db'}"
    plan = plan_convert([_folder(seed, tmp_path, 2)], None, db=url)
    engine = open_database(url)
    counts: list[int] = []
    (tmp_path / "in" / "001.txt").write_text("另一份\n", encoding="utf-8")  # fails: no table

    def seen(result: FileResult) -> None:
        counts.append(row_counts(engine)["records"])

    run_batch(plan, SETTINGS, jobs=1, on_result=seen, engine=engine)
    assert counts == [15, 15]


def test_stale_temporaries_of_a_killed_run_are_removed(seed: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = out / f".qingdan-{dead.pid}-abc123.tmp"
    live = out / f".qingdan-{os.getpid()}-def456.tmp"  # a run still writing: kept
    stale.write_bytes(b"half")
    live.write_bytes(b"half")
    result = invoke(["convert", str(seed), str(seed), "-o", f"{out}/"])
    assert result.exit_code == 0, result.output
    assert not stale.exists()
    assert live.exists()


def test_an_80_character_chinese_name_is_cut_to_the_byte_limit(seed: Path, tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    name = ("关于印发二〇一九年度重点工作任务分解责任清单的通知附件" * 3)[:80] + ".txt"
    assert len(name.encode()) > 240
    shutil.copy(seed, source / name)
    shutil.copy(seed, source / "short.txt")
    out = tmp_path / "out"
    result = invoke(["convert", str(source), "-o", f"{out}/", "-f", "csv"])
    assert result.exit_code == 0, result.output
    outputs = [p for p in out.iterdir() if p.name.endswith(".txt.csv")]
    assert len(outputs) == 2
    assert all(len(p.name.encode()) <= 255 for p in out.iterdir())
    assert (out / "all.csv").exists() and (out / "errors.json").exists()


def test_a_file_that_cannot_be_written_fails_alone(seed: Path, tmp_path: Path) -> None:
    source, out = _folder(seed, tmp_path, 2), tmp_path / "out"
    (out / "000.txt.json").mkdir(parents=True)  # a folder where the output should go
    result = invoke(["convert", str(source), "-o", f"{out}/", "-j", "1"])
    assert result.exit_code == 1, result.output
    errors = json.loads((out / "errors.json").read_text("utf-8"))
    assert [(Path(e["file"]).name, e["status"]) for e in errors] == [("000.txt", "failed")]
    assert "无法写出" in errors[0]["reason"] and "cannot write" in errors[0]["detail"]
    assert (out / "001.txt.json").is_file()
