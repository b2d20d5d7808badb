"""Department names -> canonical names: the built-in table and the user's alias file."""

from __future__ import annotations

from pathlib import Path

import pytest
from qingdan.normalize.knowledge import Knowledge, KnowledgeFileError

BUILTIN = Knowledge.load().aliases


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("区发改委", "区发展和改革委员会"),
        ("区发展改革委", "区发展和改革委员会"),
        ("区发展和改革委员会", "区发展和改革委员会"),
        ("区住建局", "区住房和城乡建设局"),
        ("市住房城乡建设局", "市住房和城乡建设局"),
        ("区市场监管局", "区市场监督管理局"),
        ("县卫健委", "县卫生健康委员会"),
        ("区人社局", "区人力资源和社会保障局"),
        ("西安市工信局", "西安市工业和信息化局"),
        ("区城管局", "区城市管理局"),
        ("区文旅局", "区文化和旅游局"),
        ("区应急局", "区应急管理局"),
        ("交通局", "交通运输局"),
    ],
)
def test_builtin_forms_resolve_with_the_level_prefix_kept(written: str, canonical: str) -> None:
    assert BUILTIN.canonical(written) == canonical


@pytest.mark.parametrize(
    "written",
    [
        "区工信和商务局",  # 商务局 after 区工信和 is part of a joint bureau, not a prefix
        "生态环境新城分局",
        "区卫生健康局",  # a bureau, not the 卫健委 commission: no guess
        "某某工作专班",
    ],
)
def test_names_no_table_knows_are_their_own_canonical_name(written: str) -> None:
    assert BUILTIN.canonical(written) == written


def test_user_yaml_renames_after_a_reform(tmp_path: Path) -> None:
    user = tmp_path / "aliases.yaml"
    user.write_text(
        "国土新城分局: 市资源规划局新城分局\n规划新城分局: 市资源规划局新城分局\n"
        "区发展和改革委员会: 区发展和改革局\n",
        encoding="utf-8",
    )
    table = Knowledge.load(aliases=user).aliases
    assert table.canonical("国土新城分局") == "市资源规划局新城分局"
    assert table.canonical("规划新城分局") == "市资源规划局新城分局"
    # The user's key may be the canonical form: 区发改委 -> 区发展和改革委员会 -> 区发展和改革局.
    assert table.canonical("区发改委") == "区发展和改革局"
    assert table.canonical("区住建局") == "区住房和城乡建设局"


def test_user_csv_with_header(tmp_path: Path) -> None:
    user = tmp_path / "aliases.csv"
    user.write_text("variant,canonical\n国土新城分局,市资源规划局新城分局\n", encoding="utf-8-sig")
    assert Knowledge.load(aliases=user).aliases.canonical("国土新城分局") == "市资源规划局新城分局"


def test_csv_without_the_header_is_refused(tmp_path: Path) -> None:
    user = tmp_path / "aliases.csv"
    user.write_text("国土新城分局,市资源规划局新城分局\n", encoding="utf-8")
    with pytest.raises(KnowledgeFileError, match=r"aliases\.csv.*variant,canonical"):
        Knowledge.load(aliases=user)


def test_csv_row_without_canonical_is_refused(tmp_path: Path) -> None:
    user = tmp_path / "aliases.csv"
    user.write_text("variant,canonical\n国土新城分局,\n", encoding="utf-8")
    with pytest.raises(KnowledgeFileError, match="line 2"):
        Knowledge.load(aliases=user)


def test_yaml_that_is_not_a_mapping_of_names_is_refused(tmp_path: Path) -> None:
    user = tmp_path / "aliases.yaml"
    user.write_text("国土新城分局: [a, b]\n", encoding="utf-8")
    with pytest.raises(KnowledgeFileError, match="国土新城分局: expected a canonical name"):
        Knowledge.load(aliases=user)


def test_aliases_count_as_known_names() -> None:
    assert BUILTIN.knows("区发改委")
    assert not BUILTIN.knows("某某工作专班")
