"""The command line: parses arguments, calls the library, turns errors into one line.

Exit codes (README "Exit codes"): 0 all converted; 1 some inputs failed (the rest
were written); 2 bad input or usage; 3 an internal error (a bug: rerun with --debug).
"""

from __future__ import annotations

import json
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, NoReturn, TypeVar

import typer

from extract import READERS, ReadOptions, read_document
from extract.errors import QingdanError
from normalize import Knowledge
from qingdan.pipeline import convert, find_inputs
from qingdan.writers import OutputFormat, render, write_document
from qingdan.writers.atomic import atomic_write_bytes
from schema import json_schema

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


def _is_folder_output(output: Path | None, inputs: list[Path]) -> bool:
    if output is None:
        return False
    return str(output).endswith(("/", "\\")) or output.is_dir() or len(inputs) > 1


def _unique_name(stem: str, suffix: str, taken: set[str]) -> str:
    name, n = f"{stem}.{suffix}", 2
    while name in taken:
        name, n = f"{stem}-{n}.{suffix}", n + 1
    taken.add(name)
    return name


@app.command("convert")
def convert_command(
    inputs: Annotated[
        list[Path], typer.Argument(help=f"Attachments ({' '.join(READERS)}) or folders.")
    ],
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Output file (.json/.csv) or folder (ending in /)."),
    ] = None,
    output_format: Annotated[
        OutputFormat | None,
        typer.Option("--format", "-f", help="Output format; default: from the -o suffix, or json."),
    ] = None,
    columns: ColumnsOption = None,
    departments: DepartmentsOption = None,
    password: PasswordOption = None,
) -> None:
    """Convert attachments into records (JSON to stdout when no -o is given)."""
    knowledge = _run_safely("options", lambda: Knowledge.load(columns, departments))
    options = ReadOptions(password=password)
    files = find_inputs(inputs)
    if not files:
        _fail("no attachments found in " + ", ".join(map(str, inputs)), EXIT_BAD_INPUT)
    if not _is_folder_output(output, files):
        document = _run_safely(files[0], lambda: convert(files[0], knowledge, options))
        if output is None:
            fmt = output_format or OutputFormat.JSON
            sys.stdout.buffer.write(render(document, fmt))
            return
        _run_safely(output, lambda: write_document(document, output, output_format))
        typer.echo(f"{files[0]} -> {output} ({len(document.records)} records)", err=True)
        return
    assert output is not None
    fmt = output_format or OutputFormat.JSON
    taken: set[str] = set()
    failed = 0
    for path in files:
        target = output / _unique_name(path.stem, fmt.value, taken)
        try:
            document = _run_safely(path, lambda p=path: convert(p, knowledge, options))  # type: ignore[misc]
        except typer.Exit:
            failed += 1
            continue
        atomic_write_bytes(target, render(document, fmt))
        typer.echo(f"{path} -> {target} ({len(document.records)} records)", err=True)
    if failed:
        typer.echo(f"{failed} of {len(files)} files failed", err=True)
        raise typer.Exit(EXIT_SOME_FAILED)


@app.command("extract")
def extract_command(
    input_file: Annotated[Path, typer.Argument(help="An attachment.")],
    password: PasswordOption = None,
) -> None:
    """Print the raw grids the reader saw, as JSON (to check why a record came out so)."""
    raw = _run_safely(input_file, lambda: read_document(input_file, ReadOptions(password)))
    tables = [
        {
            "page": next((row.page for row in table.rows if row.page is not None), None),
            "rows": [["" if cell is None else cell for cell in row.cells] for row in table.rows],
        }
        for table in raw.tables
    ]
    typer.echo(json.dumps({"tables": tables}, ensure_ascii=False, indent=2))


@app.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the output document."""
    typer.echo(json.dumps(json_schema(), ensure_ascii=False, indent=2))


def main() -> None:
    """Entry point of the ``qingdan`` command."""
    app()
