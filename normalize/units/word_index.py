"""The unit model's word lists looked up by a character (``normalize.units.model``).

A reading tries only the words that can match where it looks: the branch suffixes
ending with the text's last character, the openers starting with the character at a
position, the splits of a body after a known core. The same words, in the same order,
as the whole lists: an index changes how fast a text is read, never how it reads.
Built once from the model's word lists; a document's places and names do not change it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from qingdan.normalize.units.model import UnitModel


class WordIndex(NamedTuple):
    """The model's word lists by character."""

    openers: dict[str, tuple[str, ...]]
    """First character -> the openers starting with it."""
    branch_suffixes: dict[str, tuple[str, ...]]
    """Last character -> the branch suffixes ending with it."""
    collective_tails: dict[str, tuple[str, ...]]
    """Last character -> the collective tails ending with it."""
    level_ends: frozenset[str]
    """The last characters of levels and zones."""
    core_lengths: dict[str, frozenset[int]]
    """First character -> the lengths of the organs and stems starting with it."""
    note_words: re.Pattern[str]
    """Any word of a note (one search instead of a test per word)."""
    sub_unit_lengths: dict[str, frozenset[int]]
    """Last character -> the lengths of the organs that end with a branch suffix (交警大队)
    and so may be a unit inside its parent."""

    def body_splits(self, body: str) -> list[int]:
        """The splits of a body into core + tail that may read as a unit, in order: after
        a known core (an organ or a stem), or before an organ that may be a sub-unit."""
        length = len(body)
        splits = {k for k in self.core_lengths.get(body[:1], ()) if k < length}
        splits.update(length - k for k in self.sub_unit_lengths.get(body[-1:], ()) if k < length)
        return sorted(splits)

    @classmethod
    def of(cls, model: UnitModel) -> WordIndex:
        """The indexes of a model's word lists."""
        return cls(
            openers=_by_character(model.openers, 0),
            branch_suffixes=_by_character(model.branch_suffixes, -1),
            collective_tails=_by_character(model.collective_tails, -1),
            level_ends=frozenset(word[-1] for word in (*model.levels, *model.zones)),
            core_lengths=_lengths_by_character((*model.organs, *model.stems), 0),
            note_words=_any_of(model.note_words),
            sub_unit_lengths=_lengths_by_character(
                [organ for organ in model.organs if organ.endswith(model.branch_suffixes)], -1
            ),
        )


def _by_character(words: tuple[str, ...], at: int) -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for word in words:
        index.setdefault(word[at], []).append(word)
    return {character: tuple(group) for character, group in index.items()}


def _any_of(words: tuple[str, ...]) -> re.Pattern[str]:
    if not words:
        return re.compile("(?!)")  # matches nothing, as no word is in any text
    return re.compile("|".join(map(re.escape, words)))


def _lengths_by_character(words: Iterable[str], at: int) -> dict[str, frozenset[int]]:
    lengths: dict[str, set[int]] = {}
    for word in words:
        lengths.setdefault(word[at], set()).add(len(word))
    return {character: frozenset(group) for character, group in lengths.items()}
