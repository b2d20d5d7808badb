"""Repairing and judging a PDF page's text layer, on hand-written strings."""

from __future__ import annotations

from qingdan.extract.pdf.text import _REPAIRABLE, measure_damage, radical_table, repair_text


def test_kangxi_radicals_become_ideographs() -> None:
    assert repair_text("重点⼯作") == "重点工作"
    assert repair_text("⼟壤") == "土壤"


def test_radicals_supplement_uses_the_data_table() -> None:
    assert repair_text("区河湖⻓办") == "区河湖长办"
    assert repair_text("⻔户") == "门户"


def test_compatibility_ideographs_become_unified_ones() -> None:
    assert repair_text("\uf900") == "\u8c48"  # 豈 (compatibility) -> 豈


def test_full_width_punctuation_and_ordinary_text_are_kept_as_written() -> None:
    text = "加强监管，（一）“垃圾围堰”：２０１９年；PM2.5"
    assert repair_text(text) == text


def test_cid_placeholders_and_private_use_characters_are_counted() -> None:
    damage = measure_damage(["土", "(cid:12)", "\ue001", " ", "壤", "(cid:7)"])
    assert (damage.characters, damage.cid_placeholders, damage.private_use) == (5, 2, 1)
    assert damage.unreadable


def test_only_a_whole_placeholder_glyph_counts_as_one() -> None:
    """``(cid:`` spelled across glyphs, or a glyph only starting like one, is text."""
    damage = measure_damage(["(", "cid:", "3)", "(cid:x)", "土"])
    assert (damage.characters, damage.cid_placeholders) == (15, 0)
    damage = measure_damage(["(cid:", "(cid:9)"])
    assert (damage.characters, damage.cid_placeholders) == (6, 1)


def test_a_page_with_a_little_garbage_is_readable() -> None:
    damage = measure_damage(["土", "壤", "污", "染", "\ue001"])
    assert damage.garbage == 1
    assert not damage.unreadable


def test_an_empty_page_is_not_unreadable() -> None:
    assert not measure_damage([]).unreadable


def test_every_character_the_table_replaces_is_looked_for() -> None:
    # repair_text skips text with no character of _REPAIRABLE: the table must hold no other.
    outside = [hex(code) for code in radical_table() if not _REPAIRABLE.fullmatch(chr(code))]
    assert outside == []
