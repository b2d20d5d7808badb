"""Column roles: what a column of a task table is, and what that role does.

A column's role is chosen for the whole table at once (``normalize.column_roles``);
this module only says what each role *means*, in one table, so that every step that
asks a question about a column (does its blank inherit from above? does a filled cell
prove its own row at a page break? how do its cells become record values?) asks it
here and nowhere else.
"""

from __future__ import annotations

from enum import Enum, StrEnum
from typing import NamedTuple


class Role(StrEnum):
    """The role of one printed column of a task table."""

    SECTION = "section"
    """A grouping column left of the category (领域, 板块): feeds ``section``."""
    CATEGORY = "category"
    """The grouping column of the tasks (重点工作, 类别 when task text follows)."""
    NO = "no"
    """The printed 序号."""
    MEASURE = "measure"
    """The one task-text column (工作措施, or 工作任务 when it is the only text column)."""
    DETAIL = "detail"
    """A middle text level (类别 | 主要任务 | 细化措施: 主要任务): kept in ``extra``."""
    PROBLEM = "problem"
    """A rectification list's problem text (存在问题): kept in ``extra`` beside the measure."""
    LEAD = "lead"
    """The lead unit (牵头单位)."""
    SUPPORT = "support"
    """Supporting units (配合, 协办, 参与 ...; 责任单位 beside a 牵头 column)."""
    RESPONSIBLE = "responsible"
    """A lone 责任单位 column: lead and support read from the cell's own words."""
    DEADLINE = "deadline"
    """The deadline (完成时限, 时间节点, 整改时限)."""
    PEOPLE = "people"
    """Officials (责任领导, 牵头省领导, 责任人): never departments; kept in ``extra``."""
    NOTE = "note"
    """A remark (备注, 说明): kept in ``extra``."""
    TARGET = "target"
    """How much a task is to reach (目标任务 "各50个", 预期目标, 指标值): kept in ``extra``."""
    PROGRESS = "progress"
    """How far the task has come (进展情况, 1-6月完成情况, 整改进展): kept in ``extra``."""
    RATE = "rate"
    """A share done (完成率 "80%"): kept in ``extra``."""
    OUTCOME = "outcome"
    """What comes of the task (工作成果, 预期效果): kept in ``extra``, never the measure."""
    ATTRIBUTE = "attribute"
    """A property of an indicator (指标属性 "约束性"): kept in ``extra``."""
    PLACE = "place"
    """What the task is about, a place or an object (点位, 检查对象, 项目地点): its cells
    may look like units (a hospital, a school) but are not; kept in ``extra``."""
    OTHER = "other"
    """A column no label and no content places: kept in ``extra`` under its label."""


class Value(Enum):
    """How the cells of a column become record values."""

    TEXT = "text"
    """Wrapped lines joined into one paragraph."""
    DEPARTMENTS = "departments"
    """Split into department names."""
    RESPONSIBILITY = "responsibility"
    """Split into lead and supporting names by the cell's own words."""
    DEADLINE = "deadline"
    """Kept as printed without whitespace, and read into ``due``."""
    EXTRA = "extra"
    """Kept as text in ``extra`` under the printed label."""


class Blank(Enum):
    """What a blank cell of a column means (a covered cell always continues its merge)."""

    BLANK = "blank"
    """Nothing: an empty 配合 cell is no supporting unit, never the row above's."""
    CONTINUES = "continues"
    """The group above goes on: authors often leave a grouping column's cells unmerged."""
    CONTINUES_WITH_GROUP = "continues-with-group"
    """The cell above goes on when the row continues its group (its grouping cells are
    blank or covered too), or when the reader says a blank may be a merge: one 序号
    over several measure rows."""


class RoleTraits(NamedTuple):
    """What one role does."""

    field: str | None
    """The record field the role feeds (``None``: ``extra``, or lead and support both)."""
    value: Value
    blank: Blank = Blank.BLANK
    own_row: bool = False
    """Every task fills this cell itself: at a page break, a row that leaves it blank is
    the rest of the row above, not a task of its own."""
    groups: bool = False
    """The column groups tasks (its text may be cut by a page break and continue)."""


ROLE_TRAITS: dict[Role, RoleTraits] = {
    Role.SECTION: RoleTraits("section", Value.TEXT, Blank.CONTINUES, groups=True),
    Role.CATEGORY: RoleTraits("category", Value.TEXT, Blank.CONTINUES, groups=True),
    Role.NO: RoleTraits("no", Value.TEXT, Blank.CONTINUES_WITH_GROUP, own_row=True),
    Role.MEASURE: RoleTraits("measure", Value.TEXT),
    Role.DETAIL: RoleTraits(None, Value.EXTRA, Blank.CONTINUES, groups=True),
    # One problem is often merged over the several measures that rectify it.
    Role.PROBLEM: RoleTraits(None, Value.EXTRA, Blank.CONTINUES, groups=True),
    Role.LEAD: RoleTraits("lead", Value.DEPARTMENTS, own_row=True),
    # Many tasks have no supporting unit: a blank 配合 cell proves nothing.
    Role.SUPPORT: RoleTraits("support", Value.DEPARTMENTS),
    Role.RESPONSIBLE: RoleTraits(None, Value.RESPONSIBILITY, own_row=True),
    Role.DEADLINE: RoleTraits("deadline", Value.DEADLINE, own_row=True),
    Role.PEOPLE: RoleTraits(None, Value.EXTRA),
    Role.NOTE: RoleTraits(None, Value.EXTRA),
    Role.TARGET: RoleTraits(None, Value.EXTRA),
    Role.PROGRESS: RoleTraits(None, Value.EXTRA),
    Role.RATE: RoleTraits(None, Value.EXTRA),
    Role.OUTCOME: RoleTraits(None, Value.EXTRA),
    Role.ATTRIBUTE: RoleTraits(None, Value.EXTRA),
    Role.PLACE: RoleTraits(None, Value.EXTRA),
    Role.OTHER: RoleTraits(None, Value.EXTRA),
}
"""Every role's traits; a test checks that every role has an entry."""


def traits(role: Role | None) -> RoleTraits:
    """The traits of a role (a column with no role is kept in ``extra``)."""
    return ROLE_TRAITS[role or Role.OTHER]


def columns_with(roles: list[Role | None], *wanted: Role) -> list[int]:
    """The positions of the columns that have one of the wanted roles."""
    return [col for col, role in enumerate(roles) if role in wanted]


DEPARTMENT_ROLES = (Role.LEAD, Role.SUPPORT, Role.RESPONSIBLE)
TEXT_ROLES = (Role.SECTION, Role.CATEGORY, Role.DETAIL, Role.MEASURE, Role.PROBLEM)
LABELLED_EXTRA_ROLES = (
    Role.PEOPLE,
    Role.NOTE,
    Role.TARGET,
    Role.PROGRESS,
    Role.RATE,
    Role.OUTCOME,
    Role.ATTRIBUTE,
    Role.PLACE,
)
"""Columns that are not tasks and not units, kept in ``extra`` under their label: a
known label gives its column one of these roles whatever its cells hold."""
