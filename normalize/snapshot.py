"""The built-in knowledge files parsed ahead, so that a start need not parse TOML.

``tomllib`` is pure Python: the built-in files (``normalize/data/*.toml``) cost about
2.5 ms to parse, on every start of every command (issue 16). ``data/snapshot.jsonl``
holds each file already parsed, one JSON line per file with the SHA-256 of the bytes it
was parsed from. A file is taken from the snapshot only when the snapshot holds these
very bytes; a file edited since is parsed as TOML, so the snapshot can make a start
slower, never wrong. ``make knowledge`` (``write_snapshot``) rewrites it; a test fails
while it is out of date.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).parent / "data"
SNAPSHOT = DATA_DIR / "snapshot.jsonl"


def parsed(path: Path) -> dict[str, Any]:
    """A built-in TOML file's mapping: from the snapshot when it holds these bytes."""
    raw = path.read_bytes()
    entry = _entries(path.parent / SNAPSHOT.name).get(path.name)
    if entry is not None:
        try:
            found = json.loads(entry)  # fresh objects each call: a caller may extend them
        except ValueError:
            found = None
        if isinstance(found, dict) and found.get("sha256") == _digest(raw):
            data: dict[str, Any] = found["data"]
            return data
    import tomllib  # only for a file the snapshot does not hold

    return tomllib.loads(raw.decode("utf-8"))


@cache
def _entries(snapshot: Path) -> dict[str, str]:
    """File name -> its JSON line, from the snapshot next to the files (none if absent)."""
    try:
        text = snapshot.read_text(encoding="utf-8")
    except OSError:
        return {}
    entries: dict[str, str] = {}
    for line in text.split("\n"):  # JSON escapes a newline in a string: none is data
        name, _, entry = line.partition("\t")
        entries[name] = entry
    return entries


def _digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def snapshot_lines(folder: Path = DATA_DIR) -> list[str]:
    """The snapshot of every TOML file in ``folder``, as its lines (sorted by file name)."""
    import tomllib

    lines = []
    for path in sorted(folder.glob("*.toml")):
        raw = path.read_bytes()
        entry = {"sha256": _digest(raw), "data": tomllib.loads(raw.decode("utf-8"))}
        lines.append(f"{path.name}\t{json.dumps(entry, ensure_ascii=False)}")
    return lines


def write_snapshot(folder: Path = DATA_DIR) -> Path:
    """Rewrite ``folder``'s snapshot from its TOML files; returns its path."""
    target = folder / SNAPSHOT.name
    target.write_text("\n".join(snapshot_lines(folder)) + "\n", encoding="utf-8")
    _entries.cache_clear()
    return target
