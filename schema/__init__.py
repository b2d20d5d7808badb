"""Stage 3: the validated output contract (pydantic v2).

``Document`` is what ``qingdan convert`` writes as JSON and what downstream systems
rely on; its keys are a contract (see README "Output contract"). ``json_schema()``
gives its JSON Schema.
"""

from __future__ import annotations

from qingdan.schema.models import (
    Column,
    Document,
    DocumentInfo,
    DueKind,
    Record,
    Warning,
    from_task_list,
    json_schema,
)

__all__ = [
    "Column",
    "Document",
    "DocumentInfo",
    "DueKind",
    "Record",
    "Warning",
    "from_task_list",
    "json_schema",
]
