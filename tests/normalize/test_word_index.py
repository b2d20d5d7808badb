"""The unit model's word index tries the same words as the whole lists (issue 16).

An index only makes a reading faster: every word or split it leaves out could not
have matched, and the ones it keeps come in the lists' order.
"""

from __future__ import annotations

import inspect
import itertools

from qingdan.normalize.knowledge import Knowledge
from qingdan.normalize.units.model import UnitModel
from qingdan.normalize.units.word_index import WordIndex

MODEL = Knowledge.load().departments.model


def _bodies(model: UnitModel) -> list[str]:
    """Bodies built from the model's own words: organs, stems and branch suffixes glued
    in twos and threes, and each with a stray character before and after."""
    words = sorted(model.organs)[:40] + sorted(model.stems)[:20] + list(model.branch_suffixes)
    glued = ["".join(pair) for pair in itertools.permutations(words[::3], 2)]
    triples = ["".join(three) for three in itertools.combinations(words[::7], 3)]
    stray = [f"某{word}" for word in words] + [f"{word}某" for word in words]
    return [*words, *glued, *triples, *stray]


def _splits_that_read(body: str, model: UnitModel) -> list[int]:
    """Every split the model's body reading can use, found by trying them all."""
    sub_units = {o for o in model.organs if o.endswith(model.branch_suffixes)}
    return [
        split
        for split in range(1, len(body))
        if body[:split] in model.organs or body[:split] in model.stems or body[split:] in sub_units
    ]


def test_body_splits_hold_every_split_that_can_read_in_order() -> None:
    index = WordIndex.of(MODEL)
    tried = 0
    for body in _bodies(MODEL):
        splits = index.body_splits(body)
        assert set(_splits_that_read(body, MODEL)) <= set(splits), body
        assert splits == sorted(set(splits)), body
        tried += len(splits)
    # Fewer than every split: the index leaves out splits that cannot read.
    assert tried < sum(len(body) - 1 for body in _bodies(MODEL))
    assert 3 in index.body_splits("公安局交警大队")  # 公安局 + 交警大队


def test_words_by_character_keep_the_lists_order() -> None:
    index = WordIndex.of(MODEL)
    for words, by_character, at in (
        (MODEL.branch_suffixes, index.branch_suffixes, -1),
        (MODEL.collective_tails, index.collective_tails, -1),
        (MODEL.openers, index.openers, 0),
    ):
        for character, group in by_character.items():
            assert group == tuple(w for w in words if w[at] == character)
        assert sum(map(len, by_character.values())) == len(words)


def test_a_documents_places_keep_the_index() -> None:
    with_places = MODEL.with_places({"某某"}).with_confirmed({"某某县财政局"})
    assert with_places.tails_ending("县直各有关部门") == MODEL.tails_ending("县直各有关部门")
    assert with_places.read("某某县财政局").cost == 0.0


def test_a_model_built_from_its_fields_indexes_its_words() -> None:
    parameters = inspect.signature(UnitModel).parameters
    words = {name: getattr(MODEL, name) for name in parameters}
    built = UnitModel(**words)
    assert built.tails_ending("县直各有关部门") == MODEL.tails_ending("县直各有关部门") != ()
