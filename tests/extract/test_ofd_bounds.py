"""An OFD glyph-advance count never sizes an allocation (issue 17; found by the fuzzer,
seed 2026 case 435: a mutated ``g N D`` asked for more memory than the machine has)."""

from __future__ import annotations

from qingdan.extract.ofd import _advances


def test_a_repeat_count_is_bounded_by_the_characters() -> None:
    assert _advances("g 1000000000000 5", 3) == [5.0, 5.0, 5.0]
    assert _advances("1 g 9e300 2 7", 4) == [1.0, 2.0, 2.0, 2.0]


def test_an_infinite_or_negative_count_repeats_nothing() -> None:
    assert _advances("g inf 5 1", 2) == [1.0]
    assert _advances("g -3 5 1", 2) == [1.0]


def test_an_ordinary_list_is_read_as_written() -> None:
    assert _advances("g 2 3.5 4", 5) == [3.5, 3.5, 4.0]
