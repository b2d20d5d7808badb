"""The docs' reference tables, rendered from the registries, and ``make docs``.

The format tables (README.md, README.zh.md, docs/formats.md) come from
``extract.formats.FORMATS``, the warning-code table (docs/output.md) from
``schema.WarningCode`` and its members' descriptions, the document and record tables
from the pydantic models, and ``schema/document.schema.json`` from ``json_schema()``.
The markdown files hold each table between cog markers (``<!-- [[[cog`` …
``<!-- [[[end]]] -->``, as sqlite-utils does); ``python -m qingdan.reference`` (``make
docs``) rewrites them, and ``--check`` names any that is stale
(``tests/test_docs.py``).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from qingdan.extract import formats
from qingdan.extract.notice_codes import NoticeCode
from qingdan.schema import WarningCode, json_schema
from qingdan.schema.warning_codes import describe
from qingdan.writers.labels import labels

ROOT = Path(__file__).resolve().parent.parent
GENERATED = ("README.md", "README.zh.md", "docs/formats.md", "docs/output.md")
"""The markdown files with generated blocks, relative to the repository root."""
SCHEMA_FILE = "schema/document.schema.json"
"""The committed JSON Schema of a converted document."""

_HEADERS = {
    "en": ("format", "suffixes", "read with", "needs", "described in"),
    "zh": ("格式", "后缀", "读取方式", "另需", "说明"),
}


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _table(header: Sequence[str], rows: list[list[str]]) -> str:
    lines = [_row(header), _row(["---"] * len(header)), *(_row(row) for row in rows)]
    return "\n".join(lines) + "\n"


def formats_table(base: str = "", language: str = "en", readers: bool = False) -> str:
    """Every format read, one row each; ``base`` is the path from the page to the root,
    and ``readers`` adds each format's reader function (for the developers' page)."""
    header = _HEADERS[language] + (("reader",) if readers else ())
    rows = [
        [
            spec.name,
            ", ".join(f"`{suffix}`" for suffix in spec.suffixes),
            spec.library,
            ", ".join(f"`{need}`" for need in spec.needs) or "—",
            f"[{Path(spec.docs).name}]({base}{spec.docs})",
            *([f"`{spec.reader}`"] if readers else []),
        ]
        for spec in formats.FORMATS
    ]
    return _table(header, rows)


def warning_table() -> str:
    """Every warning code, who gives it and what it means."""
    rows = [
        [
            f"`{code.value}`",
            "reader" if code.value in NoticeCode._value2member_map_ else "normalizer",
            describe(code),
        ]
        for code in WarningCode
    ]
    return _table(("code", "given by", "meaning"), rows)


def _json_type(prop: dict[str, Any], defs: dict[str, Any]) -> str:
    """A JSON Schema property's type in the docs' words (``string/null``, ``list of string``)."""
    if "anyOf" in prop:
        return "/".join(_json_type(option, defs) for option in prop["anyOf"])
    if "$ref" in prop:
        target = defs[prop["$ref"].rsplit("/", 1)[-1]]
        return "string" if "enum" in target else str(target["title"])
    kind = prop.get("type")
    if kind == "array":
        return f"list of {_json_type(prop['items'], defs)}"
    if kind == "string" and prop.get("format") == "date":
        return "date"
    return {"integer": "int", "number": "float"}.get(str(kind), str(kind))


def _properties(model: str) -> tuple[dict[str, Any], dict[str, Any]]:
    schema = json_schema()
    defs: dict[str, Any] = schema["$defs"]
    return defs[model]["properties"], defs


def document_table() -> str:
    """The keys of a document's ``document`` and ``warnings`` parts."""
    rows: list[list[str]] = []
    for model, prefix in (("DocumentInfo", "document."), ("Warning", "warnings[].")):
        properties, defs = _properties(model)
        rows += [
            [f"`{prefix}{name}`", _json_type(prop, defs), prop.get("description", "")]
            for name, prop in properties.items()
        ]
    return _table(("key", "type", "meaning"), rows)


def record_table() -> str:
    """The record's fields in order: key, XLSX header (— for a field no flat table
    holds: ``schema.FLAT_FIELDS``), type and meaning."""
    properties, defs = _properties("Record")
    header = labels("record")
    rows = [
        [f"`{name}`", header.get(name, "—"), _json_type(prop, defs), prop["description"]]
        for name, prop in properties.items()
    ]
    return _table(("key", "XLSX header", "type", "meaning"), rows)


def schema_text() -> str:
    """The JSON Schema file's text, as ``qingdan schema`` prints it."""
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


def _cogged(path: Path) -> str:
    from cogapp import Cog  # the dev extra: only a docs build needs it

    return str(Cog().process_string(path.read_text(encoding="utf-8"), fname=str(path)))


def _expected(root: Path) -> dict[Path, str]:
    expected = {root / name: _cogged(root / name) for name in GENERATED}
    expected[root / SCHEMA_FILE] = schema_text()
    return expected


def stale_files(root: Path = ROOT) -> list[str]:
    """The generated files whose text differs from what the registries give now."""
    return [
        str(path.relative_to(root))
        for path, text in _expected(root).items()
        if not path.is_file() or path.read_text(encoding="utf-8") != text
    ]


def write_docs(root: Path = ROOT) -> list[str]:
    """Rewrite the generated files that are stale; the names of those rewritten."""
    written: list[str] = []
    for path, text in _expected(root).items():
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(str(path.relative_to(root)))
    return written


def main(argv: Sequence[str] = ()) -> int:
    """``make docs``: rewrite the generated docs; with ``--check``, list the stale ones."""
    if "--check" in argv:
        stale = stale_files()
        for name in stale:
            print(f"{name}: generated text is stale; run make docs", file=sys.stderr)
        return 1 if stale else 0
    for name in write_docs():
        print(f"rewrote {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
