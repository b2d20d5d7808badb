"""Rows kept out of memory until a table's header is known.

A CSV or XLSX table's columns (one per ``extra`` label, in order of first appearance)
and its column widths are known only once every record has passed, and a streamed
document's records pass once (issue 29). Its rows wait in a spooled temporary file:
in memory while small, on disk past ``SPOOL_BYTES``, each row pickled on its own (no
pickler memo holding every row's objects), read back in order as often as asked.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterator, Sequence
from typing import Generic, Protocol, TypeVar

from qingdan.writers.formula_guard import CellValue

SPOOL_BYTES = 8 << 20
"""Rows held in memory up to this many pickled bytes (a few thousand records)."""

Row = TypeVar("Row")


class Rows(Protocol):
    """A table's rows as a sheet writer reads them: counted, and read in order as often
    as asked (a list, or rows waiting in a ``SpilledRows``)."""

    def __len__(self) -> int: ...

    def __iter__(self) -> Iterator[Sequence[CellValue]]: ...


class SpilledRows(Generic[Row]):
    """Rows appended one at a time, then read back in order (``len`` and iteration)."""

    def __init__(self) -> None:
        # Closed by close(): the rows outlive the call that spills them.
        self._file = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115
        self._count = 0

    def append(self, row: Row) -> None:
        """Keep one more row."""
        self._file.write(pickle.dumps(row, pickle.HIGHEST_PROTOCOL))
        self._count += 1

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Row]:
        self._file.seek(0)
        for _ in range(self._count):
            row: Row = pickle.load(self._file)
            yield row
        self._file.seek(0, 2)  # appending goes on at the end

    def close(self) -> None:
        """Let the temporary file go."""
        self._file.close()
