"""Whole-process times: start-up and imports included, as a user meets them (issue 16).

The in-process benchmark times ``qingdan.convert`` after the imports; a user running
``qingdan convert list.pdf -o list.json`` also waits for Python to start and for every
module the command imports. Here each command runs as its own process, qingdan's and
a five-line raw script's taking turns run by run (so that both meet the same load),
and the ratio of their medians is reported with the range of the run-by-run ratios:

* one file: ``qingdan convert x.pdf -o x.json`` against ``RAW_PDFPLUMBER`` (open, every
  page's ``extract_tables()``, ``json.dump``) on every sample PDF, and ``qingdan convert
  x.docx -o x.json`` against ``RAW_DOCX`` (python-docx: every table's cell texts) on
  every sample DOCX;
* a batch: ``qingdan convert`` on a folder of those files against the raw script
  looping over them in one process;
* ``qingdan --help`` against ``python -c pass``.

``python -m benchmarks.whole_process`` prints the section on its own.
"""

from __future__ import annotations

import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.corpus import ROOT, SAMPLES

RAW_PDFPLUMBER = """\
import json, sys, pdfplumber

for path in sys.argv[1:]:
    with pdfplumber.open(path) as pdf:
        rows = [row for page in pdf.pages for table in page.extract_tables() for row in table]
    json.dump(rows, open(path + ".raw.json", "w"), ensure_ascii=False)
"""
RAW_DOCX = """\
import json, sys, docx

for path in sys.argv[1:]:
    tables = docx.Document(path).tables
    rows = [[cell.text for cell in row.cells] for table in tables for row in table.rows]
    json.dump(rows, open(path + ".raw.json", "w"), ensure_ascii=False)
"""
ROUNDS = 7
"""Alternated runs per comparison: each a fresh process (a one-page file's command is
mostly start-up, whose time moves by a tenth from run to run here)."""
TARGETS = {"pdf": 1.0, "docx": 1.5}
"""Issue 16: qingdan's whole process at most 1.0x the raw pdfplumber script on a PDF
(goal 0.5x), 1.5x the raw python-docx script on a DOCX."""


@dataclass(frozen=True)
class Comparison:
    """qingdan's command against the raw one, alternated run by run."""

    name: str
    qingdan: list[float]
    raw: list[float]
    qingdan_cpu: list[float]
    raw_cpu: list[float]

    @property
    def ratio(self) -> float:
        """Median wall time of qingdan's runs over the raw script's."""
        return statistics.median(self.qingdan) / statistics.median(self.raw)

    @property
    def cpu_ratio(self) -> float:
        """The same for CPU time (user + system of the child process)."""
        return statistics.median(self.qingdan_cpu) / statistics.median(self.raw_cpu)

    @property
    def spread(self) -> tuple[float, float]:
        """The smallest and largest run-by-run wall-time ratio."""
        pairs = [q / r for q, r in zip(self.qingdan, self.raw, strict=True)]
        return min(pairs), max(pairs)


def _timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one command run as a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def compare(name: str, ours: list[str], theirs: list[str], cwd: Path, rounds: int) -> Comparison:
    """Run both commands ``rounds`` times each, alternating (which goes first alternates too)."""
    runs: dict[str, list[tuple[float, float]]] = {"ours": [], "theirs": []}
    for index in range(rounds):
        order = [("ours", ours), ("theirs", theirs)]
        for key, command in order if index % 2 == 0 else reversed(order):
            runs[key].append(_timed(command, cwd))
    return Comparison(
        name,
        [wall for wall, _ in runs["ours"]],
        [wall for wall, _ in runs["theirs"]],
        [cpu for _, cpu in runs["ours"]],
        [cpu for _, cpu in runs["theirs"]],
    )


def _qingdan() -> str:
    """The installed ``qingdan`` command beside this Python."""
    return str(Path(sys.executable).with_name("qingdan"))


PACKAGE_FOLDERS = ("qingdan", "extract", "normalize", "schema")


def compile_bytecode() -> None:
    """Write the bytecode of qingdan's modules, as ``pip install`` does for an installed
    package. An editable install from a source tree compiles each module on first
    import instead, unless Python may not write bytecode (``PYTHONDONTWRITEBYTECODE``,
    set on some machines and CI runners): then every run would compile qingdan's
    sources again (about 25 ms) while the libraries it is compared with load theirs."""
    import compileall

    for folder in PACKAGE_FOLDERS:
        compileall.compile_dir(ROOT / folder, quiet=1)


def measure(rounds: int = ROUNDS) -> dict[str, list[Comparison]]:
    """Every whole-process comparison, by group (``pdf``, ``docx``, ``batch``, ``help``)."""
    compile_bytecode()
    results: dict[str, list[Comparison]] = {"pdf": [], "docx": [], "batch": [], "help": []}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        scripts = {"pdf": work / "raw_pdfplumber.py", "docx": work / "raw_docx.py"}
        scripts["pdf"].write_text(RAW_PDFPLUMBER, encoding="utf-8")
        scripts["docx"].write_text(RAW_DOCX, encoding="utf-8")
        for kind in ("pdf", "docx"):
            folder = work / kind
            folder.mkdir()
            files = []
            for sample in sorted(SAMPLES.glob(f"*.{kind}")):
                copy = folder / sample.name
                shutil.copy(sample, copy)
                files.append(copy)
                ours = [_qingdan(), "convert", str(copy), "-o", f"{copy}.json"]
                theirs = [sys.executable, str(scripts[kind]), str(copy)]
                results[kind].append(compare(sample.name, ours, theirs, work, rounds))
                print(f"whole process {sample.name:44} {results[kind][-1].ratio:.2f}x", flush=True)
            out = work / f"{kind}-out"
            ours = [_qingdan(), "convert", str(folder), "-o", f"{out}/"]
            theirs = [sys.executable, str(scripts[kind]), *map(str, files)]
            name = f"all {len(files)} sample {kind.upper()}s in one command"
            results["batch"].append(compare(name, ours, theirs, work, rounds))
        help_run = compare(
            "qingdan --help vs python -c pass",
            [_qingdan(), "--help"],
            [sys.executable, "-c", "pass"],
            work,
            rounds,
        )
        results["help"].append(help_run)
    return results


def _row(item: Comparison) -> str:
    low, high = item.spread
    return (
        f"| {item.name} | {statistics.median(item.qingdan) * 1000:.0f} ms | "
        f"{statistics.median(item.raw) * 1000:.0f} ms | {item.ratio:.2f}x | "
        f"{item.cpu_ratio:.2f}x | {low:.2f}–{high:.2f}x |"
    )


def render(results: dict[str, list[Comparison]], rounds: int = ROUNDS) -> str:
    """The BENCHMARKS.md section: one table per group, the targets checked."""
    header = [
        "| input | qingdan (median) | raw script (median) | wall ratio | CPU ratio | run-by-run |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    titles = {
        "pdf": "One PDF: `qingdan convert x.pdf -o x.json` ÷ the raw pdfplumber script",
        "docx": "One DOCX: `qingdan convert x.docx -o x.json` ÷ the raw python-docx script",
        "batch": "A batch: `qingdan convert folder -o out/` ÷ the raw script over the files",
        "help": "Start-up: `qingdan --help` ÷ `python -c pass`",
    }
    lines = [
        f"Each command runs as a fresh process, {rounds} times, qingdan's and the raw "
        "script's alternating run by run (`python -m benchmarks.whole_process`; part of "
        "`make bench`). Times include Python's start-up and every import.",
        "",
        "The raw pdfplumber script:",
        "",
        "```python",
        RAW_PDFPLUMBER.rstrip(),
        "```",
        "",
        "The raw python-docx script:",
        "",
        "```python",
        RAW_DOCX.rstrip(),
        "```",
    ]
    for group, items in results.items():
        if not items:
            continue
        lines += ["", f"### {titles[group]}", "", *header, *map(_row, items)]
        if group in TARGETS:
            worst = max(item.ratio for item in items)
            verdict = "met" if worst <= TARGETS[group] else "missed"
            lines += [
                "",
                f"Target ≤ {TARGETS[group]:.1f}x: {verdict} (worst {worst:.2f}x, median "
                f"{statistics.median(item.ratio for item in items):.2f}x).",
            ]
    return "\n".join(lines)


def summary(results: dict[str, list[Comparison]]) -> list[str]:
    """One line per group for the terminal: the median and worst whole-process ratio."""
    lines = []
    for group, items in results.items():
        if items:
            ratios = [item.ratio for item in items]
            lines.append(
                f"whole process, {group}: median {statistics.median(ratios):.2f}x, "
                f"worst {max(ratios):.2f}x"
                + (f" (target ≤ {TARGETS[group]:.1f}x)" if group in TARGETS else "")
            )
    return lines


def main() -> None:
    """Measure and print the section."""
    print(render(measure()))


if __name__ == "__main__":
    main()
