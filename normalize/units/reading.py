"""What a piece of a department cell reads as: its kind and its cost under the model.

The vocabulary of ``normalize.units.model``, ``normalize.units.collectives`` and
``normalize.units.segment``: the kinds a piece can be, the costs of the grammar's choices
(lower reads better; the segmenter adds one per piece), and the bracket helpers.
"""

from __future__ import annotations

from enum import Enum
from typing import NamedTuple

from qingdan.normalize.script import CLOSING, OPENING

# Costs of the grammar's choices (a segment's cost; the segmenter adds one per segment).
WHOLE_COST = 0.0
STEM_COST = 0.5
UNKNOWN_PLACE = 1.5
UNKNOWN_BRANCH_PLACE = 1.0
BARE_BRANCH = 0.2
SUB_UNIT = 0.1
GENERIC_COST = 1.5
GENERIC_PER_CHAR = 0.15
GLUE_INSIDE = 1.5
ZONE_ALONE = 0.5
PLACE_ALONE = 1.0
BRANCH_ALONE = 1.0
COLLECTIVE_COST = 0.3
TAIL_ALONE = 1.0
MEMBERS_COST = 0.1
NOTE_COST = 0.5
NOTE_LIKE = 1.0
NOTE_PER_CHAR = 0.05
NOTE_AFTER_NAME = 3.0
ODD_BRACKET = 0.5
FRAGMENT_COST = 3.0
UNKNOWN_COST = 4.0
UNKNOWN_PER_CHAR = 0.5


class Kind(Enum):
    """What a piece of a department cell is under the model."""

    WHOLE = "whole"
    ORGAN = "organ"
    GENERIC = "generic"
    BRANCH = "branch"
    PLACE = "place"
    COLLECTIVE = "collective"
    NOTE = "note"
    FRAGMENT = "fragment"
    UNKNOWN = "unknown"

    @property
    def is_name(self) -> bool:
        """Whether a piece of this kind is a unit name (kept as a name without doubt)."""
        return self not in (Kind.NOTE, Kind.FRAGMENT, Kind.UNKNOWN)


class Reading(NamedTuple):
    """How one piece of text reads: its kind, its cost, what it taught about places."""

    kind: Kind
    cost: float
    branch_place: str | None = None
    """The unknown place written before a branch suffix (X in 市公安局X分局), if any."""
    etc: str | None = None
    """A trailing 等/等部门 read off the name."""


UNKNOWN = Reading(Kind.UNKNOWN, UNKNOWN_COST)
STRONG = frozenset({Kind.WHOLE, Kind.ORGAN, Kind.BRANCH, Kind.COLLECTIVE})


def cheaper(a: Reading, b: Reading) -> Reading:
    """The cheaper of two readings (the first on a tie)."""
    return b if b.cost < a.cost else a


def cheaper_opt(a: Reading | None, b: Reading) -> Reading:
    """The cheaper of a reading and maybe another."""
    return b if a is None or b.cost < a.cost else a


def without_brackets(text: str) -> tuple[str, list[str]]:
    """Text without its bracket groups, and the groups' contents (各镇（街道） -> 各镇, [街道])."""
    plain, contents, current, depth = "", [], "", 0
    for char in text:
        if char in OPENING:
            if depth:
                current += char
            depth += 1
        elif char in CLOSING and depth:
            depth -= 1
            if depth:
                current += char
            else:
                contents.append(current)
                current = ""
        elif depth:
            current += char
        else:
            plain += char
    if depth:
        contents.append(current)
    return plain, contents
