"""What the generator produces: a table spec to render and its truth in the contract."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from qingdan.schema import READ_FIELDS

from corpus.sheet import PageSetup, Spec

RECORD_FIELDS = READ_FIELDS
"""The record fields a generated list's truth fixes and the scorer compares: the
output contract's fields read from the document (``schema.READ_FIELDS``)."""

DOCUMENT_FIELDS = ("title", "attachment", "year")
"""The document fields the scorer compares."""


@dataclass
class TruthRecord:
    """One task as a careful analyst reads it (docs/conventions.md)."""

    measure: str
    section: str | None = None
    category: str | None = None
    no: str | None = None
    lead: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    deadline: str | None = None
    due: str | None = None
    due_kind: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

    def contract(self) -> dict[str, Any]:
        """The record's contract fields, as the JSON output writes them."""
        return {name: getattr(self, name) for name in RECORD_FIELDS}


@dataclass
class GeneratedList:
    """One generated task list: what to render, its truth, and the features it exercises."""

    name: str
    spec: Spec
    title: str
    attachment: str | None
    year: int
    records: list[TruthRecord]
    features: list[str]
    renderings: list[str]

    def truth(self) -> dict[str, Any]:
        """The truth file's content (``NAME.truth.json``), the spec included to re-render."""
        spec = asdict(self.spec)
        return {
            "name": self.name,
            "document": {"title": self.title, "attachment": self.attachment, "year": self.year},
            "records": [r.contract() for r in self.records],
            "features": self.features,
            "renderings": self.renderings,
            "spec": spec,
        }


def spec_from_dict(data: dict[str, Any]) -> Spec:
    """The ``Spec`` a truth file stores (the inverse of ``dataclasses.asdict``)."""
    values = dict(data)
    values["page"] = PageSetup(**values["page"])
    return Spec(**values)
