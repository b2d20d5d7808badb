"""Aliases files: YAML and CSV read into variant -> canonical name; bad ones refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from qingdan.diff.departments import BadAliasesFile, canonicalize_with, load_aliases

SAMPLE_ALIASES = Path(__file__).resolve().parents[3] / "samples" / "diffs" / "xincheng_aliases.yaml"


def test_yaml_maps_variants_or_lists_of_variants(tmp_path: Path) -> None:
    path = tmp_path / "aliases.yaml"
    path.write_text("国土新城分局: 市资源规划局新城分局\n区林业局: [区园林局, 园林局]\n", "utf-8")
    assert load_aliases(path) == {
        "国土新城分局": "市资源规划局新城分局",
        "区园林局": "区林业局",
        "园林局": "区林业局",
    }


def test_the_sample_aliases_merge_two_branches_into_one() -> None:
    aliases = load_aliases(SAMPLE_ALIASES)
    assert aliases["规划新城分局"] == aliases["国土新城分局"] == "市资源规划局新城分局"


def test_csv_rows_with_an_optional_header(tmp_path: Path) -> None:
    path = tmp_path / "aliases.csv"
    path.write_text("variant,canonical\n规划新城分局,市资源规划局新城分局\n\n", "utf-8")
    assert load_aliases(path) == {"规划新城分局": "市资源规划局新城分局"}


def test_a_csv_row_without_two_names_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "aliases.csv"
    path.write_text("规划新城分局\n", "utf-8")
    with pytest.raises(BadAliasesFile, match=r"aliases\.csv: row 1: expected 'variant,canonical'"):
        load_aliases(path)


def test_a_yaml_list_at_top_level_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "aliases.yml"
    path.write_text("- 规划新城分局\n", "utf-8")
    with pytest.raises(BadAliasesFile, match="expected a mapping"):
        load_aliases(path)


def test_an_unknown_suffix_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "aliases.txt"
    path.write_text("a,b\n", "utf-8")
    with pytest.raises(BadAliasesFile, match=r"must be \.yaml, \.yml or \.csv"):
        load_aliases(path)


def test_canonicalize_with_keeps_unknown_names() -> None:
    canonical = canonicalize_with({"国土新城分局": "市资源规划局新城分局"})
    assert canonical("国土新城分局") == "市资源规划局新城分局"
    assert canonical("区住建局") == "区住建局"
