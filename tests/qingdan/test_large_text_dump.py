"""A large text dump converts in memory that grows gently with its size (issue 17: a
100 MB dump must convert under 1 GB; it took 1.4 GB). ``python -m
benchmarks.text_dump_memory`` measures the 100 MB case; this test converts a 10 MB
dump and checks that its peak, over a small file's, extrapolates to under 80% of 1 GB
at 100 MB (growth is not quite linear: the room keeps the check honest)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from benchmarks.text_dump_memory import TARGET_BYTES, write_dump
from tests.conftest import SAMPLES

_PEAK = """
import sys
from qingdan.cli import main
try:
    main(sys.argv[1:])
except SystemExit as stop:
    assert not stop.code, stop.code
with open("/proc/self/status", encoding="ascii") as status:
    peak = next(line for line in status if line.startswith("VmHWM:"))
print(int(peak.split()[1]) * 1024, file=sys.stderr)
"""
"""The child's own peak (VmHWM). Not ``ru_maxrss``: Linux keeps that across exec, so a
child of a large pytest process would report the parent's size."""


def _peak_of_converting(source: Path, output: Path) -> int:
    command = [sys.executable, "-c", _PEAK, "-q", "convert", str(source), "-o", str(output)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return int(done.stderr.splitlines()[-1])


def test_a_ten_megabyte_dump_extrapolates_to_under_a_gigabyte_at_a_hundred(
    tmp_path: Path,
) -> None:
    dump = tmp_path / "dump.txt"
    rows = write_dump(dump, 10)
    small = _peak_of_converting(SAMPLES / "000_eaf823a1ce4555f0.txt", tmp_path / "small.json")
    large = _peak_of_converting(dump, tmp_path / "large.json")
    records = json.loads((tmp_path / "large.json").read_text(encoding="utf-8"))["records"]
    assert len(records) == rows
    per_byte = (large - small) / dump.stat().st_size
    assert small + per_byte * 100_000_000 < 0.8 * TARGET_BYTES, f"{per_byte:.1f} bytes per byte"
