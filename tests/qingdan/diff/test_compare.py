"""``compare``: statuses, threshold, aliases, and independence from row order."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from qingdan.normalize.aliases import AliasTable
from qingdan.normalize.knowledge import Knowledge
from qingdan.schema import Document

import qingdan
from qingdan.diff import Status, compare
from tests.conftest import SAMPLES, SEED
from tests.qingdan.diff.builders import document, record

NEW_2020 = SAMPLES / "001_xincheng_2020.txt"
ALIASES = Knowledge.load(aliases=SAMPLES / "diffs" / "xincheng_aliases.yaml").aliases
OLD_DOC, NEW_DOC = qingdan.convert(SEED), qingdan.convert(NEW_2020)


def test_each_status_from_a_hand_made_pair_of_lists() -> None:
    old = document([
        record(1, "加强固体废物清理整治，巩固2018年成果。"),
        record(2, "推进“垃圾围堰”整治工作。"),
        record(3, "开展较大规模的生活垃圾非正规垃圾堆放点整治。"),
    ])  # fmt: skip
    new = document([
        record(1, "巩固生活垃圾非正规垃圾堆放点整治成果。", deadline="2020年12月"),
        record(2, "加强固体废物清理整治，巩固2019年成果。", deadline="2020年12月"),
        record(3, "建立污染地块联动监管机制。", deadline="2020年12月"),
    ], year=2020)  # fmt: skip
    report = compare(old, new)
    statuses = [(e.status, e.old.seq if e.old else None, e.new.seq if e.new else None)
                for e in report.entries]  # fmt: skip
    assert statuses == [
        (Status.UNCHANGED, 1, 2),
        (Status.REMOVED, 2, None),
        (Status.MODIFIED, 3, 1),
        (Status.ADDED, None, 3),
    ]
    assert report.year_gap == 1
    assert (report.summary.unchanged, report.summary.modified) == (1, 1)
    assert (report.summary.removed, report.summary.added) == (1, 1)


def test_a_pair_below_the_threshold_is_removed_plus_added() -> None:
    old = document([record(1, "开展较大规模的生活垃圾非正规垃圾堆放点整治。")])
    new = document([record(1, "巩固生活垃圾非正规垃圾堆放点整治成果。")])
    assert [e.status for e in compare(old, new, threshold=0.5).entries] == [Status.MODIFIED]
    assert [e.status for e in compare(old, new, threshold=0.95).entries] == [
        Status.REMOVED,
        Status.ADDED,
    ]


def test_aliases_make_a_renamed_body_no_change() -> None:
    old = document([record(1, "推进整治", lead=["规划新城分局"])])
    new = document([record(1, "推进整治", lead=["市资源规划局新城分局"])])
    assert compare(old, new).entries[0].status is Status.MODIFIED
    assert compare(old, new, aliases=ALIASES).entries[0].status is Status.UNCHANGED


def test_the_built_in_alias_table_makes_a_short_form_no_change() -> None:
    old = document([record(1, "推进整治", lead=["区城管局"])])
    new = document([record(1, "推进整治", lead=["区城市管理局"])])
    assert compare(old, new).entries[0].status is Status.UNCHANGED
    assert compare(old, new, aliases=AliasTable()).entries[0].status is Status.MODIFIED


def test_the_seed_against_its_2020_version() -> None:
    report = compare(OLD_DOC, NEW_DOC, aliases=ALIASES)
    removed = [e.old.seq for e in report.entries if e.status is Status.REMOVED and e.old]
    added = [e.new.seq for e in report.entries if e.status is Status.ADDED and e.new]
    assert (removed, added) == ([9, 13], [12, 15])
    assert report.summary.unchanged == 5


def _shuffled(doc: Document, order: list[int], renumber: bool) -> Document:
    records = [doc.records[i] for i in order]
    if renumber:
        records = [r.model_copy(update={"seq": n}) for n, r in enumerate(records, start=1)]
    return doc.model_copy(update={"records": records})


def _without_seq(report_json: str) -> list[Any]:
    """The entries as content only, in a canonical order (seq numbers follow the rows)."""
    entries = json.loads(report_json)["entries"]
    for entry in entries:
        for side in ("old", "new"):
            if entry[side]:
                entry[side].pop("seq")
    return sorted(entries, key=lambda e: json.dumps(e, ensure_ascii=False, sort_keys=True))


@settings(max_examples=25, deadline=None)
@given(
    old_order=st.permutations(range(len(OLD_DOC.records))),
    new_order=st.permutations(range(len(NEW_DOC.records))),
)
def test_reordering_rows_changes_nothing(old_order: list[int], new_order: list[int]) -> None:
    expected = compare(OLD_DOC, NEW_DOC, aliases=ALIASES)
    # The same records in another order: the very same report.
    same = compare(_shuffled(OLD_DOC, old_order, False), _shuffled(NEW_DOC, new_order, False),
                   aliases=ALIASES)  # fmt: skip
    assert same == expected
    # The rows printed in another order (so numbered differently): the same matches and changes.
    moved = compare(_shuffled(OLD_DOC, old_order, True), _shuffled(NEW_DOC, new_order, True),
                    aliases=ALIASES)  # fmt: skip
    assert moved.summary == expected.summary
    assert _without_seq(moved.model_dump_json()) == _without_seq(expected.model_dump_json())


TWIN = "加强涉重金属行业污染防控。"
TWINS_OLD = document(
    [record(1, TWIN), record(2, TWIN, lead=["区工信和商务局"]), record(3, "推进整治")]
)
TWINS_NEW = [record(1, TWIN, lead=["区工信和商务局"]), record(2, TWIN), record(3, "开展整治")]


@settings(max_examples=10, deadline=None)
@given(order=st.permutations(range(3)))
def test_twin_measures_pair_the_same_way_in_any_order(order: list[int]) -> None:
    # Equal measures tie in the assignment; sorting by content first settles the tie
    # the same way whatever the order of the rows.
    expected = compare(TWINS_OLD, document(TWINS_NEW))
    assert compare(TWINS_OLD, document([TWINS_NEW[i] for i in order])) == expected


def test_missing_years_mean_no_rolling(tmp_path: Path) -> None:
    old = document([record(1, "推进整治")], year=None)
    new = document([record(1, "推进整治", deadline="2020年12月")], year=None)
    [entry] = compare(old, new).entries
    assert entry.status is Status.MODIFIED
    assert entry.changes[0].rolled_forward is False
