"""Counting each canonical department's led and supported tasks."""

from __future__ import annotations

import json
from pathlib import Path

import qingdan
from qingdan.workload import attachments_among, count_workload, workload
from tests.conftest import SAMPLES

HEADER = "重点工作\t工作措施\t牵头部门\t配合部门\t完成时限\n"


def _attachment(folder: Path, name: str, *rows: tuple[str, str]) -> Path:
    """A small TSV task list whose rows are (lead cell, support cell)."""
    lines = [f"治理\t措施{i}。\t{lead}\t{support}\t2019年12月\n" for i, (lead, support) in
             enumerate(rows, start=1)]  # fmt: skip
    path = folder / name
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    return path


def test_aliases_count_for_one_department(tmp_path: Path) -> None:
    path = _attachment(
        tmp_path,
        "a.tsv",
        ("区城管局", "区发改委、区财政局"),
        ("区城市管理局", "区发展和改革委员会"),
    )
    load = count_workload([qingdan.convert(path)])
    by_name = {d.department: d for d in load.departments}
    assert set(by_name) == {"区城市管理局", "区发展和改革委员会", "区财政局"}
    assert (by_name["区城市管理局"].lead, by_name["区城市管理局"].support) == (2, 0)
    assert by_name["区城市管理局"].written == ("区城管局", "区城市管理局")
    assert (by_name["区发展和改革委员会"].lead, by_name["区发展和改革委员会"].support) == (0, 2)
    assert load.tasks == 2


def test_a_department_named_twice_in_one_list_counts_once(tmp_path: Path) -> None:
    path = _attachment(tmp_path, "a.tsv", ("区城管局、区城市管理局", "区城管局"))
    (only,) = count_workload([qingdan.convert(path)]).departments
    assert (only.lead, only.support) == (1, 1)


def test_busiest_first_then_most_led_then_name(tmp_path: Path) -> None:
    path = _attachment(
        tmp_path,
        "a.tsv",
        ("区财政局", "区教育局"),
        ("区教育局", "区民政局"),
        ("区民政局", "区财政局"),
        ("区司法局", "区审计局"),
    )
    order = [d.department for d in count_workload([qingdan.convert(path)]).departments]
    assert order == ["区教育局", "区民政局", "区财政局", "区司法局", "区审计局"]


def test_many_attachments_add_up(tmp_path: Path) -> None:
    _attachment(tmp_path, "a.tsv", ("区城管局", "区财政局"))
    _attachment(tmp_path, "b.tsv", ("区财政局", "区城管局"))
    load = workload([tmp_path])
    assert load.files == ["a.tsv", "b.tsv"]
    assert {(d.department, d.lead, d.support) for d in load.departments} == {
        ("区城市管理局", 1, 1),
        ("区财政局", 1, 1),
    }


def test_seed_counts_match_its_golden_records() -> None:
    golden = json.loads(
        (SAMPLES / "000_eaf823a1ce4555f0.txt.expected.json").read_text(encoding="utf-8")
    )
    load = workload([SAMPLES / "000_eaf823a1ce4555f0.txt"])
    for d in load.departments:
        leads = sum(d.department in r["lead_canonical"] for r in golden["records"])
        supports = sum(d.department in r["support_canonical"] for r in golden["records"])
        assert (d.lead, d.support) == (leads, supports), d.department
    assert sum(d.lead for d in load.departments) == len(golden["records"])


def test_globs_name_expected_outputs_too_and_they_are_set_apart() -> None:
    readable, skipped = attachments_among(sorted(SAMPLES.iterdir()))
    assert SAMPLES / "000_eaf823a1ce4555f0.txt" in readable
    assert SAMPLES / "000_eaf823a1ce4555f0.txt.expected.json" in skipped
