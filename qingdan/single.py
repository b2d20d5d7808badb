"""Converting a one-input plan (``qingdan convert x.pdf -o x.json``, or to stdout).

JSON without ``--db`` is written from the normalizer's task list through
``schema.plain``, without importing pydantic (the same bytes; issues 16, 17); every
other format goes through the validated models. An output file (without ``--db``)
takes the records one at a time as they are made (issue 29).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, NamedTuple

from qingdan.inputs import STDIN, sniff_suffix
from qingdan.plan import ConvertPlan, OutputMode
from qingdan.writers import OutputFormat
from qingdan.writers.atomic import atomic_write

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from qingdan.normalize.model import TaskRecord, TaskStream
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
    from qingdan.pipeline import own_output, read_task_stream, read_task_stream_bytes

    path = (plan.inputs.files or [s.path for s in plan.inputs.skipped])[0]
    own = own_output(path, settings.knowledge) if path != STDIN else None
    if own is not None:
        return _deliver(plan, path, own, engine)
    if path == STDIN:
        given = stdin.read() if stdin is not None else b""
        suffix = f".{input_format.lower().lstrip('.')}" if input_format else sniff_suffix(given)
        stream = read_task_stream_bytes(
            given, f"stdin{suffix}", settings.knowledge, settings.options, strict=settings.strict
        )
        del given
    else:
        stream = read_task_stream(
            path, settings.knowledge, settings.options, strict=settings.strict
        )
    if engine is None and plan.mode is OutputMode.FILE and plan.output is not None:
        return _stream_to_file(path, stream, plan.output, plan.fmt)
    task_list = stream.collect()
    if plan.fmt is OutputFormat.JSON and engine is None:
        from qingdan.schema.plain import data_json, document_data

        outcome = SingleOutcome(path, task_list.file, len(task_list.records), task_list.warnings)
        return outcome._replace(stdout=data_json(document_data(task_list)))
    from qingdan.schema import from_task_list

    document = from_task_list(task_list)
    del task_list  # the document holds the records now: not both at once (issue 29)
    return _deliver(plan, path, document, engine)


def _stream_to_file(
    path: Path, stream: TaskStream, output: Path, fmt: OutputFormat
) -> SingleOutcome:
    """Write one input's records into its output file as they are made (issue 29: a
    long list is never held whole); JSON through ``schema.plain`` (no pydantic, issue
    16), every other format through the validated ``DocumentStream``."""
    made = 0

    def counted() -> Iterator[TaskRecord]:
        nonlocal made
        for record in stream.records:
            made += 1
            yield record

    counting = stream._replace(records=counted())
    if fmt is OutputFormat.JSON:
        from qingdan.schema.plain import write_stream_json

        atomic_write(output, lambda out: write_stream_json(counting, out))
    else:
        from qingdan.folder_output import write_output
        from qingdan.schema import from_task_stream

        write_output(from_task_stream(counting), output, fmt)
    return SingleOutcome(path, stream.head.file, made, stream.warnings)


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
