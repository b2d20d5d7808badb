"""Repairing and judging the text layer of a PDF page.

Chinese government PDFs often carry a broken text layer (issue 4): the font maps a glyph
to a Kangxi radical or a CJK radical instead of the ideograph (⼯ for 工, ⻓ for 长), to a
compatibility ideograph, to a private-use code point, or to nothing at all, which
pdfminer prints as ``(cid:NN)``. The first kinds are repaired character by character; the
others cannot be, so they are counted and a page made mostly of them is unreadable.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import NamedTuple

_RADICALS_FILE = Path(__file__).resolve().parent.parent / "data" / "radicals.toml"

# Blocks whose characters NFKC maps to the ideograph they stand for. NFKC is applied to
# these characters only: on whole text it would also turn full-width punctuation
# (，：（）) into ASCII, and Chinese text keeps its punctuation as written.
_NFKC_BLOCKS = (
    (0x2F00, 0x2FDF),  # Kangxi radicals
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0x2F800, 0x2FA1F),  # CJK compatibility ideographs supplement
)
_RADICAL_BLOCKS = ((0x2E80, 0x2EFF),)  # CJK radicals supplement: data/radicals.toml
_REPAIRABLE = re.compile(
    "[" + "".join(f"{chr(low)}-{chr(high)}" for low, high in _RADICAL_BLOCKS + _NFKC_BLOCKS) + "]"
)
"""Any character ``radical_table`` may replace (a test keeps the table inside)."""
_PRIVATE_USE = ((0xE000, 0xF8FF), (0xF0000, 0xFFFFD), (0x100000, 0x10FFFD))
_CID = re.compile(r"\(cid:\d+\)")

UNREADABLE_SHARE = 0.5
"""A page is unreadable when at least this share of its characters are garbage."""


def _in_blocks(code: int, blocks: tuple[tuple[int, int], ...]) -> bool:
    return any(low <= code <= high for low, high in blocks)


@cache
def radical_table() -> dict[int, str]:
    """Radical code point -> the ideograph it stands for (NFKC, overridden by
    ``data/radicals.toml``)."""
    import tomllib  # only a page that prints a radical needs the table

    listed: dict[str, str] = tomllib.loads(_RADICALS_FILE.read_text(encoding="utf-8"))["radicals"]
    table: dict[int, str] = {}
    for low, high in _NFKC_BLOCKS:
        for code in range(low, high + 1):
            normal = unicodedata.normalize("NFKC", chr(code))
            if normal != chr(code) and len(normal) == 1:
                table[code] = normal
    # The listed ideograph wins over NFKC's: NFKC names the traditional form (⼾ -> 戶)
    # where the fonts Chinese documents are printed with draw the simplified one.
    table.update({ord(radical): ideograph for radical, ideograph in listed.items()})
    return table


def repair_text(text: str) -> str:
    """``text`` with radicals and compatibility ideographs replaced by the ideographs meant."""
    if not _REPAIRABLE.search(text):
        return text  # most text has none: the table is not even built
    return text.translate(radical_table())


class TextDamage(NamedTuple):
    """How much of a page's text layer is garbage that cannot be repaired."""

    characters: int
    """Characters on the page that are not spaces."""
    cid_placeholders: int
    """``(cid:NN)``: glyphs the font maps to no character."""
    private_use: int
    """Private-use code points: glyphs the font maps to a meaningless character."""

    @property
    def garbage(self) -> int:
        """Characters that carry no readable text."""
        return self.cid_placeholders + self.private_use

    @property
    def unreadable(self) -> bool:
        """Whether the page is mostly garbage (its rows would be nonsense)."""
        return self.characters > 0 and self.garbage >= UNREADABLE_SHARE * self.characters


_PRIVATE_USE_CHARS = re.compile(
    "[" + "".join(f"{chr(low)}-{chr(high)}" for low, high in _PRIVATE_USE) + "]"
)
_SPACE = re.compile(r"\s")


def measure_damage(glyph_texts: list[str]) -> TextDamage:
    """Count the garbage among a page's glyphs (each one pdfminer char's text)."""
    joined = "".join(glyph_texts)
    cid = 0
    if "(cid:" in joined:  # else no glyph's text can start with it
        cid = sum(1 for text in glyph_texts if text.startswith("(cid:") and _CID.fullmatch(text))
        if cid:
            joined = "".join(text for text in glyph_texts if not _CID.fullmatch(text))
    characters = len(joined) - len(_SPACE.findall(joined)) + cid
    private = len(_PRIVATE_USE_CHARS.findall(joined))
    return TextDamage(characters, cid, private)
