"""The committed corpus set (tests/corpus/set) against its known failures: a ratchet.

The set is 30 generated lists, each as a DOCX variant, a PDF printed by LibreOffice, a
text dump and one rendering by another program (Chromium, Calc, pdftocairo, Word 97),
with its truth. Converting them needs no LibreOffice but for the Word 97 files. The test fails on a
failure that ``known_failures.json`` does not list (a regression) and on a listed one
that no longer fails (progress: run ``make fidelity-baseline`` so the list shrinks).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpus.model import spec_from_dict
from corpus.ratchet import differences, read_known
from corpus.renderings import RENDERINGS
from corpus.report import failure_line
from corpus.score import RenderingScore, renderings_of, score_directory
from corpus.sheet import render_txt

SET = Path(__file__).parent / "set"
KNOWN = Path(__file__).parent / "known_failures.json"


@pytest.fixture(scope="module")
def scores() -> list[RenderingScore]:
    return score_directory(SET, jobs=1)


def test_the_set_has_thirty_lists_in_every_format() -> None:
    items = renderings_of(SET)
    documents = {truth["name"] for truth, _, _ in items}
    assert len(documents) >= 30
    for name in documents:
        formats = {r.split("-")[0] for t, r, _ in items if t["name"] == name}
        assert formats - {"doc"} == {"docx", "pdf", "txt"}, name
    # Other programs' renderings (issue 27): Chromium and Calc PDFs among them.
    produced = {r for _, r, _ in items}
    assert {"pdf-chromium", "pdf-chromium-whole", "pdf-calc", "pdf-cairo", "doc"} <= produced
    assert all(path.exists() for _, _, path in items)


def test_committed_text_dumps_are_what_their_specs_render() -> None:
    for truth, rendering, path in renderings_of(SET):
        if rendering == "txt":
            spec = spec_from_dict(truth["spec"])
            assert path.read_text(encoding="utf-8") == render_txt(spec), path.name


def test_no_failure_appears_that_is_not_listed(scores: list[RenderingScore]) -> None:
    new, _ = differences(read_known(KNOWN), [f for s in scores for f in s.failures])
    assert not new, (
        f"{len(new)} new failures on the corpus set (a regression, or run "
        "`make fidelity-baseline` if the change is meant):\n"
        + "\n".join(failure_line(f) for f in new[:40])
    )


def test_every_listed_failure_still_fails(scores: list[RenderingScore]) -> None:
    _, fixed = differences(read_known(KNOWN), [f for s in scores for f in s.failures])
    assert not fixed, (
        f"{len(fixed)} listed failures now pass: run `make fidelity-baseline` to shrink "
        "tests/corpus/known_failures.json:\n" + "\n".join(map(str, fixed[:40]))
    )


def test_known_failures_name_only_files_of_the_set() -> None:
    data = json.loads(KNOWN.read_text(encoding="utf-8"))
    names = {p.name for p in SET.iterdir()}
    for failure in data["failures"]:
        file_name = RENDERINGS[failure["rendering"]].file_name(failure["document"])
        assert file_name in names, failure
