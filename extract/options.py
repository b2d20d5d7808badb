"""What the user can tell a reader besides the file, whatever the format."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReadOptions:
    """Options every reader receives; a reader uses the ones that apply to its format."""

    password: str | None = None
    """The password of an encrypted file (PDF)."""
