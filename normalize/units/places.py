"""The places a document names: from its title, and from names it writes whole.

A task list's title names its place first (``X区2019年……任务清单``, ``X市Y县……``):
those place stems (X, Y) are what ``X分局`` and ``生态环境X分局`` are built on in its
department cells. A name written whole elsewhere in the document (市资源规划局X分局)
teaches its branch's place too. Nothing here lists places: they are read off the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from qingdan.normalize.text import IDEOGRAPHS
from qingdan.normalize.units.model import UnitModel
from qingdan.normalize.units.reading import Kind

_LEADING = re.compile(r"^(?:关于印发|关于|印发|中共|中国共产党|\d{4}\s*年(?:度)?)+")
_MAX_STEM = 6


def places_in_title(title: str | None, model: UnitModel) -> set[str]:
    """The place stems a title opens with (新区2019年… gives nothing; X区Y镇… gives X, Y)."""
    text = re.sub(r"\s+", "", title or "")
    text = _LEADING.sub("", text)
    found: set[str] = set()
    position = 0
    while position < len(text):
        step = _place_at(text, position, model, shortest=2 if found else 1)
        if step is None:
            break
        stem, end = step
        found.add(stem)
        position = end
    return found


def _place_at(text: str, position: int, model: UnitModel, shortest: int) -> tuple[str, int] | None:
    """The shortest stem at ``position`` followed by a level or zone, and where it ends.

    A place after the first needs two characters: 乡村振兴 is no place 乡 + 村.
    """
    for length in range(shortest, _MAX_STEM + 1):
        stem = text[position : position + length]
        if len(stem) < length or not IDEOGRAPHS.fullmatch(stem):
            return None
        if stem[0] in "全本我各该":
            return None
        level = _level_after(text, position + length, model)
        end = position + length + (len(level) if level else 0)
        if level is not None and _level_after(text, end, model) is None:
            return stem, end  # 和州市: the stem is 和州, not 和 + 州 + 市
    return None


def _level_after(text: str, position: int, model: UnitModel) -> str | None:
    for word in (*model.zones, *model.levels):
        if text.startswith(word, position) and len(word) <= 4:
            return word
    return None


def places_in_names(names: Iterable[str], model: UnitModel) -> set[str]:
    """The places before branch suffixes in names written whole (X of 市公安局X分局),
    and the places written whole as names (X of X市).

    Written whole, the text between a known organ and a branch suffix is a place even
    where the model would not guess one (会泽: 会 also ends organ words).
    """
    found: set[str] = set()
    for name in names:
        reading = model.read(name)
        if reading.kind.is_name and reading.branch_place:
            found.add(reading.branch_place)
            continue
        if reading.kind is Kind.PLACE:
            # A place written whole as a name (X市 beside X市人民政府): its stem is a place.
            found.update(places_in_title(name, model))
            continue
        place = _place_between_organ_and_branch(name, model)
        if place:
            found.add(place)
    return found


def _place_between_organ_and_branch(name: str, model: UnitModel) -> str | None:
    for suffix in model.branch_suffixes:
        if not name.endswith(suffix):
            continue
        head = name[: -len(suffix)]
        for length in range(1, _MAX_STEM - 1):
            place, before = head[-length:], head[:-length]
            if not IDEOGRAPHS.fullmatch(place) or len(place) < length:
                break
            if _ends_with_organ(before, model):
                return place if length >= 2 else None
    return None


def _ends_with_organ(text: str, model: UnitModel) -> bool:
    """Whether the text ends with an organ word of two characters or more."""
    return any(text[-k:] in model.organs for k in range(2, len(text) + 1))
