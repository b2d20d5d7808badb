"""OCR figures for ``make bench`` (issue 20): seconds per page, peak memory, accuracy.

``python -m benchmarks.ocr`` converts every scan in ``samples/scans/`` (those that
``samples/scans/golden.toml`` maps to a list's golden records), each in a fresh worker
process (``python -m benchmarks.ocr --worker SCAN GOLDEN``) so that its peak memory is
its own, and prints a Markdown table: pages; wall and CPU (every thread's) seconds per
page, the engine's one-off start-up apart (the engine uses every core, and a shared
machine stretches wall time, not CPU time); peak resident memory; characters and
records exact against the golden records. ``score`` is the one definition of those two
accuracies, used by ``tests/extract/test_scan_samples.py`` too.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qingdan.schema import PRINTED_AT

from benchmarks.corpus import ROOT, SAMPLES, golden_file, page_count, shared_expectations

SCANS = SAMPLES / "scans"
LEFT_OUT = (*PRINTED_AT, "confidence")
"""Record fields left out of the comparison: where the record was printed (a shared
golden file was written from another rendering: ``schema.PRINTED_AT``), and the OCR
confidence (the golden file was read from text)."""


@dataclass(frozen=True)
class Accuracy:
    """How close records read by OCR are to the golden records of the same list."""

    characters: float
    """1 - (edit distance / length) over every golden field's JSON text."""
    records_exact: int
    records: int

    @property
    def record_share(self) -> float:
        """The share of golden records read exactly, every field equal."""
        return self.records_exact / self.records if self.records else 1.0


def score(got: list[dict[str, Any]], want: list[dict[str, Any]]) -> Accuracy:
    """Compare records field by field: characters right, and records with every field equal.

    A missing record counts as every one of its characters wrong.
    """
    from rapidfuzz.distance import Levenshtein

    distance = total = exact = 0
    for index, golden in enumerate(want):
        record = got[index] if index < len(got) else {}
        same = True
        for field, value in golden.items():
            if field in LEFT_OUT:
                continue
            expected = json.dumps(value, ensure_ascii=False)
            actual = json.dumps(record.get(field), ensure_ascii=False)
            distance += Levenshtein.distance(expected, actual)
            total += len(expected)
            same = same and record.get(field) == value
        exact += same
    for extra in got[len(want) :]:  # records OCR made up count against it too
        distance += len(json.dumps(extra, ensure_ascii=False))
    return Accuracy(1 - distance / total if total else 1.0, exact, len(want))


def scans() -> list[tuple[Path, Path]]:
    """(scan, golden file) for every scan ``samples/scans/golden.toml`` names."""
    shared = shared_expectations(SCANS)
    return [(SCANS / name, golden_file(SCANS / name, shared)) for name in sorted(shared)]


def worker(path: Path, expected: Path) -> dict[str, Any]:
    """Convert one scan in this process: start-up and conversion times, memory, accuracy."""
    from qingdan.extract.scan.engine import _engine

    import qingdan
    from benchmarks.worker import peak_rss_bytes

    start = time.perf_counter()
    _engine()
    startup = time.perf_counter() - start
    start, cpu_start = time.perf_counter(), time.process_time()
    document = qingdan.convert(path)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
    got = json.loads(document.model_dump_json())["records"]
    want = json.loads(expected.read_text(encoding="utf-8"))["records"]
    accuracy = score(got, want)
    raw_seconds = raw_rapidocr_cpu_seconds(path)
    return {
        "scan": path.name,
        "pages": page_count(path) or 1,
        "startup_seconds": startup,
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "peak_rss_bytes": peak_rss_bytes(),
        "characters": accuracy.characters,
        "records_exact": accuracy.records_exact,
        "records": accuracy.records,
        "raw_cpu_seconds": raw_seconds,
    }


def page_images(path: Path) -> list[Any]:
    """The page images qingdan's OCR reads: PDF pages rendered at ``RENDER_DPI`` in
    colour, image files decoded as RGB."""
    import numpy as np
    from PIL import Image
    from qingdan.extract.scan.reader import RENDER_DPI

    if path.suffix.lower() != ".pdf":
        return [np.asarray(Image.open(path).convert("RGB"))]
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(path)
    try:
        scale = RENDER_DPI / 72
        return [np.asarray(page.render(scale=scale).to_pil().convert("RGB")) for page in document]
    finally:
        document.close()


def raw_rapidocr_cpu_seconds(path: Path) -> float:
    """CPU seconds a plain rapidocr script (its default engine, one call per page) takes
    on the same page images: the yardstick for qingdan's OCR cost (issue 30: at most
    1.2x). The engine is built before the clock starts, as qingdan's is."""
    from rapidocr import RapidOCR

    engine = RapidOCR(params={"Global.log_level": "error"})
    images = page_images(path)
    start = time.process_time()
    for image in images:
        engine(image)
    return time.process_time() - start


def table(results: list[dict[str, Any]]) -> str:
    """The Markdown table of the workers' results."""
    lines = [
        "| scan | pages | s/page | CPU s/page | engine start-up | peak memory | characters "
        "| records exact | raw rapidocr CPU s/page | qingdan / raw |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        lines.append(
            f"| {r['scan']} | {r['pages']} | {r['seconds'] / r['pages']:.1f} s "
            f"| {r['cpu_seconds'] / r['pages']:.1f} s "
            f"| {r['startup_seconds']:.1f} s | {r['peak_rss_bytes'] / 2**20:.0f} MiB "
            f"| {r['characters']:.2%} | {r['records_exact']}/{r['records']} "
            f"| {r['raw_cpu_seconds'] / r['pages']:.1f} s "
            f"| {r['cpu_seconds'] / max(r['raw_cpu_seconds'], 1e-9):.2f}x |"
        )
    return "\n".join(lines)


def section() -> str:
    """Measure every scan, each in its own process; the Markdown section for BENCHMARKS.md."""
    results = []
    for path, expected in scans():
        finished = subprocess.run(
            [sys.executable, "-m", "benchmarks.ocr", "--worker", str(path), str(expected)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=900,
        )
        if finished.returncode != 0:
            return f"OCR benchmark failed on {path.name}:\n\n```text\n{finished.stderr}\n```"
        results.append(json.loads(finished.stdout))
        print(f"ocr      {path.name:40} {results[-1]['seconds']:.1f} s", flush=True)
    command = "`python -m benchmarks.ocr`, one fresh process per scan"
    return f"{command} (seconds per page exclude the engine's start-up):\n\n{table(results)}"


def main(argv: list[str]) -> None:
    """``--worker SCAN GOLDEN`` prints one scan's JSON; no arguments: the whole table."""
    if argv[:1] == ["--worker"]:
        json.dump(worker(Path(argv[1]), Path(argv[2])), sys.stdout)
        return
    print(section())


if __name__ == "__main__":
    main(sys.argv[1:])
