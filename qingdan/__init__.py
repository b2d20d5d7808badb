"""qingdan: turn Chinese government task-list attachments into validated records.

>>> import qingdan
>>> doc = qingdan.convert("samples/000_eaf823a1ce4555f0.txt")
>>> len(doc.records)
15
"""

from __future__ import annotations

from qingdan.extract.errors import QingdanError
from qingdan.normalize import Knowledge
from qingdan.pipeline import convert
from qingdan.schema import Document, Record, json_schema
from qingdan.workload import Workload, workload

__all__ = [
    "Document",
    "Knowledge",
    "QingdanError",
    "Record",
    "Workload",
    "convert",
    "json_schema",
    "workload",
]
