"""Convert every rendering of a generated corpus with qingdan and compare with the truth.

``python -m corpus score DIR``: each file is converted with ``qingdan.convert`` in a
process pool, its records are aligned with the truth (by position when the counts
agree, else by their measure text) and compared field by field, text exactly. A record
is exact when every compared field equals the truth; a truth record the output lacks is
a failure of every field.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from corpus.classify import classify, classify_count
from corpus.model import DOCUMENT_FIELDS, RECORD_FIELDS
from corpus.renderings import RENDERINGS


@dataclass(frozen=True)
class Failure:
    """One field of one record (or of the document) that differs from the truth."""

    document: str
    rendering: str
    seq: int | None
    """The truth record's 1-based position (the output's for an extra record)."""
    field: str
    expected: Any
    got: Any
    cause: str

    def key(self) -> tuple[str, str, int | None, str]:
        """What the CI ratchet lists: (document, rendering, seq, field)."""
        return (self.document, self.rendering, self.seq, self.field)


@dataclass
class RenderingScore:
    """The comparison of one rendering with its truth."""

    document: str
    rendering: str
    records: int
    exact: int
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0
    features: list[str] = field(default_factory=list)
    """The layout features of the document (``layout:…``, ``resp:…``, ``section-rows`` …)."""


def convert_file(path: Path) -> dict[str, Any]:
    """qingdan's reading of one file, as JSON data, or the error it raised."""
    import time

    import qingdan

    start = time.perf_counter()
    try:
        document = qingdan.convert(path).model_dump(mode="json")
    except Exception as error:  # every failure is a finding, not a crash of the scorer
        return {"error": f"{type(error).__name__}: {error}", "seconds": time.perf_counter() - start}
    document["seconds"] = time.perf_counter() - start
    return document


def _pairs(
    truth: list[dict[str, Any]], got: list[dict[str, Any]]
) -> Iterator[tuple[int | None, int | None]]:
    """Aligned (truth index, output index) pairs; None on the side that lacks a record."""
    if len(truth) == len(got):
        yield from ((i, i) for i in range(len(truth)))
        return
    matcher = difflib.SequenceMatcher(
        a=[r["measure"] for r in truth], b=[r["measure"] for r in got], autojunk=False
    )
    for _, a0, a1, b0, b1 in matcher.get_opcodes():
        for offset in range(max(a1 - a0, b1 - b0)):
            a, b = a0 + offset, b0 + offset
            yield (a if a < a1 else None, b if b < b1 else None)


def compare(truth: dict[str, Any], rendering: str, got: dict[str, Any]) -> RenderingScore:
    """Compare qingdan's output for one rendering with the list's truth."""
    name, features = truth["name"], truth["features"]
    expected_records: list[dict[str, Any]] = truth["records"]
    score = RenderingScore(
        name,
        rendering,
        len(expected_records),
        0,
        seconds=float(got.get("seconds", 0.0)),
        features=list(features),
    )
    if "error" in got:
        score.failures.append(
            Failure(name, rendering, None, "conversion", None, got["error"], "conversion error")
        )
        return score
    for key in DOCUMENT_FIELDS:
        if truth["document"][key] != got["document"].get(key):
            score.failures.append(
                Failure(
                    name,
                    rendering,
                    None,
                    key,
                    truth["document"][key],
                    got["document"].get(key),
                    "title/year",
                )
            )
    records: list[dict[str, Any]] = got["records"]
    for t, g in _pairs(expected_records, records):
        if t is None and g is not None:
            cause = classify_count("extra", rendering, len(records))
            score.failures.append(
                Failure(name, rendering, g + 1, "extra-record", None, records[g]["measure"], cause)
            )
            continue
        assert t is not None
        if g is None:
            cause = classify_count("missing", rendering, len(records))
            score.failures.append(
                Failure(
                    name, rendering, t + 1, "record", expected_records[t]["measure"], None, cause
                )
            )
            continue
        wrong = _compare_record(name, rendering, t + 1, expected_records[t], records[g], features)
        score.failures += wrong
        score.exact += not wrong
    return score


def _compare_record(
    name: str,
    rendering: str,
    seq: int,
    expected: dict[str, Any],
    got: dict[str, Any],
    features: list[str],
) -> list[Failure]:
    failures = []
    for key in RECORD_FIELDS:
        want, have = expected[key], got.get(key)
        if want != have:
            cause = classify(key, want, have, expected, got, features, rendering)
            failures.append(Failure(name, rendering, seq, key, want, have, cause))
    return failures


def renderings_of(directory: Path) -> list[tuple[dict[str, Any], str, Path]]:
    """Every (truth, rendering name, file) of a generated folder, in name order."""
    found = []
    for truth_path in sorted(directory.glob("*.truth.json")):
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        for rendering in truth["renderings"]:
            path = directory / RENDERINGS[rendering].file_name(truth["name"])
            found.append((truth, rendering, path))
    return found


def score_directory(
    directory: Path, jobs: int = 2, ocr_cache: Path | None = None
) -> list[RenderingScore]:
    """Convert and compare every rendering in ``directory`` with ``jobs`` processes;
    ``ocr_cache``: a folder keeping what OCR read (``corpus.ocr_cache``)."""
    return score_files(renderings_of(directory), jobs, ocr_cache)


def _start_worker(ocr_cache: Path | None) -> None:
    if ocr_cache is not None:
        from corpus.ocr_cache import install

        install(ocr_cache)


def score_files(
    items: list[tuple[dict[str, Any], str, Path]], jobs: int = 2, ocr_cache: Path | None = None
) -> list[RenderingScore]:
    """Convert every (truth, rendering name, file) with ``jobs`` processes and compare."""
    paths = [path for _, _, path in items]
    if jobs <= 1:
        _start_worker(ocr_cache)
        outputs = [convert_file(path) for path in paths]
    else:
        with ProcessPoolExecutor(
            max_workers=jobs, initializer=_start_worker, initargs=(ocr_cache,)
        ) as pool:
            outputs = list(pool.map(convert_file, paths, chunksize=4))
    return [
        compare(truth, rendering, got)
        for (truth, rendering, _), got in zip(items, outputs, strict=True)
    ]


def failure_data(failure: Failure) -> dict[str, Any]:
    """A failure as JSON data."""
    return asdict(failure)
