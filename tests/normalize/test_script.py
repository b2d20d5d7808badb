"""normalize/script.py: the one definition of Chinese numerals, brackets, separators and
sentence ends (issue 26: the numeral class was written in nine places)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from qingdan.normalize.script import DIGIT_VALUES, NUMERAL, UNITS, numeral_value

ROOT = Path(__file__).parents[2]
SCRIPT = ROOT / "normalize" / "script.py"
PACKAGES = ("normalize", "qingdan", "extract", "schema")
# Three numerals in counting order, in any order of the run: what a numeral class or a
# table of numerals written by hand contains (一二三, 三四五, 〇一二 ...).
_OWN_NUMERALS = re.compile("[〇零一二两三四五六七八九十百]{3,}")
_ORDINAL_RUN = re.compile("一二三|二三四|三四五|四五六|五六七|六七八|七八九|八九十|〇一二|零一二")


def _own_numeral_classes(text: str) -> list[str]:
    return [
        run
        for run in _OWN_NUMERALS.findall(text)
        if _ORDINAL_RUN.search(run) and len(set(run)) >= 5
    ]


def test_no_module_writes_its_own_numeral_class() -> None:
    found = {
        str(path.relative_to(ROOT)): runs
        for package in PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
        if path != SCRIPT and (runs := _own_numeral_classes(path.read_text(encoding="utf-8")))
    }
    assert found == {}


def test_the_check_finds_a_class_written_by_hand() -> None:
    assert _own_numeral_classes('_NUMERAL = "[一二三四五六七八九十]+"') == ["一二三四五六七八九十"]
    assert _own_numeral_classes("二〇一九年十二月") == []  # a date is no class
    assert _own_numeral_classes(SCRIPT.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("一", 1),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("二十三", 23),
        ("九十九", 99),
        ("一百", 100),
        ("一百零五", 105),
        ("一百一十", 110),
        ("两", 2),
        ("二〇一九", 2019),
        ("二零二零", 2020),
        ("二三十", None),
        ("", None),
        ("第一", None),
    ],
)
def test_numeral_value(numeral: str, value: int | None) -> None:
    assert numeral_value(numeral) == value


def test_every_numeral_character_has_a_value() -> None:
    characters = set(NUMERAL.strip("[]"))
    assert characters == set(DIGIT_VALUES) | set(UNITS)
