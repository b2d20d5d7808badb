"""Run fuzz cases through ``qingdan convert``, each in a forked process with limits.

The runner imports qingdan once and forks one child per case (a fresh interpreter per
case would spend most of the run importing). A child gets an address-space limit
(this process's size plus ``MEMORY_LIMIT``) and a CPU-time limit, sends stdout to
``/dev/null`` and stderr to a file, runs the command line in-process and exits with
its exit code. The parent kills a child still running after ``TIME_LIMIT`` seconds.

A case passes when it ends in exit 0 with nothing on stderr but qingdan's own
warning lines (``qingdan: warning: ...``), or in exit 2 with one line
``qingdan: 错误: FILE: 原因``, within the time limit and under
``MEMORY_LIMIT`` of peak resident memory. Otherwise it is a *hang* (killed at the
time limit, or out of CPU time), a *memory blow-up* (``MemoryError``, or a peak above
the limit) or a *crash* (anything else: exit 3, a traceback, a signal, log lines on
stderr, an error of several lines).
"""

from __future__ import annotations

import importlib
import os
import random
import resource
import shutil
import signal
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from qingdan.cli import ERROR_PREFIX, WARNING_PREFIX  # the CLI's one-line starts
from tests.fuzz.mutations import mutate
from tests.fuzz.seeds import Seed

TIME_LIMIT = 60.0
"""Seconds of wall-clock time a case may take."""
STUB_TIMEOUT = "3"
"""``QINGDAN_SOFFICE_TIMEOUT`` in a fuzz run: the stand-in converter's ``hang`` ends fast."""
FUZZ_OCR_PAGES = "3"
"""``QINGDAN_MAX_OCR_PAGES`` in a fuzz run."""
STUB_SOFFICE = """#!/bin/sh
# The fuzzer's stand-in for LibreOffice: a .doc holds the OLE signature (8 bytes), a
# mode (4 bytes, tests.fuzz.generators.STUB_MODES) and a payload.
prev=""; out=""; target=""; source=""
for arg in "$@"; do
  case "$prev" in --outdir) out=$arg ;; --convert-to) target=$arg ;; esac
  prev=$arg; source=$arg
done
mode=$(dd if="$source" bs=1 skip=8 count=4 2>/dev/null)
mkdir -p "$out"
result="$out/input.$target"
case "$mode" in
  copy) tail -c +13 "$source" > "$result" ;;
  none) ;;
  fail) exit 77 ;;
  hang) sleep 300 & exec sleep 300 ;;
  huge) head -c 300000000 /dev/zero > "$result" ;;
  *) tail -c +13 "$source" > "$result" ;;
esac
"""
MEMORY_LIMIT = 1 << 30
"""Peak resident memory a case may reach (1 GiB)."""


@dataclass(frozen=True)
class Case:
    """One mutated attachment: which seed, which mutations, the bytes."""

    index: int
    seed_name: str
    suffix: str
    mutations: list[str]
    data: bytes

    def describe(self) -> str:
        """How a report names the case."""
        return f"case {self.index} ({self.seed_name}; {', '.join(self.mutations) or 'as is'})"


@dataclass(frozen=True)
class Outcome:
    """What one case did."""

    case: Case
    verdict: str
    """``ok``, ``crash``, ``hang`` or ``memory``."""
    detail: str
    seconds: float
    peak_bytes: int


def make_case(run_seed: int, index: int, seeds: dict[str, list[Seed]]) -> Case:
    """Case ``index`` of the run with ``run_seed``: the formats take turns."""
    rng = random.Random(f"{run_seed}:{index}")
    if index % 4 == 3:  # a hostile file made from scratch (tests.fuzz.generators)
        from tests.fuzz.generators import GENERATORS

        generator = rng.choice(GENERATORS)
        name, data = generator(rng)
        return Case(index, name, Path(name).suffix, [generator.__name__], data)
    suffixes = sorted(seeds)
    suffix = suffixes[index % len(suffixes)]
    seed = rng.choice(seeds[suffix])
    data, names = mutate(rng, seed.data, suffix)
    return Case(index, seed.name, suffix, names, data)


def _child(path: Path, stderr_path: Path, address_limit: int) -> None:
    """In the forked child: limits, redirections, the command line, exit (never returns)."""
    code = 99
    try:
        _few_malloc_arenas()
        resource.setrlimit(resource.RLIMIT_AS, (address_limit, address_limit))
        cpu = int(TIME_LIMIT) + 10
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
        devnull = os.open(os.devnull, os.O_WRONLY)
        errors = os.open(stderr_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(devnull, 1)
        os.dup2(errors, 2)
        from qingdan.cli import main

        try:
            main(["-q", "convert", str(path)])  # -q: no progress lines (OCR's per page)
            code = 0
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
    except BaseException:  # the child reports everything and exits; the parent judges
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _few_malloc_arenas() -> None:
    """Let glibc's malloc keep two arenas in this process. Each thread that meets a busy
    arena otherwise reserves 64 MiB of address space of its own (memory not used): OCR's
    engine threads on a loaded machine went past the address limit on an ordinary A4
    page (peak resident 480 MiB), a blow-up the machine's load decided."""
    import contextlib
    import ctypes

    with contextlib.suppress(OSError, AttributeError):  # not glibc: nothing to set
        ctypes.CDLL("libc.so.6").mallopt(-8, 2)  # M_ARENA_MAX


def judge(code: int | None, signal_number: int | None, stderr: str, peak: int) -> tuple[str, str]:
    """The verdict on a finished case and the line that explains it."""
    lines = stderr.splitlines()
    first = lines[0] if lines else ""
    if signal_number is not None:
        if signal_number == signal.SIGXCPU:
            return "hang", "out of CPU time"
        return "crash", f"killed by signal {signal.Signals(signal_number).name}"
    if "MemoryError" in stderr or peak > MEMORY_LIMIT:
        return "memory", f"peak {peak >> 20} MiB, exit {code}: {first[:200]}"
    if code == 0 and all(line.startswith(WARNING_PREFIX) for line in lines):
        return "ok", "exit 0"  # a converted file names its warnings on one line
    if code == 2 and len(lines) == 1 and first.startswith(ERROR_PREFIX):
        return "ok", "exit 2"
    return "crash", f"exit {code}, {len(lines)} stderr lines: {first[:200]}"


@dataclass
class _Running:
    case: Case
    path: Path
    stderr: Path
    started: float


def _address_limit() -> int:
    """This process's address-space size plus the memory limit (the child starts as a copy)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024 + MEMORY_LIMIT
    return 4 * MEMORY_LIMIT


def _import_everything() -> None:
    """Import the command line, the pipeline and every reader once, before forking (the
    command line imports them lazily, which every child would otherwise repeat)."""
    from qingdan.extract import READERS, reader_for

    for module in ("qingdan.cli", "qingdan.pipeline", "qingdan.writers"):
        importlib.import_module(module)
    for suffix in READERS:
        reader_for(suffix)


def _prepare_environment(workdir: Path) -> None:
    """Put the stand-in LibreOffice first on this process's PATH (children inherit it):
    ``.doc`` cases exercise the conversion route (time limit, nothing written, a failed
    run, a huge or hostile result) at no LibreOffice cost."""
    programs = workdir / "bin"
    programs.mkdir(exist_ok=True)
    soffice = programs / "soffice"
    soffice.write_text(STUB_SOFFICE, encoding="utf-8")
    soffice.chmod(0o755)
    os.environ["PATH"] = f"{programs}{os.pathsep}{os.environ.get('PATH', '')}"
    os.environ["QINGDAN_SOFFICE_TIMEOUT"] = STUB_TIMEOUT
    # OCR takes seconds a page (a page of grain, 9 s): the fuzzer checks that the page
    # limit holds, at a value that fits a case's time.
    os.environ["QINGDAN_MAX_OCR_PAGES"] = FUZZ_OCR_PAGES


def run_cases(cases: Iterator[Case], workdir: Path, jobs: int = 2) -> Iterator[Outcome]:
    """Run every case, ``jobs`` at a time, yielding outcomes as cases finish."""
    from qingdan.cli import prepare_process

    prepare_process()  # as the installed command does, before numpy loads
    _import_everything()
    _prepare_environment(workdir)

    address_limit = _address_limit()
    running: dict[int, _Running] = {}
    pending = iter(cases)
    exhausted = False
    while running or not exhausted:
        while not exhausted and len(running) < jobs:
            case = next(pending, None)
            if case is None:
                exhausted = True
                break
            path = workdir / f"case-{case.index:05d}{case.suffix}"
            path.write_bytes(case.data)
            stderr = workdir / f"case-{case.index:05d}.stderr"
            pid = os.fork()
            if pid == 0:
                _child(path, stderr, address_limit)
            running[pid] = _Running(case, path, stderr, time.monotonic())
        yield from _collect(running)


def _collect(running: dict[int, _Running]) -> Iterator[Outcome]:
    """Wait a moment for children; yield the finished ones, kill the overdue ones."""
    deadline = time.monotonic() + 0.05
    while running:
        pid, status, usage = os.wait4(-1, os.WNOHANG)
        if pid == 0:
            now = time.monotonic()
            for child_pid, child in running.items():
                if now - child.started > TIME_LIMIT:
                    os.kill(child_pid, signal.SIGKILL)
                    os.waitpid(child_pid, 0)
                    del running[child_pid]
                    yield _finish(child, "hang", f"still running after {TIME_LIMIT:.0f} s", 0)
                    break
            if time.monotonic() > deadline:
                return
            time.sleep(0.005)
            continue
        child = running.pop(pid)
        peak = usage.ru_maxrss * 1024
        stderr = child.stderr.read_text(encoding="utf-8", errors="replace")
        code = os.waitstatus_to_exitcode(status)
        verdict, detail = judge(
            code if code >= 0 else None, -code if code < 0 else None, stderr, peak
        )
        yield _finish(child, verdict, detail, peak)
        return


def _finish(child: _Running, verdict: str, detail: str, peak: int) -> Outcome:
    seconds = time.monotonic() - child.started
    if verdict == "ok":
        child.path.unlink(missing_ok=True)
        child.stderr.unlink(missing_ok=True)
    return Outcome(child.case, verdict, detail, seconds, peak)


def keep_failure(outcome: Outcome, workdir: Path, keep: Path) -> Path:
    """Copy a failed case's input (and stderr) into ``keep``; the copy's path."""
    keep.mkdir(parents=True, exist_ok=True)
    stem = f"case-{outcome.case.index:05d}"
    source = workdir / f"{stem}{outcome.case.suffix}"
    target = keep / source.name
    shutil.copyfile(source, target)
    stderr = workdir / f"{stem}.stderr"
    if stderr.exists():
        shutil.copyfile(stderr, keep / stderr.name)
    return target


def summary_line(outcomes: list[Outcome]) -> str:
    """The last line of a run: ``fuzz: N cases, C crashes, H hangs, M memory blow-ups``."""
    count: Callable[[str], int] = lambda verdict: sum(o.verdict == verdict for o in outcomes)  # noqa: E731
    return (
        f"fuzz: {len(outcomes)} cases, {count('crash')} crashes, {count('hang')} hangs, "
        f"{count('memory')} memory blow-ups"
    )
