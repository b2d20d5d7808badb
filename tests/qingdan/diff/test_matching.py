"""The one-to-one matching: optimal over the whole list, never below the threshold."""

from __future__ import annotations

from qingdan.diff.matching import Candidate, Pair, match, similarity_matrix


def _candidates(*measures: str, category: str = "") -> list[Candidate]:
    return [Candidate(measure=m, category=category) for m in measures]


def test_the_best_total_wins_over_the_greedy_first_choice() -> None:
    # old 0 is closest to new 0 (0.89), but taking that pair leaves old 1 with new 1 (0.50,
    # below 0.6); pairing old 0 with new 1 (0.75) and old 1 with new 0 (0.67) matches both.
    old = _candidates("完善土壤环境监测", "加强土壤环境监测")
    new = _candidates("完善土壤环境监测网络", "完善土壤监测网络")
    assert {(p.old, p.new) for p in match(old, new, threshold=0.6)} == {(0, 1), (1, 0)}


def test_a_pair_below_the_threshold_is_no_match() -> None:
    old = _candidates("推进“垃圾围堰”整治工作。")
    new = _candidates("建立污染地块联动监管机制。")
    assert match(old, new, threshold=0.5) == []


def test_similarity_is_reported_between_zero_and_one() -> None:
    pairs = match(_candidates("加强固体废物监管"), _candidates("加强固体废物监管"), threshold=0.5)
    assert pairs == [Pair(old=0, new=0, similarity=1.0)]


def test_category_breaks_a_tie_between_equal_measures() -> None:
    old = [
        Candidate("开展专项整治", "建设用地准入管理"),
        Candidate("开展专项整治", "土壤污染源头管控"),
    ]
    new = [
        Candidate("开展专项整治", "土壤污染源头管控"),
        Candidate("开展专项整治", "建设用地准入管理"),
    ]
    assert {(p.old, p.new) for p in match(old, new, threshold=0.5)} == {(0, 1), (1, 0)}


def test_empty_lists_match_nothing() -> None:
    assert match([], _candidates("a"), threshold=0.5) == []
    assert similarity_matrix(["a"], []).shape == (1, 0)


def test_measures_equal_but_for_punctuation_pair_before_the_rest() -> None:
    # 开展专项整治，加强监管 and 开展专项整治加强监管。 are near-exact twins; the
    # third measure would score 0.9 with either, but the near-exact pair comes first.
    old = _candidates("开展专项整治，加强监管", "开展专项整治加强监督")
    new = _candidates("开展专项整治加强监管。")
    assert [(p.old, p.new) for p in match(old, new, threshold=0.5)] == [(0, 0)]


def test_a_big_diff_scores_only_pairs_that_share_a_rare_trigram() -> None:
    # Forced onto the blocked path: the reworded measure shares 固体废物 with its old
    # form and is found; 完全不同的措施 shares nothing with anything and stays alone.
    old = _candidates("加强固体废物监管执法", "完全不同的措施")
    new = _candidates("严格固体废物监管执法", "另一项工作内容")
    pairs = match(old, new, threshold=0.5, exhaustive_pairs=0)
    assert [(p.old, p.new) for p in pairs] == [(0, 0)]
