"""Profile qingdan on one file: ``python -m benchmarks.profile PATH``.

Prints Markdown: the functions with the most own time (cProfile), then the top of
pyinstrument's call tree, for BENCHMARKS.md when qingdan is slower than the target.
"""

from __future__ import annotations

import cProfile
import pstats
import sys
from pathlib import Path

from benchmarks.corpus import ROOT
from benchmarks.tools import TOOLS

TOP_FUNCTIONS = 15
TREE_LINES = 45


def top_functions(path: Path) -> str:
    """A Markdown table of the functions that spent the most own time converting ``path``."""
    profiler = cProfile.Profile()
    profiler.runcall(TOOLS["qingdan"].run, path)
    stats = pstats.Stats(profiler)
    entries = sorted(stats.stats.items(), key=lambda item: item[1][2], reverse=True)  # type: ignore[attr-defined]
    lines = ["| own s | cumulative s | calls | function |", "| ---: | ---: | ---: | --- |"]
    for (file, line, function), (_, calls, own, cumulative, _) in entries[:TOP_FUNCTIONS]:
        where = f"{_short(file)}:{line}" if line else file
        lines.append(f"| {own:.3f} | {cumulative:.3f} | {calls} | `{function}` ({where}) |")
    return "\n".join(lines)


def call_tree(path: Path) -> str:
    """The top of pyinstrument's call tree for converting ``path``, as plain text."""
    from pyinstrument import Profiler

    profiler = Profiler()
    profiler.start()
    TOOLS["qingdan"].run(path)
    profiler.stop()
    text = profiler.output_text(unicode=False, color=False)
    return "\n".join(text.splitlines()[:TREE_LINES])


def _short(file: str) -> str:
    """A source path from its package folder on (site-packages/ and the checkout dropped)."""
    for marker in ("site-packages/", f"{ROOT}/", "/lib/python"):
        if marker in file:
            return file.split(marker, 1)[1]
    return file


def main(argv: list[str]) -> None:
    """Entry point: print both profiles of qingdan converting ``PATH``."""
    path = Path(argv[0])
    TOOLS["qingdan"].run(path)  # warm up: load data files and fonts once, as in the timings
    print(top_functions(path))
    print()
    print("```text")
    print(call_tree(path))
    print("```")


if __name__ == "__main__":
    main(sys.argv[1:])
