"""How a list writes who is responsible: a registry of styles (docs/conventions.md "Roles").

Each style says which columns it adds (their labels, and a group label for a two-row
header) and writes one task's lead and support names into those cells, or into a
bracketed note at the end of the measure. The truth is always the lead and support
lists the style was given.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from corpus.names import CellStyle, write_names
from corpus.vocab import Vocabulary

Writer = Callable[[random.Random, list[str], list[str]], tuple[list[str], str]]
"""(rng, lead, support) -> (one text per responsibility column, text appended to the measure)."""


@dataclass(frozen=True)
class Responsibility:
    """One document's responsibility columns and how it fills them."""

    style: str
    labels: list[str]
    group: str | None
    """A label printed over all responsibility columns (a two-row header), or None."""
    write: Writer
    max_lead: int = 2
    max_support: int = 3
    min_support: int = 0


@dataclass(frozen=True)
class StyleContext:
    """What a style may draw on: the vocabulary, the labels of this list kind, cell style."""

    rng: random.Random
    vocab: Vocabulary
    cells: CellStyle
    responsible_labels: tuple[str, ...]

    def label(self, role: str) -> str:
        """A random printed label for a role of headers.toml."""
        return self.rng.choice(self.vocab.labels[role])


def _names(context: StyleContext) -> Callable[[random.Random, list[str]], str]:
    def names(rng: random.Random, units: list[str]) -> str:
        return write_names(rng, units, context.cells, context.vocab) if units else ""

    return names


def lead_support(c: StyleContext) -> Responsibility:
    """牵头单位 | 配合单位 (under 责任单位 in a two-row header half of the time)."""
    names = _names(c)
    group = c.label("responsibility_group") if c.rng.random() < 0.5 else None
    return Responsibility(
        "lead+support",
        [c.label("lead"), c.label("support")],
        group,
        lambda rng, lead, support: ([names(rng, lead), names(rng, support)], ""),
    )


def lead_responsible(c: StyleContext) -> Responsibility:
    """牵头单位 | 责任单位: the 责任单位 beside a 牵头 column supports."""
    names = _names(c)
    return Responsibility(
        "lead+responsible",
        [c.label("lead"), c.rng.choice(c.responsible_labels)],
        None,
        lambda rng, lead, support: ([names(rng, lead), names(rng, support)], ""),
    )


def lead_participate_responsible(c: StyleContext) -> Responsibility:
    """牵头单位 | 参与单位 | 责任单位: support lists both columns in printed order."""
    names = _names(c)
    split = c.rng.random

    def write(rng: random.Random, lead: list[str], support: list[str]) -> tuple[list[str], str]:
        cut = round(len(support) * split())
        return [names(rng, lead), names(rng, support[:cut]), names(rng, support[cut:])], ""

    group = c.label("responsibility_group") if c.rng.random() < 0.4 else None
    labels = [c.label("lead"), c.label("participate"), c.rng.choice(c.responsible_labels)]
    return Responsibility("lead+participate+responsible", labels, group, write, max_support=4)


def responsible_support(c: StyleContext) -> Responsibility:
    """责任单位 | 配合单位: the 责任单位 beside a 配合 column leads."""
    names = _names(c)
    support_label = c.rng.choice(["配合单位", "配合部门", "协办单位"])
    return Responsibility(
        "responsible+support",
        [c.rng.choice(c.responsible_labels), support_label],
        None,
        lambda rng, lead, support: ([names(rng, lead), names(rng, support)], ""),
    )


_WORD_FORMS: list[tuple[str, str]] = [
    ("{lead}牵头，{support}配合", "{lead}牵头"),
    ("牵头单位：{lead}；配合单位：{support}", "牵头单位：{lead}"),
    ("由{lead}负责，{support}协助", "由{lead}负责"),
    ("{lead}（牵头）、{support}", "{lead}"),
]


def _in_words(form: tuple[str, str], lead: list[str], support: list[str]) -> str:
    with_support, alone = form
    text = with_support if support else alone
    return text.format(lead="、".join(lead), support="、".join(support))


def responsible_words(c: StyleContext) -> Responsibility:
    """One 责任单位 column read from its words ("X牵头，Y配合", "牵头单位：X；配合单位：Y" …)."""
    form = c.rng.choice(_WORD_FORMS)
    single_lead = form[0].startswith("{lead}（")
    return Responsibility(
        "responsible-words",
        [c.rng.choice(c.responsible_labels)],
        None,
        lambda rng, lead, support: ([_in_words(form, lead, support)], ""),
        max_lead=1 if single_lead else 2,
    )


def responsible_first_leads(c: StyleContext) -> Responsibility:
    """A 责任单位 label saying the first-named unit leads: the first leads, the rest support."""
    names = _names(c)
    return Responsibility(
        "responsible-first-leads",
        [c.label("responsible_first_leads")],
        None,
        lambda rng, lead, support: ([names(rng, [*lead, *support])], ""),
        max_lead=1,
    )


def responsible_mark(c: StyleContext) -> Responsibility:
    """A 责任单位 cell where ▲ marks the lead (▲ is not part of the name)."""
    separator = c.rng.choice(["、", "，"])

    def write(rng: random.Random, lead: list[str], support: list[str]) -> tuple[list[str], str]:
        units = [f"▲{lead[0]}", *support]
        if len(units) > 1 and rng.random() < 0.3:
            units.insert(rng.randint(1, len(units) - 1), units.pop(0))
        return [separator.join(units)], ""

    return Responsibility(
        "responsible-mark", [c.rng.choice(c.responsible_labels)], None, write, max_lead=1
    )


def responsible_plain(c: StyleContext) -> Responsibility:
    """One 责任单位 column with names and no role word: every name leads."""
    names = _names(c)
    return Responsibility(
        "responsible-plain",
        [c.rng.choice(c.responsible_labels)],
        None,
        lambda rng, lead, support: ([names(rng, lead)], ""),
        max_lead=3,
        max_support=0,
    )


def lead_only(c: StyleContext) -> Responsibility:
    """One 牵头单位 column."""
    names = _names(c)
    return Responsibility(
        "lead-only",
        [c.label("lead")],
        None,
        lambda rng, lead, support: ([names(rng, lead)], ""),
        max_support=0,
    )


_INLINE_FORMS: list[tuple[str, str]] = [
    ("（{lead}牵头，{support}配合）", "（{lead}牵头）"),
    ("（{lead}牵头，{support}配合）", "（{lead}负责）"),
    ("（牵头单位：{lead}；配合单位：{support}）", "（牵头单位：{lead}）"),
]


def inline(c: StyleContext) -> Responsibility:
    """No responsibility column: a bracketed note ends the measure ("……。（X牵头，Y配合）")."""
    form = c.rng.choice(_INLINE_FORMS)
    return Responsibility(
        "inline", [], None, lambda rng, lead, support: ([], _in_words(form, lead, support))
    )


STYLES: dict[str, Callable[[StyleContext], Responsibility]] = {
    "lead+support": lead_support,
    "lead+responsible": lead_responsible,
    "lead+participate+responsible": lead_participate_responsible,
    "responsible+support": responsible_support,
    "responsible-words": responsible_words,
    "responsible-first-leads": responsible_first_leads,
    "responsible-mark": responsible_mark,
    "responsible-plain": responsible_plain,
    "lead-only": lead_only,
    "inline": inline,
}
"""Style name -> the columns and cell writer it gives a document."""

TASK_LIST_WEIGHTS = {
    "lead+support": 6,
    "lead+responsible": 2,
    "lead+participate+responsible": 1,
    "responsible+support": 1,
    "responsible-words": 2,
    "responsible-first-leads": 1,
    "responsible-mark": 1,
    "responsible-plain": 1,
    "lead-only": 1,
    "inline": 1,
}
"""How often a task list uses each style (牵头 | 配合 columns are the common case)."""

RECTIFICATION_WEIGHTS = {
    "responsible-plain": 3,
    "responsible-words": 2,
    "responsible-mark": 1,
    "responsible-first-leads": 1,
    "lead+support": 1,
}
"""Styles of a rectification list's 整改责任单位."""
