"""Clipped text: glyphs a PDF paints outside their clip path are not printed text.

LibreOffice Calc prints a merged cell's text once, centred in the whole merged range,
and clips it to the part of the range on each page; where the range runs over a page
break, the text is painted on both pages and shows on one (issue 27). Read without its
clip, the hidden copy lands in the next page's repeated header. The PDFium engine asks
each text object for its clip path and keeps a glyph only where its centre lies inside
the box every path of the clip bounds. (pdfplumber gives no clip paths: the fallback
engine reads such copies as text.)
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable

import pypdfium2.raw as pdfium_c

Box = tuple[float, float, float, float]
"""(x0, top, x1, bottom) in the page's upright top-down frame."""

ToFrame = Callable[[float, float], tuple[float, float]]
"""A PDF user-space point -> its upright (x, top) coordinates."""


def clip_box(text_object: int, to_frame: ToFrame) -> Box | None:
    """The box a text object's clip path leaves visible, or ``None`` where it has none."""
    handle = ctypes.cast(text_object, pdfium_c.FPDF_PAGEOBJECT)
    clip = pdfium_c.FPDFPageObj_GetClipPath(handle)
    if not clip:
        return None
    box: Box | None = None
    x, y = ctypes.c_float(), ctypes.c_float()
    for path in range(pdfium_c.FPDFClipPath_CountPaths(clip)):
        points = []
        for index in range(pdfium_c.FPDFClipPath_CountPathSegments(clip, path)):
            segment = pdfium_c.FPDFClipPath_GetPathSegment(clip, path, index)
            if segment and pdfium_c.FPDFPathSegment_GetPoint(segment, x, y):
                points.append(to_frame(x.value, y.value))
        if not points:
            continue
        bounds = (
            min(p[0] for p in points),
            min(p[1] for p in points),
            max(p[0] for p in points),
            max(p[1] for p in points),
        )
        box = bounds if box is None else _intersection(box, bounds)
    return box


def _intersection(a: Box, b: Box) -> Box:
    return (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))


def visible(box: Box | None, x0: float, top: float, x1: float, bottom: float) -> bool:
    """Whether a glyph's centre lies inside the clip box (always, without a clip)."""
    if box is None:
        return True
    x, y = (x0 + x1) / 2, (top + bottom) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]
