"""``python -m benchmarks.bench_batch [FILES]``: a folder batch at archive scale (issue 29).

Converts a folder of FILES (default 500) small attachments (copies of the text, DOCX and
XLSX samples) with ``qingdan convert DIR -o OUT/`` on ``-j 1``, ``-j 2`` and a 2-worker
``--scheduler local`` cluster, each as its own process (wall and CPU seconds, children
included); then times the combined outputs of those documents apart (``all.xlsx``,
``all.csv``, ``all.jsonl``), and the start-up of a one-file command with the sources
compiled to bytecode and without (each run given an empty bytecode cache). It measures,
it asserts nothing.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.corpus import SAMPLES

KINDS = (
    "000_eaf823a1ce4555f0.txt",
    "001_xincheng_2020_merged.docx",
    "001_xincheng_2020_merged.xlsx",
)
RUNS = {
    "-j 1": ["-j", "1"],
    "-j 2": ["-j", "2"],
    "LocalCluster, 2 workers": ["-j", "2", "--scheduler", "local"],
}
STARTUP_RUNS = 7


def make_folder(folder: Path, count: int) -> None:
    """``count`` attachments, the samples of ``KINDS`` in turn."""
    folder.mkdir(parents=True)
    for n in range(count):
        kind = SAMPLES / KINDS[n % len(KINDS)]
        shutil.copy(kind, folder / f"{n:05}{kind.suffix}")


def run(command: list[str]) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds of the child and its children, exit code)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    code = subprocess.run(command, capture_output=True, check=False).returncode
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, cpu, code


def batch_lines(folder: Path, work: Path) -> list[str]:
    """One line per way of running the batch."""
    lines = []
    for name, options in RUNS.items():
        out = work / name.replace(" ", "_").replace(",", "")
        command = [sys.executable, "-m", "qingdan", "-q", "convert", str(folder)]
        seconds, cpu, code = run([*command, "-o", f"{out}/", *options])
        lines.append(f"{name:24} {seconds:6.1f} s wall, {cpu:6.1f} s CPU (exit {code})")
    return lines


def combined_lines(out: Path) -> list[str]:
    """The time of each combined output, written from the documents of a finished batch."""
    from qingdan.schema import Document

    from qingdan.folder_output import COMBINED
    from qingdan.writers import render_many

    documents = [
        Document.model_validate_json(path.read_bytes())
        for path in sorted(out.glob("*.json"))
        if path.name != "errors.json"
    ]
    lines = []
    for name, fmt in COMBINED.items():
        start = time.process_time()
        size = len(render_many(documents, fmt, []))
        cpu = time.process_time() - start
        lines.append(f"{name:12} {cpu:5.2f} s CPU, {size / 1e6:.1f} MB ({len(documents)} files)")
    return lines


def startup_lines(work: Path) -> list[str]:
    """Median wall time of a one-file conversion, with bytecode and compiled afresh."""
    sample = SAMPLES / KINDS[0]
    command = [sys.executable, "-m", "qingdan", "convert", str(sample), "-o", str(work / "x.json")]
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", *_sources()], capture_output=True, check=False
    )
    times: dict[str, list[float]] = {"bytecode": [], "from source": []}
    for n in range(STARTUP_RUNS):
        times["bytecode"].append(_timed(command, {}))
        empty = work / f"pycache-{n}"
        times["from source"].append(_timed(command, {"PYTHONPYCACHEPREFIX": str(empty)}))
    return [
        f"one-file convert, {name:12} median {statistics.median(found) * 1000:5.0f} ms "
        f"({STARTUP_RUNS} runs)"
        for name, found in times.items()
    ]


def _sources() -> list[str]:
    import qingdan

    root = Path(qingdan.__file__).resolve().parent
    return [str(root), *(str(root.parent / name) for name in ("extract", "normalize", "schema"))]


def _timed(command: list[str], extra: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, capture_output=True, check=False, env={**os.environ, **extra})
    return time.perf_counter() - start


def main(argv: list[str]) -> int:
    """Print the batch, combined-output and start-up lines."""
    count = int(argv[0]) if argv else 500
    with tempfile.TemporaryDirectory(prefix="qingdan-batch-") as name:
        work = Path(name)
        folder = work / "in"
        make_folder(folder, count)
        print(f"folder batch of {count} files ({', '.join(KINDS)} in turn):", flush=True)
        for line in batch_lines(folder, work):
            print("  " + line, flush=True)
        print("combined outputs of that batch, written alone:")
        for line in combined_lines(work / "-j_1"):
            print("  " + line, flush=True)
        print("start-up:")
        for line in startup_lines(work):
            print("  " + line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
