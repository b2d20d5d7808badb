"""The built-in knowledge files parsed ahead (issue 16): current, used, never stale."""

from __future__ import annotations

import hashlib
import json
import tomllib
from pathlib import Path

from qingdan.normalize import snapshot
from qingdan.normalize.knowledge import DATA_DIR, builtin
from qingdan.normalize.snapshot import SNAPSHOT, parsed, snapshot_lines, write_snapshot


def test_the_snapshot_holds_every_builtin_file_as_it_is() -> None:
    written = SNAPSHOT.read_text(encoding="utf-8").split("\n")
    assert written[-1] == ""
    assert written[:-1] == snapshot_lines(), "a built-in TOML file changed: run `make knowledge`"


def test_builtin_data_are_the_toml_files() -> None:
    for path in sorted(DATA_DIR.glob("*.toml")):
        assert builtin(path.name) == tomllib.loads(path.read_text(encoding="utf-8")), path.name


def _folder(tmp_path: Path, text: str) -> Path:
    (tmp_path / "words.toml").write_text(text, encoding="utf-8")
    write_snapshot(tmp_path)
    return tmp_path / "words.toml"


def test_a_file_the_snapshot_holds_is_taken_from_it(tmp_path: Path) -> None:
    path = _folder(tmp_path, 'words = ["县", "区"]\n')
    # A snapshot line for these very bytes is believed: prove it by a doctored one.
    entry = {"sha256": hashlib.sha256(path.read_bytes()).hexdigest(), "data": {"words": ["镇"]}}
    (tmp_path / SNAPSHOT.name).write_text(f"words.toml\t{json.dumps(entry)}\n", encoding="utf-8")
    snapshot._entries.cache_clear()  # the snapshot file changed behind the reader's back
    assert parsed(path) == {"words": ["镇"]}


def test_a_file_edited_since_the_snapshot_is_read_as_toml(tmp_path: Path) -> None:
    path = _folder(tmp_path, 'words = ["县", "区"]\n')
    assert parsed(path) == {"words": ["县", "区"]}
    path.write_text('words = ["县", "区", "镇"]\n', encoding="utf-8")
    assert parsed(path) == {"words": ["县", "区", "镇"]}


def test_a_damaged_snapshot_line_is_read_as_toml(tmp_path: Path) -> None:
    path = _folder(tmp_path, 'words = ["县"]\n')
    (tmp_path / SNAPSHOT.name).write_text("words.toml\t{not json\n", encoding="utf-8")
    snapshot._entries.cache_clear()
    assert parsed(path) == {"words": ["县"]}


def test_each_call_gives_fresh_data(tmp_path: Path) -> None:
    path = _folder(tmp_path, 'words = ["县"]\n')
    first = parsed(path)
    first["words"].append("区")
    assert parsed(path) == {"words": ["县"]}
