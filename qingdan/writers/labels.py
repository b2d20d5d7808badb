"""The Chinese labels of spreadsheet columns, read from ``data/labels.toml``."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

LABELS_FILE = Path(__file__).parent / "data" / "labels.toml"


@cache
def labels(table: str) -> dict[str, str]:
    """Field key -> Chinese label for one kind of table: ``record``, ``source``
    (file and title of a combined output), ``warning`` or ``file``."""
    with LABELS_FILE.open("rb") as handle:
        data = tomllib.load(handle)
    return dict(data[table])
