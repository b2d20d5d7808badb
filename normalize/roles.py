"""Column roles: what a column of a task table is, and what that role does.

A column's role is chosen for the whole table at once (``normalize.column_roles``);
this module only says what each role *means*, in one table, so that every step that
asks a question about a column (does its blank inherit from above? does a filled cell
prove its own row at a page break? how do its cells become record values?) asks it
here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
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
    PEOPLE = "people"
    """Kept in ``extra`` like ``EXTRA``, a personal name padded to a list's width (李 平)
    as printed."""


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
    """What one role does: every step that asks a question about a column asks it here."""

    field: str | None
    """The record field the role feeds (``None``: ``extra``, or lead and support both)."""
    value: Value
    blank: Blank = Blank.BLANK
    own_row: bool = False
    """Every task fills this cell itself: at a page break, a row that leaves it blank is
    the rest of the row above, not a task of its own (``normalize.page_breaks``)."""
    group_level: int = 0
    """How the column groups tasks: 1 the tasks' own group (the category), 2 the group
    above it (a section column), 0 none. A row whose innermost grouping cells are blank
    or covered continues its group, and a 序号 left blank there continues its merge
    (``normalize.layout.carry_forward``)."""
    task_text: bool = False
    """The task's own sentence: no task goes without it, and one that stops mid-sentence
    at a page's foot goes on at the top of the next (``normalize.page_breaks``)."""
    numbers_tasks: bool = False
    """A printed number here starts a task: at the top of a page it is a new row, unless
    it is the rest of a number the break cut (``normalize.page_breaks``)."""
    merge_crosses_pages: bool = False
    """A merged cell of this column may run over a page break: its blank (or cut) part
    at the top of the next page continues it, and text printed anew there starts a new
    row (``normalize.page_breaks``)."""
    heads_sub_columns: bool = False
    """Its label may stand over sub-columns in a two-row header (责任单位 over 牵头单位 |
    配合单位), so a dump that prints only the sub-labels replaces it (``normalize.header``)."""
    marks_task_list: bool = False
    """Its label, read by its head, tells a task list from any other table (进展情况,
    完成时限, 责任单位, 责任领导): a table found by its content needs one such column
    (``normalize.header.ContentGuess``)."""

    @property
    def names_units(self) -> bool:
        """Whether the column's cells name units (department lists, a page break may cut
        a name or a list in them)."""
        return self.value in (Value.DEPARTMENTS, Value.RESPONSIBILITY)


ROLE_TRAITS: dict[Role, RoleTraits] = {
    # A grouping section, a detail or a problem merged over several rows is cut by a
    # page break like a category (Calc splits a centred one's text, issue 27).
    Role.SECTION: RoleTraits(
        "section", Value.TEXT, Blank.CONTINUES, group_level=2, merge_crosses_pages=True
    ),
    Role.CATEGORY: RoleTraits(
        "category", Value.TEXT, Blank.CONTINUES, group_level=1, merge_crosses_pages=True
    ),
    Role.NO: RoleTraits(
        "no", Value.TEXT, Blank.CONTINUES_WITH_GROUP, own_row=True, numbers_tasks=True
    ),
    Role.MEASURE: RoleTraits("measure", Value.TEXT, task_text=True),
    Role.DETAIL: RoleTraits(None, Value.EXTRA, Blank.CONTINUES, merge_crosses_pages=True),
    # One problem is often merged over the several measures that rectify it.
    Role.PROBLEM: RoleTraits(None, Value.EXTRA, Blank.CONTINUES, merge_crosses_pages=True),
    Role.LEAD: RoleTraits("lead", Value.DEPARTMENTS, own_row=True, marks_task_list=True),
    # Many tasks have no supporting unit: a blank 配合 cell proves nothing.
    Role.SUPPORT: RoleTraits("support", Value.DEPARTMENTS, marks_task_list=True),
    Role.RESPONSIBLE: RoleTraits(
        None, Value.RESPONSIBILITY, own_row=True, heads_sub_columns=True, marks_task_list=True
    ),
    Role.DEADLINE: RoleTraits("deadline", Value.DEADLINE, own_row=True, marks_task_list=True),
    Role.PEOPLE: RoleTraits(None, Value.PEOPLE, marks_task_list=True),
    Role.NOTE: RoleTraits(None, Value.EXTRA),
    Role.TARGET: RoleTraits(None, Value.EXTRA, marks_task_list=True),
    Role.PROGRESS: RoleTraits(None, Value.EXTRA, marks_task_list=True),
    Role.RATE: RoleTraits(None, Value.EXTRA, marks_task_list=True),
    Role.OUTCOME: RoleTraits(None, Value.EXTRA),
    Role.ATTRIBUTE: RoleTraits(None, Value.EXTRA),
    Role.PLACE: RoleTraits(None, Value.EXTRA),
    Role.OTHER: RoleTraits(None, Value.EXTRA),
}
"""Every role's traits; a test checks that every role has an entry."""


def traits(role: Role | None) -> RoleTraits:
    """The traits of a role (a column with no role is kept in ``extra``)."""
    return ROLE_TRAITS[role or Role.OTHER]


def columns_where(roles: Sequence[Role | None], trait: Callable[[RoleTraits], object]) -> list[int]:
    """The positions of the columns whose role has the trait (``lambda t: t.own_row``)."""
    return [col for col, role in enumerate(roles) if trait(traits(role))]


def roles_where(trait: Callable[[RoleTraits], object]) -> tuple[Role, ...]:
    """The roles that have the trait, in the table's order."""
    return tuple(role for role, kind in ROLE_TRAITS.items() if trait(kind))


DEPARTMENT_ROLES = roles_where(lambda kind: kind.names_units)
"""The roles whose cells name units (lead, support, a lone 责任单位)."""

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
