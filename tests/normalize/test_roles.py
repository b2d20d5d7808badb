"""Every role is defined once, with its traits, and the output contract names the same roles."""

from __future__ import annotations

from qingdan.normalize.columns import LABEL_ROLES
from qingdan.normalize.knowledge import Knowledge
from qingdan.normalize.roles import ROLE_TRAITS, Role, Value, traits
from qingdan.schema import Column
from qingdan.schema.models import Record


def test_every_role_has_traits() -> None:
    assert set(ROLE_TRAITS) == set(Role)


def test_a_role_that_feeds_a_field_names_a_record_field() -> None:
    fields = set(Record.model_fields)
    for role, kind in ROLE_TRAITS.items():
        assert kind.field is None or kind.field in fields, role
        assert (kind.field is None) == (
            kind.value in (Value.EXTRA, Value.PEOPLE, Value.RESPONSIBILITY)
        ), role


def test_the_contract_column_role_is_the_role_enum() -> None:
    assert Column.model_fields["role"].annotation is Role


def test_every_label_role_has_labels_in_the_builtin_vocabulary() -> None:
    used = set(Knowledge.load().columns.by_label.values())
    assert used == set(LABEL_ROLES)


def test_a_column_without_a_role_is_kept_in_extra() -> None:
    assert traits(None).value is Value.EXTRA
