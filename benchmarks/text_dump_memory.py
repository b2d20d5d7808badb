"""``python -m benchmarks.text_dump_memory [MB]``: peak memory of converting a large text dump.

Issue 17: a 100 MB cell-per-line dump converted at 1.4 GB of resident memory; the
target is under 1 GB. The script writes a dump of about MB megabytes (default 100)
by repeating the seed's task rows with numbered measures, converts it with
``qingdan convert DUMP -o OUT.json`` in a child process, and prints the child's peak
resident memory and time. It is a measurement, not a test: run it by
hand (about two minutes for 100 MB on a shared machine).
"""

from __future__ import annotations

import resource
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


def measure(dump: Path, output: Path) -> tuple[int, float, int]:
    """(peak resident bytes, seconds, exit code) of converting ``dump`` in a child."""
    start = time.perf_counter()
    command = [sys.executable, "-m", "qingdan", "convert", str(dump), "-o", str(output)]
    code = subprocess.run(command, stderr=subprocess.DEVNULL, check=False).returncode
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    return peak, seconds, code


def main(argv: list[str]) -> int:
    """Write the dump, convert it, print the peak against the target."""
    megabytes = float(argv[0]) if argv else 100.0
    with tempfile.TemporaryDirectory(prefix="qingdan-dump-") as work:
        dump = Path(work) / "dump.txt"
        rows = write_dump(dump, megabytes)
        size = dump.stat().st_size
        peak, seconds, code = measure(dump, Path(work) / "out.json")
    verdict = "under" if peak < TARGET_BYTES else "OVER"
    print(
        f"text dump {size / 1e6:.0f} MB ({rows} task rows): exit {code}, {seconds:.1f} s, "
        f"peak {peak / 2**20:.0f} MiB ({verdict} the 100 MB dump's target of "
        f"{TARGET_BYTES / 2**20:.0f} MiB)"
    )
    return 0 if code == 0 and verdict == "under" else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
