"""Choosing an output format from a file's suffix, for every command that writes files.

Each command keeps its formats in a string Enum and its writers in a registry (Enum
member -> function returning bytes); ``format_from_suffix`` and ``write_as`` are the
one place that turns a suffix into a member and writes atomically. An unknown suffix
is an error naming the file and the formats there are, never a silent no-op.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

from qingdan.extract.errors import QingdanError
from qingdan.writers.atomic import atomic_write_bytes

F = TypeVar("F", bound=StrEnum)
T = TypeVar("T")


class UnknownOutputFormat(QingdanError):
    """An output file's suffix names no format the command writes."""


def format_from_suffix(path: Path, formats: type[F], what: str) -> F:
    """The member of ``formats`` that ``path``'s suffix names.

    ``what`` says what is written, for the error: "records", "a diff", "a department
    report". Raises ``UnknownOutputFormat`` for a suffix that names no member.
    """
    try:
        return formats(path.suffix.lower().lstrip("."))
    except ValueError:
        known = ", ".join(f".{member.value}" for member in formats)
        raise UnknownOutputFormat(
            path, f"cannot write {what} as {path.suffix!r} (use {known})"
        ) from None


def write_as(writers: Mapping[F, Callable[[T], bytes]], value: T, path: Path, fmt: F) -> None:
    """Render ``value`` with the writer registered for ``fmt`` and write it atomically."""
    atomic_write_bytes(path, writers[fmt](value))
