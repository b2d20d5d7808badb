"""Department workload: how many tasks each canonical department leads and supports.

Counting works on canonical names (``lead_canonical`` / ``support_canonical``), so
区发改委 in one row and 区发展和改革委员会 in another count for one body, and a
user's alias file can merge renamed bodies. A department named twice in one task's
lead (or support) list counts once for that task.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from qingdan.inputs import collect_inputs
from qingdan.normalize import Knowledge
from qingdan.pipeline import convert
from qingdan.schema import Document

if TYPE_CHECKING:
    from qingdan.workers import FileResult


@dataclass(frozen=True)
class DepartmentLoad:
    """One canonical department's tasks across the attachments counted."""

    department: str
    """The canonical name."""
    lead: int = 0
    """Tasks it leads (牵头)."""
    support: int = 0
    """Tasks it supports (配合)."""
    written: tuple[str, ...] = ()
    """The names the documents write for it, in order of first appearance."""

    @property
    def total(self) -> int:
        """Tasks it leads or supports."""
        return self.lead + self.support


@dataclass(frozen=True)
class Workload:
    """The departments of one or many attachments, busiest first."""

    files: list[str] = field(default_factory=list)
    tasks: int = 0
    departments: list[DepartmentLoad] = field(default_factory=list)


def count_workload(documents: Iterable[Document]) -> Workload:
    """Count each canonical department's led and supported tasks over the documents.

    Departments are ordered by total tasks, then led tasks (both descending), then name.
    """
    lead: dict[str, int] = {}
    support: dict[str, int] = {}
    written: dict[str, dict[str, None]] = {}
    files: list[str] = []
    tasks = 0
    for document in documents:
        files.append(document.document.file)
        for record in document.records:
            tasks += 1
            for counts, names, canonicals in (
                (lead, record.lead, record.lead_canonical),
                (support, record.support, record.support_canonical),
            ):
                for canonical in dict.fromkeys(canonicals):
                    counts[canonical] = counts.get(canonical, 0) + 1
                for name, canonical in zip(names, canonicals, strict=True):
                    written.setdefault(canonical, {})[name] = None
    loads = [
        DepartmentLoad(name, lead.get(name, 0), support.get(name, 0), tuple(written[name]))
        for name in written
    ]
    loads.sort(key=lambda d: (-d.total, -d.lead, d.department))
    return Workload(files, tasks, loads)


def attachments_among(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """The files named by ``paths`` (folders searched) that a reader can open, and the rest.

    A shell glob such as ``samples/*`` also names files that are not attachments
    (expected outputs, notes); counting skips them rather than failing.
    """
    found = collect_inputs(paths)
    return found.files, [*(skipped.path for skipped in found.skipped), *found.ignored]


def workload(paths: list[str | Path], knowledge: Knowledge | None = None) -> Workload:
    """The department workload of the attachments named by files and folders.

    Raises a ``QingdanError`` subclass naming the file when one cannot be converted.
    """
    readable, _ = attachments_among([Path(p) for p in paths])
    return count_workload(convert(path, knowledge) for path in readable)


@dataclass(frozen=True)
class WorkloadRun:
    """The workload of the attachments that converted, and what became of the others."""

    load: Workload
    documents: list[Document]
    """The attachments that converted."""
    failed: list[FileResult]
    skipped: list[Path]
    """Files no reader opens (named by a glob such as ``samples/*``): not counted."""
    repeated: dict[Path, Path] = field(default_factory=dict)
    """A file whose content is another's (the same attachment saved twice) -> that
    file: counted once (issue 32)."""


def workload_of(paths: list[Path], knowledge: Knowledge | None = None) -> WorkloadRun:
    """Count the departments of every attachment ``paths`` names (folders searched); a
    file that fails is reported in the result rather than stopping the count."""
    from qingdan.workers import Settings, convert_one

    readable, skipped = attachments_among(paths)
    settings = Settings(knowledge)
    results = [convert_one(path, settings) for path in readable]
    failed = [r for r in results if r.document is None]
    first: dict[str, Path] = {}
    documents: list[Document] = []
    repeated: dict[Path, Path] = {}
    for result in results:
        if result.document is None:
            continue
        digest = result.document.document.sha256
        if digest in first:
            repeated[result.path] = first[digest]
            continue
        first[digest] = result.path
        documents.append(result.document)
    return WorkloadRun(count_workload(documents), documents, failed, skipped, repeated)
