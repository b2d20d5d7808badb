"""The command line: parses arguments, calls one library function per command, and
turns errors into one line.

Exit codes (docs/cli.md): 0 all converted; 1 some inputs failed or were not done
(the rest were written); 2 bad input or usage; 3 an internal error (a bug: rerun
with --debug); 130 interrupted (Ctrl-C; what finished is kept).

The parser is the standard library's argparse: start-up imports nothing but the
command line's own needs, and each command imports the library parts it uses when it
runs (issue 16). The commands are registered in ``COMMANDS``; only the parser of the
command being run is built.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, NoReturn, TypeVar

from qingdan.cli_logging import configure_logging, echo
from qingdan.cli_parsing import (
    EXIT_USAGE,
    GLOBAL_FLAGS,
    Parser,
    VersionAction,
    at_least_one,
    choice,
    command_list,
    fraction,
    hoist_global_options,
    parse_command,
    split_command,
)
from qingdan.extract import supported_suffixes
from qingdan.extract.errors import QingdanError
from qingdan.extract.grid import Cell, Covered
from qingdan.writers import OutputFormat

__all__ = [
    "COMMANDS",
    "GLOBAL_FLAGS",
    "configure_logging",
    "hoist_global_options",
    "main",
    "run",
]

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from qingdan.extract.grid import RawDocument
    from qingdan.normalize import Knowledge
    from qingdan.pipeline import Warned
    from qingdan.plan import ConvertPlan
    from qingdan.schema import Document
    from qingdan.workers import Settings

T = TypeVar("T")

EXIT_OK, EXIT_SOME_FAILED, EXIT_BAD_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_INTERRUPTED = 130
"""Ctrl-C: the shell's code for a process ended by SIGINT (128 + 2)."""

LOG = logging.getLogger("qingdan")
PROG = "qingdan"
SUMMARY = "把政府工作任务清单的附件转换为经过校验的记录。"


class _State:
    debug = False


ERROR_PREFIX, WARNING_PREFIX = "qingdan: 错误: ", "qingdan: 警告: "
"""How the CLI's one-line errors and warnings start on stderr."""


def _fail(message: str, code: int) -> NoReturn:
    echo(ERROR_PREFIX + message, err=True)
    raise SystemExit(code)


def _said(where: Path | str | None, kind: str, reason: str) -> str:
    """``FILE: 原因``: a reason as a person reads it (``reason_text``), after its file."""
    from qingdan.writers.reason_text import reason_text

    text = reason_text(kind, reason)
    return f"{where}: {text}" if where is not None else text


def _run_safely(what: Path | str, action: Callable[[], T]) -> T:
    """Run one unit of work, mapping our errors and bugs to one line (or a traceback)."""
    try:
        return action()
    except QingdanError as error:
        if _State.debug:
            traceback.print_exc()
        _fail(_said(error.path, type(error).__name__, error.reason), EXIT_BAD_INPUT)
    except OSError as error:
        if _State.debug:
            traceback.print_exc()
        _fail(_said(what, type(error).__name__, str(error.strerror or error)), EXIT_BAD_INPUT)
    except Exception as error:
        if _State.debug:
            traceback.print_exc()
        _fail(
            f"{what}: 内部错误（{type(error).__name__}: {error}），"
            "请加 `--debug` 重新运行并报告此问题",
            EXIT_INTERNAL,
        )


class PdfEngine(StrEnum):
    """The engines that can read a PDF (``qingdan.extract.pdf.reader.ENGINES``)."""

    pdfium = "pdfium"
    pdfplumber = "pdfplumber"


# Options shared by several commands, defined once: the user's knowledge files, one per
# vocabulary of ``qingdan.normalize.knowledge.VOCABULARIES`` (a test keeps the two one;
# the CLI does not import the normalizer to start).
KNOWLEDGE_FILES = {
    "columns": "补充列名同义词的 TOML/YAML 文件（字段 -> 列名）。",
    "departments": "补充部门知识的 TOML/YAML 文件。",
    "aliases": "部门别名：YAML 映射（写法 -> 规范名称），或 CSV「写法,规范名称」。",
    "deadlines": "补充期限用语的 TOML/YAML 文件（键同 deadlines.toml：seasons、"
    "relative_years、events……）。",
    "responsibility": "补充责任单元格中角色用语的 TOML/YAML 文件。",
    "lookalikes": "补充 OCR 形近字对的 TOML/YAML 文件（[[swap]] 的 read、meant、between）。",
    "notes": "补充表下注释开头用语与表下落款标签（制表人、联系人……）的 TOML/YAML 文件。",
    "cells": "补充非任务单元格用语（数量、地点、领导）的 TOML/YAML 文件。",
    "paragraphs": "补充段落式清单用语（分节牵头、报告期、整改状态句）的 TOML/YAML 文件。",
    "titles": "补充标题用语（清单名称、任务清单、进展报告、整改报告）的 TOML/YAML 文件。",
}
"""Knowledge-file option (``--NAME FILE``) -> its help."""


def _add_knowledge(parser: Parser) -> None:
    """The ``--columns``, ``--deadlines`` … options: one file per vocabulary."""
    group = parser.add_argument_group("知识文件（各自合并到内置知识之上）")
    for name, help_text in KNOWLEDGE_FILES.items():
        group.add_argument(f"--{name}", type=Path, metavar="FILE", help=help_text)


def _add_reading(parser: Parser) -> None:
    parser.options.add_argument("--password", help="加密附件（PDF）的密码。", metavar="TEXT")
    parser.options.add_argument(
        "--pdf-engine",
        type=choice(PdfEngine),
        choices=list(PdfEngine),
        default=PdfEngine.pdfium,
        help="PDF 引擎：pdfium（快，默认）或 pdfplumber；PDFium 打不开的文件改用 pdfplumber 读取。",
    )


def _knowledge(args: argparse.Namespace) -> Knowledge:
    """The run's knowledge: the built-in vocabularies and the user's files given."""
    from qingdan.normalize import Knowledge

    files = {name: getattr(args, name) for name in KNOWLEDGE_FILES}
    return _run_safely("options", lambda: Knowledge.load(**files))


# --- convert --------------------------------------------------------------------------


def _convert_arguments(parser: Parser) -> None:
    parser.arguments.add_argument(
        "inputs",
        nargs="+",
        type=Path,
        metavar="INPUT",
        help=f"附件（{' '.join(supported_suffixes())}）、文件夹（递归查找）、通配符，"
        "或 - 表示标准输入。",
    )
    options = parser.options
    options.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        help="输出文件（.json/.csv/.xlsx/.jsonl；多个输入合成一个文件），"
        "或文件夹（以 / 结尾或已存在）。",
    )
    options.add_argument(
        "-f",
        "--format",
        dest="output_format",
        type=choice(OutputFormat),
        choices=list(OutputFormat),
        help="输出格式；默认：由 -o 的后缀决定，否则为 json。",
    )
    options.add_argument(
        "--input-format",
        metavar="FORMAT",
        help="标准输入的格式（txt、csv、docx、pdf）；默认：自动识别。",
    )
    options.add_argument(
        "--strict",
        action="store_true",
        help="列的角色存疑（警告 `column-roles`）的文档按失败处理。",
    )
    options.add_argument(
        "--resume",
        action="store_true",
        help="文件夹模式：保留此前由相同内容生成的输出。",
    )
    options.add_argument(
        "--no-formula-guard",
        action="store_true",
        help="以 = + - @ 开头的 CSV 单元格按原样写出（供 pandas 读取，不供 Excel 打开）。",
    )
    options.add_argument(
        "--export-columns",
        type=Path,
        metavar="FILE",
        help="按另一系统的列写 CSV/XLSX：记录字段 -> 列名的 TOML 文件，"
        "按写出的顺序排列（docs/output.md）。",
    )
    options.add_argument(
        "-j",
        "--jobs",
        type=at_least_one,
        metavar="N",
        help="工作进程数（至少 1）；默认：空闲的核数（本进程可用的核数减去平均负载）。",
    )
    options.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="在 Dask 集群上转换一批文件：tcp://HOST:8786，或 local（本机 -j 个进程的 "
        "LocalCluster）；默认：$QINGDAN_SCHEDULER。需要 qingdan[dask]。",
    )
    options.add_argument(
        "--scheduler-security",
        metavar="ca=PATH,cert=PATH,key=PATH",
        help="tls:// 调度器的 TLS 文件；默认：$QINGDAN_SCHEDULER_SECURITY，"
        "否则用 dask 自己的配置。",
    )
    options.add_argument(
        "--db",
        metavar="URL",
        help="同时载入数据库：sqlite:///tasks.db 或任一 SQLAlchemy 数据库地址。",
    )
    _add_knowledge(parser)
    _add_reading(parser)


def convert_command(args: argparse.Namespace) -> None:
    """Convert attachments into records (JSON to stdout for one file when no -o is given)."""
    from qingdan.extract import ReadOptions
    from qingdan.plan import open_engine, plan_convert, refuse_binary_to_terminal
    from qingdan.workers import Settings

    knowledge = _knowledge(args)
    settings = Settings(knowledge, ReadOptions(args.password, args.pdf_engine.value), args.strict)
    plan = _run_safely(
        "-o",
        lambda: plan_convert(args.inputs, args.output, args.output_format, args.db, args.resume),
    )
    _run_safely("-f", lambda: refuse_binary_to_terminal(plan, sys.stdout.isatty()))
    engine = _run_safely("--db", lambda: open_engine(plan))
    try:
        with _writing_options(args, plan):
            _convert(plan, settings, engine, args)
    except KeyboardInterrupt:
        kept = "（已完成的部分保留，未完成的见 errors.json）" if not plan.single else ""
        echo(f"qingdan: 已中断{kept}", err=True)
        raise SystemExit(EXIT_INTERRUPTED) from None


def _writing_options(args: argparse.Namespace, plan: ConvertPlan) -> ExitStack:
    """The CSV/XLSX writers' options for the run: ``--no-formula-guard``, ``--export-columns``."""
    stack = ExitStack()
    if args.no_formula_guard:
        from qingdan.writers.formula_guard import guard_off

        stack.enter_context(guard_off())
    export: Path | None = args.export_columns
    if export is not None:
        from qingdan.writers.export_columns import exporting, load_export_columns
        from qingdan.writers.record_table import RECORD_COLUMNS, SOURCE_COLUMNS

        if plan.fmt not in (OutputFormat.CSV, OutputFormat.XLSX):
            _fail(f"`--export-columns` 只能写 CSV 或 XLSX，不能写 {plan.fmt.value}", EXIT_USAGE)
        known = [*SOURCE_COLUMNS, *RECORD_COLUMNS]
        columns = _run_safely(export, lambda: load_export_columns(export, known))
        stack.enter_context(exporting(columns))
    return stack


def _convert(
    plan: ConvertPlan, settings: Settings, engine: Engine | None, args: argparse.Namespace
) -> None:
    from qingdan.single import run_single

    input_format = args.input_format

    if plan.single:
        path = (plan.inputs.files or [s.path for s in plan.inputs.skipped])[0]
        done = _run_safely(
            path, lambda: run_single(plan, settings, engine, sys.stdin.buffer, input_format)
        )
        if done.stdout is not None:
            sys.stdout.buffer.write(done.stdout)
            sys.stdout.buffer.flush()
        if done.added is not None:
            state = "已载入" if done.added else "已在库中"
            LOG.info(f"{done.path} -> --db（{done.records} 条记录，{state}）")
        if plan.output is not None:
            LOG.info(f"{done.path} -> {plan.output}（{done.records} 条记录）")
        _warn_about_one(done.file, done.warnings)
        return
    _convert_batch(plan, settings, engine, args)


def _convert_batch(
    plan: ConvertPlan, settings: Settings, engine: Engine | None, args: argparse.Namespace
) -> None:
    from qingdan.batch import BatchInterrupted, default_jobs, run_batch
    from qingdan.batch_report import BatchProgress, print_summary
    from qingdan.cluster import open_cluster, scheduler_from

    quiet = not LOG.isEnabledFor(logging.INFO)
    jobs = args.jobs or default_jobs()
    scheduler = scheduler_from(args.scheduler)
    cluster = None
    if scheduler is not None:
        cluster = _run_safely(
            "--scheduler", lambda: open_cluster(scheduler, jobs, args.scheduler_security)
        )
    interrupted: BatchInterrupted | None = None
    try:
        with BatchProgress(len(plan.inputs.files), enabled=not quiet) as progress:
            outcome = _run_safely(
                plan.output or "-o",
                lambda: run_batch(plan, settings, jobs, progress.advance, engine, cluster),
            )
    except BatchInterrupted as stop:  # the summary of what was done, then the stop
        interrupted, outcome = stop, stop.outcome
    finally:
        if cluster is not None:
            cluster.close()
    if not quiet:
        print_summary(outcome.summary, outcome.results, outcome.skipped, ignored=outcome.ignored)
    if interrupted is not None:
        raise interrupted
    _warn_about(outcome.documents)
    if outcome.summary.failures or outcome.summary.not_done:
        raise SystemExit(EXIT_SOME_FAILED)


def _warn_about(documents: Sequence[Document]) -> None:
    """``_warn_about_one`` for each document."""
    for document in documents:
        _warn_about_one(document.document.source or document.document.file, document.warnings)


def _warn_about_one(file: str, warnings: Sequence[Warned]) -> None:
    """One stderr line for a document with warnings: how many, the first code, and the
    first doubt about its column roles (``--strict`` would fail it) when there is one."""
    from qingdan.pipeline import STRICT_CODES
    from qingdan.writers.warning_text import warning_text

    if not warnings:
        return
    count, first = len(warnings), warnings[0]
    shown = warning_text(first.code, first.message)
    line = f"{WARNING_PREFIX}{file}: {count} 条警告，首条 {first.code}（{shown}）"
    doubt = next((w for w in warnings if w.code in STRICT_CODES), None)
    if doubt is not None and doubt is not first:
        line += f"；存疑 {doubt.code}（{warning_text(doubt.code, doubt.message)}）"
    LOG.warning(line)


# --- departments ----------------------------------------------------------------------


def _departments_arguments(parser: Parser) -> None:
    parser.arguments.add_argument(
        "inputs",
        nargs="+",
        type=Path,
        metavar="INPUT",
        help="附件或文件夹（可用通配符）。",
    )
    parser.options.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="把统计表写到 FILE.csv 或 FILE.html，而不是打印出来。",
    )
    _add_knowledge(parser)


def departments_command(args: argparse.Namespace) -> None:
    """Count the tasks each department leads and supports (canonical names, busiest first)."""
    from rich.console import Console

    from qingdan.workload import workload_of
    from qingdan.writers.workload import workload_format_for, workload_table, write_workload

    inputs: list[Path] = args.inputs
    output: Path | None = args.output
    knowledge = _knowledge(args)
    if output is not None:
        _run_safely(output, lambda: workload_format_for(output))
    run = workload_of(inputs, knowledge)
    for path in run.skipped:
        LOG.info(f"qingdan: 已跳过 {path}: 不是附件")
    for path, original in run.repeated.items():
        LOG.info(f"qingdan: 已跳过 {path}: 内容与 {original} 相同，只计一次")
    if not run.failed and not len(run.documents):
        _fail("在 " + "、".join(map(str, inputs)) + " 中没有找到附件", EXIT_BAD_INPUT)
    for failure in run.failed:
        echo(
            ERROR_PREFIX + _said(failure.path, failure.error or "", failure.reason or ""), err=True
        )
    if not run.documents:  # issue 32: no empty report when nothing converted
        _fail(f"没有附件转换成功（{len(run.failed)} 个失败），未写出报告", EXIT_BAD_INPUT)
    if output is None:
        Console().print(workload_table(run.load))
    else:
        _run_safely(output, lambda: write_workload(run.load, output))
        LOG.info(f"{len(run.documents)} 个附件 -> {output}")
    _warn_about(run.documents)
    if run.failed:
        total = len(run.documents) + len(run.failed)
        echo(f"qingdan: {total} 个文件中 {len(run.failed)} 个转换失败", err=True)
        raise SystemExit(EXIT_SOME_FAILED)


# --- extract --------------------------------------------------------------------------


def _extract_arguments(parser: Parser) -> None:
    parser.arguments.add_argument("input_file", type=Path, metavar="FILE", help="一个附件。")
    _add_reading(parser)
    parser.options.add_argument(
        "--explain",
        action="store_true",
        help="同时显示每列的角色及选定它的依据。",
    )
    parser.options.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="写到 FILE：.json（即打印的内容）或 .xlsx（每个表格按原样，合并单元格仍合并，"
        "每表一个工作表）。",
    )
    _add_knowledge(parser)


class GridFormat(StrEnum):
    """The files ``qingdan extract -o`` writes."""

    JSON = "json"
    XLSX = "xlsx"


def _cell_json(cell: Cell) -> str | dict[str, str]:
    """A grid cell as ``qingdan extract`` prints it: its text, or where its merge lies."""
    return {"covered": cell.value} if isinstance(cell, Covered) else cell


def extract_command(args: argparse.Namespace) -> None:
    """Print the raw grids the reader saw, as JSON (to check why a record came out so)."""
    import json

    from qingdan.extract import ReadOptions, read_document
    from qingdan.writers.formats import format_from_suffix

    input_file: Path = args.input_file
    output: Path | None = args.output
    grid_format = None
    if output is not None:
        grid_format = _run_safely(output, lambda: format_from_suffix(output, GridFormat, "grids"))
    options = ReadOptions(args.password, args.pdf_engine.value)
    raw = _run_safely(input_file, lambda: read_document(input_file, options))
    if output is not None and grid_format is GridFormat.XLSX:
        _write_grids(raw, output, args.explain)
        return
    tables = [
        {
            "page": next((row.page for row in table.rows if row.page is not None), None),
            "rows": [[_cell_json(cell) for cell in row.cells] for row in table.rows],
        }
        for table in raw.tables
    ]
    shown: dict[str, object] = {"tables": tables}
    if args.explain:
        from qingdan.normalize import explain_columns

        knowledge = _knowledge(args)
        shown["columns"] = _run_safely(input_file, lambda: explain_columns(raw, knowledge))
    text = json.dumps(shown, ensure_ascii=False, indent=2)
    if output is None:
        echo(text)
        return
    from qingdan.writers.atomic import atomic_write_bytes

    _run_safely(output, lambda: atomic_write_bytes(output, (text + "\n").encode()))


def _write_grids(raw: RawDocument, output: Path, explain: bool) -> None:
    """``extract -o grid.xlsx``: the tables as printed (``qingdan.writers.grid_xlsx``)."""
    from qingdan.writers.atomic import atomic_write_bytes
    from qingdan.writers.grid_xlsx import grid_xlsx

    if explain:
        _fail("`--explain` 以 JSON 显示：请写到 .json 文件，或不用 `-o`", EXIT_USAGE)
    _run_safely(output, lambda: atomic_write_bytes(output, grid_xlsx(raw)))
    LOG.info(f"{raw.path}: {len(raw.tables)} 个表格（按原样）-> {output}")


# --- diff -----------------------------------------------------------------------------


def _diff_arguments(parser: Parser) -> None:
    parser.arguments.add_argument(
        "old", type=Path, metavar="OLD", help="去年的清单：附件或 qingdan 的 .json。"
    )
    parser.arguments.add_argument(
        "new", type=Path, metavar="NEW", help="今年的清单：附件或 qingdan 的 .json。"
    )
    parser.options.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="报告文件：.json、.csv、.md 或 .html。",
    )
    parser.options.add_argument(
        "--threshold",
        type=fraction,
        metavar="0..1",
        help="两条任务相匹配所需的最低措施相似度（0..1）；低于它的一对算作一次删除加一次"
        "新增。默认：0.5。",
    )
    _add_knowledge(parser)


def diff_command(args: argparse.Namespace) -> None:
    """Compare two years' lists: tasks unchanged, modified, removed and added."""
    from rich.console import Console

    from qingdan.diff import DEFAULT_THRESHOLD, compare, load_document
    from qingdan.diff.render import diff_format_for, write_report
    from qingdan.diff.render.terminal import print_summary

    old: Path = args.old
    new: Path = args.new
    output: Path | None = args.output
    knowledge = _knowledge(args)
    if output is not None:
        _run_safely(output, lambda: diff_format_for(output))
    before = _run_safely(old, lambda: load_document(old, knowledge))
    after = _run_safely(new, lambda: load_document(new, knowledge))
    lowest = DEFAULT_THRESHOLD if args.threshold is None else args.threshold
    report = _run_safely(old, lambda: compare(before, after, lowest, knowledge.aliases))
    _warn_about([before, after])
    if output is None:
        print_summary(report, Console())
        return
    _run_safely(output, lambda: write_report(report, output))
    counts = report.summary
    LOG.info(
        f"{old} -> {new}: 未变 {counts.unchanged}，修改 {counts.modified}，"
        f"删除 {counts.removed}，新增 {counts.added} -> {output}"
    )


# --- schema ---------------------------------------------------------------------------


def _no_arguments(parser: Parser) -> None:
    """A command without arguments or options of its own."""


def schema_command(args: argparse.Namespace) -> None:
    """Print the JSON Schema of the output document."""
    import json

    from qingdan.schema import json_schema

    echo(json.dumps(json_schema(), ensure_ascii=False, indent=2))


# --- serve ----------------------------------------------------------------------------


def _serve_arguments(parser: Parser) -> None:
    parser.arguments.add_argument(
        "folders", type=Path, nargs="*", metavar="FOLDER", help="启动时转换的附件。"
    )
    parser.options.add_argument("--host", default="127.0.0.1", help="监听的地址。")
    parser.options.add_argument("--port", type=int, default=8000, help="监听的端口。")
    parser.options.add_argument(
        "--token",
        default=os.environ.get("QINGDAN_TOKEN"),
        help="每个请求须携带的令牌（默认：$QINGDAN_TOKEN）；--host 不是回环地址时必须给出。",
    )
    parser.options.add_argument(
        "--data",
        type=Path,
        default=Path("qingdan-serve"),
        help="存放上传文件和数据库的文件夹。",
    )
    parser.options.add_argument(
        "--db", metavar="URL", help="数据库地址（默认：DATA/qingdan.db，SQLite）。"
    )


def serve_command(args: argparse.Namespace) -> None:
    """Review and correct lists in a browser; an HTTP API (the serve extra)."""
    from qingdan.serve import serve
    from qingdan.serve.auth import check_binding

    _run_safely(args.host, lambda: check_binding(args.host, args.token))
    LOG.info(f"qingdan serve: http://{args.host}:{args.port}/ (API: /openapi.json)")
    _run_safely(
        args.data,
        lambda: serve(args.folders, args.host, args.port, args.token, args.data, args.db),
    )


# --- the registry and the entry point -------------------------------------------------


class Command(NamedTuple):
    """One sub-command: how its arguments are declared, the function that runs it and
    its summary (the first line of its help, in Chinese)."""

    arguments: Callable[[Parser], None]
    run: Callable[[argparse.Namespace], None]
    summary: str


COMMANDS: dict[str, Command] = {
    "convert": Command(
        _convert_arguments,
        convert_command,
        "把附件转换为记录（只有一个输入且未给 -o 时，JSON 打印到标准输出）。",
    ),
    "departments": Command(
        _departments_arguments,
        departments_command,
        "统计各部门牵头和配合的任务数（按规范名称，任务最多的在前）。",
    ),
    "extract": Command(
        _extract_arguments,
        extract_command,
        "以 JSON 打印读取器看到的原始表格（用来查明一条记录为何如此）。",
    ),
    "diff": Command(
        _diff_arguments, diff_command, "比较两年的清单：未变、修改、删除和新增的任务。"
    ),
    "schema": Command(_no_arguments, schema_command, "打印输出文档的 JSON 结构定义（schema）。"),
    "serve": Command(
        _serve_arguments,
        serve_command,
        "在浏览器中审阅和更正清单，并提供 HTTP 接口（需要 serve 扩展）。",
    ),
}
"""Command name -> its arguments and function, in the order ``qingdan -h`` lists them."""


def build_parser() -> Parser:
    """The parser of the global options (the command and its arguments follow)."""
    parser = Parser(PROG, SUMMARY, epilog=command_list({n: c.summary for n, c in COMMANDS.items()}))
    parser.usage = f"{PROG} [选项] 命令 [参数]..."
    options = parser.options
    options.add_argument("--debug", action="store_true", help="显示回溯信息和其他库的日志。")
    options.add_argument("-q", "--quiet", action="store_true", help="标准错误上只输出警告和错误。")
    options.add_argument(
        "-v", "--verbose", action="count", default=0, help="在标准错误上输出更多细节。"
    )
    options.add_argument("--version", action=VersionAction, help="显示版本并退出。")
    from qingdan.completion import SHELLS

    for flag, does in (("--install-completion", "安装"), ("--show-completion", "显示")):
        options.add_argument(
            flag,
            nargs="?",
            const="",
            metavar="SHELL",
            help=f"{does} shell 的命令补全（{'、'.join(SHELLS[:4])}）；默认：当前的 shell。",
        )
    return parser


def build_command_parser(name: str) -> Parser:
    """The parser of one command's arguments and options."""
    command = COMMANDS[name]
    parser = Parser(f"{PROG} {name}", command.summary)
    command.arguments(parser)
    parser.usage = parser.positional_usage()
    return parser


def _complete(parser: Parser) -> int:
    """Answer a completion script (``_QINGDAN_COMPLETE`` is set)."""
    from qingdan.completion import answer

    commands = {name: build_command_parser(name) for name in COMMANDS}
    text, code = answer(os.environ, parser, commands)
    sys.stdout.write(text)
    return code


def _completion_option(shown: str | None, installed: str | None) -> None:
    """``--show-completion`` / ``--install-completion``: do it and exit."""
    from qingdan.completion import CompletionError, install, script_for

    try:
        if shown is not None:
            sys.stdout.write(script_for(shown or None))
        elif installed is not None:
            shell, path = install(installed or None)
            echo(f"{shell} 补全已安装到 {path}，新开的终端中生效")
    except (CompletionError, OSError) as error:
        _fail("命令补全：" + _said(None, type(error).__name__, str(error)), EXIT_USAGE)
    raise SystemExit(EXIT_OK)


def _run(argv: list[str]) -> None:
    parser = build_parser()
    if os.environ.get("_QINGDAN_COMPLETE"):
        raise SystemExit(_complete(parser))
    head, name, rest = split_command(argv, COMMANDS)
    options = parser.parse_args(head)
    if options.show_completion is not None or options.install_completion is not None:
        _completion_option(options.show_completion, options.install_completion)
    if name is None:
        if rest:
            parser.error(f"unexpected argument {rest[0]!r} before a command")
        parser.print_help()  # nothing to do: the help, as a usage error (click's habit)
        raise SystemExit(EXIT_USAGE)
    if name not in COMMANDS:
        parser.error(f"no such command {name!r}; the commands: {', '.join(COMMANDS)}")
    args = parse_command(build_command_parser(name), rest)
    _State.debug = options.debug
    configure_logging(-1 if options.quiet else options.verbose, options.debug)
    COMMANDS[name].run(args)


def main(argv: Sequence[str] | None = None) -> NoReturn:
    """Entry point of the ``qingdan`` command (``argv``: the arguments, default
    sys.argv); always ends with ``SystemExit`` carrying the exit code."""
    args = hoist_global_options(sys.argv[1:] if argv is None else argv)
    try:
        _run(args)
    except KeyboardInterrupt:
        echo("qingdan: 已中断", err=True)
        raise SystemExit(EXIT_INTERRUPTED) from None
    raise SystemExit(EXIT_OK)


PROCESS_ENVIRONMENT = {"OPENBLAS_NUM_THREADS": "1"}
"""Settings the command gives its process before any library loads (a user's own value
wins). qingdan does no large matrix work, yet numpy's OpenBLAS starts a thread per core
at import, each reserving its buffers: about 200 MiB of address space on a scanned PDF,
which a per-file memory limit (``RLIMIT_AS``, batch and fuzz) counts like memory used."""


def prepare_process() -> None:
    """Apply ``PROCESS_ENVIRONMENT`` to this process (and the workers it starts)."""
    for name, value in PROCESS_ENVIRONMENT.items():
        os.environ.setdefault(name, value)


def run() -> NoReturn:
    """The installed ``qingdan`` command (and ``python -m qingdan``): ``main``, then an
    exit that skips the garbage collector's last passes.

    A process that ends hands its memory back to the system whole, yet Python's shutdown
    first runs full collections over every object the run made: 15-25 ms for one PDF
    (issue 16), a sixth of the whole command. Frozen (``gc.freeze``), those objects are
    left out of the collections; objects are still freed, files closed, ``atexit``
    handlers run and threads joined as on any exit. Only the command does this: a
    library caller's process, or a test calling ``main``, keeps its collector."""
    prepare_process()
    try:
        main()
    finally:
        gc.freeze()
        gc.disable()
