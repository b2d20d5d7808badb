"""Department names as written -> canonical names.

The same body is written 区发改委 in one row and 区发展和改革委员会 in another, and a
reform renames bodies between years. Two tables resolve a name:

1. the user's alias file (``--aliases FILE``): exact ``variant -> canonical`` pairs,
   for renames and local usage (国土X分局 -> 市资源规划局X分局);
2. the built-in table ``data/aliases.toml``: short and variant forms of common
   bodies, matched after a level prefix that is kept (区发改委 -> 区发展和改革委员会).

The user's pairs are tried on the name as written and again on its built-in
canonical form, so either may be the key. A name no table knows is its own
canonical name: nothing is guessed.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from qingdan.normalize.knowledge import (
    KnowledgeFileError,
    builtin,
    read_data_file,
    read_text_file,
)


class AliasTable(NamedTuple):
    """Which department names mean the same body, and the name to report it under."""

    bodies: Mapping[str, str] = {}
    """Variant or canonical form of a body (no level prefix) -> its canonical form."""
    prefix_ends: tuple[str, ...] = ()
    """A prefix before a body form is kept when it ends with one of these (区, 市 ...)."""
    user: Mapping[str, str] = {}
    """The user's exact pairs: name -> canonical name."""

    @classmethod
    def load(cls, user_file: Path | None = None) -> AliasTable:
        """The built-in table plus the user's alias file (YAML/TOML mapping or CSV)."""
        bodies, prefix_ends = _builtin_bodies()
        user = read_alias_file(user_file) if user_file is not None else {}
        return cls(bodies, prefix_ends, user)

    def canonical(self, name: str) -> str:
        """The canonical name of a department name (the name itself when no alias applies)."""
        if name in self.user:
            return self.user[name]
        resolved = self._builtin_canonical(name)
        return self.user.get(resolved, resolved)

    def knows(self, name: str) -> bool:
        """Whether an alias table names this department (so it is not an unknown name)."""
        return name in self.user or self._builtin_canonical(name) != name or name in self.bodies

    def _builtin_canonical(self, name: str) -> str:
        # Longest body form first: 区市场监管局 is 区 + 市场监管局, not 区市场 + 监管局.
        for start in range(len(name)):
            prefix, body = name[:start], name[start:]
            if body in self.bodies and (not prefix or prefix.endswith(self.prefix_ends)):
                return prefix + self.bodies[body]
        return name


@cache
def _builtin_bodies() -> tuple[dict[str, str], tuple[str, ...]]:
    """The built-in table (``data/aliases.toml``), read once a process: body form ->
    canonical form, and the prefix endings kept."""
    data = builtin("aliases.toml")
    bodies: dict[str, str] = {}
    for canonical, variants in data.get("canonical", {}).items():
        bodies[canonical] = canonical
        bodies.update(dict.fromkeys(variants, canonical))
    return bodies, tuple(data.get("prefix_ends", []))


def read_alias_file(path: Path) -> dict[str, str]:
    """A user's alias file as ``variant -> canonical``.

    CSV files need the header ``variant,canonical``; YAML/TOML files are one
    mapping of variant to canonical name (at the top level or under ``aliases``).
    """
    if path.suffix.lower() == ".csv":
        return _read_alias_csv(path)
    data: Any = read_data_file(path)
    mapping = data.get("aliases", data)
    if not isinstance(mapping, dict):
        raise KnowledgeFileError(path, "expected a mapping of variant -> canonical name")
    pairs: dict[str, str] = {}
    for variant, canonical in mapping.items():
        if not isinstance(canonical, str) or not canonical.strip():
            raise KnowledgeFileError(
                path, f"{variant}: expected a canonical name (text), got {canonical!r}"
            )
        pairs[str(variant).strip()] = canonical.strip()
    return pairs


def _read_alias_csv(path: Path) -> dict[str, str]:
    import csv  # only for a CSV alias file (issue 16: imports cost every start)
    import io

    reader = csv.DictReader(io.StringIO(read_text_file(path)))
    if reader.fieldnames is None or {"variant", "canonical"} - set(reader.fieldnames):
        raise KnowledgeFileError(path, "expected the CSV header 'variant,canonical'")
    pairs: dict[str, str] = {}
    for line, row in enumerate(reader, start=2):
        variant, canonical = (row["variant"] or "").strip(), (row["canonical"] or "").strip()
        if not variant or not canonical:
            raise KnowledgeFileError(path, f"line {line}: both variant and canonical are needed")
        pairs[variant] = canonical
    return pairs
