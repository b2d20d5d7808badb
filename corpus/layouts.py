"""Layouts of task lists: a registry of generators, each choosing columns and options.

A layout decides which columns a list prints (4 to 8), in what order, with which
labels, and how it groups and numbers its rows; ``corpus.assemble`` then writes the
rows and their truth. Every choice is recorded as a feature (``"resp:inline"``,
``"header:two-row"`` …) so failures can be classed by what the document exercised.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from corpus.names import CellStyle
from corpus.responsibility import (
    RECTIFICATION_WEIGHTS,
    STYLES,
    TASK_LIST_WEIGHTS,
    Responsibility,
    StyleContext,
)
from corpus.tasks import ContentPlan
from corpus.vocab import Vocabulary

MAX_COLUMNS, MIN_COLUMNS = 8, 4


@dataclass(frozen=True)
class Col:
    """One printed column: its role in the generator, its label, its header group."""

    role: str
    label: str
    group: str | None = None
    index: int = 0
    """For responsibility columns: which of the style's cells this column prints."""


@dataclass
class Layout:
    """A list's columns and options, before its rows are written."""

    kind: str
    columns: list[Col]
    content: ContentPlan
    responsibility: Responsibility
    numbering: str
    """none, continuous, per-section, or per-group (one 序号 merged over a group)."""
    section_rows: bool
    features: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class LayoutContext:
    """What a layout generator draws on."""

    rng: random.Random
    vocab: Vocabulary
    cells: CellStyle

    def label(self, role: str) -> str:
        """A random printed label for a role of headers.toml."""
        return self.rng.choice(self.vocab.labels[role])

    def chance(self, p: float) -> bool:
        """True with probability ``p``."""
        return self.rng.random() < p


def _style(
    context: LayoutContext, weights: dict[str, int], labels: tuple[str, ...]
) -> Responsibility:
    name = context.rng.choices(list(weights), weights=list(weights.values()))[0]
    return STYLES[name](StyleContext(context.rng, context.vocab, context.cells, labels))


def _responsibility_columns(resp: Responsibility) -> list[Col]:
    return [Col("resp", label, resp.group, i) for i, label in enumerate(resp.labels)]


def _numbering(context: LayoutContext, sections: bool, categories: bool) -> str:
    options = ["none", "continuous", "continuous"]
    if sections:
        options.append("per-section")
    if categories:
        options.append("per-group")
    return context.rng.choice(options)


def task_list(context: LayoutContext) -> Layout:
    """序号 | 重点工作 | 工作措施 | 牵头单位 | 配合单位 | 完成时限 | 备注, in many variations."""
    c = context
    resp = _style(c, TASK_LIST_WEIGHTS, c.vocab.labels["responsible"])
    categories = c.chance(0.7)
    sections = c.chance(0.5)
    grouping = sections and categories and c.chance(0.2)
    deadlines = c.chance(0.85)
    plan = ContentPlan(
        sections=sections,
        categories=categories,
        deadlines=deadlines,
        people=c.chance(0.15),
        remarks=c.chance(0.25),
        max_lead=resp.max_lead,
        max_support=resp.max_support,
        min_support=resp.min_support,
    )
    numbering = _numbering(c, sections, categories)
    columns = [Col("no", "序号")] if numbering != "none" else []
    if grouping:
        columns.append(Col("grouping", c.label("grouping")))
    if categories:
        columns.append(Col("category", c.label("category")))
    columns.append(Col("measure", c.label("measure")))
    columns += _responsibility_columns(resp)
    columns += _tail(c, plan, "deadline")
    return Layout("task-list", columns, plan, resp, numbering, sections and not grouping)


def three_level(context: LayoutContext) -> Layout:
    """类别 | 主要任务 | 细化措施 | …: the middle level is kept in ``extra`` under its label."""
    c = context
    resp = _style(c, TASK_LIST_WEIGHTS, c.vocab.labels["responsible"])
    plan = ContentPlan(
        sections=c.chance(0.3),
        categories=True,
        deadlines=c.chance(0.8),
        middles=True,
        max_lead=resp.max_lead,
        max_support=resp.max_support,
        min_support=resp.min_support,
    )
    numbering = _numbering(c, plan.sections, True)
    columns = [Col("no", "序号")] if numbering != "none" else []
    columns += [
        Col("category", c.rng.choice(["类别", "重点工作", "重点任务"])),
        Col("middle", c.label("middle")),
        Col("measure", c.label("middle_measure")),
    ]
    columns += _responsibility_columns(resp)
    columns += _tail(c, plan, "deadline")
    return Layout("three-level", columns, plan, resp, numbering, plan.sections)


def rectification(context: LayoutContext) -> Layout:
    """序号 | 存在问题 | 整改措施 | 整改责任单位 | 整改时限 | 整改进展 (an 整改清单)."""
    c = context
    labels = c.vocab.rectification_labels
    resp = _style(c, RECTIFICATION_WEIGHTS, labels["responsible"])
    plan = ContentPlan(
        sections=c.chance(0.3),
        categories=False,
        deadlines=c.chance(0.95),
        problems=True,
        people=c.chance(0.3),
        progress=c.chance(0.4),
        shared_problems=c.chance(0.3),
        max_lead=resp.max_lead,
        max_support=resp.max_support,
        min_support=resp.min_support,
    )
    numbering = c.rng.choice(["none", "continuous", "continuous"])
    columns = [Col("no", "序号")] if numbering != "none" else []
    columns += [
        Col("problem", c.rng.choice(labels["problem"])),
        Col("measure", c.rng.choice(labels["measure"])),
    ]
    columns += _responsibility_columns(resp)
    if plan.people:
        columns.append(Col("person", c.label("people")))
    if plan.deadlines:
        columns.append(Col("deadline", c.rng.choice(labels["deadline"])))
    if plan.progress:
        columns.append(Col("progress", c.rng.choice(labels["progress"])))
    return Layout("rectification", columns, plan, resp, numbering, plan.sections)


def _tail(context: LayoutContext, plan: ContentPlan, deadline_role: str) -> list[Col]:
    columns = []
    if plan.people:
        columns.append(Col("person", context.label("people")))
    if plan.deadlines:
        columns.append(Col(deadline_role, context.label("deadline")))
    if plan.remarks:
        columns.append(Col("remark", context.label("remark")))
    return columns


LAYOUTS: dict[str, Callable[[LayoutContext], Layout]] = {
    "task-list": task_list,
    "three-level": three_level,
    "rectification": rectification,
}
"""Layout family -> its generator."""

LAYOUT_WEIGHTS = {"task-list": 7, "three-level": 1, "rectification": 2}


def fit_width(layout: Layout, context: LayoutContext) -> Layout:
    """Drop optional columns above 8 and add 备注/完成时限 below 4 (issue 14: 4-8 columns)."""
    columns = list(layout.columns)
    plan = layout.content
    for role in ("remark", "person", "progress", "no"):
        if len(columns) > MAX_COLUMNS:
            columns = [col for col in columns if col.role != role]
    if len(columns) < MIN_COLUMNS and not plan.deadlines:
        columns.append(Col("deadline", context.label("deadline")))
        plan = _replace(plan, deadlines=True)
    if len(columns) < MIN_COLUMNS and not plan.remarks:
        columns.append(Col("remark", context.label("remark")))
        plan = _replace(plan, remarks=True)
    if len(columns) < MIN_COLUMNS and not plan.people:
        columns.insert(len(columns) - 1, Col("person", context.label("people")))
        plan = _replace(plan, people=True)
    present = {col.role for col in columns}
    plan = _replace(
        plan,
        remarks=plan.remarks and "remark" in present,
        people=plan.people and "person" in present,
        progress=plan.progress and "progress" in present,
    )
    numbering = layout.numbering if "no" in present else "none"
    return Layout(
        layout.kind,
        columns,
        plan,
        layout.responsibility,
        numbering,
        layout.section_rows,
        layout.features,
    )


def _replace(plan: ContentPlan, **changes: bool) -> ContentPlan:
    return replace(plan, **changes)


def choose_layout(context: LayoutContext) -> Layout:
    """A random layout of a random family, fitted to 4-8 columns, with its features."""
    family = context.rng.choices(list(LAYOUT_WEIGHTS), weights=list(LAYOUT_WEIGHTS.values()))[0]
    layout = fit_width(LAYOUTS[family](context), context)
    layout.features += [
        f"layout:{layout.kind}",
        f"resp:{layout.responsibility.style}",
        f"numbering:{layout.numbering}",
        f"columns:{len(layout.columns)}",
    ]
    if layout.responsibility.group:
        layout.features.append("header:two-row")
    if layout.section_rows:
        layout.features.append("section-rows")
    if any(col.role == "grouping" for col in layout.columns):
        layout.features.append("grouping-column")
    if layout.content.categories:
        layout.features.append("category-column")
    if not layout.content.deadlines:
        layout.features.append("no-deadline")
    for role in ("person", "remark", "progress"):
        if any(col.role == role for col in layout.columns):
            layout.features.append(f"{role}-column")
    return layout
