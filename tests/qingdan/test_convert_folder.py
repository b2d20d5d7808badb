"""Issue 8 "Done when": a folder of good and bad attachments through `qingdan convert`.

Good files of every format give the seed's golden records, every bad file is listed
in errors.json with its own reason, the exit code is 1, and OUT/ holds only whole
files. Loading into SQLite twice changes nothing; changing one input replaces only
its rows.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from tests.cli_runner import invoke
from tests.conftest import SEED
from tests.qingdan.bad_inputs import build_folder
from tests.records import all_as_read

GOLDEN = json.loads(SEED.with_name(SEED.name + ".expected.json").read_text(encoding="utf-8"))
COMBINED = {"all.csv", "all.jsonl", "all.warnings.csv", "all.xlsx", "errors.json"}


def _comparable(document: dict[str, Any]) -> dict[str, Any]:
    """A converted document without what depends on the file's bytes, name, format or pages."""
    for key in ("file", "source", "format", "sha256"):
        document["document"].pop(key)
    document["warnings"] = [w for w in document["warnings"] if w["code"] != "encoding"]
    document["records"] = all_as_read(document["records"])
    for warning in document["warnings"]:
        warning.pop("page")
    for column in document["document"]["columns"]:
        column.pop("evidence")  # it measures one rendering
    return document


def _golden_without_pages() -> dict[str, Any]:
    golden = json.loads(json.dumps(GOLDEN))
    golden["records"] = all_as_read(golden["records"])
    for warning in golden["warnings"]:
        warning.pop("page", None)
    for column in golden["document"]["columns"]:
        column.pop("evidence")
    return golden


def test_folder_of_good_and_bad_inputs(tmp_path: Path) -> None:
    source, out = tmp_path / "in", tmp_path / "out"
    expected = build_folder(source)

    result = invoke(["convert", str(source), "-o", f"{out}/", "-j", "2"])

    assert result.exit_code == 1, result.output
    converted = sorted(n for n, e in expected.items() if e.status == "converted")
    outputs = sorted(p.name for p in out.iterdir())
    # Three inputs are called "seed" (.txt, .docx, .pdf): the suffix tells them apart.
    per_input = {
        "seed.txt.json",
        "seed.docx.json",
        "seed.pdf.json",
        "gbk.txt.json",
        "gb18030.txt.json",
        "utf16.txt.json",
    }
    assert len(converted) == len(per_input)
    assert outputs == sorted(COMBINED | per_input)
    golden = _golden_without_pages()
    for name in outputs:
        if name not in COMBINED:
            document = json.loads((out / name).read_text(encoding="utf-8"))
            assert _comparable(document) == golden, name

    errors = json.loads((out / "errors.json").read_text(encoding="utf-8"))
    listed = {Path(e["file"]).relative_to(source).as_posix(): e for e in errors}
    bad = {n: e for n, e in expected.items() if e.status != "converted"}
    assert listed.keys() == bad.keys()
    for name, want in bad.items():
        assert listed[name]["status"] == want.status, name
        assert want.reason in listed[name]["detail"], (name, listed[name]["detail"])
        assert "\n" not in listed[name]["reason"]
        # The summary names each bad input with its reason (in Chinese), on one line.
        said = {"failed": "失败", "skipped": "跳过"}[want.status]
        assert f"{said}: {listed[name]['file']}: {listed[name]['reason']}\n" in result.output

    lines = (out / "all.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(converted) * len(GOLDEN["records"])
    assert {json.loads(line)["file"] for line in lines} == {Path(n).name for n in converted}


def _rows(database: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Each stored document's records (sha256 -> rows), read with plain sqlite3."""
    with sqlite3.connect(database) as connection:
        rows = connection.execute("SELECT * FROM records ORDER BY sha256, seq").fetchall()
    by_document: dict[str, list[tuple[Any, ...]]] = {}
    for row in rows:
        by_document.setdefault(row[0], []).append(row)
    return by_document


def _counts(database: Path) -> dict[str, int]:
    with sqlite3.connect(database) as connection:
        return {
            table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("documents", "records", "sources")
        }


def test_sqlite_loading_is_idempotent_and_replaces_a_changed_file(tmp_path: Path) -> None:
    source, database = tmp_path / "in", tmp_path / "tasks.db"
    build_folder(source)
    command = ["convert", str(source), "--db", f"sqlite:///{database}", "-j", "2"]

    assert invoke(command).exit_code == 1
    first_counts, first_rows = _counts(database), _rows(database)
    assert first_counts["documents"] == 6
    assert first_counts["records"] == 6 * len(GOLDEN["records"])

    assert invoke(command).exit_code == 1
    assert _counts(database) == first_counts
    assert _rows(database) == first_rows

    changed = source / "seed.txt"
    old_text = changed.read_text(encoding="utf-8")
    changed.write_text(
        old_text.replace("完善土壤环境质量监测网络", "完善土壤环境监测体系"), "utf-8"
    )
    assert invoke(command).exit_code == 1

    after = _rows(database)
    assert _counts(database) == first_counts
    gone = set(first_rows) - set(after)
    new = set(after) - set(first_rows)
    assert len(gone) == 1 and len(new) == 1
    assert {sha: rows for sha, rows in after.items() if sha not in new} == {
        sha: rows for sha, rows in first_rows.items() if sha not in gone
    }
    (new_sha,) = new
    assert "完善土壤环境监测体系" in after[new_sha][0][5]
