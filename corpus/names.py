"""Department names composed from the vocabulary: invented places, organs, branches.

Every name is a unit as written (full or short form, never expanded); the generator
keeps the written name as the truth and writes cells from it with separators, wraps,
glues and trailing 等 the way authors do.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from corpus.vocab import Vocabulary


def invent_place(rng: random.Random, vocab: Vocabulary, avoid: set[str]) -> str:
    """A two-syllable place name not in ``avoid``."""
    first = vocab.departments["syllables_first"]
    second = vocab.departments["syllables_second"]
    while True:
        place = str(rng.choice(first) + rng.choice(second))
        if place not in avoid and place[0] != place[1]:
            return place


@dataclass
class Namer:
    """Draws department names for one document (its place and level prefix)."""

    rng: random.Random
    vocab: Vocabulary
    place: str
    level: str
    subplaces: list[str]

    def organ(self) -> str:
        """The document's level prefix with an organ core, full or short form."""
        organ = self.rng.choice(self.vocab.organs)
        return self.level + (organ.full if self.rng.random() < 0.4 else organ.short)

    def branch(self) -> str:
        """A unit below an organ, a company or a bank, or a town government."""
        pattern: str = self.rng.choice(self.vocab.departments["branches"])
        level = self.level if self.rng.random() < 0.7 or self.level == "市" else "市"
        return pattern.format(L=level, P=self.place, p=self.rng.choice(self.subplaces))

    def collective(self) -> str:
        """A collective unit (各乡镇人民政府, 区直各有关部门 …), one name never split."""
        pattern: str = self.rng.choice(self.vocab.departments["collectives"])
        return pattern.format(L=self.level)

    def unit(self, collectives: bool = True) -> str:
        """One unit, mostly an organ."""
        roll = self.rng.random()
        if roll < 0.72:
            return self.organ()
        if roll < 0.9 or not collectives:
            return self.branch()
        return self.collective()

    def units(self, count: int, taken: set[str], collectives: bool = True) -> list[str]:
        """``count`` distinct units not in ``taken`` (which receives them)."""
        names: list[str] = []
        while len(names) < count:
            name = self.unit(collectives)
            if name not in taken:
                taken.add(name)
                names.append(name)
        return names


@dataclass(frozen=True)
class CellStyle:
    """How one document writes a list of names in a cell."""

    separator: str
    glue: float
    """Chance that two neighbouring organ names are written with nothing between them."""
    wrap: float
    """Chance that a long name is cut by a line break (a typed or printed wrap)."""
    etc: float
    """Chance that the last name carries a trailing 等 / 等部门."""


def _gluable(name: str) -> bool:
    return "（" not in name and "(" not in name and "各" not in name and name[-1] in "局委办"


def write_names(rng: random.Random, names: list[str], style: CellStyle, vocab: Vocabulary) -> str:
    """The cell text of ``names`` in ``style`` (the truth stays the list itself)."""
    parts: list[str] = []
    for index, name in enumerate(names):
        text = name
        if style.wrap and len(name) >= 6 and "（" not in name and rng.random() < style.wrap:
            cut = rng.randint(2, len(name) - 2)
            text = name[:cut] + "\n" + name[cut:]
        if index:
            glued = _gluable(names[index - 1]) and _gluable(name) and rng.random() < style.glue
            parts.append("" if glued else style.separator)
        parts.append(text)
    if names and style.etc and rng.random() < style.etc:
        parts.append(rng.choice(vocab.departments["etc_suffixes"]))
    return "".join(parts)
