"""The content of one list before it is laid out: sections, groups and tasks with truth."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from corpus import phrases
from corpus.names import Namer
from corpus.phrases import Deadline
from corpus.vocab import Topic, Vocabulary

MIN_TASKS = 5
"""The fewest tasks a generated list has."""


@dataclass
class Task:
    """One task: what its cells say (before writing) and what the truth is."""

    measure: str
    lead: list[str]
    support: list[str]
    deadline: Deadline | None
    problem: str | None = None
    middle: str | None = None
    person: str | None = None
    remark: str | None = None
    progress: str | None = None


@dataclass
class Group:
    """Tasks under one category (or under no category: ``name`` None)."""

    name: str | None
    tasks: list[Task] = field(default_factory=list)


@dataclass
class Section:
    """Groups under one section heading (or under none)."""

    heading: str | None
    groups: list[Group] = field(default_factory=list)


@dataclass(frozen=True)
class ContentPlan:
    """What a layout asks the content to have."""

    sections: bool
    categories: bool
    deadlines: bool
    problems: bool = False
    middles: bool = False
    people: bool = False
    remarks: bool = False
    progress: bool = False
    max_lead: int = 2
    max_support: int = 3
    min_support: int = 0
    shared_problems: bool = False
    """Several measures answer one problem (the problem cell merged over them)."""


def _task(
    rng: random.Random, vocab: Vocabulary, topic: Topic, namer: Namer, year: int, plan: ContentPlan
) -> Task:
    taken: set[str] = set()
    lead = namer.units(rng.randint(1, plan.max_lead), taken)
    support = namer.units(rng.randint(plan.min_support, plan.max_support), taken)
    return Task(
        measure=phrases.measure(rng, vocab, topic),
        lead=lead,
        support=support,
        deadline=phrases.deadline(rng, vocab, year) if plan.deadlines else None,
        person=phrases.person(rng, vocab) if plan.people else None,
        remark=rng.choice(["", "", "", "新增任务", "约束性指标", "市级考核事项"])
        if plan.remarks
        else None,
        progress=rng.choice(vocab.text["rectification"]["progress"]) if plan.progress else None,
    )


def draw_content(
    rng: random.Random, vocab: Vocabulary, topic: Topic, namer: Namer, year: int, plan: ContentPlan
) -> list[Section]:
    """Sections of groups of tasks, at least ``MIN_TASKS`` in all."""
    sections: list[Section] = []
    used: set[str] = set()
    categories = list(topic.categories)
    rng.shuffle(categories)
    for index in range(rng.randint(2, 4) if plan.sections else 1):
        heading = phrases.section_heading(rng, vocab, index, used) if plan.sections else None
        section = Section(heading)
        group_count = rng.randint(1, 3) if plan.categories else 1
        for _ in range(group_count):
            name = None
            if plan.categories:
                name = categories.pop() if categories else f"其他{topic.name}工作"
            group = Group(name)
            for _ in range(rng.randint(1, 4) if plan.categories else rng.randint(2, 6)):
                group.tasks.append(_task(rng, vocab, topic, namer, year, plan))
            section.groups.append(group)
        sections.append(section)
    last = sections[-1].groups[-1]
    while sum(len(g.tasks) for s in sections for g in s.groups) < MIN_TASKS:
        last.tasks.append(_task(rng, vocab, topic, namer, year, plan))
    _add_levels(rng, vocab, topic, sections, plan)
    return sections


def _add_levels(
    rng: random.Random, vocab: Vocabulary, topic: Topic, sections: list[Section], plan: ContentPlan
) -> None:
    """Problems (rectification) and middle levels (three-level tables), shared by neighbours."""
    for group in (g for s in sections for g in s.groups):
        current_problem = current_middle = None
        for index, task in enumerate(group.tasks):
            if plan.problems:
                if index == 0 or not plan.shared_problems or rng.random() < 0.5:
                    current_problem = phrases.problem(rng, vocab, topic)
                task.problem = current_problem
            if plan.middles:
                if index == 0 or rng.random() < 0.5:
                    current_middle = rng.choice(topic.objects) + rng.choice(
                        ["提升工程", "专项行动", "攻坚行动", "达标建设"]
                    )
                task.middle = current_middle
