"""The words of task lists printed as numbered paragraphs (``data/paragraphs.toml`` plus
a user's file): a section heading that names the unit whose work it lists, the period a
progress report opens its progress with, and the status sentence of a rectification
report (``normalize/paragraphs/``; what a title says the paragraphs are is
``data/titles.toml``). Kept beside the reader, not in its package: ``Knowledge`` builds
these words for every run, and the reader is imported only when no table is found
(docs/speed.md)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, NamedTuple

from qingdan.normalize.script import NUMERAL_CHARS


def _alternatives(words: list[str]) -> str:
    """The words as a regular-expression alternation, the longest first."""
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


class ParagraphWords(NamedTuple):
    """The compiled words of ``data/paragraphs.toml``."""

    section_lead: re.Pattern[str]
    """A section heading naming the unit whose work it lists ("X牵头工作（8项）"):
    group 1 the unit, group 2 the verb."""
    progress_start: re.Pattern[str]
    """Where the sentence opening with a reported period starts ("。上半年，")."""
    status: re.Pattern[str]
    """A rectification report's status sentence ("该问题已完成整改。")."""
    problem_label: str
    status_label: str
    closing_scope: re.Pattern[str]
    """The opening of a note after the items saying which items it covers (``closing_note``):
    group ``count`` a count of items above ("2项目标的"), ``this`` the one above ("该目标"),
    ``above`` the items back to the previous note ("以上各项任务")."""
    copula: re.Pattern[str]
    """Between a role label and its names in such a note ("责任单位均为X")."""

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> ParagraphWords:
        """The words of the mapping of ``data/paragraphs.toml``, compiled."""
        lead = data["section_lead"]
        progress, rectification = data["progress"], data["rectification"]
        verbs, objects = _alternatives(lead["verbs"]), _alternatives(lead["objects"])
        periods, until = _alternatives(progress["periods"]), _alternatives(progress["until"])
        subjects = _alternatives(rectification["subjects"])
        states = _alternatives(rectification["states"])
        return cls(
            section_lead=re.compile(rf"^(.+?)({verbs})的?(?:{objects})(?:[（(][^）)]*[）)])?$"),
            # A month span (1-6月) is a period too, whatever the words.
            progress_start=re.compile(
                rf"(?<=[。；;])\s*(?=(?:{periods}|(?:{until})[^，。；]{{1,12}}|"
                r"\d{1,2}[-—–至]\d{1,2}月份?)，)"
            ),
            status=re.compile(rf"^(?:{subjects})?(?:{states})[。；;]"),
            problem_label=str(rectification["problem_label"]),
            status_label=str(rectification["status_label"]),
            closing_scope=_closing_scope(data["closing_note"]),
            copula=re.compile(_alternatives(data["closing_note"]["copulas"])),
        )


def _closing_scope(words: Mapping[str, Any]) -> re.Pattern[str]:
    """The opening of a closing note that says which items it covers (``closing_scope``)."""
    this, above = _alternatives(words["this"]), _alternatives(words["above"])
    objects = _alternatives(words["objects"])
    count = rf"\d{{1,3}}|[{NUMERAL_CHARS}]{{1,4}}"
    return re.compile(
        rf"^(?:(?:{above})?(?P<count>{count})项|(?P<this>{this})(?:项|(?={objects}))"
        rf"|(?P<above>{above})(?:各项|各|所有|全部)?项?)(?:{objects})?的?[，,]?"
    )
