"""Stage 3: the validated output contract (pydantic v2).

``Document`` is what ``qingdan convert`` writes as JSON and what downstream systems
rely on; its keys are a contract (docs/output.md, whose tables are generated from these
models). ``json_schema()`` gives its JSON Schema, committed as
``schema/document.schema.json`` by ``make docs``. ``schema.plain`` builds the same JSON
from the normalizer's dataclasses without pydantic, for the command line's single
conversions.

The models are imported on first use (module ``__getattr__``), so importing
``qingdan.schema.plain`` loads no pydantic.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from qingdan.schema.models import (
        FLAT_FIELDS,
        PRINTED_AT,
        READ_FIELDS,
        Column,
        Document,
        DocumentInfo,
        DocumentStream,
        DueKind,
        Record,
        SourceCell,
        Warning,
        from_task_list,
        from_task_stream,
        json_schema,
        with_source,
    )
    from qingdan.schema.warning_codes import WarningCode

__all__ = [
    "FLAT_FIELDS",
    "PRINTED_AT",
    "READ_FIELDS",
    "Column",
    "Document",
    "DocumentInfo",
    "DocumentStream",
    "DueKind",
    "Record",
    "SourceCell",
    "Warning",
    "WarningCode",
    "from_task_list",
    "from_task_stream",
    "json_schema",
    "with_source",
]


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module("qingdan.schema.models"), name)
    globals()[name] = value
    return value
