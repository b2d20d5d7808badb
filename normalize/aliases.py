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
from typing import Any, NamedTuple

from qingdan.normalize.datafiles import UserFile


class AliasTable(NamedTuple):
    """Which department names mean the same body, and the name to report it under."""

    bodies: Mapping[str, str] = {}
    """Variant or canonical form of a body (no level prefix) -> its canonical form."""
    prefix_ends: tuple[str, ...] = ()
    """A prefix before a body form is kept when it ends with one of these (区, 市 ...)."""
    user: Mapping[str, str] = {}
    """The user's exact pairs: name -> canonical name."""

    @classmethod
    def from_data(
        cls, ours: Mapping[str, Any], user: Mapping[str, str] | None = None
    ) -> AliasTable:
        """The table of ``data/aliases.toml`` plus the user's pairs (``user_pairs``)."""
        bodies: dict[str, str] = {}
        for canonical, variants in ours.get("canonical", {}).items():
            bodies[canonical] = canonical
            bodies.update(dict.fromkeys(variants, canonical))
        return cls(bodies, tuple(ours.get("prefix_ends", [])), dict(user or {}))

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


CSV_HEADER = ("variant", "canonical")
"""The header of a user's CSV alias file."""


def user_pairs(user: UserFile) -> dict[str, str]:
    """A user's YAML/TOML alias file as ``variant -> canonical``: one mapping of variant
    to canonical name, at the top level or under ``aliases``."""
    mapping: Any = user.data.get("aliases", user.data)
    if not isinstance(mapping, dict):
        raise user.error("aliases", "expected a mapping of variant -> canonical name")
    pairs: dict[str, str] = {}
    for variant, canonical in mapping.items():
        if not isinstance(canonical, str) or not canonical.strip():
            raise user.error(str(variant), f"expected a canonical name (text), got {canonical!r}")
        pairs[str(variant).strip()] = canonical.strip()
    return pairs
