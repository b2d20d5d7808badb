"""Atomic file writes: a reader never sees a half-written output.

Each output is written to a temporary file beside it, ``.qingdan-PID-XXXX.tmp``
(short whatever the output's name, so a name at the file system's limit still has
room for its temporary), then renamed into place. A run killed with ``kill -9``
leaves its temporaries behind; ``remove_stale_temporaries`` removes those of
processes that no longer run (the next run into the same folder calls it).
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

TEMP_PREFIX = ".qingdan-"
TEMP_SUFFIX = ".tmp"
_TEMP_NAME = re.compile(rf"^{re.escape(TEMP_PREFIX)}(\d+)-.*{re.escape(TEMP_SUFFIX)}$")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place."""
    atomic_write(path, lambda handle: handle.write(data))


def atomic_write(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Call ``write`` with a temporary file beside ``path``, then rename the file into
    place (an output written piece by piece, never held whole in memory)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(
        prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=TEMP_SUFFIX, dir=path.parent
    )
    try:
        # mkstemp creates the file readable by its owner only; an output gets the
        # permissions any new file would get.
        os.chmod(temp, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as handle:
            write(handle)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's live process
        return True
    return True


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Remove the temporaries that killed runs left in ``folder``; returns what went.

    A temporary of a process that still runs (a run writing into the same folder
    right now) is left alone.
    """
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    for entry in folder.iterdir():
        match = _TEMP_NAME.match(entry.name)
        if match and entry.is_file() and not _running(int(match.group(1))):
            entry.unlink(missing_ok=True)
            removed.append(entry)
    return removed
