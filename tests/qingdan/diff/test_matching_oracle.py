"""The sparse matcher against the dense one it replaced (issue 29), on random small lists.

The dense matcher (``dense_oracle``) scores every pair and solves one assignment. The
sparse one pairs identical measures first, scores only candidate pairs and solves each
connected component alone. Where neither the exact pairs nor the blocking can change
the answer (docs/diff.md), both must reach the same optimal total.
"""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qingdan.diff.candidates import grams
from qingdan.diff.matching import TIE_BREAK, Candidate, Pair, match, similarity_matrix
from tests.qingdan.diff.dense_oracle import dense_match

WORDS = ["加强", "土壤", "监测", "完善", "网络", "推进", "整治", "垃圾", "建立", "机制"]
CATEGORIES = ["", "土壤污染防治", "固体废物", "水环境"]


def _measures(max_words: int) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(WORDS), min_size=1, max_size=max_words).map("".join)


def _candidates(max_words: int) -> st.SearchStrategy[list[Candidate]]:
    one = st.builds(Candidate, _measures(max_words), st.sampled_from(CATEGORIES))
    return st.lists(one, max_size=9)


def _total(old: list[Candidate], new: list[Candidate], pairs: list[Pair]) -> float:
    measure = similarity_matrix(
        [old[p.old].measure for p in pairs], [new[p.new].measure for p in pairs]
    )
    category = similarity_matrix(
        [old[p.old].category for p in pairs], [new[p.new].category for p in pairs]
    )
    return float(np.trace(measure) + TIE_BREAK * np.trace(category)) if pairs else 0.0


def _one_to_one(pairs: list[Pair], threshold: float) -> None:
    assert len({p.old for p in pairs}) == len(pairs) == len({p.new for p in pairs})
    assert all(p.similarity >= threshold - 5e-5 for p in pairs)


def _no_shared_measures(old: list[Candidate], new: list[Candidate]) -> list[Candidate]:
    """``new`` without the measures ``old`` also has (exact pairs are the new matcher's
    own rule, docs/diff.md)."""
    seen = {c.measure for c in old}
    return [c for c in new if c.measure not in seen]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_candidates(6), _candidates(6), st.sampled_from([0.4, 0.5, 0.6]), st.booleans())
def test_sparse_components_reach_the_dense_optimum(
    old: list[Candidate], new: list[Candidate], threshold: float, sparse_solver: bool
) -> None:
    # Every pair scored (a small diff); each component solved by LSA or by LAPJVsp.
    new = _no_shared_measures(old, new)
    found = match(old, new, threshold, dense_component=0 if sparse_solver else 250_000)
    expected = dense_match(old, new, threshold)
    _one_to_one(found, threshold)
    assert abs(_total(old, new, found) - _total(old, new, expected)) < 1e-9
    if len({round(p.similarity, 4) for p in expected}) == len(expected):
        assert {p.similarity for p in found} == {p.similarity for p in expected}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_candidates(4), _candidates(4), st.sampled_from([0.4, 0.5, 0.6]))
def test_blocking_finds_every_pair_that_shares_a_trigram(
    old: list[Candidate], new: list[Candidate], threshold: float
) -> None:
    # Measures of at most 8 characters keep all their trigrams as blocking keys, and a
    # list of 9 has no trigram in more than MAX_DF measures: a pair is lost only when it
    # shares neither a trigram nor a category. The oracle is told the same.
    new = _no_shared_measures(old, new)
    found = match(old, new, threshold, exhaustive_pairs=0)
    oracle_total = _blocked_optimum(old, new, threshold)
    _one_to_one(found, threshold)
    assert abs(_total(old, new, found) - oracle_total) < 1e-9


def _shares_a_block(a: Candidate, b: Candidate) -> bool:
    return bool(grams(a.measure) & grams(b.measure)) or bool(
        a.category and a.category == b.category
    )


def _blocked_optimum(old: list[Candidate], new: list[Candidate], threshold: float) -> float:
    """The dense optimum when pairs sharing no trigram and no category weigh nothing."""
    from scipy.optimize import linear_sum_assignment

    if not old or not new:
        return 0.0
    measure = similarity_matrix([c.measure for c in old], [c.measure for c in new])
    category = similarity_matrix([c.category for c in old], [c.category for c in new])
    shares = np.array([[_shares_a_block(a, b) for b in new] for a in old])
    weights = np.where((measure >= threshold) & shares, measure + TIE_BREAK * category, 0.0)
    rows, columns = linear_sum_assignment(weights, maximize=True)
    return float(weights[rows, columns].sum())


def test_an_identical_measure_keeps_its_twin_where_the_dense_total_would_not() -> None:
    # The dense optimum pairs 甲乙丙丁 with 甲乙丙丁子丑寅卯辰 (0.62) and 甲乙丙丁午未申酉戌
    # with 甲乙丙丁 (0.62): 1.23 in all, more than the identical pair's 1.0 plus nothing
    # (the two long measures score 0.44). The exact pair comes first (docs/diff.md).
    old = [Candidate("甲乙丙丁", ""), Candidate("甲乙丙丁午未申酉戌", "")]
    new = [Candidate("甲乙丙丁", ""), Candidate("甲乙丙丁子丑寅卯辰", "")]
    assert {(p.old, p.new) for p in dense_match(old, new, 0.5)} == {(0, 1), (1, 0)}
    assert [(p.old, p.new, p.similarity) for p in match(old, new, 0.5)] == [(0, 0, 1.0)]
