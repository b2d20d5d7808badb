"""A person's edits: validated like any record, derived fields recomputed, replayed."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from qingdan.normalize.knowledge import Knowledge
from qingdan.schema import Record

from qingdan.pipeline import convert
from qingdan.serve.edits import EditError, edit_record, reviewed
from qingdan.serve.storage import Edit
from qingdan.serve.web import chinese_date
from tests.qingdan.serve.conftest import TEXT_2020

KNOWLEDGE = Knowledge.load()


def _record(**fields: object) -> Record:
    base: dict[str, object] = {
        "seq": 1,
        "section": None,
        "category": None,
        "no": "1",
        "measure": "完成某项工作",
        "lead": ["县发改局"],
        "support": [],
        "lead_canonical": ["县发改局"],
        "deadline": "2024年6月底前",
        "due": "2024-06-30",
        "due_kind": "date",
        "page": None,
    }
    return Record.model_validate({**base, **fields})


def test_a_new_deadline_gets_its_due_date_in_the_documents_year() -> None:
    edited = edit_record(_record(), {"deadline": "三季度末"}, 2024, KNOWLEDGE)
    assert (edited.deadline, edited.due, edited.due_kind) == ("三季度末", date(2024, 9, 30), "date")
    ongoing = edit_record(_record(), {"deadline": "长期坚持"}, 2024, KNOWLEDGE)
    assert (ongoing.due, ongoing.due_kind) == (None, "ongoing")


def test_a_given_due_date_is_kept() -> None:
    edited = edit_record(_record(), {"deadline": "年底前", "due": "2024-11-30"}, 2024, KNOWLEDGE)
    assert edited.due == date(2024, 11, 30)


def test_new_units_get_their_canonical_names_from_the_aliases() -> None:
    aliases = KNOWLEDGE.aliases._replace(user={"县住建局": "县住房和城乡建设局"})
    knowledge = KNOWLEDGE._replace(aliases=aliases)
    edited = edit_record(_record(), {"support": ["县住建局", "县财政局"]}, 2024, knowledge)
    assert edited.support_canonical == ["县住房和城乡建设局", "县财政局"]


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"due": "明年"}, "due"),
        ({"lead": [""]}, "lead"),
        ({"measure": None}, "measure"),
        ({"seq": 2}, "不能修改的字段 seq"),
        ({"lead_canonical": ["x"]}, "不能修改"),
    ],
)
def test_an_edit_that_gives_no_valid_record_is_refused(
    changes: dict[str, object], reason: str
) -> None:
    with pytest.raises(EditError, match=reason):
        edit_record(_record(), changes, 2024, KNOWLEDGE)


def test_reviewed_applies_the_audit_in_order_and_leaves_the_original() -> None:
    document = convert(TEXT_2020)
    at = datetime.now(UTC)
    edits = [
        Edit(2, "lead", ["生态环境新城分局"], ["甲局"], at),
        Edit(2, "lead", ["甲局"], ["乙局"], at),
        Edit(99, "lead", [], ["丙局"], at),  # no such record: nothing to apply
    ]
    after = reviewed(document, edits, KNOWLEDGE)
    assert list(after.records[1].lead) == ["乙局"]
    assert list(document.records[1].lead) == ["生态环境新城分局"]
    assert len(after.records) == len(document.records)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("2024-06-30", "2024年6月30日"),
        (date(2019, 12, 31), "2019年12月31日"),
        (datetime(2026, 1, 5, 8, 0), "2026年1月5日"),
        (None, ""),
    ],
)
def test_dates_read_as_a_person_writes_them(value: object, text: str) -> None:
    assert chinese_date(value) == text  # type: ignore[arg-type]


def test_the_column_override_form_names_every_role() -> None:
    from qingdan.normalize.roles import Role

    from qingdan.serve.web import ROLE_LABELS

    assert set(ROLE_LABELS) == {role.value for role in Role}
