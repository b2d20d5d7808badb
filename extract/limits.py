"""How much of a file a reader may take on: every bound decided before the work (issue 33).

A few kilobytes can describe gigabytes: a merged range over a whole sheet, one cell at
``XFD1048576``, a colspan of 2,000 on every cell, an OFD of 20,000 pages that all point
at one content part, a TIFF of a thousand frames. Each reader measures what the file
declares (from the XML, the image headers, the page list) against ``Limits`` before it
allocates anything for it, and a file past a limit is one ``LimitExceeded`` line naming
the limit and how to raise it, or, where the first pages make sense on their own (OFD
pages, scanned pages, TIFF frames), its first pages with a ``limit`` warning.

One ``Limits`` object holds every bound; ``Limits.from_environment()`` reads
``QINGDAN_MAX_<NAME>`` variables (``QINGDAN_MAX_SHEET_CELLS=5000000``), and a program
using the library passes its own in ``ReadOptions.limits``. docs/robustness.md lists
them all (a test checks the list against this class).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from qingdan.extract.errors import QingdanError

ENVIRONMENT_PREFIX = "QINGDAN_MAX_"
"""``QINGDAN_MAX_`` + a field name in capitals raises (or lowers) that limit."""


class LimitExceeded(QingdanError):
    """The file declares more than a documented limit allows (a hostile or broken file)."""


class Limits(NamedTuple):
    """Every bound a reader checks before it allocates (defaults far past any real list).

    A NamedTuple, not a dataclass: every run loads it, and a one-file conversion
    defines no dataclass (docs/speed.md)."""

    sheet_rows: int = 100_000
    """Rows of one worksheet (a task list has hundreds)."""
    sheet_cells: int = 2_000_000
    """Positions of one worksheet's used range, rows x columns, merges included."""
    merged_area: int = 2_000_000
    """Cells covered by one worksheet's merged ranges, added up."""
    html_cells: int = 1_000_000
    """Grid positions one web-page table fills, spans included."""
    html_nesting: int = 16
    """Tables inside tables inside tables ... on a web page."""
    ofd_pages: int = 2_000
    """OFD pages read; a longer document gives its first pages, with a warning."""
    ofd_glyphs: int = 2_000_000
    """Characters placed over all pages of an OFD document."""
    ofd_page_glyphs: int = 100_000
    """Characters on one OFD page (an A4 page of 5-point text holds about 10,000)."""
    ofd_page_edges: int = 2_000
    """Ruling-line segments on one OFD page (a 60-row table has a few hundred)."""
    ofd_grid: int = 5_000
    """Crossings of ruling lines on one OFD page (a 60 x 10 grid has 671; 100 x 100 took
    minutes to make into cells)."""
    image_pixels: int = 60_000_000
    """Pixels of one page image (an A4 page at 600 dpi has 35 million, an A3 at 400, 31)."""
    ocr_pages: int = 50
    """Pages (PDF pages, TIFF frames) read by OCR, about 5 s each; a longer scan gives its
    first pages, with a warning."""

    file_seconds: int = 900
    """Wall time one file may take in a batch; past it the file fails and the batch goes on."""
    worker_memory_mb: int = 4_096
    """Memory (MiB of address space) a batch worker may take on beyond its start; past it
    the file fails and the batch goes on."""

    @classmethod
    def from_environment(cls, environment: Mapping[str, str] | None = None) -> Limits:
        """The defaults, each replaced by its ``QINGDAN_MAX_<NAME>`` variable when set.

        Raises ``LimitExceeded`` (a usage error, one line) for a value that is not a
        positive whole number.
        """
        environment = os.environ if environment is None else environment
        changes: dict[str, int] = {}
        for name in limit_names():
            variable = ENVIRONMENT_PREFIX + name.upper()
            value = environment.get(variable, "").strip().replace("_", "")
            if not value:
                continue
            if not value.isdigit() or int(value) <= 0:
                raise LimitExceeded(None, f"{variable}={value!r}: not a positive whole number")
            changes[name] = int(value)
        return cls()._replace(**changes)

    def check(self, name: str, found: int, path: Path, what: str) -> None:
        """Raise ``LimitExceeded`` when ``found`` is past the limit ``name``; ``what``
        says what was counted (``"sheet 'Sheet1' spans 1048576 rows"``)."""
        limit = getattr(self, name)
        if found > limit:
            raise LimitExceeded(path, f"{what}, past the limit of {limit:,} {advice(name)}")


def advice(name: str) -> str:
    """How to raise the limit ``name``, in a message."""
    return f"(raise it with {ENVIRONMENT_PREFIX}{name.upper()}=N if the file is genuine)"


def limit_names() -> list[str]:
    """The name of every limit, in the order they are declared."""
    return list(Limits._fields)


def limits_of(limits: Limits | None) -> Limits:
    """The limits a reader works under: those given, else those of the environment."""
    return limits if limits is not None else Limits.from_environment()
