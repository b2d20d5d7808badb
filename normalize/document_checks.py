"""Checks over a whole task list, made while its records pass one at a time.

A long list's records are not held whole (issue 29: a 100 MB dump's records were a
third of its peak), so what is checked across records keeps only what it needs: the
number of records and of those without a measure, the 序号 check's last numbers, the
sections used and the tasks without a lead. ``warnings`` gives, once every record has
been seen, what a person must look at, in the order the list's warnings end with.
"""

from __future__ import annotations

from collections.abc import Sequence

from qingdan.normalize.model import TaskRecord, TaskWarning
from qingdan.normalize.numbering import NumberingCheck
from qingdan.normalize.warning_codes import NormalizeCode


class DocumentChecks:
    """The list-wide checks, fed each record in order (``check_record``), read at the end."""

    def __init__(self, sections: Sequence[str], doubts: Sequence[str]) -> None:
        self._sections = sections
        self._doubts = doubts
        self._numbering = NumberingCheck()
        self._numbering_warnings: list[TaskWarning] = []
        self._used: set[str | None] = set()
        self._leadless: list[tuple[int, int | None]] = []
        self._records = 0
        self._measureless = 0

    def check_record(self, record: TaskRecord) -> None:
        """Take one record into every check."""
        self._records += 1
        self._measureless += not record.measure
        if (numbering := self._numbering.see(record)) is not None:
            self._numbering_warnings.append(numbering)
        self._used.add(record.section)
        if not record.lead:
            self._leadless.append((record.seq, record.page))

    def warnings(self) -> list[TaskWarning]:
        """What the checks found over every record seen."""
        return [
            *self._measureless_warning(),
            *self._numbering_warnings,
            *self._empty_section_warnings(),
            *self._leadless_warnings(),
        ]

    def _measureless_warning(self) -> list[TaskWarning]:
        """A ``column-roles`` warning when most records came out without a measure.

        Such a document is almost always read with the wrong roles (issue 12: a whole
        list had every measure empty and exited 0), so it must not pass silently.
        """
        if not self._records or any("no column holds task text" in d for d in self._doubts):
            return []
        empty, records = self._measureless, self._records
        if empty * 2 <= records:
            return []
        message = f"{empty} of {records} records have no measure: the column roles may be wrong"
        return [TaskWarning(NormalizeCode.COLUMN_ROLES, message)]

    def _empty_section_warnings(self) -> list[TaskWarning]:
        """A warning for each section row with no task under it, so its text is not lost.

        Found by the property tests (issue 8): a section row at the end of a table, or
        right before the next section, named no record and vanished.
        """
        return [
            TaskWarning(NormalizeCode.EMPTY_SECTION, f"section row {text!r} has no tasks under it")
            for text in dict.fromkeys(self._sections)
            if text not in self._used
        ]

    def _leadless_warnings(self) -> list[TaskWarning]:
        """A ``no-lead`` warning for each task that names no lead unit (issue 32: such a
        task passed silently), or one for the list when none of its tasks names one."""
        if not self._leadless:
            return []
        if len(self._leadless) == self._records > 1:
            message = f"none of the {self._records} tasks names a lead unit"
            return [TaskWarning(NormalizeCode.NO_LEAD, message)]
        return [
            TaskWarning(NormalizeCode.NO_LEAD, "task names no lead unit", seq, page)
            for seq, page in self._leadless
        ]
