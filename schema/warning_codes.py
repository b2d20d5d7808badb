"""``WarningCode``: every code a document's warnings can carry, the contract's one list.

The codes are declared where they are emitted (one-way flow: a reader cannot import
``schema``): ``extract.notice_codes.NoticeCode`` for what readers notice and
``normalize.warning_codes.NormalizeCode`` for what the normalizer could not settle.
``WarningCode`` is built from the two, member for member, with their descriptions, so
the output contract, its JSON Schema and the docs' warning table cannot drift from what
the code emits.
"""

from __future__ import annotations

from enum import StrEnum

from qingdan.extract.notice_codes import NoticeCode
from qingdan.normalize.warning_codes import NormalizeCode

SOURCES: tuple[type[StrEnum], ...] = (NoticeCode, NormalizeCode)
"""The enums of the stages that emit warnings, in pipeline order."""

_MEMBERS = [member for source in SOURCES for member in source]

WarningCode = StrEnum(  # type: ignore[misc]  # the members come from SOURCES
    "WarningCode", [(member.name, member.value) for member in _MEMBERS], module=__name__
)
WarningCode.__doc__ = "A warning's code: what kind of thing in the document needs a look."
for _source in _MEMBERS:
    WarningCode(_source.value).__doc__ = _source.__doc__


def describe(code: str) -> str:
    """What a warning code means, as the docs' warning table gives it."""
    return WarningCode(code).__doc__ or ""


__all__ = ["SOURCES", "WarningCode", "describe"]
