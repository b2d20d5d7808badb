"""qingdan: turn Chinese government task-list attachments into validated records.

>>> import qingdan
>>> doc = qingdan.convert("samples/000_eaf823a1ce4555f0.txt")
>>> len(doc.records)
15

The names below are imported on first use (module ``__getattr__``), so ``import
qingdan`` (and the command line's start-up) loads nothing it does not need.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    __version__: str
    from qingdan.extract.errors import QingdanError
    from qingdan.normalize import Knowledge
    from qingdan.pipeline import DoubtfulDocument, convert
    from qingdan.schema import Document, Record, json_schema
    from qingdan.workload import Workload, workload

_LAZY = {
    "Document": "qingdan.schema",
    "DoubtfulDocument": "qingdan.pipeline",
    "Knowledge": "qingdan.normalize",
    "QingdanError": "qingdan.extract.errors",
    "Record": "qingdan.schema",
    "Workload": "qingdan.workload",
    "convert": "qingdan.pipeline",
    "json_schema": "qingdan.schema",
    "workload": "qingdan.workload",
}
"""Public name -> the module that defines it."""


def _version() -> str:
    """The installed distribution's version: one place, ``pyproject.toml``."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("qingdan")
    except PackageNotFoundError:  # pragma: no cover - a source tree never installed
        return "0+unknown"


def __getattr__(name: str) -> Any:
    """Import a public name's module the first time the name is used."""
    if name == "__version__":
        globals()[name] = _version()
        return globals()[name]
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'qingdan' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY, "__version__"])


__all__ = [
    "Document",
    "DoubtfulDocument",
    "Knowledge",
    "QingdanError",
    "Record",
    "Workload",
    "__version__",
    "convert",
    "json_schema",
    "workload",
]
