"""The real-shapes CI set (tests/corpus/real_set) against its known failures: a ratchet.

The set holds the PDFs LibreOffice printed from some skeletons (``make
fidelity-real-set``) and a manifest of what each was printed from; every other
rendering is rendered here from the skeleton. The test fails on a failure that
``real_known_failures.json`` does not list (a regression) and on a listed one that no
longer fails (progress: run ``make fidelity-real-baseline`` so the list shrinks).
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from corpus.ratchet import differences, read_known
from corpus.real import SKELETONS
from corpus.real.run import MANIFEST, set_items, set_skeletons
from corpus.report import failure_line
from corpus.score import RenderingScore, score_files

SET = Path(__file__).parent / "real_set"
KNOWN = Path(__file__).parent / "real_known_failures.json"


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory) -> list[RenderingScore]:
    return score_files(set_items(SET, tmp_path_factory.mktemp("real")), jobs=1)


def test_the_set_has_both_forms_and_its_printed_files() -> None:
    manifest = json.loads((SET / MANIFEST).read_text(encoding="utf-8"))
    assert len(manifest) >= 10
    printed = {name for files in manifest.values() for name in files}
    assert any(name.endswith("_paragraphs.pdf") for name in printed)
    assert any(name.endswith("_merged.pdf") for name in printed)
    assert printed == {p.name for p in SET.glob("*.pdf")}
    assert all((SKELETONS / f"{name}.toml").exists() for name in manifest)


def test_no_failure_appears_that_is_not_listed(scores: list[RenderingScore]) -> None:
    new, _ = differences(read_known(KNOWN), [f for s in scores for f in s.failures])
    assert not new, (
        f"{len(new)} new failures on the real-shapes set (a regression, or run "
        "`make fidelity-real-baseline` if the change is meant):\n"
        + "\n".join(failure_line(f) for f in new[:40])
    )


def test_every_listed_failure_still_fails(scores: list[RenderingScore]) -> None:
    _, fixed = differences(read_known(KNOWN), [f for s in scores for f in s.failures])
    assert not fixed, (
        f"{len(fixed)} listed failures now pass: run `make fidelity-real-baseline` to "
        "shrink tests/corpus/real_known_failures.json:\n" + "\n".join(map(str, fixed[:40]))
    )


def test_printing_the_set_again_by_default_prints_the_skeletons_its_manifest_names() -> None:
    # `make fidelity-real-set` gave a glob of every odd-numbered skeleton, not the set.
    manifest = json.loads((SET / MANIFEST).read_text(encoding="utf-8"))
    assert [item.name for item in set_skeletons(None, SET)] == sorted(manifest)
    shown = subprocess.run(
        # the install stamp taken as up to date: -n still runs the $(MAKE) lines it needs
        ["make", "-n", "--assume-old=.venv/.installed", "fidelity-real-set"],
        cwd=Path(__file__).parents[2],
        capture_output=True,
        text=True,
        check=True,
        env={key: value for key, value in os.environ.items() if key != "REAL_SET"},
    ).stdout.splitlines()
    command = next(line for line in shown if " -m corpus real-set " in line)
    assert command.split(" -m corpus ")[1].split() == ["real-set", "tests/corpus/real_set"]
