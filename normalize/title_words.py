"""The words of a document's title (``data/titles.toml`` plus a user's file): a line
naming a list (the title, ``normalize.document_info``), and what a title says numbered
paragraphs under it are: a list of tasks, a progress report, a rectification report
(``normalize.paragraphs``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple


class TitleWords(NamedTuple):
    """The words of ``data/titles.toml``."""

    names_list: tuple[str, ...]
    """A line holding one names a list: the title (清单, 分工, 任务 …)."""
    task_list: tuple[str, ...]
    """A title holding one names a list of tasks (清单, 实事 …)."""
    progress: tuple[str, ...]
    """A title holding one names a progress report (完成情况 …): each is also the label
    the progress is kept under."""
    rectification: tuple[str, ...]
    """A title holding one names a rectification report (整改情况 …)."""

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> TitleWords:
        """The words of the mapping of ``data/titles.toml``."""
        return cls(
            names_list=tuple(data["names_list"]),
            task_list=tuple(data["task_list"]),
            progress=tuple(data["progress"]),
            rectification=tuple(data["rectification"]),
        )
