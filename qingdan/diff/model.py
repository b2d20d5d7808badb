"""The diff report: pydantic models whose keys are a contract (docs/diff.md)."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Status(StrEnum):
    """What happened to a task between the two lists."""

    UNCHANGED = "unchanged"
    MODIFIED = "modified"
    REMOVED = "removed"
    ADDED = "added"


class SegmentOp(StrEnum):
    """One piece of a character-level diff."""

    EQUAL = "equal"
    DELETE = "delete"
    INSERT = "insert"


class Segment(_Model):
    """A run of characters kept, deleted from the old text or inserted in the new one."""

    op: SegmentOp
    text: str


class ChangedField(StrEnum):
    """The record fields a change can be about."""

    MEASURE = "measure"
    CATEGORY = "category"
    LEAD = "lead"
    SUPPORT = "support"
    DEADLINE = "deadline"
    SECTION = "section"


class FieldChange(_Model):
    """One field that differs between a matched old and new record."""

    field: ChangedField
    old: str | None = Field(description="old value as written (departments joined with 、)")
    new: str | None = Field(description="new value as written (departments joined with 、)")
    rolled_forward: bool = Field(
        description="the only difference is years moved forward by the year gap"
    )
    segments: list[Segment] = Field(
        default_factory=list, description="measure only: character-level diff, old -> new"
    )
    added: list[str] = Field(
        default_factory=list,
        description="lead/support only: new names (as written) of bodies the old lacks",
    )
    removed: list[str] = Field(
        default_factory=list,
        description="lead/support only: old names (as written) of bodies the new lacks",
    )


class RecordView(_Model):
    """The parts of a record a diff shows (no page: the same in every file format)."""

    seq: int
    section: str | None
    category: str | None
    measure: str
    lead: list[str]
    support: list[str]
    deadline: str | None


class Entry(_Model):
    """One task: a matched pair, or a record only one list has."""

    status: Status
    similarity: float | None = Field(
        description="measure similarity 0..1 after rolling the years, null when unmatched"
    )
    old: RecordView | None
    new: RecordView | None
    changes: list[FieldChange] = Field(default_factory=list)


class Side(_Model):
    """One of the two lists compared."""

    file: str
    title: str | None
    year: int | None
    records: int


class Summary(_Model):
    """How many tasks fall under each status."""

    unchanged: int
    modified: int
    removed: int
    added: int


class DiffReport(_Model):
    """The result of ``qingdan.diff.compare``: the output contract of ``qingdan diff``."""

    old: Side
    new: Side
    year_gap: int = Field(description="new year - old year (0 when either is unknown)")
    threshold: float = Field(description="pairs with a lower measure similarity are not matched")
    summary: Summary
    entries: list[Entry] = Field(
        description="matched and removed tasks by old seq, then added tasks by new seq"
    )
