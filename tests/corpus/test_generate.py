"""corpus.generate: lists are reproducible, varied, and their truth matches their cells."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter
from functools import cache
from itertools import pairwise
from pathlib import Path

from corpus.generate import generate_list
from corpus.layouts import LAYOUTS
from corpus.model import GeneratedList
from corpus.phrases import _due
from corpus.responsibility import STYLES
from corpus.sheet import ABOVE, LEFT, render_txt
from corpus.vocab import DeadlinePhrase, vocabulary

SEED = 11
COUNT = 240


@cache
def _lists() -> tuple[GeneratedList, ...]:
    return tuple(generate_list(SEED, index) for index in range(1, COUNT + 1))


def test_a_list_depends_only_on_seed_and_index() -> None:
    assert generate_list(SEED, 7).truth() == _lists()[6].truth()
    assert generate_list(SEED + 1, 7).truth() != _lists()[6].truth()


def test_every_layout_and_responsibility_style_is_drawn() -> None:
    features = Counter(f for item in _lists() for f in item.features)
    assert {f"layout:{name}" for name in LAYOUTS} <= set(features)
    assert {f"resp:{name}" for name in STYLES} <= set(features)
    expected = ["header:two-row", "section-rows", "grouping-column", "note-row", "note-after"]
    expected += ["title:two-lines", "names:glued", "names:wrapped", "names:etc"]
    expected += ["numbering:per-group", "page:portrait", "narrow-columns"]
    for feature in expected:
        assert features[feature], feature


def test_lists_have_four_to_eight_columns_and_at_least_five_records() -> None:
    for item in _lists():
        assert 4 <= len(item.spec.header[0]) <= 8, item.name
        assert len(item.records) >= 5, item.name
        assert all(len(row) == len(item.spec.header[0]) for row in item.spec.rows)


def test_every_truth_text_is_printed_in_the_dump() -> None:
    """Measures, names and deadlines of the truth are in the text a reader gets."""
    for item in _lists():
        printed = render_txt(item.spec).replace("\n", "")
        for record in item.records:
            assert record.measure in printed, item.name
            for name in [*record.lead, *record.support]:
                assert name in printed, (item.name, name)
            if record.deadline:
                assert record.deadline in printed, item.name
            assert "▲" not in "".join(record.lead + record.support)
            assert not any(n.endswith("等") or n.endswith("等部门") for n in record.lead)


def test_inline_responsibility_is_not_part_of_the_measure() -> None:
    inline = [item for item in _lists() if "resp:inline" in item.features]
    assert inline
    for item in inline:
        for record in item.records:
            assert not record.measure.endswith("）") or "（" not in record.measure[-30:]
            printed = render_txt(item.spec).replace("\n", "")
            note_start = printed.index(record.measure + "（") + len(record.measure)
            assert record.lead[0] in printed[note_start : note_start + 200]


def test_merged_cells_never_hang_from_a_section_row() -> None:
    for item in _lists():
        rows = item.spec.rows
        assert ABOVE not in rows[0]
        for above, row in pairwise(rows):
            if ABOVE in row:
                assert above[1:] != [LEFT] * (len(row) - 1), item.name


def test_document_truth_is_the_title_lines_joined() -> None:
    for item in _lists():
        before = item.spec.text_before
        lines = before[1:] if item.attachment else before
        assert item.title == "".join(lines)
        assert str(item.year) in item.title


def test_every_deadline_phrase_gives_a_real_due_date_or_none() -> None:
    kinds = set()
    for phrase in vocabulary().deadlines:
        due = _due(phrase, {"y": 2019, "y1": 2020, "m": 2, "m2": 11, "d": 15})
        kinds.add(phrase.kind)
        if phrase.kind == "date":
            assert due is not None and dt.date.fromisoformat(due).year in (2019, 2020)
        else:
            assert due is None, phrase.text
    assert kinds == {"date", "ongoing", "recurring", ""}


def test_a_month_end_due_date_is_the_last_day_of_that_month() -> None:
    phrase = DeadlinePhrase("{y}年{m}月底前", "{y}-{m}-end", "date")
    for year, month in ((2020, 2), (2019, 2), (2021, 4), (2022, 12)):
        due = _due(phrase, {"y": year, "m": month})
        assert due == f"{year}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"
    assert _due(DeadlinePhrase("{y}—{y1}年", "{y1}-12-31", "date"), {"y": 2019, "y1": 2020}) == (
        "2020-12-31"
    )


def test_blank_docx_is_drawn_only_where_blank_cells_keep_the_truth() -> None:
    for item in _lists():
        if "docx-blank" in item.renderings:
            assert (
                not any(cell == ABOVE for row in item.spec.rows for cell in (row[0], *row[2:]))
                or "category-column" in item.features
            )


def test_generated_folder_holds_truth_and_every_drawn_rendering(tmp_path: Path) -> None:
    from corpus.generate import generate_corpus

    [item] = generate_corpus(1, SEED, tmp_path, jobs=1, only=["txt", "docx-merged"])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [f"{item.name}.truth.json", f"{item.name}.txt", f"{item.name}_merged.docx"]
    )
