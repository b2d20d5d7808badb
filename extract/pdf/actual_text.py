"""Characters a PDF's /ActualText replaces, read as printed unless the glyph prints both.

A marked-content span may carry an /ActualText string that replaces the text of its
glyphs. PDFium reads it instead of the characters the font maps its glyphs to;
pdfplumber (pdfminer) never reads it. Two producers use it for different ends:

* Chromium (Skia) writes it where the font's ToUnicode map cannot name the character
  typed: a CJK font prints 户 and the Kangxi radical ⼾ with one glyph, and 一 and ⼀,
  — and ―, and the map names the radical or the bar; /ActualText says 户, 一, — (the
  generated corpus's ``pdf-chromium`` rendering, issue 27);
* other files put text there that is not what the glyphs print: a lower-case ``n``
  printed with /ActualText ``N`` (the case changes of issue 27's peer files).

The printed glyph decides: the PDFium engine reads such a page twice, with and without
the spans' /ActualText, and keeps a replacing character only where the printed one
is an alias of it, the same glyph under another code point (a radical or compatibility
ideograph ``extract.pdf.text`` repairs to it, or a pair in ``data/glyph_aliases.toml``).
Elsewhere the printed character stands, as pdfplumber reads it.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pypdfium2.raw as pdfium_c
from qingdan.extract.pdf.text import repair_text

_ALIASES_FILE = Path(__file__).resolve().parent.parent / "data" / "glyph_aliases.toml"
_KEY = b"ActualText"


@cache
def glyph_aliases() -> frozenset[tuple[str, str]]:
    """(printed, meant) pairs of characters fonts print with one glyph."""
    import tomllib  # only a page with /ActualText needs the table

    listed: dict[str, str] = tomllib.loads(_ALIASES_FILE.read_text(encoding="utf-8"))["aliases"]
    return frozenset((printed, meant) for printed, meant in listed.items())


def same_glyph(printed: str, meant: str) -> bool:
    """Whether ``printed`` is ``meant`` under another code point (so ``meant`` is read)."""
    if printed == meant:
        return True
    return repair_text(printed) == meant or (printed, meant) in glyph_aliases()


def _objects(page: Any) -> Iterator[Any]:
    """Every page object, those inside form XObjects included."""
    count = pdfium_c.FPDFPage_CountObjects(page.raw)
    stack = [pdfium_c.FPDFPage_GetObject(page.raw, i) for i in range(count)]
    while stack:
        obj = stack.pop()
        yield obj
        if pdfium_c.FPDFPageObj_GetType(obj) == pdfium_c.FPDF_PAGEOBJ_FORM:
            inner = pdfium_c.FPDFFormObj_CountObjects(obj)
            stack.extend(pdfium_c.FPDFFormObj_GetObject(obj, i) for i in range(inner))


def _address(handle: Any) -> int | None:
    return ctypes.cast(handle, ctypes.c_void_p).value


def strip_actual_text(page: Any) -> set[int]:
    """Remove the /ActualText marks from the page's text objects (in memory only); the
    addresses of the text objects that carried one."""
    marked: set[int] = set()
    for obj in _objects(page):
        if pdfium_c.FPDFPageObj_GetType(obj) != pdfium_c.FPDF_PAGEOBJ_TEXT:
            continue
        for index in reversed(range(pdfium_c.FPDFPageObj_CountMarks(obj))):
            mark = pdfium_c.FPDFPageObj_GetMark(obj, index)
            if (
                pdfium_c.FPDFPageObjMark_GetParamValueType(mark, _KEY)
                != pdfium_c.FPDF_OBJECT_UNKNOWN
            ):
                pdfium_c.FPDFPageObj_RemoveMark(obj, mark)
                address = _address(obj)
                if address is not None:
                    marked.add(address)
    return marked


def codes_by_object(textpage: Any, codes: list[int], objects: set[int]) -> dict[int, list[int]]:
    """The character codes PDFium read for each of ``objects``, in reading order."""
    found: dict[int, list[int]] = {}
    for index, code in enumerate(codes):
        address = _address(pdfium_c.FPDFText_GetTextObject(textpage.raw, index))
        if address in objects:
            found.setdefault(address, []).append(code)
    return found


def printed_codes(textpage: Any, codes: list[int], meant: dict[int, list[int]]) -> list[int]:
    """The page's codes as printed (``codes``, read without /ActualText), each replaced
    by the /ActualText character read for it (``meant``) where the glyph prints both;
    an object whose /ActualText has not one character per glyph keeps its glyphs."""
    printed = codes_by_object(textpage, codes, set(meant))
    chosen = {
        address: [
            wanted if same_glyph(chr(have), chr(wanted)) else have
            for have, wanted in zip(glyphs, meant[address], strict=True)
        ]
        for address, glyphs in printed.items()
        if len(glyphs) == len(meant[address])
    }
    result = list(codes)
    taken: dict[int, int] = {}
    for index in range(len(codes)):
        address = _address(pdfium_c.FPDFText_GetTextObject(textpage.raw, index))
        if address is not None and address in chosen:
            position = taken.get(address, 0)
            result[index] = chosen[address][position]
            taken[address] = position + 1
    return result
