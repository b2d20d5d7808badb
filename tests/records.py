"""What two renderings of one list must agree on: the values read, not where they were
printed (``schema.PRINTED_AT``: the page and the source cells). Every test comparing
the records of two renderings compares them through ``as_read``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from qingdan.schema import PRINTED_AT, Record


def as_read(record: Record | Mapping[str, Any]) -> dict[str, Any]:
    """A record's values (in their JSON form, as a golden file holds them) without where
    it was printed."""
    values = record.model_dump(mode="json") if isinstance(record, Record) else dict(record)
    return {key: value for key, value in values.items() if key not in PRINTED_AT}


def all_as_read(records: Iterable[Record | Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Each record's values without where it was printed, in order."""
    return [as_read(record) for record in records]
