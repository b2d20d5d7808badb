"""Choosing an output format from a file's suffix, for every command that writes files.

Each command keeps its formats in a string Enum and its writers in a registry (Enum
member -> function returning bytes); ``format_from_suffix`` and ``write_as`` are the
one place that turns a suffix into a member and writes atomically. An unknown suffix
is an error naming the file and the formats there are, never a silent no-op.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

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
        if not path.suffix:
            raise UnknownOutputFormat(
                path, f"has no suffix: name a file ({known}) or end a folder with /"
            ) from None
        raise UnknownOutputFormat(
            path, f"cannot write {what} as {path.suffix!r} (use {known})"
        ) from None


def write_as(writers: Mapping[F, Callable[[T], bytes] | str], value: T, path: Path, fmt: F) -> None:
    """Render ``value`` with the writer registered for ``fmt`` and write it atomically.

    A writer is a function or its ``"module:function"`` name (imported now).
    """
    writer = writers[fmt]
    render: Callable[[T], bytes] = resolve(writer) if isinstance(writer, str) else writer
    atomic_write_bytes(path, render(value))


@cache
def resolve(target: str) -> Any:
    """The function a registry names as ``"module:function"``, imported on first use.

    Registries name their writers this way so that a run imports only the writer it
    uses (a JSON run never loads openpyxl; issue 16).
    """
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)
