"""Collective unit names: 各 + levels [+ organ], a unit or a scope + a tail.

各乡镇, 各乡镇人民政府, 各镇（街道）, 各有关单位; 县食安委成员单位 (a coordinating body's
members), 县政府有关部门 (a government's departments), 区直各有关部门 and 全县X各专班 (a
scope). Read under ``UnitModel``; the words are data (``data/units.toml``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from qingdan.normalize.text import IDEOGRAPHS
from qingdan.normalize.units.reading import (
    COLLECTIVE_COST,
    GENERIC_COST,
    MEMBERS_COST,
    TAIL_ALONE,
    UNKNOWN,
    Kind,
    Reading,
    cheaper,
)

if TYPE_CHECKING:
    from qingdan.normalize.units.model import UnitModel


def read_collective(model: UnitModel, text: str) -> Reading:
    """How a piece reads as a collective (各X, X成员单位, 区直各有关部门); UNKNOWN if not."""
    best = UNKNOWN
    for head in model.collective_heads:
        rest = text[len(head) :]
        if text.startswith(head) and rest:
            best = cheaper(best, _read_each(model, rest))
    for tail in model.tails_ending(text):
        if text.endswith(tail):
            best = cheaper(best, _read_tail(model, text[: -len(tail)], tail))
    return best


def _read_each(model: UnitModel, rest: str) -> Reading:
    """各 + levels [+ an organ] (各乡镇, 各乡镇人民政府), or 各 + a tail (各有关单位).

    The organ after the levels is one every level has (人民政府, 党委, 卫生院): a
    branch with its own place is another name (各乡镇 + 生态环境X分局).
    """
    if model.is_level_run(rest) or rest in model.collective_tails:
        return Reading(Kind.COLLECTIVE, COLLECTIVE_COST)
    levels = max((k for k in range(1, len(rest)) if model.is_level_run(rest[:k])), default=0)
    if levels == 0:
        inner = model.read(rest)
        if inner.kind in (Kind.ORGAN, Kind.GENERIC, Kind.WHOLE):
            return Reading(Kind.COLLECTIVE, COLLECTIVE_COST + inner.cost)
        return UNKNOWN
    body = rest[levels:]
    if max(model.prefix_ends(body)) > 0:
        return UNKNOWN  # 各镇 + X镇党委: a unit with its own place is another name
    if body in model.organs or body in model.committees:
        return Reading(Kind.COLLECTIVE, COLLECTIVE_COST)
    generic = model.generic_body(body, has_prefix=True)
    if generic is not None and not body.endswith(model.branch_suffixes):
        return Reading(Kind.COLLECTIVE, COLLECTIVE_COST + generic.cost)
    return UNKNOWN


def _read_tail(model: UnitModel, head: str, tail: str) -> Reading:
    """A unit or a scope + a tail (县食安委成员单位, 区直各有关部门, 县政府有关部门)."""
    if not head:
        return Reading(Kind.COLLECTIVE, TAIL_ALONE)
    if _is_scope(model, head):
        return Reading(Kind.COLLECTIVE, COLLECTIVE_COST)
    if _is_scoped_topic(model, head):
        return Reading(Kind.COLLECTIVE, GENERIC_COST)
    owners = model.member_owners if tail in model.member_tails else model.department_owners
    if not head.endswith(owners) and not _is_committee(model, head):
        return UNKNOWN
    inner = model.read(head)
    if inner.kind.is_name and inner.kind is not Kind.COLLECTIVE:
        return Reading(Kind.COLLECTIVE, MEMBERS_COST + inner.cost)
    return UNKNOWN


def _is_committee(model: UnitModel, head: str) -> bool:
    """县委, X市委, 镇党委: a level or place and its party committee."""
    for committee in model.committees:
        if head.endswith(committee):
            prefixes = model.prefix_ends(head[: -len(committee)])
            if prefixes.get(len(head) - len(committee), (0.0, ""))[1] in ("level", "place"):
                return True
    return False


def _is_scope(model: UnitModel, head: str) -> bool:
    """区直, 县直属, 全县, 本市, 县 (县有关部门): the reach of a collective."""
    if model.is_level_run(head):
        return True
    for mark in model.scope_marks:
        if head.endswith(mark) and model.is_level_run(head[: -len(mark)]):
            return True
    return any(
        head.startswith(o) and model.is_level_run(head[len(o) :]) for o in model.scope_openers
    )


def _is_scoped_topic(model: UnitModel, head: str) -> bool:
    """全县招商引资 (全县招商引资各专班): a scope, then what the group works on."""
    for opener in model.scope_openers:
        if not head.startswith(opener):
            continue
        for level in model.levels:
            topic = head[len(opener) + len(level) :]
            if head[len(opener) :].startswith(level) and 0 < len(topic) <= 10:
                return bool(IDEOGRAPHS.match(topic))
    return False
