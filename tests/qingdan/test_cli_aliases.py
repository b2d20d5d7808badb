"""``qingdan convert --aliases``: the alias file reaches the output; a bad one fails clearly."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli_runner import invoke


def test_convert_applies_the_alias_file(seed: Path, tmp_path: Path) -> None:
    aliases = tmp_path / "aliases.yaml"
    aliases.write_text("国土新城分局: 市资源规划局新城分局\n", encoding="utf-8")
    result = invoke(["convert", str(seed), "--aliases", str(aliases)])
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)["records"]
    pairs = [
        (written, canonical)
        for r in records
        for written, canonical in zip(r["support"], r["support_canonical"], strict=True)
    ]
    assert ("国土新城分局", "市资源规划局新城分局") in pairs
    assert ("区发改委", "区发展和改革委员会") in pairs


def test_a_bad_alias_file_is_one_line_and_exit_2(seed: Path, tmp_path: Path) -> None:
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("from,to\n国土新城分局,市资源规划局新城分局\n", encoding="utf-8")
    result = invoke(["convert", str(seed), "--aliases", str(aliases)])
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0
    assert "aliases.csv" in result.stderr and "variant,canonical" in result.stderr
    assert "Traceback" not in result.stderr
