"""A unit model's caches are bounded and change no reading (issue 16).

The built-in model serves every document of a process, so its caches must not grow
without end; forgetting a reading only means reading the text again.
"""

from __future__ import annotations

import pytest
from qingdan.normalize.knowledge import builtin
from qingdan.normalize.units import model as units
from qingdan.normalize.units.departments import DepartmentKnowledge, DepartmentReader
from qingdan.normalize.units.model import UnitModel

CELLS = [
    "县发改局、县财政局",
    "各乡镇人民政府（街道办事处）",
    "市公安局交警支队、县住建局县财政局",
    "县委宣传部牵头，县文旅局配合",
    "生态环境分局等有关部门",
]


def _pieces(cell: str) -> list[str]:
    return [cell[i:j] for i in range(len(cell)) for j in range(i + 1, len(cell) + 1)]


def test_a_model_that_forgets_reads_as_one_that_remembers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    remembering = UnitModel.from_data(builtin("units.toml"))
    expected = {piece: remembering.read(piece) for cell in CELLS for piece in _pieces(cell)}
    monkeypatch.setattr(units, "CACHE_LIMIT", 7)
    forgetting = UnitModel.from_data(builtin("units.toml"))
    for piece, reading in expected.items():
        assert forgetting.read(piece) == reading, piece
        assert len(forgetting._cache) <= 7
        assert len(forgetting._prefix_cache) <= 7


def test_cells_split_the_same_with_a_small_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    knowledge = DepartmentKnowledge(UnitModel.from_data(builtin("units.toml")))
    expected = [DepartmentReader(knowledge).split(cell) for cell in CELLS]
    monkeypatch.setattr(units, "CACHE_LIMIT", 3)
    small = DepartmentKnowledge(UnitModel.from_data(builtin("units.toml")))
    assert [DepartmentReader(small).split(cell) for cell in CELLS] == expected
