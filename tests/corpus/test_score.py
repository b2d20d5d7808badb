"""corpus.score, classify, ratchet and report: comparison, classes, the ratchet's rules."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from corpus.__main__ import main
from corpus.classify import classify
from corpus.ratchet import differences, read_known, write_known
from corpus.report import summarize, text_report
from corpus.score import compare, score_directory

RECORD: dict[str, Any] = {
    "section": "一、强化源头治理",
    "category": "工业源治理",
    "no": "1",
    "measure": "完善燃煤锅炉排查整治，PM2.5年均浓度下降5%。",
    "lead": ["县生态环境局"],
    "support": ["县住建局", "县财政局"],
    "deadline": "6月底前",
    "due": "2019-06-30",
    "due_kind": "date",
    "extra": {},
}
TRUTH: dict[str, Any] = {
    "name": "0001-0001",
    "document": {
        "title": "安平县2019年大气污染防治工作任务清单",
        "attachment": "附件1",
        "year": 2019,
    },
    "records": [RECORD, {**RECORD, "no": "2", "measure": "加强餐饮油烟专项检查。"}],
    "features": ["layout:task-list"],
}


def _output(records: list[dict[str, Any]]) -> dict[str, Any]:
    return {"document": dict(TRUTH["document"]), "records": copy.deepcopy(records)}


def test_the_truth_itself_scores_every_record_exact() -> None:
    score = compare(TRUTH, "txt", _output(TRUTH["records"]))
    assert (score.exact, score.records, score.failures) == (2, 2, [])


def test_a_space_inserted_into_chinese_text_is_a_failure() -> None:
    got = _output(TRUTH["records"])
    got["records"][0]["measure"] = "完善燃煤锅炉排查整治，PM2.5年均浓度下降 5%。"
    score = compare(TRUTH, "docx-merged", got)
    assert score.exact == 1
    [failure] = score.failures
    assert (failure.seq, failure.field, failure.cause) == (1, "measure", "text changed")


def test_a_missing_record_is_aligned_by_measure_and_counted() -> None:
    got = _output(TRUTH["records"][1:])
    score = compare(TRUTH, "txt", got)
    assert score.exact == 1
    assert [(f.seq, f.field) for f in score.failures] == [(1, "record")]


def test_a_conversion_error_fails_every_record() -> None:
    score = compare(TRUTH, "pdf-merged", {"error": "NoTableFound: x.pdf: no table"})
    assert score.exact == 0 and score.records == 2
    assert score.failures[0].cause == "conversion error"


@pytest.mark.parametrize(
    ("field", "got", "cause"),
    [
        ("lead", ["县住建局"], "lead/support"),
        ("support", ["县住建局县财政局"], "department join/split"),
        ("due", "2019-12-31", "deadline→due"),
        ("section", None, "section"),
        ("category", "工业源治理完善燃煤锅炉排查整治", "column role"),
        ("deadline", None, "column role"),
    ],
)
def test_failures_are_classed_by_what_went_wrong(field: str, got: Any, cause: str) -> None:
    read = {**RECORD, field: got}
    if field == "lead":
        read["support"] = ["县生态环境局", "县财政局"]
    assert classify(field, RECORD[field], got, RECORD, read, [], "txt") == cause


def test_the_ratchet_reports_new_and_fixed_failures(tmp_path: Path) -> None:
    got = _output(TRUTH["records"])
    got["records"][0]["lead"] = []
    failures = compare(TRUTH, "txt", got).failures
    known = tmp_path / "known.json"
    assert write_known(known, failures) == 1
    assert read_known(known) == {("0001-0001", "txt", 1, "lead")}
    assert differences(read_known(known), failures) == ([], [])
    new, fixed = differences(read_known(known), [])
    assert (new, fixed) == ([], [("0001-0001", "txt", 1, "lead")])
    more = compare(TRUTH, "txt", _output(TRUTH["records"][:1])).failures
    assert [f.key() for f in differences(read_known(known), more)[0]] == [
        ("0001-0001", "txt", 2, "record")
    ]


def test_the_report_ends_with_the_fidelity_line() -> None:
    got = _output(TRUTH["records"])
    got["records"][1]["deadline"] = "6月底"
    summary = summarize([compare(TRUTH, "txt", got), compare(TRUTH, "pdf-merged", got)])
    lines = text_report(summary)
    assert lines[-1] == "fidelity: 2/4 records exact (50.0%)"
    assert summary.by_format == {"pdf": (1, 2), "txt": (1, 2)}


def test_generated_text_dumps_score_end_to_end(tmp_path: Path) -> None:
    from corpus.generate import generate_corpus

    generate_corpus(2, 3, tmp_path, jobs=1, only=["txt"])
    scores = score_directory(tmp_path, jobs=1)
    assert [s.rendering for s in scores] == ["txt", "txt"]
    assert all(s.records >= 5 for s in scores)


def test_score_of_a_missing_folder_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["score", str(tmp_path / "nowhere")]) == 2
    assert capsys.readouterr().err.startswith("corpus: error: ")


def test_unknown_rendering_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["generate", "--n", "1", "--out", str(tmp_path), "--only", "html"]) == 2
    assert "unknown renderings ['html']" in capsys.readouterr().err


def test_characters_lost_inside_a_name_are_text_changed_not_a_split() -> None:
    truth = {**RECORD, "lead": ["各县（市、区）人民政府"]}
    read = {**RECORD, "lead": ["各县人民政府"]}
    assert classify("lead", truth["lead"], read["lead"], truth, read, [], "txt") == "text changed"


def test_an_inline_note_left_in_the_measure_is_a_lead_support_failure() -> None:
    kept = RECORD["measure"] + "（县生态环境局牵头，县住建局配合）"
    read = {**RECORD, "measure": kept}
    features = ["resp:inline"]
    cause = classify("measure", RECORD["measure"], kept, RECORD, read, features, "pdf-merged")
    assert cause == "lead/support"
    assert classify("measure", RECORD["measure"], kept[:12], RECORD, read, [], "pdf-merged") == (
        "page break"
    )


@pytest.mark.parametrize("command", ["generate", "score", "fidelity", "baseline"])
def test_every_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    assert "usage: python -m corpus " + command in capsys.readouterr().out
