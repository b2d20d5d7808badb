"""Write a laid-out list's rows (cells with ``"^"``/``"<"`` merges) and their truth."""

from __future__ import annotations

import random
from dataclasses import dataclass

from corpus.layouts import Col, Layout
from corpus.model import TruthRecord
from corpus.sheet import ABOVE, LEFT
from corpus.tasks import Section, Task


@dataclass(frozen=True)
class Written:
    """The header rows, body rows and truth records of one list."""

    header: list[list[str]]
    rows: list[list[str]]
    records: list[TruthRecord]


def header_rows(columns: list[Col]) -> list[list[str]]:
    """One header row, or two when responsibility columns stand under a group label."""
    if not any(col.group for col in columns):
        return [[col.label for col in columns]]
    top: list[str] = []
    bottom: list[str] = []
    for index, col in enumerate(columns):
        if col.group is None:
            top.append(col.label)
            bottom.append(ABOVE)
        else:
            first = index == 0 or columns[index - 1].group != col.group
            top.append(col.group if first else LEFT)
            bottom.append(col.label)
    return [top, bottom]


def wrap(rng: random.Random, text: str, chance: float) -> str:
    """``text`` with a typed or printed line break at a random point, sometimes."""
    if chance and len(text) >= 8 and rng.random() < chance:
        cut = rng.randint(3, len(text) - 3)
        return text[:cut] + "\n" + text[cut:]
    return text


@dataclass
class _Counter:
    value: int = 0

    def next(self) -> str:
        self.value += 1
        return str(self.value)


@dataclass(frozen=True)
class _Place:
    """Where a task's row stands: what the cells above it hold."""

    section: Section
    category: str | None
    previous: Task | None
    first_in_group: bool
    first_in_section: bool
    no: str | None
    merge_no: bool


def write_rows(
    rng: random.Random, layout: Layout, sections: list[Section], text_wrap: float
) -> Written:
    """Every body row of the list, and one truth record per task."""
    width = len(layout.columns)
    rows: list[list[str]] = []
    records: list[TruthRecord] = []
    counter = _Counter()
    group_number = _Counter()
    for section in sections:
        if layout.numbering == "per-section":
            counter = _Counter()
        if layout.section_rows and section.heading:
            rows.append([section.heading, *[LEFT] * (width - 1)])
        for group in section.groups:
            group_no = group_number.next()
            previous: Task | None = None
            for index, task in enumerate(group.tasks):
                per_group = layout.numbering == "per-group"
                place = _Place(
                    section=section,
                    category=group.name,
                    previous=previous,
                    first_in_group=index == 0,
                    first_in_section=index == 0 and group is section.groups[0],
                    no=None
                    if layout.numbering == "none"
                    else group_no
                    if per_group
                    else counter.next(),
                    merge_no=per_group and index > 0,
                )
                cells, record = _row(rng, layout, task, place, text_wrap)
                rows.append(cells)
                records.append(record)
                previous = task
    return Written(header_rows(layout.columns), rows, records)


def _row(
    rng: random.Random, layout: Layout, task: Task, place: _Place, text_wrap: float
) -> tuple[list[str], TruthRecord]:
    resp_cells, suffix = layout.responsibility.write(rng, task.lead, task.support)
    record = TruthRecord(
        measure=task.measure,
        section=place.section.heading,
        category=place.category,
        no=place.no,
        lead=list(task.lead),
        support=list(task.support),
    )
    if task.deadline is not None:
        record.deadline = task.deadline.text
        record.due, record.due_kind = task.deadline.due, task.deadline.kind
    cells = []
    for col in layout.columns:
        if col.role == "resp":
            cells.append(resp_cells[col.index])
        elif col.role == "measure":
            cells.append(wrap(rng, task.measure, text_wrap) + suffix)
        else:
            cells.append(_cell(rng, col, task, place, record, text_wrap))
    return cells, record


def _cell(
    rng: random.Random, col: Col, task: Task, place: _Place, record: TruthRecord, text_wrap: float
) -> str:
    role = col.role
    if role == "no":
        return ABOVE if place.merge_no else place.no or ""
    if role == "grouping":
        heading = place.section.heading or ""
        return wrap(rng, heading, text_wrap) if place.first_in_section else ABOVE
    if role == "category":
        return wrap(rng, place.category or "", text_wrap) if place.first_in_group else ABOVE
    if role == "deadline":
        return wrap(rng, record.deadline or "", text_wrap / 2)
    value = {
        "middle": task.middle,
        "problem": task.problem,
        "person": task.person,
        "remark": task.remark,
        "progress": task.progress,
    }[role]
    if value:
        record.extra[col.label] = value
    previous = place.previous
    shared = role in ("middle", "problem") and previous is not None and not place.first_in_group
    if shared and getattr(previous, role) == value:
        return ABOVE
    return wrap(rng, value or "", text_wrap)
