"""Converting a one-input plan (``qingdan convert x.pdf -o x.json``, or to stdout).

JSON without ``--db`` is written from the normalizer's task list through
``schema.plain``, streamed into the file, without importing pydantic (the same bytes;
issues 16, 17); every other format goes through the validated ``Document``.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, NamedTuple

from qingdan.inputs import STDIN, sniff_suffix
from qingdan.plan import ConvertPlan, OutputMode
from qingdan.writers import OutputFormat
from qingdan.writers.atomic import atomic_write

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from qingdan.pipeline import Warned
    from qingdan.schema import Document
    from qingdan.workers import Settings


class SingleOutcome(NamedTuple):
    """What converting one input did."""

    path: Path
    file: str
    """The document's file name (``stdin.pdf`` for standard input)."""
    records: int
    warnings: Sequence[Warned]
    stdout: bytes | None = None
    """The rendered document, when it goes to standard output."""
    added: bool | None = None
    """With ``--db``: whether the content was new (``False``: already stored)."""


def run_single(
    plan: ConvertPlan,
    settings: Settings,
    engine: Engine | None = None,
    stdin: BinaryIO | None = None,
    input_format: str | None = None,
) -> SingleOutcome:
    """Convert a one-input plan; its failure raises (a ``QingdanError``: exit 2).

    The input ``-`` is read from ``stdin``; ``input_format`` (``pdf``, ``docx``,
    ``txt`` ...) names its format, else it is sniffed from its first bytes. JSON
    without ``--db`` is written from the normalizer's task list through
    ``schema.plain``, without importing pydantic (the same bytes, issue 16).
    """
    from qingdan.pipeline import own_output, read_task_list, read_task_list_bytes

    path = (plan.inputs.files or [s.path for s in plan.inputs.skipped])[0]
    own = own_output(path, settings.knowledge) if path != STDIN else None
    if own is not None:
        return _deliver(plan, path, own, engine)
    if path == STDIN:
        given = stdin.read() if stdin is not None else b""
        suffix = f".{input_format.lower().lstrip('.')}" if input_format else sniff_suffix(given)
        task_list = read_task_list_bytes(
            given, f"stdin{suffix}", settings.knowledge, settings.options, strict=settings.strict
        )
    else:
        task_list = read_task_list(
            path, settings.knowledge, settings.options, strict=settings.strict
        )
    if plan.fmt is OutputFormat.JSON and engine is None:
        from qingdan.schema.plain import data_json, document_data, write_task_list_json

        outcome = SingleOutcome(path, task_list.file, len(task_list.records), task_list.warnings)
        if plan.mode is OutputMode.FILE and plan.output is not None:
            atomic_write(plan.output, partial(write_task_list_json, task_list))
            return outcome
        return outcome._replace(stdout=data_json(document_data(task_list)))
    from qingdan.schema import from_task_list

    document = from_task_list(task_list)
    del task_list  # the document holds the records now: not both at once (issue 29)
    return _deliver(plan, path, document, engine)


def _deliver(
    plan: ConvertPlan, path: Path, document: Document, engine: Engine | None
) -> SingleOutcome:
    """Write a validated document where the plan says (a file, stdout, --db)."""
    outcome = SingleOutcome(path, document.document.file, len(document.records), document.warnings)
    if engine is not None:
        from qingdan.sinks.database import load_document

        outcome = outcome._replace(added=load_document(engine, path, document).added)
    if plan.mode is OutputMode.FILE and plan.output is not None:
        from qingdan.folder_output import write_output

        write_output(document, plan.output, plan.fmt)
        return outcome
    from qingdan.writers import render

    wants_stdout = engine is None or plan.fmt_given
    return outcome._replace(stdout=render(document, plan.fmt) if wants_stdout else None)
