"""The command line: parses arguments, calls one library function per command, and
turns errors into one line.

Exit codes (docs/cli.md): 0 all converted; 1 some inputs failed or were not done
(the rest were written); 2 bad input or usage; 3 an internal error (a bug: rerun
with --debug); 130 interrupted (Ctrl-C; what finished is kept).

Only the command line's own needs are imported at start-up (typer, rich); each
command imports the library parts it uses when it runs (issue 16).
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, TypeVar

import typer

from qingdan.extract import READERS
from qingdan.extract.errors import QingdanError
from qingdan.extract.grid import Cell, Covered
from qingdan.extract.logs import let_third_party_logs_through, quiet_third_party_logs
from qingdan.writers import OutputFormat

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from qingdan.batch import ConvertPlan, Settings, Warned
    from qingdan.normalize import Knowledge
    from qingdan.schema import Document

T = TypeVar("T")

EXIT_OK, EXIT_SOME_FAILED, EXIT_BAD_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_INTERRUPTED = 130
"""Ctrl-C: the shell's code for a process ended by SIGINT (128 + 2)."""

LOG = logging.getLogger("qingdan")

app = typer.Typer(
    help="Turn Chinese government task-list attachments (工作任务清单) into validated records.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

GLOBAL_FLAGS = frozenset({"--debug", "-q", "--quiet", "-v", "--verbose", "-vv"})
"""Options accepted anywhere on the command line (moved before the command)."""


class _State:
    debug = False


class _EchoHandler(logging.Handler):
    """Log records as plain lines on stderr (the stream typer's runner captures)."""

    def emit(self, record: logging.LogRecord) -> None:
        typer.echo(self.format(record), err=True)


def _ours(record: logging.LogRecord) -> bool:
    return record.name == "qingdan" or record.name.startswith("qingdan.")


def configure_logging(verbosity: int, debug: bool) -> None:
    """Send qingdan's log lines to stderr: ``-q`` warnings only, default progress too,
    ``-v`` everything. Other libraries' loggers (pdfminer's) are silent unless
    ``--debug``. Only the command line configures logging; the library never does."""
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, _EchoHandler)]:
        root.removeHandler(handler)
    handler = _EchoHandler()
    handler.setFormatter(logging.Formatter("%(message)s"))
    if debug:
        let_third_party_logs_through()
    else:
        handler.addFilter(_ours)
        quiet_third_party_logs()
    root.addHandler(handler)
    root.setLevel(logging.WARNING)
    levels = {-1: logging.WARNING, 0: logging.INFO}
    LOG.setLevel(logging.DEBUG if debug else levels.get(verbosity, logging.DEBUG))


def hoist_global_options(argv: Sequence[str]) -> list[str]:
    """``argv`` with ``--debug``, ``-q`` and ``-v`` moved to the front, so that they
    work anywhere on the line (``qingdan convert x --debug``); nothing after ``--`` moves."""
    args = list(argv)
    end = args.index("--") if "--" in args else len(args)
    flags = [a for a in args[:end] if a in GLOBAL_FLAGS]
    rest = [a for a in args[:end] if a not in GLOBAL_FLAGS]
    return [*flags, *rest, *args[end:]]


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


def _version(value: bool) -> None:
    if value:
        import qingdan

        typer.echo(f"qingdan {qingdan.__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    debug: Annotated[
        bool, typer.Option("--debug", help="Show tracebacks and other libraries' logs.")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("-q", "--quiet", help="Only warnings and errors on stderr.")
    ] = False,
    verbose: Annotated[
        int, typer.Option("-v", "--verbose", count=True, help="More detail on stderr.")
    ] = 0,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    _State.debug = debug
    configure_logging(-1 if quiet else verbose, debug)


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


class PdfEngine(StrEnum):
    """The engines that can read a PDF (``qingdan.extract.pdf.ENGINES``)."""

    pdfium = "pdfium"
    pdfplumber = "pdfplumber"


PdfEngineOption = Annotated[
    PdfEngine,
    typer.Option(
        "--pdf-engine",
        help="PDF engine: pdfium (fast, default) or pdfplumber; a file PDFium cannot "
        "open is read with pdfplumber.",
    ),
]
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


def _knowledge(columns: Path | None, departments: Path | None, aliases: Path | None) -> Knowledge:
    from qingdan.normalize import Knowledge

    return _run_safely("options", lambda: Knowledge.load(columns, departments, aliases))


@app.command("convert")
def convert_command(
    inputs: Annotated[
        list[Path],
        typer.Argument(
            help=f"Attachments ({' '.join(READERS)}), folders (searched recursively), "
            "globs, or - for standard input."
        ),
    ],
    output: Annotated[
        str | None,
        typer.Option(
            "-o",
            "--output",
            help="Output file (.json/.csv/.xlsx/.jsonl; one combined file for several "
            "inputs), or a folder (ending in / or existing).",
        ),
    ] = None,
    output_format: Annotated[
        OutputFormat | None,
        typer.Option("--format", "-f", help="Output format; default: from the -o suffix, or json."),
    ] = None,
    input_format: Annotated[
        str | None,
        typer.Option(
            "--input-format",
            help="Format of standard input (txt, csv, docx, pdf); default: sniffed.",
        ),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict", help="Fail documents whose column roles are in doubt (column-roles)."
        ),
    ] = False,
    resume: Annotated[
        bool,
        typer.Option(
            "--resume", help="Folder mode: keep outputs already made from the same content."
        ),
    ] = False,
    no_formula_guard: Annotated[
        bool,
        typer.Option(
            "--no-formula-guard",
            help="Write CSV cells starting with = + - @ as they are (for pandas, not Excel).",
        ),
    ] = False,
    jobs: JobsOption = None,
    db: DbOption = None,
    columns: ColumnsOption = None,
    departments: DepartmentsOption = None,
    aliases: AliasesOption = None,
    password: PasswordOption = None,
    pdf_engine: PdfEngineOption = PdfEngine.pdfium,
) -> None:
    """Convert attachments into records (JSON to stdout for one file when no -o is given)."""
    from qingdan.batch import Settings, open_engine, plan_convert
    from qingdan.extract import ReadOptions
    from qingdan.writers.formula_guard import guard_off

    knowledge = _knowledge(columns, departments, aliases)
    settings = Settings(knowledge, ReadOptions(password, pdf_engine.value), strict)
    plan = _run_safely("-o", lambda: plan_convert(inputs, output, output_format, db, resume))
    engine = _run_safely("--db", lambda: open_engine(plan))
    try:
        if no_formula_guard:
            with guard_off():
                _convert(plan, settings, engine, input_format, jobs)
        else:
            _convert(plan, settings, engine, input_format, jobs)
    except KeyboardInterrupt:
        kept = " (what finished is kept; see errors.json)" if not plan.single else ""
        typer.echo(f"qingdan: interrupted{kept}", err=True)
        raise typer.Exit(EXIT_INTERRUPTED) from None


def _convert(
    plan: ConvertPlan,
    settings: Settings,
    engine: Engine | None,
    input_format: str | None,
    jobs: int | None,
) -> None:
    from qingdan.batch import run_single

    if plan.single:
        path = (plan.inputs.files or [s.path for s in plan.inputs.skipped])[0]
        done = _run_safely(
            path, lambda: run_single(plan, settings, engine, sys.stdin.buffer, input_format)
        )
        if done.stdout is not None:
            sys.stdout.buffer.write(done.stdout)
        if done.added is not None:
            state = "added" if done.added else "already stored"
            LOG.info(f"{done.path} -> --db ({done.records} records, {state})")
        if plan.output is not None:
            LOG.info(f"{done.path} -> {plan.output} ({done.records} records)")
        _warn_about_one(done.file, done.warnings)
        return
    _convert_batch(plan, settings, engine, jobs)


def _convert_batch(
    plan: ConvertPlan, settings: Settings, engine: Engine | None, jobs: int | None
) -> None:
    from qingdan.batch import default_jobs, run_batch
    from qingdan.batch_report import BatchProgress, print_summary

    quiet = not LOG.isEnabledFor(logging.INFO)
    with BatchProgress(len(plan.inputs.files), enabled=not quiet) as progress:
        outcome = run_batch(plan, settings, jobs or default_jobs(), progress.advance, engine)
    if not quiet:
        print_summary(outcome.summary, outcome.results, outcome.skipped, ignored=outcome.ignored)
    _warn_about(outcome.documents)
    if outcome.summary.failures or outcome.summary.not_done:
        raise typer.Exit(EXIT_SOME_FAILED)


def _warn_about(documents: Sequence[Document]) -> None:
    """``_warn_about_one`` for each document."""
    for document in documents:
        _warn_about_one(document.document.file, document.warnings)


def _warn_about_one(file: str, warnings: Sequence[Warned]) -> None:
    """One stderr line for a document with warnings: how many, the first code, and the
    first doubt about its column roles (``--strict`` would fail it) when there is one."""
    from qingdan.pipeline import STRICT_CODES

    if not warnings:
        return
    count, first = len(warnings), warnings[0]
    line = f"qingdan: warning: {file}: {count} warning(s), first: {first.code} ({first.message})"
    doubt = next((w for w in warnings if w.code in STRICT_CODES), None)
    if doubt is not None and doubt is not first:
        line += f"; doubt: {doubt.code} ({doubt.message})"
    LOG.warning(line)


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
    from rich.console import Console

    from qingdan.workload import workload_of
    from qingdan.writers.workload import workload_format_for, workload_table, write_workload

    knowledge = _knowledge(columns, departments, aliases)
    if output is not None:
        _run_safely(output, lambda: workload_format_for(output))
    run = workload_of(inputs, knowledge)
    for path in run.skipped:
        LOG.info(f"qingdan: skipped {path}: not an attachment")
    if not run.failed and not len(run.documents):
        _fail("no attachments found in " + ", ".join(map(str, inputs)), EXIT_BAD_INPUT)
    for failure in run.failed:
        typer.echo(f"qingdan: error: {failure.path}: {failure.reason}", err=True)
    if output is None:
        Console().print(workload_table(run.load))
    else:
        _run_safely(output, lambda: write_workload(run.load, output))
        LOG.info(f"{len(run.documents)} attachment(s) -> {output}")
    _warn_about(run.documents)
    if run.failed:
        total = len(run.documents) + len(run.failed)
        typer.echo(f"{len(run.failed)} of {total} files failed", err=True)
        raise typer.Exit(EXIT_SOME_FAILED)


def _cell_json(cell: Cell) -> str | dict[str, str]:
    """A grid cell as ``qingdan extract`` prints it: its text, or where its merge lies."""
    return {"covered": cell.value} if isinstance(cell, Covered) else cell


@app.command("extract")
def extract_command(
    input_file: Annotated[Path, typer.Argument(help="An attachment.")],
    password: PasswordOption = None,
    pdf_engine: PdfEngineOption = PdfEngine.pdfium,
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
    import json

    from qingdan.extract import ReadOptions, read_document

    options = ReadOptions(password, pdf_engine.value)
    raw = _run_safely(input_file, lambda: read_document(input_file, options))
    tables = [
        {
            "page": next((row.page for row in table.rows if row.page is not None), None),
            "rows": [[_cell_json(cell) for cell in row.cells] for row in table.rows],
        }
        for table in raw.tables
    ]
    shown: dict[str, object] = {"tables": tables}
    if explain:
        from qingdan.normalize import explain_columns

        knowledge = _knowledge(columns, None, None)
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
        float | None,
        typer.Option(
            "--threshold",
            min=0.0,
            max=1.0,
            help="Lowest measure similarity (0..1) for two tasks to match; "
            "a pair below it is a removal plus an addition. Default: 0.5.",
        ),
    ] = None,
    aliases: AliasesOption = None,
    columns: ColumnsOption = None,
    departments: DepartmentsOption = None,
) -> None:
    """Compare two years' lists: tasks unchanged, modified, removed and added."""
    from rich.console import Console

    from qingdan.diff import DEFAULT_THRESHOLD, compare, load_document
    from qingdan.diff.render import diff_format_for, write_report
    from qingdan.diff.render.terminal import print_summary

    knowledge = _knowledge(columns, departments, aliases)
    if output is not None:
        _run_safely(output, lambda: diff_format_for(output))
    before = _run_safely(old, lambda: load_document(old, knowledge))
    after = _run_safely(new, lambda: load_document(new, knowledge))
    lowest = DEFAULT_THRESHOLD if threshold is None else threshold
    report = _run_safely(old, lambda: compare(before, after, lowest, knowledge.aliases))
    _warn_about([before, after])
    if output is None:
        print_summary(report, Console())
        return
    _run_safely(output, lambda: write_report(report, output))
    counts = report.summary
    LOG.info(
        f"{old} -> {new}: {counts.unchanged} unchanged, {counts.modified} modified, "
        f"{counts.removed} removed, {counts.added} added -> {output}"
    )


@app.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the output document."""
    import json

    from qingdan.schema import json_schema

    typer.echo(json.dumps(json_schema(), ensure_ascii=False, indent=2))


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the ``qingdan`` command (``argv``: the arguments, default sys.argv)."""
    args = hoist_global_options(sys.argv[1:] if argv is None else argv)
    app(args=args, prog_name="qingdan")
