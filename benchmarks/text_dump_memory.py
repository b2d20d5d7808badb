"""``python -m benchmarks.text_dump_memory [MB]``: peak memory of converting a large text dump
to JSON, CSV and XLSX.

Issue 17: a 100 MB cell-per-line dump converted at 1.4 GB of resident memory; the
target is under 1 GB, and issue 29's under 300 MB (records made, validated and written
one at a time). The script writes a dump of about MB megabytes (default 100)
by repeating the seed's task rows with numbered measures, converts it with
``qingdan convert DUMP -o OUT.json`` in a child process, and prints the child's peak
resident memory and time. It is a measurement, not a test: run it by
hand (about two minutes for 100 MB on a shared machine).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from qingdan.extract import read_document
from qingdan.extract.grid import cell_text

from benchmarks.corpus import SAMPLES

TARGET_BYTES = 1 << 30
"""Peak resident memory a 100 MB dump may take (issue 17)."""
SEED = SAMPLES / "000_eaf823a1ce4555f0.txt"


def _cell_lines(cell: str) -> str:
    """A cell in the cell-per-line layout: a TAB, then its lines."""
    return "\t" + cell + "\n"


def write_dump(path: Path, megabytes: float) -> int:
    """A cell-per-line dump of about ``megabytes`` MB: the seed's text above the table
    and header once, then its task rows again and again, each measure numbered so
    that no two are equal (as in a real list); the number of task rows written."""
    raw = read_document(SEED)
    header, *body = (row.cells for row in raw.tables[0].rows)
    tasks = [cells for cells in body if cells != header]
    head = "\n\n".join(raw.content.text_before) + "\n\n"
    head += "".join(_cell_lines(cell_text(cell)) for cell in header) + "\n"
    target = int(megabytes * 1_000_000)
    written = rows = 0
    with path.open("w", encoding="utf-8") as out:
        out.write(head)
        while written < target:
            for cells in tasks:
                numbered = [cells[0], f"{rows + 1}. {cell_text(cells[1])}", *cells[2:]]
                chunk = "".join(_cell_lines(cell_text(cell)) for cell in numbered) + "\n"
                out.write(chunk)
                written += len(chunk.encode("utf-8"))
                rows += 1
    return rows


PEAK_PROBE = """
import sys
from qingdan.cli import main
try:
    main(sys.argv[1:])
finally:
    with open("/proc/self/status", encoding="ascii") as status:
        peak = next(line for line in status if line.startswith("VmHWM:"))
    print(int(peak.split()[1]) * 1024, file=sys.stderr)
"""
"""Runs ``qingdan ARGS`` and prints the process's own peak resident memory (``VmHWM``,
not ``ru_maxrss``, which Linux carries across ``exec`` and over every child)."""
FORMATS = ("json", "csv", "xlsx")
STREAMING_TARGET_BYTES = 300 * 2**20
"""Issue 29 (streaming): a 100 MB dump under 300 MB, each format reported."""


def measure(dump: Path, output: Path) -> tuple[int, float, int]:
    """(peak resident bytes, seconds, exit code) of converting ``dump`` in a child."""
    start = time.perf_counter()
    command = [sys.executable, "-c", PEAK_PROBE, "convert", str(dump), "-o", str(output)]
    done = subprocess.run(command, stderr=subprocess.PIPE, text=True, check=False)
    seconds = time.perf_counter() - start
    lines = done.stderr.strip().splitlines()
    peak = int(lines[-1]) if lines and lines[-1].isdigit() else 0
    return peak, seconds, done.returncode


def main(argv: list[str]) -> int:
    """Write the dump, convert it to JSON, CSV and XLSX, print each peak against the targets."""
    megabytes = float(argv[0]) if argv else 100.0
    worst = 0
    with tempfile.TemporaryDirectory(prefix="qingdan-dump-") as work:
        dump = Path(work) / "dump.txt"
        rows = write_dump(dump, megabytes)
        size = dump.stat().st_size
        print(f"text dump {size / 1e6:.0f} MB ({rows} task rows):")
        codes: list[int] = []
        for fmt in FORMATS:
            output = Path(work) / f"out.{fmt}"
            peak, seconds, code = measure(dump, output)
            output.unlink(missing_ok=True)
            worst, codes = max(worst, peak), [*codes, code]
            print(
                f"  -o out.{fmt}: exit {code}, {seconds:.1f} s, peak {peak / 2**20:.0f} MiB",
                flush=True,
            )
    verdict = "under" if worst < TARGET_BYTES else "OVER"
    streaming = "met" if worst < STREAMING_TARGET_BYTES else "not met"
    if megabytes < 100:
        print(f"  worst peak {worst / 2**20:.0f} MiB (the targets are for a 100 MB dump)")
    else:
        print(
            f"  worst peak {worst / 2**20:.0f} MiB: {verdict} issue 17's "
            f"{TARGET_BYTES / 2**20:.0f} MiB; issue 29's streaming target of "
            f"{STREAMING_TARGET_BYTES / 2**20:.0f} MiB {streaming}"
        )
    return 0 if not any(codes) and verdict == "under" else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
