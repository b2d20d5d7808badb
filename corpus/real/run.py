"""Score qingdan on the real-shapes corpus and keep its CI set.

* ``fidelity_real``: render every skeleton, convert every rendering, score each record
  as ``make fidelity`` does (``corpus.score``), print the failures and totals, write
  FIDELITY-REAL.md and ``benchmarks/results/fidelity-real/<time>.json``;
* ``write_set`` / ``set_items``: the committed CI set (``tests/corpus/real_set``), the
  PDFs of some skeletons printed once by LibreOffice and a manifest of what each was
  printed from; the other renderings are rendered at test time.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
import time
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from corpus.real import ROOT, RealList, load_skeletons
from corpus.real.render import Planned, plan, render_all
from corpus.report import (
    Summary,
    failure_line,
    markdown_body,
    results_json,
    summarize,
    text_report,
    write_results,
)
from corpus.score import RenderingScore, score_files

RESULTS = ROOT / "benchmarks" / "results" / "fidelity-real"
MANIFEST = "manifest.json"
Item = tuple[dict[str, Any], str, Path]


def last_line(summary: Summary) -> str:
    """The line ``make fidelity-real`` ends with."""
    return "fidelity-real" + summary.last_line().removeprefix("fidelity")


def by_kind(summary: Summary) -> dict[str, tuple[int, int]]:
    """Records exact per list kind (整改清单, 进度表 …) and form."""
    return {k: v for k, v in sorted(summary.by_feature.items()) if k.startswith(("kind:", "form:"))}


def report_lines(summary: Summary) -> list[str]:
    """The totals printed after the failures, per kind included, ending with the last line."""
    lines = text_report(summary)[:-1]
    lines += ["per kind and form:"]
    lines += [f"  {k:<22} {e}/{t}" for k, (e, t) in by_kind(summary).items()]
    return [*lines, last_line(summary)]


def _markdown(summary: Summary, items: list[RealList], stamp: str, command: str) -> str:
    provinces = sorted({item.source["province"] for item in items})
    intro = [
        "# Fidelity on the real-shapes corpus",
        "",
        f"`{command}` ({stamp}): {len(items)} skeletons of task lists published on "
        f"public pages ({len(provinces)} provinces and central bodies: {'、'.join(provinces)}), "
        "our own sentences, each rendered as its source printed it (tables: Word merged and "
        "written out, PDF, text dump, web page, workbook, and numbered paragraphs when the "
        "truth allows; paragraph lists: Word, PDF, text). Every record compared with its truth "
        "field by field, text exactly: [docs/fidelity.md](docs/fidelity.md).",
        "",
        f"**{last_line(summary)}**",
        "",
        "## Per kind and form",
        "",
        "| kind | exact |",
        "| --- | --- |",
        *(f"| {k} | {e}/{t} |" for k, (e, t) in by_kind(summary).items()),
        "",
    ]
    return "\n".join([*intro, *markdown_body(summary)]) + "\n"


def fidelity_real(
    pattern: str, only: set[str] | None, keep: Path | None, md: Path, results: Path, jobs: int = 2
) -> list[RenderingScore]:
    """Render, convert and score every skeleton matching ``pattern``; print and write
    the report. Returns the scores."""
    start = time.monotonic()
    items = load_skeletons(pattern)
    with tempfile.TemporaryDirectory(prefix="corpus-real-") as tmp:
        folder = keep or Path(tmp)
        files = render_all(items, folder, only)
        print(f"rendered {len(items)} skeletons as {len(files)} files into {folder}", flush=True)
        scores = score_files(files, jobs)
    summary = summarize(scores)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    for failure in summary.failures:
        print(failure_line(failure))
    command = "make fidelity-real" if pattern == "*" and only is None else "python -m corpus"
    md.write_text(_markdown(summary, items, stamp, command), encoding="utf-8")
    wall = time.monotonic() - start
    data = results_json(summary, len(items), 0, stamp, wall)
    data.update(kind="fidelity-real", skeletons=[item.name for item in items])
    del data["seed"]
    write_results(results / f"{stamp}.json", data)
    lines = report_lines(summary)
    lines.insert(-1, f"wrote {md.name} and {results.name}/{stamp}.json in {wall:.0f} s")
    print("\n".join(lines))
    return scores


# --- The committed CI set ------------------------------------------------------------


def _fingerprint(planned: Planned) -> str:
    """What a printed file was printed from: its rendering and source, hashed."""
    source = planned.source
    data = source if isinstance(source, list) else asdict(source)
    text = json.dumps([planned.rendering.name, data], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def committed(set_dir: Path) -> list[str]:
    """The names of the skeletons in the committed CI set ``set_dir`` (its manifest's)."""
    manifest: dict[str, dict[str, str]] = json.loads((set_dir / MANIFEST).read_text("utf-8"))
    return sorted(manifest)


def set_skeletons(pattern: str | None, set_dir: Path) -> list[RealList]:
    """The skeletons matching ``pattern``; by default those of the set now in ``set_dir``
    (so that printing the set again gives the same set, whoever added to it)."""
    if pattern is None:
        return [item for name in committed(set_dir) for item in load_skeletons(name)]
    return load_skeletons(pattern)


def write_set(pattern: str | None, set_dir: Path) -> int:
    """Print the PDFs of the skeletons matching ``pattern`` (default: the set's own) into
    ``set_dir`` (replacing what was there) with the manifest; returns how many skeletons
    it holds."""
    items = set_skeletons(pattern, set_dir)
    printed = {p.rendering.name for item in items for p in plan(item) if p.rendering.printed}
    if set_dir.exists():
        shutil.rmtree(set_dir)
    with tempfile.TemporaryDirectory(prefix="corpus-real-set-") as tmp:
        render_all(items, Path(tmp), printed)
        set_dir.mkdir(parents=True)
        manifest: dict[str, dict[str, str]] = {}
        for item in items:
            for p in plan(item, printed):
                name = p.rendering.file_name(item.name)
                shutil.copy(Path(tmp) / name, set_dir / name)
                manifest.setdefault(item.name, {})[name] = _fingerprint(p)
    (set_dir / MANIFEST).write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    return len(manifest)


class StaleSetError(RuntimeError):
    """A committed PDF printed from another version of its skeleton."""


def set_items(set_dir: Path, out: Path) -> list[Item]:
    """The CI set's (truth, rendering, file): the committed PDFs, everything else
    rendered into ``out`` now. Raises ``StaleSetError`` when a skeleton changed since
    its PDF was printed."""
    manifest: dict[str, dict[str, str]] = json.loads((set_dir / MANIFEST).read_text("utf-8"))
    items = set_skeletons(None, set_dir)
    unprinted = {p.rendering.name for i in items for p in plan(i) if not p.rendering.printed}
    result = render_all(items, out, unprinted)
    for item in items:
        for p in plan(item):
            if not p.rendering.printed:
                continue
            name = p.rendering.file_name(item.name)
            if manifest[item.name].get(name) != _fingerprint(p):
                raise StaleSetError(
                    f"{name}: {item.name}.toml changed since this PDF was printed; "
                    "run `make fidelity-real-set` (needs LibreOffice)"
                )
            full = item.truth([q.rendering.name for q in plan(item)])
            result.append((full, p.rendering.name, set_dir / name))
    return result
