"""Choosing every column's role at once, from the labels' hints and the columns' contents.

One label read the way our own samples use it is how whole documents came out wrong
(issue 12): 工作任务 is the category above a 工作措施 column and the measure when it
is the only text column; 责任单位 is support beside a 牵头单位 column. So roles are
chosen for the whole header, under the constraints a careful reader applies:

1. A label from the user's ``--columns`` file decides its column.
2. 序号, deadline and the columns that are neither tasks nor units (officials,
   remarks, progress, rates, outcomes, attributes, places: ``LABELLED_EXTRA_ROLES``)
   are known by their labels. A column whose cells are quantities, rates or indicator
   attributes is a target, a rate or an attribute whatever its label says (目标任务
   "各50个" is no category); an unknown label whose cells are places, numbers alone,
   deadlines, department names or officials takes that role from its content. Each
   content decision is said in a ``column-roles`` warning.
3. Text columns: exactly one is the measure (the most sentence-like, a measure label
   preferred; a rectification list's problem text only when nothing else is task
   text; a target label whose cells are sentences only when nothing else is; a
   problem column right of the measure reports problems met, as progress does). A
   short column reads as text when it groups rows and task text stands right of it
   (名称 "就业" over several tasks). Of the text columns left of it in rank, one is the
   category; when a
   section label (领域, 板块) stands beside another grouping column it is the section;
   any further level is a ``detail`` kept in ``extra``.
4. Units: a 牵头 column leads and 配合/协办/参与 columns support; a 责任单位 column
   supports beside a 牵头 column, leads beside supporting columns only, and alone is
   read from its words, as is a 牵头 column that is the table's only unit column.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from qingdan.extract.grid import Cell
from qingdan.normalize.column_evidence import (
    CellKinds,
    ColumnEvidence,
    column_cells,
    measure_column,
    measure_kinds,
)
from qingdan.normalize.columns import ColumnSynonyms
from qingdan.normalize.roles import DEPARTMENT_ROLES, LABELLED_EXTRA_ROLES, Role

if TYPE_CHECKING:  # the knowledge imports the steps it feeds
    from qingdan.normalize.knowledge import Knowledge

# Rows looked at for evidence: enough to judge a column, cheap on a 10,000-row list.
_EVIDENCE_ROWS = 400
# A text column that continues the cell above in this share of its rows groups them.
_GROUPS = 0.2
# Content thresholds for a column whose label says nothing.
_CONTENT_SHARE = 0.6
_TEXT_LENGTH = 4.0
# Deadline cells are short ("2019年9月底前完成，长期坚持" is long for one).
_DEADLINE_LENGTH = 16.0
# A text column with an unknown label fills (or merges down into) nearly every row:
# a sparse column of short notes is a remark, not a grouping level.
_TEXT_COVERAGE = 0.8
# A short column groups rows when it opens at least this many groups.
_MIN_GROUPS = 2
# A department column whose cells mostly are not department names is a doubt.
_DEPARTMENT_DOUBT = 0.5
_MIN_CELLS_FOR_DOUBT = 3
# Two text columns this close in score leave the measure in doubt.
_CLOSE = 0.15

# Labels a column's cells may overrule: text and target labels say little about what a
# column of quantities is (目标任务 "各50个" is a target, not the category).
_OVERRULED_BY_KIND = (None, Role.CATEGORY, Role.MEASURE, Role.SECTION, Role.TARGET)
# Labels whose column is the measure when no other column holds task text (预期目标
# "地区生产总值增长5.5%左右" in a table of targets).
_MEASURE_AT_NEED = (Role.TARGET, Role.OUTCOME)

_LABEL_BONUS = {Role.MEASURE: 1.6, Role.CATEGORY: 1.0, Role.SECTION: 0.4, Role.PROBLEM: 0.8}
# A measure label outranks a grouping label unless the grouping column's text is far
# more sentence-like (a measure column may be empty in a short list).
_MEASURE_LABEL_HEAD_START = 10.0


class ColumnChoice(NamedTuple):
    """The role chosen for one printed column, and why."""

    label: str
    role: Role
    hint: Role | None
    """The role the label suggests (``None``: a label the vocabulary does not know)."""
    evidence: ColumnEvidence
    by: str
    """What decided: ``label``, ``content``, ``user`` (the --columns file) or ``rule``."""
    kinds: CellKinds = CellKinds()
    """What else the cells hold (quantities, rates, attributes, places)."""


class ColumnRoles(NamedTuple):
    """The roles of a table's columns and the doubts the choice left."""

    choices: list[ColumnChoice]
    doubts: list[str]

    @property
    def roles(self) -> list[Role]:
        """The role of each column, in printed order."""
        return [choice.role for choice in self.choices]


def choose_roles(
    labels: list[str],
    hints: list[Role | None],
    rows: Sequence[Sequence[Cell]],
    knowledge: Knowledge,
    year: int | None,
) -> ColumnRoles:
    """The role of every column of a table, from its header and its body rows."""
    sample = rows[:_EVIDENCE_ROWS]
    cells = [column_cells(sample, col) for col in range(len(labels))]
    evidence = [measure_column(column, knowledge, year) for column in cells]
    kinds = [measure_kinds(column, knowledge.cells) for column in cells]
    chooser = _Chooser(labels, hints, evidence, knowledge.columns, kinds)
    return chooser.choose()


class _Chooser:
    """The assignment of one table, step by step (module docstring, rules 1-4)."""

    def __init__(
        self,
        labels: list[str],
        hints: list[Role | None],
        evidence: list[ColumnEvidence],
        synonyms: ColumnSynonyms,
        kinds: list[CellKinds] | None = None,
    ) -> None:
        self.labels = labels
        self.hints = hints
        self.evidence = evidence
        self.kinds = kinds or [CellKinds()] * len(labels)
        self.roles: list[Role | None] = [None] * len(labels)
        self.by = ["rule"] * len(labels)
        self.doubts: list[str] = []
        for col, label in enumerate(labels):
            if hints[col] is not None and synonyms.is_forced(label):
                self._set(col, hints[col], "user")

    def _set(self, col: int, role: Role | None, by: str) -> None:
        self.roles[col] = role
        self.by[col] = by

    def _open(self) -> list[int]:
        return [col for col, role in enumerate(self.roles) if role is None]

    def choose(self) -> ColumnRoles:
        self._by_label(Role.NO, Role.DEADLINE, *LABELLED_EXTRA_ROLES)
        self._by_kind()
        self._by_label(*DEPARTMENT_ROLES)
        self._by_content()
        self._text_columns()
        self._unit_columns()
        for col in self._open():
            self._set(col, Role.OTHER, "rule")
        self._check_departments()
        choices = [
            ColumnChoice(label, role or Role.OTHER, hint, evidence, by, kinds)
            for label, role, hint, evidence, by, kinds in zip(
                self.labels, self.roles, self.hints, self.evidence, self.by, self.kinds, strict=True
            )
        ]
        return ColumnRoles(choices, self.doubts)

    def _by_label(self, *wanted: Role) -> None:
        for col in self._open():
            if self.hints[col] in wanted:
                self._set(col, self.hints[col], "label")

    def _by_kind(self) -> None:
        """Quantities, rates, attributes and places are no task text (rule 2)."""
        for col, role in enumerate(self.roles):
            hint = self.hints[col]
            if (role is not None and self.by[col] != "label") or not self._overruled(col):
                continue
            kind = self._kind(col)
            if kind is None or kind is role:
                continue
            self._set(col, kind, "content")
            said = "an unknown label" if hint is None else f"the label of a {hint.value} column"
            self.doubts.append(
                f"column {self._name(col)} has {said} but its cells read as "
                f"{kind.value}: kept in extra"
            )

    def _overruled(self, col: int) -> bool:
        """Whether a column's cells may overrule its label: a text or target label, or a
        unit label over cells that are not unit names (an indicator table's 单位)."""
        hint = self.hints[col]
        if hint in _OVERRULED_BY_KIND:
            return True
        return hint in DEPARTMENT_ROLES and self.evidence[col].departments < _DEPARTMENT_DOUBT

    def _kind(self, col: int) -> Role | None:
        kinds = self.kinds[col]
        found = self.evidence[col]
        # Numbers alone at the left number the rows (a 序号, a list's own 编号) before
        # they are quantities (1.2 is both).
        numbering = found.ordinals >= _CONTENT_SHARE and col <= 1
        if found.filled == 0 or numbering:
            return None
        if kinds.rates >= _CONTENT_SHARE:
            return Role.RATE
        if kinds.quantities >= _CONTENT_SHARE:
            return Role.TARGET
        if kinds.attributes >= _CONTENT_SHARE or kinds.measure_units >= _CONTENT_SHARE:
            return Role.ATTRIBUTE
        if kinds.places >= _CONTENT_SHARE and self.hints[col] is None:
            return Role.PLACE
        if kinds.documents >= _CONTENT_SHARE and self.hints[col] is None:
            return Role.NOTE  # 任务来源 "某政〔2022〕9号文件": where the task comes from
        return None

    def _by_content(self) -> None:
        """Unknown labels: numbers alone, deadlines and department names (rule 2)."""
        for col in self._open():
            if self.hints[col] is not None:
                continue
            found = self.evidence[col]
            if not found.filled:
                continue
            role: Role | None = None
            numbered = Role.NO in self.roles  # a second column of numbers is no 序号
            if (
                found.ordinals >= _CONTENT_SHARE
                and found.mean_length <= 4
                and col <= 1
                and not numbered
            ):
                role = Role.NO
            elif found.deadlines >= _CONTENT_SHARE and found.mean_length <= _DEADLINE_LENGTH:
                role = Role.DEADLINE
            elif found.departments >= _CONTENT_SHARE:
                role = Role.RESPONSIBLE  # lead or support: settled with the other units
            elif found.people >= _CONTENT_SHARE:
                role = Role.PEOPLE
            if role is not None:
                self._set(col, role, "content")
                self.doubts.append(
                    f"column {self._name(col)} has an unknown label; "
                    f"read as {role.value} from its content"
                )

    def _text_columns(self) -> None:
        """One measure, then the grouping levels (rule 3)."""
        candidates = [
            col
            for col in self._open()
            if self.hints[col] in (Role.SECTION, Role.CATEGORY, Role.MEASURE, Role.PROBLEM)
            or (self.hints[col] is None and self._reads_as_text(col))
        ]
        has_measure = Role.MEASURE in self.roles  # the user's file named it
        if not candidates and not has_measure:
            candidates = self._measure_at_need()
        if not candidates:
            if not has_measure:  # issue 32: the user's measure is task text
                self.doubts.append("no column holds task text: every measure is empty")
            return
        problems = [col for col in candidates if self.hints[col] is Role.PROBLEM]
        tasks = [col for col in candidates if col not in problems]
        if not has_measure and not any(self._holds_task_text(col) for col in tasks):
            # A list of problems only (beside short grouping columns such as 问题类别
            # at most): the problem is the task.
            tasks = [*tasks, *problems[:1]]
        for col in problems:
            if col not in tasks:
                self._set(col, Role.PROBLEM, "label")
        if not has_measure:
            tasks = self._choose_measure(tasks)
        self._problems_met()
        self._grouping_levels(sorted(tasks, key=self._level_rank))

    def _problems_met(self) -> None:
        """A problem column right of the measure reports problems met doing the task (推进
        情况 | 存在问题 in a progress report), as progress does: a rectification list
        prints the problem before the measure that rectifies it. Its blank is blank."""
        if Role.MEASURE not in self.roles:
            return
        measure = self.roles.index(Role.MEASURE)
        for col, role in enumerate(self.roles):
            if role is Role.PROBLEM and col > measure and self.by[col] != "user":
                self._set(col, Role.PROGRESS, "rule")

    def _measure_at_need(self) -> list[int]:
        """The target column that is the measure when no other column holds task text:
        the most text-like one whose label named it and whose cells read as sentences."""
        texts = [
            col
            for col, role in enumerate(self.roles)
            if role in _MEASURE_AT_NEED
            and self.by[col] == "label"
            and self.evidence[col].filled
            and self._reads_as_text(col)
        ]
        if not texts:
            return []
        best = max(texts, key=lambda col: self.evidence[col].text_score)
        self._set(best, None, "rule")  # the one task-text column: nothing to doubt
        return [best]

    def _choose_measure(self, tasks: list[int]) -> list[int]:
        """Make the most sentence-like text column the measure; the others are left."""
        scored = sorted(tasks, key=self._measure_score, reverse=True)
        measure = scored[0]
        self._set(measure, Role.MEASURE, self._decided_by(measure))
        runner_up = scored[1] if len(scored) > 1 else None
        if runner_up is not None and self._measure_score(runner_up) >= (1 - _CLOSE) * (
            self._measure_score(measure)
        ):
            self.doubts.append(
                f"columns {self._name(measure)} and {self._name(runner_up)} read alike; "
                f"{self._name(measure)} taken as the measure"
            )
        return [col for col in tasks if col != measure]

    def _grouping_levels(self, levels: list[int]) -> None:
        """Category, section and detail among the text columns left over."""
        if not levels:
            return
        has_category = Role.CATEGORY in self.roles  # the user's file named it
        sections = [col for col in levels if self.hints[col] is Role.SECTION]
        beside = len(levels) > 1 or has_category
        section = sections[0] if sections and beside and Role.SECTION not in self.roles else None
        rest = [col for col in levels if col != section]
        if section is not None:
            self._set(section, Role.SECTION, "label")
        if not has_category and rest:
            category, *rest = rest
            self._set(category, Role.CATEGORY, self._decided_by(category))
        for col in rest:
            self._set(col, Role.DETAIL, "rule")

    def _unit_columns(self) -> None:
        """牵头 leads, 配合 supports, 责任单位 depends on its neighbours (rule 4)."""
        self._one_kind_of_lead()
        leads = [col for col, role in enumerate(self.roles) if role is Role.LEAD]
        supports = [col for col, role in enumerate(self.roles) if role is Role.SUPPORT]
        responsible = [
            col
            for col, role in enumerate(self.roles)
            if role is Role.RESPONSIBLE and self.by[col] != "user"
        ]
        if not responsible:
            if len(leads) == 1 and not supports and self.by[leads[0]] != "user":
                # The one unit column: its cells may name roles in words ("X牵头，Y配合").
                self._set(leads[0], Role.RESPONSIBLE, self.by[leads[0]])
            return
        if leads:
            for col in responsible:
                self._set(col, Role.SUPPORT, self.by[col])
        elif supports:
            first, *others = responsible
            self._set(first, Role.LEAD, self.by[first])
            for col in others:
                self._set(col, Role.SUPPORT, self.by[col])
        else:
            for col in responsible[1:]:
                self._set(col, Role.SUPPORT, self.by[col])

    def _one_kind_of_lead(self) -> None:
        """Two lead-labelled columns: a 牵头 column leads, the other (主责单位, 主要责任单位)
        names the other responsible units, as a 责任单位 column beside it does."""
        leads = [
            col
            for col, role in enumerate(self.roles)
            if role is Role.LEAD and self.by[col] != "user"
        ]
        if len(leads) < 2:
            return
        first = next((col for col in leads if "牵头" in self.labels[col]), leads[0])
        for col in leads:
            if col != first:
                self._set(col, Role.RESPONSIBLE, self.by[col])

    def _check_departments(self) -> None:
        for col, role in enumerate(self.roles):
            found = self.evidence[col]
            if (
                role in DEPARTMENT_ROLES
                and found.filled >= _MIN_CELLS_FOR_DOUBT
                and found.departments < _DEPARTMENT_DOUBT
            ):
                self.doubts.append(
                    f"column {self._name(col)} is read as {role.value} but only "
                    f"{found.departments:.0%} of its cells read as department names"
                )

    def _reads_as_text(self, col: int) -> bool:
        """Whether a column reads as text: long or sentence-like cells, or a short column
        that groups rows with task text right of it (名称 "就业" over its tasks)."""
        found = self.evidence[col]
        if found.filled == 0:
            return False
        long_text = found.mean_length >= _TEXT_LENGTH or found.sentences >= _CONTENT_SHARE
        if long_text and found.coverage >= _TEXT_COVERAGE:
            return True
        # A group's cell is printed once over its rows (blank below it in a dump).
        return (
            found.grouping >= _GROUPS
            and self.kinds[col].starts_filled
            and found.filled >= _MIN_GROUPS
            and self._text_right_of(col)
        )

    def _holds_task_text(self, col: int) -> bool:
        """Whether a text column can be the task beside a problem column: a measure
        label, or cells that read as sentences (not short group names)."""
        return self.hints[col] is Role.MEASURE or self.evidence[col].sentences >= _CONTENT_SHARE

    def _text_right_of(self, col: int) -> bool:
        """Whether an open column right of ``col`` holds long or sentence-like text."""
        return any(
            self.roles[right] is None
            and self.evidence[right].filled
            and (
                self.evidence[right].sentences >= _CONTENT_SHARE
                or self.evidence[right].mean_length > 2 * _TEXT_LENGTH
            )
            for right in range(col + 1, len(self.roles))
        )

    def _measure_score(self, col: int) -> float:
        hint = self.hints[col]
        score = self.evidence[col].text_score * _LABEL_BONUS.get(hint or Role.OTHER, 1.0)
        return score + (_MEASURE_LABEL_HEAD_START if hint is Role.MEASURE else 0.0)

    def _level_rank(self, col: int) -> tuple[int, float, float, int]:
        """Higher levels first: the columns that group rows in printed order (a list
        prints its outer level on the left: 类别 before a 工作目标 merged across its
        groups), then the others, more grouped and shorter text first."""
        found = self.evidence[col]
        if found.grouping >= _GROUPS:
            return (0, 0.0, 0.0, col)
        return (1, -round(found.grouping, 2), round(found.mean_length, 1), col)

    def _decided_by(self, col: int) -> str:
        if self.by[col] == "user":
            return "user"
        return "label" if self.hints[col] is not None else "content"

    def _name(self, col: int) -> str:
        label = self.labels[col] or f"第{col + 1}列"
        return f"{col + 1} ({label})"
