"""The command line: parses arguments, calls the library, turns errors into one line.

Exit codes (README "Exit codes"): 0 all converted; 1 some inputs failed (the rest
were written); 2 bad input or usage; 3 an internal error (a bug: rerun with --debug).
"""

from __future__ import annotations

import json
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, TypeVar

import typer
from rich.console import Console

from qingdan.batch import collect_inputs, convert_many, default_jobs, summarize
from qingdan.batch_report import BatchProgress
from qingdan.batch_report import print_summary as print_batch_summary
from qingdan.diff import DEFAULT_THRESHOLD, compare, load_document
from qingdan.diff.render import diff_format_for, write_report
from qingdan.diff.render.terminal import print_summary
from qingdan.extract import READERS, ReadOptions, quiet_third_party_logs, read_document
from qingdan.extract.errors import QingdanError
from qingdan.extract.grid import Cell, Covered
from qingdan.folder_output import folder_files, plan_outputs, refuse_inputs_as_outputs, write_folder
from qingdan.normalize import Knowledge, explain_columns
from qingdan.pipeline import convert
from qingdan.schema import Document, json_schema
from qingdan.workload import attachments_among, count_workload
from qingdan.writers import OutputFormat, render, write_document
from qingdan.writers.workload import workload_format_for, workload_table, write_workload

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from qingdan.sinks.database import LoadResult

T = TypeVar("T")

EXIT_OK, EXIT_SOME_FAILED, EXIT_BAD_INPUT, EXIT_INTERNAL = 0, 1, 2, 3

app = typer.Typer(
    help="Turn Chinese government task-list attachments (工作任务清单) into validated records.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class _State:
    debug = False


# Options shared by several commands, defined once.
ColumnsOption = Annotated[
    Path | None,
    typer.Option("--columns", help="TOML/YAML file of extra column synonyms (field -> labels)."),
]
DepartmentsOption = Annotated[
    Path | None,
    typer.Option("--departments", help="TOML/YAML file of extra department knowledge."),
]
AliasesOption = Annotated[
    Path | None,
    typer.Option(
        "--aliases",
        help="Department aliases: YAML mapping variant -> canonical, or CSV 'variant,canonical'.",
    ),
]
PasswordOption = Annotated[
    str | None,
    typer.Option("--password", help="Password of an encrypted attachment (PDF)."),
]


def _fail(message: str, code: int) -> NoReturn:
    typer.echo(f"qingdan: error: {message}", err=True)
    raise typer.Exit(code)


def _run_safely(what: Path | str, action: Callable[[], T]) -> T:
    """Run one unit of work, mapping our errors and bugs to one line (or a traceback)."""
    try:
        return action()
    except QingdanError as error:
        if _State.debug:
            traceback.print_exc()
        _fail(str(error), EXIT_BAD_INPUT)
    except OSError as error:
        if _State.debug:
            traceback.print_exc()
        _fail(f"{what}: {error.strerror or error}", EXIT_BAD_INPUT)
    except (typer.Exit, KeyboardInterrupt):
        raise
    except Exception as error:
        if _State.debug:
            traceback.print_exc()
        _fail(
            f"{what}: internal error ({type(error).__name__}: {error}); rerun with --debug",
            EXIT_INTERNAL,
        )


@app.callback()
def _main(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")] = False,
) -> None:
    _State.debug = debug
    if not debug:
        quiet_third_party_logs()


def _output_folder(output: str | None, inputs: list[Path]) -> Path | None:
    """The output folder ``-o`` names, if any: a path ending in /, an existing folder, a
    name without a suffix (no file format to write), or any ``-o`` with several inputs."""
    if output is None:
        return None
    path = Path(output)
    is_folder = output.endswith(("/", "\\")) or path.is_dir() or not path.suffix
    return path if is_folder or len(inputs) > 1 else None


JobsOption = Annotated[
    int | None,
    typer.Option("-j", "--jobs", min=1, help="Worker processes; default: the machine's cores."),
]
DbOption = Annotated[
    str | None,
    typer.Option(
        "--db", help="Also load into a database: sqlite:///tasks.db or any SQLAlchemy URL."
    ),
]


@app.command("convert")
def convert_command(
    inputs: Annotated[
        list[Path],
        typer.Argument(
            help=f"Attachments ({' '.join(READERS)}), folders (searched recursively) or globs."
        ),
    ],
    output: Annotated[
        str | None,
        typer.Option(
            "-o",
            "--output",
            help="Output file (.json/.csv/.xlsx), or a folder (ending in / or without suffix).",
        ),
    ] = None,
    output_format: Annotated[
        OutputFormat | None,
        typer.Option("--format", "-f", help="Output format; default: from the -o suffix, or json."),
    ] = None,
    jobs: JobsOption = None,
    db: DbOption = None,
    columns: ColumnsOption = None,
    departments: DepartmentsOption = None,
    aliases: AliasesOption = None,
    password: PasswordOption = None,
) -> None:
    """Convert attachments into records (JSON to stdout for one file when no -o is given)."""
    knowledge = _run_safely("options", lambda: Knowledge.load(columns, departments, aliases))
    options = ReadOptions(password=password)
    folder = _output_folder(output, inputs)
    found = collect_inputs(inputs, exclude=folder)
    named = [*found.files, *(skip.path for skip in found.skipped)]
    if not named:
        _fail("no attachments found in " + ", ".join(map(str, inputs)), EXIT_BAD_INPUT)
    if folder is None and len(named) == 1 and not any(p.is_dir() for p in inputs):
        target = Path(output) if output else None
        _convert_single(named[0], target, output_format, knowledge, options, db)
        return
    if folder is None and db is None:
        _fail("several inputs need an output folder (-o DIR/) or --db", EXIT_BAD_INPUT)
    fmt = output_format or OutputFormat.JSON
    plan = plan_outputs(found.files, folder, fmt) if folder else {}
    if folder is not None:
        _run_safely(folder, lambda: refuse_inputs_as_outputs(folder_files(folder, plan), named))
    engine = _open_database(db) if db else None
    start = time.perf_counter()
    with BatchProgress(len(found.files)) as progress:
        results = convert_many(
            found.files, knowledge, jobs or default_jobs(), progress.advance, options
        )
    if folder is not None:
        _run_safely(folder, lambda: write_folder(folder, plan, fmt, results, found.skipped))
    if engine is not None:
        for result in results:
            if result.document is not None:
                _store(engine, result.path, result.document)
    summary = summarize(results, found.skipped, time.perf_counter() - start)
    print_batch_summary(summary, results, found.skipped)
    if summary.failures:
        raise typer.Exit(EXIT_SOME_FAILED)


def _open_database(url: str) -> Engine:
    """Connect to ``--db``; SQLAlchemy is imported only then (it slows every start-up)."""
    from qingdan.sinks.database import open_database

    return _run_safely("--db", lambda: open_database(url))


def _store(engine: Engine, path: Path, document: Document) -> LoadResult:
    """Load one converted file into the database, mapping errors to one line."""
    from qingdan.sinks.database import load_document

    return _run_safely(path, lambda: load_document(engine, path, document))


def _convert_single(
    path: Path,
    output: Path | None,
    output_format: OutputFormat | None,
    knowledge: Knowledge,
    options: ReadOptions,
    db: str | None,
) -> None:
    """One attachment: JSON to stdout, or the file ``-o`` names; a bad file exits 2."""
    if output is not None:
        _run_safely(output, lambda: refuse_inputs_as_outputs([output], [path]))
    engine = _open_database(db) if db else None
    document = _run_safely(path, lambda: convert(path, knowledge, options))
    if engine is not None:
        loaded = _store(engine, path, document)
        state = "added" if loaded.added else "already stored"
        typer.echo(f"{path} -> --db ({len(document.records)} records, {state})", err=True)
    if output is None:
        if engine is None or output_format is not None:
            sys.stdout.buffer.write(render(document, output_format or OutputFormat.JSON))
        return
    _run_safely(output, lambda: write_document(document, output, output_format))
    typer.echo(f"{path} -> {output} ({len(document.records)} records)", err=True)


@app.command("departments")
def departments_command(
    inputs: Annotated[list[Path], typer.Argument(help="Attachments or folders (globs welcome).")],
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Write the table to FILE.csv or FILE.html instead."),
    ] = None,
    columns: ColumnsOption = None,
    departments: DepartmentsOption = None,
    aliases: AliasesOption = None,
) -> None:
    """Count the tasks each department leads and supports (canonical names, busiest first)."""
    knowledge = _run_safely("options", lambda: Knowledge.load(columns, departments, aliases))
    if output is not None:
        _run_safely(output, lambda: workload_format_for(output))
    readable, skipped = attachments_among(inputs)
    for path in skipped:
        typer.echo(f"qingdan: skipped {path}: not an attachment", err=True)
    if not readable:
        _fail("no attachments found in " + ", ".join(map(str, inputs)), EXIT_BAD_INPUT)
    documents = []
    for path in readable:
        try:
            documents.append(_run_safely(path, lambda p=path: convert(p, knowledge)))  # type: ignore[misc]
        except typer.Exit:
            continue
    load = count_workload(documents)
    if output is None:
        Console().print(workload_table(load))
    else:
        _run_safely(output, lambda: write_workload(load, output))
        typer.echo(f"{len(documents)} attachment(s) -> {output}", err=True)
    if len(documents) < len(readable):
        typer.echo(f"{len(readable) - len(documents)} of {len(readable)} files failed", err=True)
        raise typer.Exit(EXIT_SOME_FAILED)


def _cell_json(cell: Cell) -> str | dict[str, str]:
    """A grid cell as ``qingdan extract`` prints it: its text, or where its merge lies."""
    return {"covered": cell.value} if isinstance(cell, Covered) else cell


@app.command("extract")
def extract_command(
    input_file: Annotated[Path, typer.Argument(help="An attachment.")],
    password: PasswordOption = None,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="Also show each column's role and the evidence it was chosen on.",
        ),
    ] = False,
    columns: ColumnsOption = None,
) -> None:
    """Print the raw grids the reader saw, as JSON (to check why a record came out so)."""
    raw = _run_safely(input_file, lambda: read_document(input_file, ReadOptions(password)))
    tables = [
        {
            "page": next((row.page for row in table.rows if row.page is not None), None),
            "rows": [[_cell_json(cell) for cell in row.cells] for row in table.rows],
        }
        for table in raw.tables
    ]
    shown: dict[str, object] = {"tables": tables}
    if explain:
        knowledge = _run_safely("options", lambda: Knowledge.load(columns))
        shown["columns"] = _run_safely(input_file, lambda: explain_columns(raw, knowledge))
    typer.echo(json.dumps(shown, ensure_ascii=False, indent=2))


@app.command("diff")
def diff_command(
    old: Annotated[
        Path, typer.Argument(help="Last year's list: an attachment or a qingdan .json.")
    ],
    new: Annotated[
        Path, typer.Argument(help="This year's list: an attachment or a qingdan .json.")
    ],
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Report file: .json, .csv, .md or .html."),
    ] = None,
    threshold: Annotated[
        float,
        typer.Option(
            "--threshold",
            min=0.0,
            max=1.0,
            help="Lowest measure similarity (0..1) for two tasks to match; "
            "a pair below it is a removal plus an addition.",
        ),
    ] = DEFAULT_THRESHOLD,
    aliases: AliasesOption = None,
    columns: ColumnsOption = None,
    departments: DepartmentsOption = None,
) -> None:
    """Compare two years' lists: tasks unchanged, modified, removed and added."""
    knowledge = _run_safely("options", lambda: Knowledge.load(columns, departments, aliases))
    if output is not None:
        _run_safely(output, lambda: diff_format_for(output))
    before = _run_safely(old, lambda: load_document(old, knowledge))
    after = _run_safely(new, lambda: load_document(new, knowledge))
    report = _run_safely(old, lambda: compare(before, after, threshold, knowledge.aliases))
    if output is None:
        print_summary(report, Console())
        return
    _run_safely(output, lambda: write_report(report, output))
    counts = report.summary
    typer.echo(
        f"{old} -> {new}: {counts.unchanged} unchanged, {counts.modified} modified, "
        f"{counts.removed} removed, {counts.added} added -> {output}",
        err=True,
    )


@app.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the output document."""
    typer.echo(json.dumps(json_schema(), ensure_ascii=False, indent=2))


def main() -> None:
    """Entry point of the ``qingdan`` command."""
    app()
