"""Read one real-shapes skeleton (``corpus/real/skeletons/NNN-….toml``) and check it.

A skeleton is the shape of a task list really published on a public page (its header,
columns, merges, notes, numbering) with sentences written for the corpus, and its truth
per docs/conventions.md. ``load_skeleton`` turns the file into a ``RealList``: the table
``Spec`` or the paragraph lines to render, and the truth records; every problem is a
``SkeletonError`` naming the file and the key.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus.model import RECORD_FIELDS, TruthRecord
from corpus.sheet import LEFT, PageSetup, Spec

LEVELS = ("省级", "市级", "县级", "乡镇", "国家级")
KINDS = (
    "政府工作报告分解",
    "工作要点分工",
    "实施方案附件",
    "整改清单",
    "进度表",
    "责任清单",
    "指标表",
    "任务分工表",
)
FORMS = ("table", "paragraphs")
SEEN = ("whole", "part", "described")
"""How much of the list its page showed: the layout read whole, in part, or only described
by the notice that issues it (the columns named in its words; the layout reconstructed).
Reports count each apart, so the yardstick can be read on what was seen."""
DUE_KINDS = ("date", "ongoing", "recurring")
NAME = re.compile(r"^(\d{3})-[a-z]+-(\d{4})-[a-z0-9-]+$")
"""``NNN-<province-pinyin>-<year>-<slug>``."""

_SECTIONS: dict[str, tuple[set[str], set[str]]] = {
    # table: (required keys, allowed keys)
    "source": (
        {"url", "province", "level", "year", "kind", "form", "facts"},
        {"url", "province", "level", "year", "kind", "form", "facts", "seen"},
    ),
    "document": (set(), {"title", "attachment", "year"}),
    "table": (
        {"header", "rows"},
        {"header", "rows", "text_before", "text_after", "page_breaks", "page"},
    ),
    "paragraphs": ({"lines"}, {"lines"}),
}
_TOP = {*_SECTIONS, "record"}


class SkeletonError(ValueError):
    """A skeleton that cannot be right; the message names the file and the problem."""


@dataclass
class RealList:
    """One skeleton, ready to render and score."""

    name: str
    source: dict[str, Any]
    title: str | None
    attachment: str | None
    year: int | None
    records: list[TruthRecord]
    spec: Spec | None
    """The table to render (``form = "table"``)."""
    lines: list[str] | None
    """The paragraphs as printed (``[paragraphs]``), one paragraph each."""

    @property
    def features(self) -> list[str]:
        """What the list exercises, as the report counts it: its kind, form, level and how
        much of it its page showed (``seen``, "whole" when not said)."""
        return [
            f"kind:{self.source['kind']}",
            f"form:{self.source['form']}",
            f"level:{self.source['level']}",
            f"seen:{self.source.get('seen', 'whole')}",
        ]

    def truth(self, renderings: list[str]) -> dict[str, Any]:
        """The truth in the shape ``corpus.score.compare`` reads (``NAME.truth.json``)."""
        return {
            "name": self.name,
            "document": {"title": self.title, "attachment": self.attachment, "year": self.year},
            "records": [r.contract() for r in self.records],
            "features": self.features,
            "renderings": renderings,
            "source": self.source["url"],
        }


def _host(url: str) -> str:
    """The site of a URL: every page of a reserved site is reserved."""
    return normal_url(url).split("/", 1)[0]


def normal_url(url: str) -> str:
    """A URL compared without scheme, ``www.``, case of the host or a trailing slash."""
    rest = re.sub(r"^[a-z]+://", "", url.strip(), flags=re.IGNORECASE).rstrip("/")
    host, _, path = rest.partition("/")
    return host.lower().removeprefix("www.") + "/" + path


RESERVED_ENV = "QINGDAN_RESERVED_SOURCES"
"""Environment variable naming the reserved-sources file, for checkouts kept elsewhere."""


def reserved_sources_file(root: Path) -> Path | None:
    """``RESERVED_SOURCES.md``: the file ``$QINGDAN_RESERVED_SOURCES`` names, else
    ``shared/RESERVED_SOURCES.md`` beside the repository or beside one of its parent
    folders (a worktree under ``wt/`` shares the main checkout's ``shared/``); None when
    there is none (a machine without ``shared/``)."""
    named = os.environ.get(RESERVED_ENV)
    if named:
        return Path(named) if Path(named).exists() else None
    for folder in root.resolve().parents:
        candidate = folder / "shared" / "RESERVED_SOURCES.md"
        if candidate.exists():
            return candidate
    return None


def reserved_urls(root: Path) -> list[str]:
    """The pages reserved for independent evaluation (``reserved_sources_file``), or
    none when that file is absent."""
    path = reserved_sources_file(root)
    if path is None:
        return []
    return re.findall(r"https?://[^\s)>\]]+", path.read_text(encoding="utf-8"))


def _fail(path: Path, problem: str) -> SkeletonError:
    return SkeletonError(f"{path.name}: {problem}")


def _check_keys(path: Path, where: str, data: dict[str, Any], required: set[str],
                allowed: set[str]) -> None:  # fmt: skip
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise _fail(path, f"unknown key {unknown} in [{where}] (allowed: {sorted(allowed)})")
    missing = sorted(required - set(data))
    if missing:
        raise _fail(path, f"[{where}] lacks {missing}")


def _check_source(path: Path, source: dict[str, Any], reserved: list[str]) -> None:
    for key, allowed in (("level", LEVELS), ("kind", KINDS), ("form", FORMS), ("seen", SEEN)):
        if key in source and source[key] not in allowed:
            raise _fail(path, f"[source].{key} = {source[key]!r}; expected one of {allowed}")
    if not str(source["url"]).startswith(("http://", "https://")):
        raise _fail(path, f"[source].url = {source['url']!r} is not a web address")
    if _host(source["url"]) in {_host(u) for u in reserved}:
        raise _fail(
            path,
            f"[source].url {source['url']} is on a site reserved for independent evaluation "
            "(RESERVED_SOURCES.md): take the list from another page",
        )
    match = NAME.match(path.stem)
    if match is None:
        raise _fail(path, "the file name is not NNN-<province-pinyin>-<year>-<slug>.toml")
    if int(match.group(2)) != source["year"]:
        raise _fail(path, f"the file name says {match.group(2)}, [source].year {source['year']}")


def _spec(path: Path, table: dict[str, Any]) -> Spec:
    header, rows = table["header"], table["rows"]
    width = len(header[0]) if header and header[0] else 0
    if not width or not rows:
        raise _fail(path, "[table] needs a header row and at least one body row")
    for where, grid in (("header", header), ("rows", rows)):
        for index, row in enumerate(grid, start=1):
            if len(row) != width or not all(isinstance(cell, str) for cell in row):
                raise _fail(
                    path,
                    f"[table].{where} row {index} has {len(row)} cells, the header {width} "
                    "(every row needs one string per column: '^' and '<' for merged cells)",
                )
    page = PageSetup(**table.get("page", {}))
    return Spec(
        name=path.stem,
        header=header,
        rows=rows,
        text_before=table.get("text_before", []),
        text_after=table.get("text_after", []),
        page_breaks=table.get("page_breaks", []),
        page=page,
    )


def task_rows(spec: Spec) -> int:
    """The body rows that are tasks: all but full-width rows (sections, 注：… notes)."""
    return sum(1 for row in spec.rows if not all(cell == LEFT for cell in row[1:]))


def _record(path: Path, index: int, data: dict[str, Any]) -> TruthRecord:
    where = f"[[record]] {index}"
    _check_keys(path, where, data, {"measure"}, set(RECORD_FIELDS))
    if data.get("due_kind") is not None and data["due_kind"] not in DUE_KINDS:
        raise _fail(path, f"{where}: due_kind {data['due_kind']!r}; expected one of {DUE_KINDS}")
    if "due" in data:
        try:
            dt.date.fromisoformat(data["due"])
        except (TypeError, ValueError):
            raise _fail(path, f"{where}: due {data['due']!r} is not YYYY-MM-DD") from None
        if data.get("due_kind") != "date":
            raise _fail(path, f'{where}: a due date needs due_kind = "date"')
    for key in ("lead", "support"):
        if not all(isinstance(name, str) and name for name in data.get(key, [])):
            raise _fail(path, f"{where}: {key} must be a list of unit names")
    if not all(isinstance(v, str) for v in data.get("extra", {}).values()):
        raise _fail(path, f"{where}: extra values must be strings")
    return TruthRecord(**data)


def load_skeleton(path: Path, reserved: list[str] | None = None) -> RealList:
    """Read and check one skeleton; ``reserved`` lists URLs no skeleton may cite."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise _fail(path, f"not valid TOML: {error}") from None
    unknown = sorted(set(data) - _TOP)
    if unknown:
        raise _fail(path, f"unknown table {unknown} (allowed: {sorted(_TOP)})")
    for key in ("source", "document", "table", "paragraphs"):
        if key in data:
            _check_keys(path, key, data[key], *_SECTIONS[key])
    if "source" not in data:
        raise _fail(path, "[source] is missing")
    source = data["source"]
    _check_source(path, source, reserved or [])
    form = source["form"]
    if form == "table" and "table" not in data:
        raise _fail(path, 'form = "table" needs a [table]')
    if form == "paragraphs" and ("paragraphs" not in data or "table" in data):
        raise _fail(path, 'form = "paragraphs" needs [paragraphs] and no [table]')
    records = [_record(path, i, r) for i, r in enumerate(data.get("record", []), start=1)]
    spec = _spec(path, data["table"]) if "table" in data else None
    lines = data["paragraphs"]["lines"] if "paragraphs" in data else None
    if not records:
        raise _fail(path, "no [[record]]: a skeleton's truth has at least one record")
    if spec is not None and form == "table" and task_rows(spec) != len(records):
        raise _fail(
            path,
            f"{len(records)} records for {task_rows(spec)} task rows (every body row that "
            "is not a full-width section or note row is one record)",
        )
    if lines is not None and len(records) > len(lines):
        raise _fail(path, f"{len(records)} records for {len(lines)} paragraph lines")
    document = data.get("document", {})
    return RealList(
        name=path.stem,
        source=source,
        title=document.get("title"),
        attachment=document.get("attachment"),
        year=document.get("year"),
        records=records,
        spec=spec,
        lines=lines,
    )
