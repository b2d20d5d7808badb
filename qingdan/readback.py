"""qingdan's own outputs read back into documents (issue 32).

An analyst corrects the workbook in Excel and expects to re-check and diff it. A
reader of attachments would misread it (its canonical-name columns taken for support,
its 到期日 glued to the deadline), so our outputs are recognised by their marks, never
by their names, and read back field by field:

* XLSX: the hidden ``_qingdan`` sheet (``qingdan.writers.xlsx.MARK``) gives the records
  sheet's column keys and each document's description; the 警告 sheet its warnings;
* CSV: a header of our record keys (``qingdan.writers.record_table``);
* JSONL: lines whose keys are a record's, led by ``source``, ``file`` and ``title``.

A CSV or JSONL output carries no document description: the document read back names
its source and title where the rows do, its format is the output's, its sha256 that of
the output's bytes, and its warnings are empty. Every document is validated by the
schema's ``Document``, so a hand edit that breaks the contract is one clear error.

Our other workbooks carry the same hidden sheet with another mark: an export
(``--export-columns``, ``EXPORT_MARK``) and a grid workbook (``extract -o grid.xlsx``,
``GRID_MARK``). A batch skips them like any output of ours; read back, each is named
for what it is (``NotRecords``): an export holds only the columns a target system
asked for (no seq, no canonical names, perhaps no measure), so it is not taken for
records. A CSV export's header is the target's (its labels, which the target
system's own table prints too), but qingdan writes its warnings file beside it
(``NAME.warnings.csv``, ``folder_output.warnings_sidecar``), which only qingdan
writes: that is its mark (``CSV_EXPORT``). Without it, the export is a table like
any other and is read as an attachment.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qingdan.extract.errors import QingdanError
from qingdan.schema import Document
from qingdan.writers.formula_guard import TEXT_MARK, starts_like_formula
from qingdan.writers.labels import labels
from qingdan.writers.record_table import LIST_SEPARATOR, RECORD_COLUMNS, SOURCE_COLUMNS
from qingdan.writers.warning_table import WARNING_COLUMNS
from qingdan.writers.xlsx import (
    EXPORT_MARK,
    GRID_MARK,
    MARK,
    MARK_SHEET,
    SHEET_TITLE,
    WARNINGS_SHEET,
)

if TYPE_CHECKING:
    from qingdan.normalize import Knowledge

CSV_EXPORT = "csv-export"
"""The kind of a CSV written with ``--export-columns`` (told by its warnings file)."""

OUTPUT_SUFFIXES = frozenset({".xlsx", ".csv", ".jsonl"})
"""The suffixes of the outputs read back (a .json output is a ``Document`` itself)."""
LIST_FIELDS = frozenset({"lead", "support", "lead_canonical", "support_canonical"})
INT_FIELDS = frozenset({"seq", "page"})
_WORKBOOK_MARK = re.compile(rb'<sheet [^>]*name="' + MARK_SHEET.encode() + rb'"')
_OPEN, _CLOSE = "（(〔【[", "）)〕】]"
_DUE_KIND_CODES = {label: code for code, label in labels("due_kind").items()}
"""期限类型 as the spreadsheets show it -> the code the record holds."""
_MARK_BYTES = 64 * 1024
"""How much of a file is looked at for its mark."""


class BrokenOutput(QingdanError):
    """A file marked as qingdan's output whose content breaks the record contract."""


class NotRecords(QingdanError):
    """One of qingdan's own outputs that holds no records to read back: an export in a
    target system's columns, or a grid workbook of the tables as printed."""


NOT_RECORDS = {
    EXPORT_MARK: "qingdan 按 `--export-columns` 导出的表格（目标系统的列），不能读回为记录；"
    "请读回未指定导出列的输出",
    GRID_MARK: "`qingdan extract` 写出的原表格（按原样排版），不是任务记录；请转换原附件",
}
"""The mark of each of our workbooks that is not records -> what it is, in Chinese."""


def output_kind(path: Path) -> str | None:
    """``xlsx``, ``csv``, ``warnings``, ``jsonl`` or ``CSV_EXPORT`` when ``path`` is one
    of qingdan's own outputs (told by its marks, not its name), else ``None``."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".xlsx":
            with zipfile.ZipFile(path) as archive:
                return "xlsx" if _WORKBOOK_MARK.search(archive.read("xl/workbook.xml")) else None
        if suffix in (".csv", ".jsonl"):
            kind = _text_kind(_head(path))
            if kind is None and suffix == ".csv" and _exported(path):
                return CSV_EXPORT
            return kind
    except (OSError, KeyError, EOFError, zipfile.BadZipFile, zlib.error):
        return None  # damaged: not ours to say; the attachment's reader names the damage
    return None


def _head(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(_MARK_BYTES)


def _exported(path: Path) -> bool:
    """Whether the CSV ``path`` has qingdan's warnings file beside it (an export)."""
    from qingdan.folder_output import warnings_sidecar

    sidecar = warnings_sidecar(path)
    return sidecar.is_file() and _text_kind(_head(sidecar)) == "warnings"


def _text_kind(head: bytes) -> str | None:
    first = head.decode("utf-8-sig", "replace").split("\n", 1)[0].strip()
    if first.startswith("{"):
        try:
            keys = list(json.loads(first))
        except ValueError:
            return None
        return "jsonl" if keys[:4] == [*SOURCE_COLUMNS, RECORD_COLUMNS[0]] else None
    header = next(csv.reader([first]), [])
    if header == WARNING_COLUMNS:
        return "warnings"
    for lead in ([], SOURCE_COLUMNS):
        if header[len(lead) : len(lead) + len(RECORD_COLUMNS)] == RECORD_COLUMNS:
            return "csv" if header[: len(lead)] == lead else None
    return None


def read_output(path: Path, knowledge: Knowledge | None = None) -> list[Document]:
    """The documents of one of qingdan's outputs (``output_kind`` not ``None``).

    The canonical names are recomputed from the names as written through ``knowledge``
    (its aliases; the built-in ones when omitted), so a unit corrected by hand in 牵头单位
    gets its own canonical name, not the stale one of the column beside it: pass the
    ``--aliases`` the output was converted with. Raises ``BrokenOutput`` naming the
    file, the row and the field when an edited value breaks the contract (a seq that is
    no number, a due that is no date).
    """
    kind = output_kind(path)
    if kind == CSV_EXPORT:
        raise NotRecords(path, NOT_RECORDS[EXPORT_MARK])
    readers = {"xlsx": _read_xlsx, "csv": _read_csv, "jsonl": _read_jsonl}
    if kind not in readers:
        raise BrokenOutput(path, "not a qingdan records output (no mark found)")
    documents = readers[kind](path)
    return [_canonical_again(document, knowledge) for document in documents]


def _canonical_again(document: Document, knowledge: Knowledge | None) -> Document:
    """The document with each record's canonical names computed from its names."""
    from qingdan.normalize import Knowledge

    aliases = Knowledge.resolve(knowledge).aliases
    records = [
        record.model_copy(
            update={
                "lead_canonical": [aliases.canonical(name) for name in record.lead],
                "support_canonical": [aliases.canonical(name) for name in record.support],
            }
        )
        for record in document.records
    ]
    return document.model_copy(update={"records": records})


def read_one(path: Path, knowledge: Knowledge | None = None) -> Document:
    """The one document of an output (a combined output with several is an error)."""
    documents = read_output(path, knowledge)
    if len(documents) != 1:
        raise BrokenOutput(path, f"holds {len(documents)} documents; name one attachment's output")
    return documents[0]


# --- values ---------------------------------------------------------------------------


def split_names(text: str) -> list[str]:
    """Department names joined with 、 split again, never inside brackets
    (各县(市、区)人民政府 is one name)."""
    names, depth, current = [], 0, ""
    for char in text:
        depth += (char in _OPEN) - (char in _CLOSE)
        if char == LIST_SEPARATOR and depth <= 0:
            names.append(current)
            current, depth = "", 0
        else:
            current += char
    names.append(current)
    return [name for name in names if name.strip()]


def _text(value: object, guarded: bool) -> str | None:
    if value is None or value == "":
        return None
    text = value.isoformat() if isinstance(value, date) else str(value)
    if guarded and text.startswith(TEXT_MARK) and starts_like_formula(text[1:]):
        return text[1:]  # the CSV formula guard's mark, not the text
    return text


def _field_value(key: str, value: object, guarded: bool) -> object:
    """One cell as the record field ``key`` holds it."""
    if key in LIST_FIELDS:
        if isinstance(value, list):  # JSONL keeps the lists
            return value
        return split_names(_text(value, guarded) or "")
    if key == "due":
        if isinstance(value, datetime):
            return value.date()
        return _text(value, guarded)
    if key in INT_FIELDS:
        return value if isinstance(value, int) else _text(value, guarded)
    if key == "due_kind":
        text = _text(value, guarded)
        return _DUE_KIND_CODES.get(text, text) if text is not None else None
    text = _text(value, guarded)
    return "" if key == "measure" and text is None else text


def _record(row: dict[str, object], extras: Sequence[str], guarded: bool) -> dict[str, Any]:
    data: dict[str, Any] = {key: _field_value(key, row.get(key), guarded) for key in RECORD_COLUMNS}
    extra = {label: _text(row.get(label), guarded) for label in extras}
    data["extra"] = {label: text for label, text in extra.items() if text is not None}
    if isinstance(cells := row.get("cells"), list):  # JSONL keeps where values were printed
        data["cells"] = cells
    return data


def _validated(path: Path, data: dict[str, Any]) -> Document:
    from pydantic import ValidationError

    try:
        return Document.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise BrokenOutput(path, f"{where}: {first['msg']} (input {first['input']!r})") from None


def _grouped(
    path: Path, rows: Iterable[dict[str, object]], extras: Sequence[str], guarded: bool
) -> dict[str, tuple[dict[str, object], list[dict[str, Any]]]]:
    """The rows' records by source, each with the first row (its source columns)."""
    groups: dict[str, tuple[dict[str, object], list[dict[str, Any]]]] = {}
    for row in rows:
        source = str(row.get("source") or row.get("file") or path.name)
        groups.setdefault(source, (row, []))[1].append(_record(row, extras, guarded))
    return groups


def _described(path: Path, source: str, first: dict[str, object]) -> dict[str, Any]:
    """A document description for an output that carries none (CSV, JSONL)."""
    return {
        "file": str(first.get("file") or Path(source).name),
        "source": source,
        "format": path.suffix.lower().lstrip("."),
        "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "title": _text(first.get("title"), True),
        "attachment": None,
        "year": None,
        "columns": [],
    }


def _documents(
    path: Path, rows: Iterable[dict[str, object]], extras: Sequence[str], guarded: bool
) -> list[Document]:
    return [
        _validated(
            path,
            {"document": _described(path, source, first), "records": records, "warnings": []},
        )
        for source, (first, records) in _grouped(path, rows, extras, guarded).items()
    ]


# --- the formats ----------------------------------------------------------------------


def _extras(keys: Sequence[str]) -> list[str]:
    known = {*SOURCE_COLUMNS, *RECORD_COLUMNS}
    return [key for key in keys if key not in known]


def _read_csv(path: Path) -> list[Document]:
    reader = csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")))
    header = next(reader)
    rows: list[dict[str, object]] = [dict(zip(header, row, strict=False)) for row in reader]
    return _documents(path, rows, _extras(header), guarded=True)


def _read_jsonl(path: Path) -> list[Document]:
    rows: list[dict[str, object]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            raise BrokenOutput(path, f"line {number}: not JSON ({error.msg})") from None
        extra = data.pop("extra", {}) or {}
        rows.append({**data, **{f"extra:{k}": v for k, v in extra.items()}})
    extras = list(dict.fromkeys(key for row in rows for key in row if key.startswith("extra:")))
    documents = _documents(path, rows, extras, guarded=False)
    return [_unprefixed(document) for document in documents]


def _unprefixed(document: Document) -> Document:
    records = [
        record.model_copy(update={"extra": {k[6:]: v for k, v in record.extra.items()}})
        for record in document.records
    ]
    return document.model_copy(update={"records": records})


def _read_xlsx(path: Path) -> list[Document]:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        mark = [list(row) for row in workbook[MARK_SHEET].iter_rows(values_only=True)]
        if mark and mark[0][0] in NOT_RECORDS:
            raise NotRecords(path, NOT_RECORDS[str(mark[0][0])])
        if not mark or mark[0][0] != MARK:
            raise BrokenOutput(path, f"the {MARK_SHEET} sheet is not qingdan's mark")
        keys = [str(key) for key in mark[1] if key is not None] if len(mark) > 1 else []
        described = [row for row in mark[2:] if row and row[0]]
        infos = [json.loads(str(row[0])) for row in described]
        kept = [json.loads(str(row[1])) if len(row) > 1 and row[1] else None for row in described]
        body = list(workbook[SHEET_TITLE].iter_rows(min_row=2, values_only=True))
        warned = list(workbook[WARNINGS_SHEET].iter_rows(min_row=2, values_only=True))
    finally:
        workbook.close()
    rows: list[dict[str, object]] = [
        dict(zip(keys, row, strict=False)) for row in body if any(v is not None for v in row)
    ]
    extras = _extras(keys)
    if "source" not in keys:  # one document's workbook: every row is its
        rows = [{**row, "source": infos[0].get("source") or infos[0]["file"]} for row in rows]
    groups = _grouped(path, rows, extras, guarded=False)
    documents = []
    for info, warnings_kept in zip(infos, kept, strict=True):
        source = info.get("source") or info["file"]
        records = groups.pop(source, ({}, []))[1]
        warnings = warnings_kept
        if warnings is None:  # a workbook marked before the warnings were kept
            warnings = [_warning(row) for row in warned if row and row[0] == source]
        data = {"document": info, "records": records, "warnings": warnings}
        documents.append(_validated(path, data))
    return documents


def _warning(row: Sequence[object]) -> dict[str, object]:
    values = dict(zip(WARNING_COLUMNS, row, strict=False))
    return {k: values.get(k) for k in ("code", "message", "row", "page")}


__all__ = [
    "CSV_EXPORT",
    "BrokenOutput",
    "NotRecords",
    "output_kind",
    "read_one",
    "read_output",
    "split_names",
]
