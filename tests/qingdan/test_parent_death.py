"""Processes a batch starts end with it: a batch killed with SIGKILL (no chance to stop
anything) leaves no worker behind, on a ``-j N`` pool or in a cluster task's child.

Before, the pool's workers sat blocked on its queue for ever, and a cluster task's child
converted its whole chunk for nobody."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the parent-death signal is Linux's"
)


def _stat(pid: int) -> list[str] | None:
    """The fields of ``/proc/PID/stat`` after the command name (state first), or None
    when the process is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text("ascii", "replace")
    except OSError:
        return None
    return text.rsplit(")", 1)[1].split()


def _children(parent: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat(int(entry.name))
            if fields is not None and int(fields[1]) == parent:
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    fields = _stat(pid)
    return fields is not None and fields[0] != "Z"  # a zombie has ended


def _wait_for(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def _kill_and_watch(process: subprocess.Popen[bytes], children: set[int]) -> set[int]:
    """SIGKILL ``process``; which of its ``children`` still run a few seconds later."""
    assert process.poll() is None, "the parent ended before the test could kill it"
    process.kill()
    process.wait()
    _wait_for(lambda: not any(_alive(pid) for pid in children), seconds=10)
    survivors = {pid for pid in children if _alive(pid)}
    for pid in survivors:  # do not leave them to the rest of the suite
        subprocess.run(["kill", "-9", str(pid)], check=False)
    return survivors


def test_a_killed_batch_leaves_no_worker(seed: Path, tmp_path: Path) -> None:
    source, out = tmp_path / "in", tmp_path / "out"
    source.mkdir()
    for n in range(1000):
        shutil.copy(seed, source / f"{n:04}.txt")
    command = [sys.executable, "-m", "qingdan", "convert", str(source), "-o", f"{out}/", "-j", "2"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        working = _wait_for(
            lambda: len(_children(process.pid)) >= 2 and any(out.glob("*.txt.json")), seconds=120
        )
        assert working, "the batch's workers never started converting"
        workers = _children(process.pid)
        assert _kill_and_watch(process, workers) == set()
    finally:
        process.kill()


def test_a_killed_cluster_task_leaves_no_conversion_child(seed: Path) -> None:
    # A Dask worker's task converts its chunk in a child (qingdan.cluster_task); here a
    # process stands in for the worker, with a chunk that takes half a minute.
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from qingdan.cluster_task import convert_in_child\n"
        "from qingdan.workers import Settings\n"
        "convert_in_child([Path(sys.argv[1])] * 1000, Settings())\n"
    )
    process = subprocess.Popen([sys.executable, "-c", script, str(seed)])
    try:
        assert _wait_for(lambda: bool(_children(process.pid)), seconds=60)
        child = _children(process.pid)
        assert _kill_and_watch(process, child) == set()
    finally:
        process.kill()


@pytest.mark.parametrize(("parent", "lives"), [("os.getppid()", True), ("os.getppid() + 1", False)])
def test_a_worker_whose_parent_already_changed_ends_at_once(parent: str, lives: bool) -> None:
    # prctl(2)'s race: a parent that ended before the call sends no signal, so the
    # worker checks its parent is still the one that started it.
    script = (
        "import os\n"
        "from qingdan.parent_death import die_with_parent\n"
        f"die_with_parent({parent})\n"
        "print('went on')\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert (done.returncode, done.stdout) == ((0, "went on\n") if lives else (1, ""))
