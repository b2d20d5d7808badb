"""Department names made comparable across years: one canonical name per body.

A diff compares departments by canonical name, so that a renamed body is not reported
as removed and added. ``Canonicalize`` is the pluggable function; the default keeps a
name as written, and ``load_aliases`` reads a user's file of variant -> canonical name:

* YAML: a mapping ``variant: canonical`` (or ``canonical: [variant, ...]``);
* CSV: rows ``variant,canonical`` (an optional header row ``variant,canonical``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping
from pathlib import Path

import yaml

from extract.errors import QingdanError

Canonicalize = Callable[[str], str]
"""A department name as written -> the name of the body it stands for."""


class BadAliasesFile(QingdanError):
    """An aliases file cannot be read as variant -> canonical names."""


def keep_as_written(name: str) -> str:
    """The default canonicalisation: a name stands for itself."""
    return name


def canonicalize_with(aliases: Mapping[str, str]) -> Canonicalize:
    """A canonicalisation that maps each known variant to its canonical name."""

    def canonical(name: str) -> str:
        return aliases.get(name, name)

    return canonical


def load_aliases(path: Path) -> dict[str, str]:
    """Read a YAML or CSV aliases file into variant -> canonical name.

    Raises ``BadAliasesFile`` naming the file and the problem.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise BadAliasesFile(path, f"cannot read aliases: {error.strerror or error}") from None
    if path.suffix.lower() == ".csv":
        return _csv_aliases(text, path)
    if path.suffix.lower() in (".yaml", ".yml"):
        return _yaml_aliases(text, path)
    raise BadAliasesFile(path, f"aliases must be .yaml, .yml or .csv, not {path.suffix!r}")


def _csv_aliases(text: str, path: Path) -> dict[str, str]:
    aliases: dict[str, str] = {}
    for number, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        cells = [cell.strip() for cell in row]
        if not any(cells) or (number == 1 and cells == ["variant", "canonical"]):
            continue
        if len(cells) != 2 or not all(cells):
            raise BadAliasesFile(path, f"row {number}: expected 'variant,canonical', got {row!r}")
        aliases[cells[0]] = cells[1]
    return aliases


def _yaml_aliases(text: str, path: Path) -> dict[str, str]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise BadAliasesFile(path, f"not valid YAML: {error}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise BadAliasesFile(path, "expected a mapping of variant: canonical name")
    aliases: dict[str, str] = {}
    for key, value in data.items():
        if isinstance(value, str):
            aliases[str(key)] = value
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            aliases.update({variant: str(key) for variant in value})
        else:
            raise BadAliasesFile(path, f"{key!r}: expected a name or a list of names")
    return aliases
