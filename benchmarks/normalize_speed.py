"""Normalizer import and first-call times (issue 16): ``python -m benchmarks.normalize_speed``.

Prints, each the minimum of ``RUNS`` fresh processes (the source compiled first: this
environment may set ``PYTHONDONTWRITEBYTECODE``, and compiling the source on every
import is not what a user with an installed package pays):

* ``python -c pass``, ``import qingdan.normalize`` and ``import qingdan.extract.pdf.pdfium``;
* for each of ``DOCUMENTS``, in one fresh process: the time of the first
  ``normalize(read_document(path))`` (reading and normalizing split) and the steady
  normalize time (the minimum of ``RUNS`` later calls on the same raw document).

Times are wall-clock milliseconds; the machine is shared, so compare minima only.
"""

from __future__ import annotations

import compileall
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 7
DOCUMENTS = (
    "samples/004_beitang_flood_2019_merged.pdf",
    "samples/000_eaf823a1ce4555f0_merged.pdf",
    "samples/000_eaf823a1ce4555f0_merged.docx",
)
IMPORTS = {
    "python -c pass": "pass",
    "import qingdan.normalize": "import qingdan.normalize",
    "import qingdan.extract.pdf.pdfium": "import qingdan.extract.pdf.pdfium",
}
ONE_DOCUMENT = """\
import json, sys, time
from pathlib import Path
start = time.perf_counter()
from qingdan.extract import read_document
from qingdan.normalize import normalize
imported = time.perf_counter()
path = Path(sys.argv[1])
raw = read_document(path)
read = time.perf_counter()
normalize(raw)
first = time.perf_counter()
steady = []
for _ in range(int(sys.argv[2])):
    again = read_document(path)
    begin = time.perf_counter()
    normalize(again)
    steady.append(time.perf_counter() - begin)
print(json.dumps({"import": imported - start, "read": read - imported,
                  "first": first - read, "steady": min(steady)}))
"""


def _process_time(code: str) -> float:
    """Seconds one fresh ``python -c code`` takes, start-up included."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
    return time.perf_counter() - start


def import_times() -> dict[str, float]:
    """The minimum over ``RUNS`` fresh processes of each of ``IMPORTS``, in seconds."""
    times: dict[str, list[float]] = {name: [] for name in IMPORTS}
    for _ in range(RUNS):
        for name, code in IMPORTS.items():
            times[name].append(_process_time(code))
    return {name: min(values) for name, values in times.items()}


def document_times(document: str) -> dict[str, float]:
    """First and steady times on one document: the minima over ``RUNS`` fresh processes."""
    runs = []
    for _ in range(RUNS):
        done = subprocess.run(
            [sys.executable, "-c", ONE_DOCUMENT, document, str(RUNS)],
            check=True,
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        runs.append(json.loads(done.stdout))
    return {key: min(run[key] for run in runs) for key in runs[0]}


def main() -> None:
    """Compile the packages, then print the import and per-document times."""
    for folder in ("qingdan", "extract", "normalize", "schema"):
        compileall.compile_dir(ROOT / folder, quiet=1)
    for name, seconds in import_times().items():
        print(f"{name:32} {seconds * 1000:7.1f} ms")
    print(f"{'document':42} {'import':>7} {'read':>7} {'first':>7} {'steady':>7}  (ms)")
    for document in DOCUMENTS:
        times = document_times(document)
        cells = " ".join(
            f"{times[key] * 1000:7.1f}" for key in ("import", "read", "first", "steady")
        )
        print(f"{Path(document).name:42} {cells}")


if __name__ == "__main__":
    main()
