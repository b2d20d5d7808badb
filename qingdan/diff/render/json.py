"""The diff report as JSON: the keys of ``DiffReport``, UTF-8, Chinese kept as written."""

from __future__ import annotations

import json

from qingdan.diff.model import DiffReport


def report_json(report: DiffReport) -> bytes:
    """The report as indented UTF-8 JSON with a final newline."""
    data = report.model_dump(mode="json")
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
