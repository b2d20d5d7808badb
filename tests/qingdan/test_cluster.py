"""Batches on a real Dask ``LocalCluster`` (issue 29): two worker processes on 127.0.0.1.

A folder converts to the same outputs as ``-j 1``; a worker that dies fails only its
file; an interrupted cluster batch resumes. ``Poison`` is a test-only input: a path
that ends the worker process that touches it, as a crash in a library would.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path, PosixPath
from typing import Any

import pytest
from qingdan.extract.limits import Limits
from qingdan.extract.options import ReadOptions
from qingdan.normalize import Knowledge

from qingdan.batch import FileResult, Settings, plan_convert, run_batch
from tests.cli_runner import invoke

pytest.importorskip("distributed")

from qingdan.cluster import DIED, Cluster, ClusterError, chunked, open_cluster

SETTINGS = Settings(Knowledge.load())


# Worker processes inherit the environment: a process whose id differs from the one
# recorded here is a worker (the LocalCluster's scheduler runs in the test process).
os.environ.setdefault("QINGDAN_TEST_CLIENT_PID", str(os.getpid()))


def _in_worker() -> bool:
    return os.environ["QINGDAN_TEST_CLIENT_PID"] != str(os.getpid())


def _revive(text: str) -> Poison:
    """Unpickle a ``Poison``: in a Dask worker, end the worker's process instead."""
    if _in_worker():
        os._exit(1)
    return Poison(text)


class Poison(PosixPath):
    """A path that ends the Dask worker process that receives it (as a crash in a
    library would); the client and the scheduler pass it on."""

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        return _revive, (str(self),)


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    connected = open_cluster("local", 2)
    yield connected
    connected.close()


def _folder(seed: Path, root: Path, count: int) -> Path:
    source = root / "in"
    source.mkdir()
    for n in range(count):
        shutil.copy(seed, source / f"{n:03}.txt")
    return source


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_a_folder_converts_on_the_cluster_as_with_one_process(seed: Path, tmp_path: Path) -> None:
    source = _folder(seed, tmp_path, 5)
    shutil.copy(seed.parent / "001_xincheng_2020_merged.docx", source / "005.docx")
    (source / "006.txt").write_bytes(b"")  # fails the same way in both
    one = invoke(["convert", str(source), "-o", f"{tmp_path / 'one'}/", "-j", "1"])
    two = invoke(
        ["convert", str(source), "-o", f"{tmp_path / 'two'}/", "-j", "2", "--scheduler", "local"]
    )
    assert one.exit_code == two.exit_code == 1, two.stderr
    first, second = _tree(tmp_path / "one"), _tree(tmp_path / "two")
    assert sorted(first) == sorted(second)
    for name in first:
        if not name.endswith(".xlsx"):  # XLSX files carry the time they were written
            assert first[name] == second[name], name


def test_a_worker_that_dies_fails_its_file_and_the_rest_complete(
    cluster: Cluster, seed: Path, tmp_path: Path
) -> None:
    source = _folder(seed, tmp_path, 4)
    poison = Poison(source / "001.txt")
    files = [source / "000.txt", poison, source / "002.txt", source / "003.txt"]
    assert [len(chunk) for chunk in chunked(files)] == [4]  # one chunk: it is split
    results: list[FileResult] = []
    cluster.convert_many(files, SETTINGS, results.append)
    by_path = {str(r.path): r for r in results}
    assert len(results) == 4
    assert (by_path[str(poison)].ok, by_path[str(poison)].reason) == (False, DIED)
    assert all(by_path[str(p)].ok for p in files if p is not poison)


def test_a_worker_death_is_charged_to_its_own_file_only(
    cluster: Cluster, seed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each file its own task: four tasks on two one-thread workers are assigned two to a
    # worker (dask queues tasks at the scheduler only past twice the cluster's threads),
    # and every death is counted against each task on the dead worker. A file that
    # shared the poisoned one's worker at both its deaths failed with it (the load-flaky
    # test above, once its chunk was split). Files that died are tried again alone.
    monkeypatch.setattr("qingdan.cluster.SMALL_BYTES", 0)
    source = _folder(seed, tmp_path, 4)
    poison = Poison(source / "001.txt")
    files = [source / "000.txt", poison, source / "002.txt", source / "003.txt"]
    assert [len(chunk) for chunk in chunked(files)] == [1, 1, 1, 1]
    results: list[FileResult] = []
    cluster.convert_many(files, SETTINGS, results.append)
    by_path = {str(r.path): r for r in results}
    assert len(results) == 4
    assert (by_path[str(poison)].ok, by_path[str(poison)].reason) == (False, DIED)
    assert all(by_path[str(p)].ok for p in files if p is not poison), [r.reason for r in results]


def test_workers_killed_by_a_file_are_restarted_and_kept(seed: Path, tmp_path: Path) -> None:
    # A LocalCluster closes for good a worker not back within dask's lost-worker timeout
    # (15 s) of its death: on a loaded machine a worker killed twice restarted slower
    # than that, was closed, and a file sent to it failed as if it had killed it (the
    # load-flaky test above). A timeout of 0 s makes that certain here.
    import dask

    source = _folder(seed, tmp_path, 4)
    poison = Poison(source / "001.txt")
    files = [source / "000.txt", poison, source / "002.txt", source / "003.txt"]
    local = open_cluster("local", 2)
    try:
        with dask.config.set({"distributed.deploy.lost-worker-timeout": "0s"}):
            results: list[FileResult] = []
            local.convert_many(files, SETTINGS, results.append)
            assert len(local.local.workers) == 2, "the cluster closed its restarting workers"
            again: list[FileResult] = []
            local.convert_many([source / "000.txt", source / "002.txt"], SETTINGS, again.append)
    finally:
        local.close()
    assert [r.ok for r in results if r.path is not poison] == [True, True, True]
    assert [r.ok for r in again] == [True, True]


def test_an_interrupted_cluster_batch_resumes(cluster: Cluster, seed: Path, tmp_path: Path) -> None:
    source = _folder(seed, tmp_path, 20)
    out = f"{tmp_path / 'out'}/"
    plan = plan_convert([source], out)
    seen: list[FileResult] = []

    def stop_after_two(result: FileResult) -> None:
        seen.append(result)
        if len(seen) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_batch(plan, SETTINGS, 2, stop_after_two, cluster=cluster)
    errors = json.loads((tmp_path / "out" / "errors.json").read_text("utf-8"))
    assert [entry["status"] for entry in errors] == ["not done"] * 18
    assert len(list((tmp_path / "out").glob("*.txt.json"))) == 2
    outcome = run_batch(plan_convert([source], out, resume=True), SETTINGS, 2, cluster=cluster)
    assert outcome.summary.converted == 20 and not outcome.not_done
    assert sum(r.resumed for r in outcome.results) == 2


def test_an_unreachable_scheduler_is_one_clear_line(
    tmp_path: Path, seed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(ClusterError, match="cannot connect"):
        open_cluster("tcp://127.0.0.1:9", 1)
    source = _folder(seed, tmp_path, 2)
    monkeypatch.setenv("QINGDAN_SCHEDULER", "tls://127.0.0.1:9")
    bad = invoke(
        ["convert", str(source), "-o", f"{tmp_path}/out/", "--scheduler-security", "ca=/nope"]
    )
    assert bad.exit_code == 2
    assert bad.stderr.strip().startswith("qingdan: 错误: `--scheduler-security` 的值有误")


def test_a_file_past_its_time_on_the_cluster_fails_alone(
    seed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A .doc whose stand-in LibreOffice sleeps: the workers of a cluster started now
    # inherit the PATH that finds it. The limit applies inside a worker's task (its
    # thread is no main thread: an alarm there was never set, issue 33).
    programs = tmp_path / "bin"
    programs.mkdir()
    soffice = programs / "soffice"
    soffice.write_text("#!/bin/sh\nexec sleep 60\n", encoding="utf-8")
    soffice.chmod(0o755)
    monkeypatch.setenv("PATH", f"{programs}{os.pathsep}{os.environ['PATH']}")
    source = _folder(seed, tmp_path, 3)
    sleeper = source / "001.doc"
    sleeper.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 600)
    files = [source / "000.txt", sleeper, source / "001.txt", source / "002.txt"]
    assert [len(chunk) for chunk in chunked(files)] == [4]  # the sleeper shares its task
    # 15 s: the other files' first conversion in a child imports the readers, seconds on a
    # loaded machine (2 s failed one of them there).
    settings = Settings(Knowledge.load(), ReadOptions(limits=Limits(file_seconds=15)))
    local = open_cluster("local", 2)
    try:
        results: list[FileResult] = []
        local.convert_many(files, settings, results.append)
    finally:
        local.close()
    by_path = {r.path: r for r in results}
    assert len(results) == 4
    assert by_path[sleeper].error == "FileTimeout"
    assert "more than 15 s" in (by_path[sleeper].reason or "")
    assert all(by_path[p].ok for p in files if p != sleeper), [r.reason for r in results]
