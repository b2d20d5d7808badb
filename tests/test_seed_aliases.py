"""Issue 6, done when: a reform's renames given as an alias file reach the seed's records."""

from __future__ import annotations

from pathlib import Path

from qingdan.normalize import Knowledge

import qingdan

RENAMED = {"国土新城分局", "规划新城分局"}
MERGED = "市资源规划局新城分局"


def test_seed_records_carry_the_canonical_name_after_the_reform(seed: Path, tmp_path: Path) -> None:
    aliases = tmp_path / "aliases.yaml"
    aliases.write_text("".join(f"{name}: {MERGED}\n" for name in RENAMED), encoding="utf-8")
    records = qingdan.convert(seed, Knowledge.load(aliases=aliases)).records
    mentioned = 0
    for record in records:
        for written, canonical in [
            *zip(record.lead, record.lead_canonical, strict=True),
            *zip(record.support, record.support_canonical, strict=True),
        ]:
            if written in RENAMED:
                mentioned += 1
                assert canonical == MERGED
            else:
                assert canonical != MERGED
    assert mentioned > 0
    # record 6 is led by 规划新城分局 and supported by 国土新城分局 (read by eye).
    assert records[5].lead == ["规划新城分局"]
    assert records[5].lead_canonical == [MERGED]
    assert MERGED in records[5].support_canonical
