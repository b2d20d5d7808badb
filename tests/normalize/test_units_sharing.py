"""A document's unit model reads through the built-in one, and reads the same (issue 16).

``with_places`` and ``with_confirmed`` give a model that asks its root for every text
its own words (the document's places, its confirmed names that cost something in the
root) cannot change. These tests compare it with a model that reads everything itself.
"""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st
from qingdan.normalize.knowledge import builtin
from qingdan.normalize.units.departments import DepartmentKnowledge, DepartmentReader
from qingdan.normalize.units.model import UnitModel
from qingdan.normalize.units.segment import best_cut, prepare_run

from tests.normalize.unit_names import SEPARATORS, names_for, places, title


def _reading_alone(model: UnitModel) -> UnitModel:
    """The same model with nothing shared: every text is read by its own grammar."""
    return model._copy(
        _root=None, _own_words=None, _cache={}, _prefix_cache={}, _places_cache={}, _cuts={}
    )


def _pieces(text: str) -> list[str]:
    return [text[i:j] for i in range(len(text)) for j in range(i + 1, min(len(text), i + 14) + 1)]


def _document_model(rng: random.Random) -> tuple[UnitModel, list[str]]:
    """A root, a document model derived from it as ``for_document`` derives one, and
    names of that document (its places, and names written whole)."""
    root = UnitModel.from_data(builtin("units.toml"))
    place, town, other = places(rng, 3)
    names = [drawn.name for drawn in names_for(place, town)]
    confirmed = {*rng.sample(names, 6), f"{other}县工信和商务局", f"{town}镇便民服务中心"}
    model = root.with_places({place}).with_places({town, other}).with_confirmed(confirmed)
    return model, [*names, *confirmed, f"{other}镇", f"{other}分局"]


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10_000), count=st.integers(1, 4))
def test_a_shared_document_model_reads_every_piece_as_one_reading_alone(
    seed: int, count: int
) -> None:
    rng = random.Random(seed)
    shared, names = _document_model(rng)
    alone = _reading_alone(shared)
    cell = "".join(rng.choice(names) + rng.choice(["", *SEPARATORS]) for _ in range(count))
    for piece in _pieces(cell.replace("\n", "")):
        assert shared.read(piece) == alone.read(piece), piece


def test_the_root_is_asked_only_for_texts_without_the_documents_own_words() -> None:
    root = UnitModel.from_data(builtin("units.toml"))
    model = root.with_places({"桐溪"}).with_confirmed({"桐溪县工信和商务局", "县发改局"})
    assert model._root is root
    model.read("县财政局")
    assert "县财政局" in root._cache  # read by the root, for every later document
    model.read("桐溪县财政局")
    assert "桐溪县财政局" not in root._cache  # a place of this document: read here
    # A confirmed name the root already reads at no cost changes nothing; one that
    # costs something there (a long generic name) is the document's own.
    assert not model._changes("县发改局")
    assert model._changes("桐溪县工信和商务局")


def test_a_model_without_own_words_reads_everything_through_its_root() -> None:
    root = UnitModel.from_data(builtin("units.toml"))
    model = root.with_places(set())
    assert model._root is root and model._own_words is None
    assert model.read("县住建局县财政局") == root.read("县住建局县财政局")


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_documents_split_the_same_with_and_without_sharing(seed: int) -> None:
    rng = random.Random(seed)
    knowledge = DepartmentKnowledge(UnitModel.from_data(builtin("units.toml")))
    place, town = places(rng, 2)
    names = [drawn.name for drawn in names_for(place, town)]
    cells = [
        "".join(rng.choice(names) + rng.choice(SEPARATORS) for _ in range(rng.randint(1, 4)))
        for _ in range(6)
    ]
    shared = DepartmentReader.for_document(knowledge, title(place), cells)
    alone = DepartmentReader(knowledge, _reading_alone(shared.model))
    for cell in cells:
        assert shared.split(cell) == alone.split(cell), cell


def test_the_root_remembers_the_cuts_a_document_model_would_make_alike() -> None:
    root = UnitModel.from_data(builtin("units.toml"))
    model = root.with_places({"桐溪"}).with_confirmed({"桐溪县工信和商务局"})
    plain = prepare_run("县发改局\n县财政局", model)
    own = prepare_run("桐溪县财政局县教育局", model)
    assert model.cutter(plain.text, ["县发改局", "县财政局"]) is root
    assert model.cutter(own.text, [own.text]) is model  # a place of this document
    pieces = best_cut(plain, model)
    assert [p.text for p in pieces] == ["县发改局", "县财政局"]
    assert root.remembered_cut(plain) == pieces
    best_cut(own, model)
    assert root.remembered_cut(own) is None and model.remembered_cut(own) is not None
    # A cut comes back as a new list: changing it changes nothing remembered.
    pieces.clear()
    assert len(best_cut(plain, model)) == 2
