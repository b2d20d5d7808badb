"""Generated department cells (issue 13): names drawn from the model on composed places.

Every drawn name wrapped at every character boundary; pairs and triples glued with
no separator or separated by each separator; names with a bracketed note, a trailing
等 or a phrase beside them. The reader knows the county from the title, as it does
for a real document. More than 500 cases, all deterministic (a fixed seed).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import pytest
from qingdan.normalize.knowledge import Knowledge
from qingdan.normalize.units.departments import DepartmentReader

from tests.normalize.unit_names import SEPARATORS, Drawn, names_for, places, title

_RNG = random.Random(13)
PLACE, TOWN = places(_RNG, 2)
NAMES = names_for(PLACE, TOWN)
READER = DepartmentReader.for_document(Knowledge.load().departments, title(PLACE), [])


@dataclass(frozen=True)
class Case:
    """One generated cell and what it must give."""

    cell: str
    names: list[str]
    notes: list[str] = field(default_factory=list)


def _wraps(drawn: Drawn) -> list[Case]:
    name = drawn.name
    return [Case(f"{name[:i]}\n{name[i:]}", [name]) for i in range(1, len(name))]


def _lists(count: int, size: int) -> list[Case]:
    cases = []
    for _ in range(count):
        chosen = [d.name for d in _RNG.sample(NAMES, size)]
        for separator in ["", *SEPARATORS]:
            cases.append(Case(separator.join(chosen), chosen))
    return cases


def _mixed(count: int) -> list[Case]:
    cases = []
    for _ in range(count):
        first, second = (d.name for d in _RNG.sample(NAMES, 2))
        sep = _RNG.choice(SEPARATORS)
        note = _RNG.choice(["（牵头）", "(配合)", "（按职责分工负责）"])
        cases.append(Case(f"{first}{note}{sep}{second}", [first, second], [note]))
        etc = _RNG.choice(["等", "等部门", "等有关单位"])
        cases.append(Case(f"{first}{sep}{second}{etc}", [first, second], [etc]))
        phrase = _RNG.choice(["按职责分工负责", "下同", "各单位按职责落实"])
        cases.append(Case(f"{first}{sep}{phrase}", [first], [phrase]))
    return cases


CASES = [
    *(case for drawn in NAMES for case in _wraps(drawn)),
    *_lists(40, 2),
    *_lists(15, 3),
    *_mixed(25),
]


def test_there_are_more_than_500_cases() -> None:
    assert len(CASES) > 500


@pytest.mark.parametrize("case", CASES, ids=[c.cell.replace("\n", "⏎") for c in CASES])
def test_generated_cell_gives_its_names(case: Case) -> None:
    found = READER.split(case.cell)
    assert found.names == case.names
    assert [n.note for n in found.notes] == case.notes
    assert found.unknown == []
