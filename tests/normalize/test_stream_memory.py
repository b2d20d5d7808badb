"""What a long list's rows cost while the stream's records wait to be read (issue 29).

A 100 MB text dump converted at 351 MiB once every settled row also held where its
cells were printed: the rows carried down (a copy of each row, its cells and places)
sat beside the rows they came from and the raw grid. The rows are now carried as the
records are read. The bound is on the memory each more row costs (two dumps measured,
so what the normalizer holds whatever the length cancels out), not on time.
"""

from __future__ import annotations

import gc
import tracemalloc
from pathlib import Path

from qingdan.extract import read_document
from qingdan.normalize import normalize_stream

from benchmarks.text_dump_memory import write_dump

BYTES_PER_ROW = 800
"""Measured 2026-12-07: about 650 bytes more at the peak for each more row of the seed's
dump (its text is the reader's, not counted); about 1,240 while the carried rows were
held whole."""


def _peak_while_settling(path: Path) -> int:
    """The peak Python memory ``normalize_stream`` takes over the raw grid it reads."""
    raw = read_document(path)
    gc.collect()
    tracemalloc.start()
    try:
        stream = normalize_stream(raw)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert stream.head.columns
    return peak


def test_each_more_row_costs_less_than_its_carried_copy(tmp_path: Path) -> None:
    short, long = tmp_path / "short.txt", tmp_path / "long.txt"
    short_rows, long_rows = write_dump(short, 1.0), write_dump(long, 2.0)
    _peak_while_settling(short)  # what is made once a process (knowledge, patterns, caches)
    more = _peak_while_settling(long) - _peak_while_settling(short)
    assert more / (long_rows - short_rows) < BYTES_PER_ROW
