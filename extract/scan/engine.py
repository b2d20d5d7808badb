"""The OCR engine: text lines, their boxes and confidences, from one page image.

rapidocr (the optional extra ``qingdan[ocr]``) runs PaddleOCR's PP-OCR detection and
recognition models with onnxruntime; its wheel ships the models, so nothing is downloaded
at run time. The engine is built once per process (about 2 s) and reused for every page.
Without the extra, ``require_ocr`` raises ``OcrUnavailable`` naming what to install.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from qingdan.extract.errors import QingdanError

INSTALL_HINT = "install the OCR extra: pip install 'qingdan[ocr]'"

# Lines rapidocr scores below this are dropped by the engine (its own default): on an
# image of empty cells (tests/extract/pdf_cases/scan.pdf) it "reads" one line at 0.39.
# The lowest confidence kept is reported in the document's ``ocr`` warning.
_MIN_SCORE = 0.5

# How far the detector grows each text box past the ink it found. rapidocr's 1.6 makes
# boxes taller than the line pitch of a table cell's text (25 px at 150 dpi), so a box
# took in half of the lines above and below and the line read as garbage (the sample scan
# of 000's page 2); 1.3 keeps each box on its own line.
_UNCLIP_RATIO = 1.3


class OcrUnavailable(QingdanError):
    """The file needs OCR (a scan or a photo) and the ``ocr`` extra is not installed."""


@dataclass(frozen=True)
class TextLine:
    """One line of text the engine read, with its box in page pixels."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    confidence: float
    spans: tuple[tuple[float, float], ...] = ()
    """Where each character of ``text`` lies across the page (left, right), as the
    engine placed it; empty when not known. A space spans the gap between its
    neighbours."""

    @property
    def centre(self) -> tuple[float, float]:
        """The middle of the line's box (x, y)."""
        return (self.x0 + self.x1) / 2, (self.top + self.bottom) / 2


def ocr_installed() -> bool:
    """Whether the ``ocr`` extra (rapidocr, onnxruntime, OpenCV) is importable."""
    return all(
        importlib.util.find_spec(name) is not None for name in ("rapidocr", "onnxruntime", "cv2")
    )


def require_ocr(path: Path | str | None, what: str) -> None:
    """Raise ``OcrUnavailable`` (``what`` says why the file needs OCR) without the extra."""
    if not ocr_installed():
        raise OcrUnavailable(path, f"{what}; reading it needs OCR: {INSTALL_HINT}")


# onnxruntime's sessions run on one thread (issue 33: a case is capped at 1 GiB of address
# space). Each intra-op thread of a session reserves its own stack and malloc arena: with
# a thread per core the loaded engine took 85 MiB more address space, for no throughput
# in a batch, which runs files side by side. The memory arena stays off (rapidocr's
# default, named here so that an upgrade cannot turn it on).
_THREADS = 1


@cache
def _engine() -> Any:
    from rapidocr import RapidOCR

    return RapidOCR(
        params={
            "Global.log_level": "error",
            "Global.text_score": _MIN_SCORE,
            # The angle classifier turns single lines upside down; scanned pages are
            # upright (a page scanned upside down is turned by the scanner or the user).
            "Global.use_cls": False,
            "Det.unclip_ratio": _UNCLIP_RATIO,
            "EngineConfig.onnxruntime.intra_op_num_threads": _THREADS,
            "EngineConfig.onnxruntime.inter_op_num_threads": _THREADS,
            "EngineConfig.onnxruntime.enable_cpu_mem_arena": False,
        }
    )


def read_lines(image: Any) -> list[TextLine]:
    """The text lines of a page image (a grey or BGR numpy array), in no set order, each
    with its characters' places where the engine gives them."""
    # Every call names every step: rapidocr keeps a call's settings for the next call.
    result = _engine()(
        image,
        use_det=True,
        use_cls=False,
        use_rec=True,
        return_word_box=True,
        return_single_char_box=True,
    )
    if result.boxes is None or result.txts is None:
        return []
    words = result.word_results or ()
    if len(words) != len(result.txts):
        words = ((),) * len(result.txts)
    lines = []
    for box, text, score, glyphs in zip(
        result.boxes, result.txts, result.scores, words, strict=True
    ):
        xs = [float(point[0]) for point in box]
        ys = [float(point[1]) for point in box]
        if text.strip():
            spans = character_spans(text.strip(), glyphs)
            lines.append(
                TextLine(text.strip(), min(xs), min(ys), max(xs), max(ys), float(score), spans)
            )
    return lines


def recognise(image: Any) -> tuple[str, float]:
    """The text of an image holding one line (no detection: the whole image is the line)
    and the engine's confidence in it; ``("", 0.0)`` when it reads nothing or scores it
    below the floor under which a detected line is dropped (``_MIN_SCORE``)."""
    result = _engine()(
        image,
        use_det=False,
        use_cls=False,
        use_rec=True,
        return_word_box=False,
        return_single_char_box=False,
    )
    if not result.txts or not result.scores or float(result.scores[0]) < _MIN_SCORE:
        return "", 0.0
    return str(result.txts[0]).strip(), float(result.scores[0])


def character_spans(text: str, glyphs: Any) -> tuple[tuple[float, float], ...]:
    """Each character's (left, right) in a line from the engine's character boxes
    ``(char, score, box)``, or ``()`` when the boxes do not spell the text (spaces
    aside: the engine boxes none, and a space gets the gap between its neighbours)."""
    marks = [(str(char), [float(point[0]) for point in box]) for char, _, box in glyphs or ()]
    if "".join(char for char, _ in marks) != text.replace(" ", ""):
        return ()
    if any(len(char) != 1 for char, _ in marks):
        return ()
    boxes = iter((min(xs), max(xs)) for _, xs in marks)
    spans: list[tuple[float, float] | None] = [
        None if char == " " else next(boxes) for char in text
    ]
    placed: list[tuple[float, float]] = []
    for index, span in enumerate(spans):
        if span is None:
            left = placed[-1][1] if placed else 0.0
            after = next((s for s in spans[index + 1 :] if s is not None), None)
            span = (left, after[0] if after else left)
        placed.append(span)
    return tuple(placed)
