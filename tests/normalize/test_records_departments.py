"""Departments in a built record: canonical names beside the written ones, and warnings."""

from __future__ import annotations

from pathlib import Path

from qingdan.extract.grid import Extracted, RawDocument, RawRow, RawTable
from qingdan.normalize import Knowledge, TaskList, normalize

HEADER: list[str | None] = ["重点工作", "工作措施", "牵头部门", "配合部门", "完成时限"]


def _normalized(lead: str, support: str, knowledge: Knowledge | None = None) -> TaskList:
    row: list[str | None] = ["土壤污染状况详查", "完善监测网络。", lead, support, "2019年12月"]
    table = RawTable([RawRow(HEADER), RawRow(row)])
    raw = RawDocument("list.txt", "txt", "0" * 64, Extracted([table]))
    return normalize(raw, knowledge)


def test_canonical_lists_follow_the_written_ones() -> None:
    result = _normalized("区发改委", "区住建局区财政局\n生态环境新城分局")
    record = result.records[0]
    assert record.lead == ["区发改委"]
    assert record.lead_canonical == ["区发展和改革委员会"]
    assert record.support == ["区住建局", "区财政局", "生态环境新城分局"]
    assert record.support_canonical == ["区住房和城乡建设局", "区财政局", "生态环境新城分局"]


def test_an_unknown_name_is_kept_and_warned_about_with_its_row() -> None:
    result = _normalized("区城管局", "区财政局、某某物资储备库")
    assert result.records[0].support == ["区财政局", "某某物资储备库"]
    unknown = [w for w in result.warnings if w.code == "unknown-department"]
    assert len(unknown) == 1
    assert unknown[0].row == 1
    assert "某某物资储备库" in unknown[0].message


def test_removed_notes_are_warned_about() -> None:
    result = _normalized("区城管局（牵头）", "区财政局等")
    record = result.records[0]
    assert (record.lead, record.support) == (["区城管局"], ["区财政局"])
    notes = [w.message for w in result.warnings if w.code == "department-note"]
    assert len(notes) == 2
    assert "区城管局（牵头）" in notes[0] and "（牵头）" in notes[0]
    assert "区财政局等" in notes[1]


def test_user_aliases_reach_the_records(tmp_path: Path) -> None:
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("variant,canonical\n区城管局,区城市管理和综合执法局\n", encoding="utf-8")
    result = _normalized("区城管局", "区财政局", Knowledge.load(aliases=aliases))
    assert result.records[0].lead_canonical == ["区城市管理和综合执法局"]
    assert result.records[0].lead == ["区城管局"]
