"""Pages the PDFium engine cannot read as printed, read again by pdfplumber (issue 27).

PDFium normalises some characters as it extracts them: an Arabic presentation form
(U+FEB3) comes back as its base letter (U+0633), and a ligature glyph (U+FB01 ﬁ) as
its letters, each with the ligature's box. pdfplumber gives the characters the PDF
maps its glyphs to, as they are printed. PDFium's output cannot be turned back, so a
page where either shows is read again by pdfplumber (``extract.pdf.reader``), and only
that page: the rest of the document keeps PDFium's speed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from itertools import pairwise
from pathlib import Path

from qingdan.extract.pdf.glyphs import Glyph
from qingdan.extract.pdf.page import PageContent

ARABIC = range(0x0600, 0x0700)
"""Letters PDFium may have made from presentation forms (U+FB50-FDFF, U+FE70-FEFF)."""


def normalized_text(glyphs: list[Glyph]) -> bool:
    """Whether PDFium may have normalised the page's text: an Arabic letter, or two
    letters sharing one box (a ligature split into its letters)."""
    for glyph in glyphs:
        if len(glyph.text) == 1 and ord(glyph.text) in ARABIC:
            return True
    return any(
        a.text.isalpha() and b.text.isalpha() and (a.x0, a.x1, a.top) == (b.x0, b.x1, b.top)
        for a, b in pairwise(glyphs)
    )


class FallbackPages:
    """The fallback engine's pages of one document, opened on first use."""

    def __init__(self, data: bytes, path: Path, password: str | None) -> None:
        self._args = (data, path, password)
        self._stack = ExitStack()
        self._pages: Iterator[PageContent] | None = None

    def page(self, number: int) -> PageContent:
        """Page ``number`` (1-based) as the fallback engine reads it."""
        if self._pages is None:
            from qingdan.extract.pdf.plumber import open_pages  # pdfminer: only when needed

            self._pages = self._stack.enter_context(open_pages(*self._args))
        # Pages are asked for in order: the ones passed over are not needed again.
        for content in self._pages:
            if content.number == number:
                return content
        raise LookupError(f"the fallback engine has no page {number}")

    def __enter__(self) -> FallbackPages:
        return self

    def __exit__(self, *_: object) -> None:
        self._stack.close()  # the fallback engine's document, if it was opened
