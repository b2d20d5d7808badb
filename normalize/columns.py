"""Header labels -> the role each suggests, from ``data/columns.toml`` and the user's file.

The built-in labels are hints: the roles of a table are chosen from them together
with the columns' contents (``normalize.column_roles``). A label from the user's
``--columns`` file is *forced*: that column gets that role, whatever its cells hold.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, NamedTuple

from qingdan.extract.grid import Cell
from qingdan.normalize.datafiles import KnowledgeFileError, UserFile
from qingdan.normalize.roles import Role
from qingdan.normalize.text import squeeze

LABEL_ROLES = tuple(role for role in Role if role not in (Role.DETAIL, Role.OTHER))
"""The roles a label file may name (the keys of ``data/columns.toml``)."""

_LABEL_NOISE = ("：", ":", "*", "＊", "※")
"""Marks around a label that are no part of it (str.replace: translate is ten times slower
on Chinese text, and every body cell of a long list is compared with the header)."""
_LABEL_NOTE = re.compile(r"[（(][^（()）]*[）)]$")


def label_key(label: Cell | None) -> str:
    """A header label as it is compared: no whitespace, no trailing colon or footnote mark."""
    key = squeeze(label)
    for mark in _LABEL_NOISE:
        key = key.replace(mark, "")
    return key


class ColumnSynonyms(NamedTuple):
    """Which printed header labels suggest which column role."""

    by_label: dict[str, Role]
    forced: frozenset[str] = frozenset()
    """Label keys from the user's file: their role is not open to content evidence."""
    heads: tuple[tuple[str, Role], ...] = ()
    """Label endings -> role, longest first, for labels no list names (整改落实情况)."""

    @classmethod
    def from_data(cls, ours: Mapping[str, Any], user: UserFile | None = None) -> ColumnSynonyms:
        """The labels of ``data/columns.toml``, extended (and overridden) by a user's file.

        The file maps role names to lists of labels, at the top level or under
        ``[fields]``: ``measure = ["具体举措"]``; its labels are forced.
        """
        by_label = _labels_by_role(ours, None)
        heads = _labels_by_role({"fields": ours.get("heads", {})}, None)
        forced: frozenset[str] = frozenset()
        if user is not None:
            theirs = _labels_by_role(user.data, user)
            heads.update(_labels_by_role({"fields": user.data.get("heads", {})}, user))
            by_label.update(theirs)
            forced = frozenset(theirs)
        ordered = tuple(sorted(heads.items(), key=lambda item: len(item[0]), reverse=True))
        return cls(by_label, forced, ordered)

    def _key(self, label: Cell | None) -> str:
        key = label_key(label)
        if key in self.by_label:
            return key
        return _LABEL_NOTE.sub("", key)

    def role_for(self, label: Cell | None, by_head: bool = True) -> Role | None:
        """The role a header label suggests, or ``None`` when it is not a known label.

        A note in brackets after a label ("完成时限（2019年）", "责任单位（排第一位的为
        牵头单位）") is ignored when the label with the note is not known itself. A label
        no list names is read by its head (its ending: 整改落实情况 -> note) unless
        ``by_head`` is false: finding a header row asks for labels a list names, so
        that a body cell ending in 单位 or 情况 does not make a row look like a header.
        """
        key = self._key(label)
        found = self.by_label.get(key)
        if found is not None or not key or not by_head:
            return found
        return next((role for head, role in self.heads if key.endswith(head)), None)

    def is_forced(self, label: Cell | None) -> bool:
        """Whether the user's column file gives this label its role."""
        return self._key(label) in self.forced


def _labels_by_role(data: Mapping[str, object], user: UserFile | None) -> dict[str, Role]:
    roles = data.get("fields", {k: v for k, v in data.items() if k != "heads"})
    if not isinstance(roles, dict):
        raise _error(user, "fields", "expected a mapping of role -> list of labels")
    known = {role.value: role for role in LABEL_ROLES}
    by_label: dict[str, Role] = {}
    for name, labels in roles.items():
        if name not in known:
            raise _error(user, name, f"unknown column role; roles are {', '.join(known)}")
        if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels):
            raise _error(user, name, "expected a list of labels")
        for label in labels:
            by_label[label_key(label)] = known[name]
    return by_label


def _error(user: UserFile | None, key: str, reason: str) -> KnowledgeFileError:
    """A bad key of a user's file (naming its line), or of ours (a bug in our data)."""
    return (
        user.error(key, reason) if user else KnowledgeFileError("columns.toml", f"{key}: {reason}")
    )
