"""``python -m benchmarks.dump_breakdown [MB]``: where a large text dump's memory goes.

Issue 29 item 1: the Python memory (``tracemalloc``, so not the interpreter's own
RSS) each stage of converting a dump of about MB megabytes (default 20) holds once it
is done and at its peak: the raw grid, the normalizer's rows (the stream's head), the
records written one at a time, and, for comparison, the whole-document route of the
library (``TaskList``, then the pydantic ``Document``, then the record table a CSV or
XLSX writer reads). A measurement, not a test; ``benchmarks/analysis.md`` quotes it.
"""

from __future__ import annotations

import gc
import sys
import tempfile
import tracemalloc
from pathlib import Path

from qingdan.extract import read_document
from qingdan.normalize import normalize_stream
from qingdan.schema import from_task_list
from qingdan.schema.plain import write_stream_json

from benchmarks.text_dump_memory import write_dump
from qingdan.writers.record_table import record_table


def _stage(label: str) -> None:
    """Print what is held now and the peak since the last stage, then start a new peak."""
    gc.collect()
    current, peak = tracemalloc.get_traced_memory()
    print(f"  {label:50s} held {current / 2**20:7.1f} MiB, peak {peak / 2**20:7.1f} MiB")
    tracemalloc.reset_peak()


def main(argv: list[str]) -> int:
    """Write the dump and print each stage's memory, streamed and whole."""
    megabytes = float(argv[0]) if argv else 20.0
    with tempfile.TemporaryDirectory(prefix="qingdan-dump-") as work:
        dump = Path(work) / "dump.txt"
        rows = write_dump(dump, megabytes)
        print(f"text dump {dump.stat().st_size / 1e6:.0f} MB ({rows} task rows), tracemalloc:")
        tracemalloc.start()
        print(" streamed (qingdan convert DUMP -o OUT.json):")
        raw = read_document(dump)
        _stage("read: the raw grid")
        stream = normalize_stream(raw)
        _stage("normalize: rows decided, uncarried, with the grid")
        del raw
        _stage("the rows alone (the stream's head)")
        with (Path(work) / "out.json").open("wb") as out:
            write_stream_json(stream, out)
        del stream
        _stage("records made, validated, written one at a time")
        print(" whole (qingdan.convert, then a CSV or XLSX writer):")
        task_list = normalize_stream(read_document(dump)).collect()
        _stage("TaskList (every record)")
        document = from_task_list(task_list)
        _stage("pydantic Document, with the TaskList")
        del task_list
        _stage("pydantic Document alone")
        table = record_table([document])
        _stage("the record table (rows spilled to disk), with it")
        table.close()
        tracemalloc.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
