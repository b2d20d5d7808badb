"""What the OCR engine read from each page image, kept on disk to re-score scans quickly.

Re-scoring kept scan renderings after a change to the scan reader's cleaning, placing
or the normalizer (``python -m corpus score DIR --ocr-cache CACHE``) would run the
engine again on every page: minutes of CPU for lines it already read. The engine is a
pure function of the image it is given, so its lines are stored under a hash of that
image's pixels; a change before OCR (levelling, seal removal) gives other pixels and is
read afresh. For measuring only: qingdan itself never caches what it reads.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

FORMAT = 2
"""Raised when what the engine is asked for changes (2: the characters' places)."""


def image_key(image: Any) -> str:
    """A name for a page image's pixels (shape and bytes) and the cache's format."""
    digest = hashlib.sha256(repr((FORMAT, image.shape, str(image.dtype))).encode())
    digest.update(image.tobytes())
    return digest.hexdigest()


def install(folder: Path) -> None:
    """Make this process's OCR engine answer from ``folder`` where it read the same
    image before, and store what it reads there otherwise."""
    from qingdan.extract.scan import engine

    folder.mkdir(parents=True, exist_ok=True)
    read = engine.read_lines
    if getattr(read, "cached_in", None) == folder:
        return

    def cached(image: Any) -> list[engine.TextLine]:
        path = folder / f"{image_key(image)}.json"
        if path.exists():
            return [_line(data) for data in json.loads(path.read_text("utf-8"))]
        lines = read(image)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps([asdict(line) for line in lines], ensure_ascii=False))
        temporary.replace(path)
        return lines

    cached.cached_in = folder  # type: ignore[attr-defined]
    engine.read_lines = cached


def _line(data: dict[str, Any]) -> Any:
    from qingdan.extract.scan.engine import TextLine

    spans = tuple((float(left), float(right)) for left, right in data.pop("spans", ()))
    return TextLine(**data, spans=spans)
