"""Column headers -> record fields, by synonyms kept in ``data/columns.toml``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from qingdan.extract.grid import Cell
from qingdan.normalize.knowledge import KnowledgeFileError, builtin, read_data_file
from qingdan.normalize.text import squeeze

FIELDS = ("section", "category", "no", "measure", "lead", "support", "responsible", "deadline")
"""Record fields a column can feed; ``responsible`` holds lead and support in one cell."""

_LABEL_NOISE = str.maketrans("", "", "：:*＊※")
_LABEL_NOTE = re.compile(r"[（(][^（()）]*[）)]$")


def label_key(label: Cell | None) -> str:
    """A header label as it is compared: no whitespace, no trailing colon or footnote mark."""
    return squeeze(label).translate(_LABEL_NOISE)


@dataclass(frozen=True)
class ColumnSynonyms:
    """Which printed header labels mean which record field."""

    by_label: dict[str, str]

    @classmethod
    def load(cls, user_file: Path | None = None) -> ColumnSynonyms:
        """The built-in synonyms, extended (and overridden) by a user's TOML/YAML file.

        The file maps field names to lists of labels, at the top level or under
        ``[fields]``: ``measure = ["具体举措"]``.
        """
        by_label = _labels_by_field(builtin("columns.toml"), Path("columns.toml"))
        if user_file is not None:
            by_label.update(_labels_by_field(read_data_file(user_file), user_file))
        return cls(by_label)

    def field_for(self, label: str | None) -> str | None:
        """The field a header label feeds, or ``None`` when it is not a known label.

        A note in brackets after a label ("完成时限（2019年）", "责任单位（排第一位的为
        牵头单位）") is ignored when the label with the note is not known itself.
        """
        key = label_key(label)
        return self.by_label.get(key) or self.by_label.get(_LABEL_NOTE.sub("", key))


def _labels_by_field(data: dict[str, object], path: Path) -> dict[str, str]:
    fields = data.get("fields", data)
    if not isinstance(fields, dict):
        raise KnowledgeFileError(path, "expected a mapping of field -> list of labels")
    by_label: dict[str, str] = {}
    for field_name, labels in fields.items():
        if field_name not in FIELDS:
            raise KnowledgeFileError(
                path, f"unknown field {field_name!r}; fields are {', '.join(FIELDS)}"
            )
        if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels):
            raise KnowledgeFileError(path, f"{field_name}: expected a list of labels")
        for label in labels:
            by_label[label_key(label)] = field_name
    return by_label
