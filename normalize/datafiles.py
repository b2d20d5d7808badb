"""Reading knowledge files: the built-in ones and a user's, and merging a user's over ours.

Only ``normalize.knowledge`` calls these (``tests/normalize/test_knowledge.py`` checks
that no other normalize module reads a data file). A user's file is decoded like a text
attachment (UTF-8, UTF-16 or GBK, as Excel and Notepad on Chinese Windows save it;
``extract.encoding``), and whatever is wrong with it is one ``KnowledgeFileError`` line
naming the file and, where it can be told, the line.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from pathlib import Path
from typing import Any, NamedTuple

from qingdan.extract.errors import QingdanError, UndecodableText
from qingdan.normalize.snapshot import parsed

DATA_DIR = Path(__file__).parent / "data"


class KnowledgeFileError(QingdanError):
    """A user's knowledge file (columns, departments, aliases, deadlines …) cannot be read."""


class UserFile(NamedTuple):
    """A user's knowledge file: where it is, its text and what it holds."""

    path: Path
    text: str
    data: dict[str, Any]

    def error(self, key: str, reason: str) -> KnowledgeFileError:
        """The error for a bad ``key`` of the file, naming the line that writes it."""
        line = line_of(self.text, key)
        where = f"line {line}: " if line else ""
        return KnowledgeFileError(self.path, f"{where}{key}: {reason}")


def line_of(text: str, key: str) -> int | None:
    """The first line (from 1) that writes ``key``: as ``key =`` / ``key:`` or a table
    header ``[key]`` / ``[[key]]`` / ``[parent.key]``; ``None`` if no line does."""
    quoted = rf"[\"']?{re.escape(key)}[\"']?"
    pattern = re.compile(rf"^\s*(?:-\s*)?(?:{quoted}\s*[=:]|\[\[?(?:[^\]]*\.)?{quoted}\]\]?)")
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return number
    return None


def read_text_file(path: Path) -> str:
    """The text of a user's data file, in whichever encoding it was saved."""
    # Imported here: only a user's file needs the encoding guesser (issue 16).
    from qingdan.extract.encoding import decode_text

    try:
        data = path.read_bytes()
    except OSError as error:
        raise KnowledgeFileError(path, f"cannot read: {error.strerror or error}") from error
    try:
        text, _ = decode_text(data, path)
    except UndecodableText as error:
        raise KnowledgeFileError(
            path, "not text in UTF-8, UTF-16 or GB18030/GBK; save it as UTF-8 text"
        ) from error
    return text


def read_user_file(path: Path) -> UserFile:
    """A user's TOML (``.toml``) or YAML (``.yaml``/``.yml``) file, parsed into a mapping."""
    import tomllib  # a user's file only: the built-in files come from their snapshot

    text = read_text_file(path)
    try:
        if path.suffix.lower() == ".toml":
            data = tomllib.loads(text)
        elif path.suffix.lower() in (".yaml", ".yml"):
            data = _read_yaml(text)
        else:
            raise KnowledgeFileError(path, "expected a .toml, .yaml or .yml file")
    except (tomllib.TOMLDecodeError, RecursionError, ValueError) as error:
        raise KnowledgeFileError(path, f"not valid {path.suffix[1:].upper()}: {error}") from error
    if not isinstance(data, dict):
        raise KnowledgeFileError(path, "expected a mapping at the top level")
    return UserFile(path, text, data)


def read_data_file(path: Path) -> dict[str, Any]:
    """Parse a user's TOML or YAML file into a mapping (``read_user_file``'s data)."""
    return read_user_file(path).data


def read_csv_pairs(path: Path, header: tuple[str, str]) -> dict[str, str]:
    """A user's two-column CSV file (first line: the ``header``) as a mapping."""
    import csv  # only for a CSV file (issue 16: imports cost every start)
    import io

    reader = csv.DictReader(io.StringIO(read_text_file(path)))
    key, value = header
    if reader.fieldnames is None or set(header) - set(reader.fieldnames):
        raise KnowledgeFileError(path, f"expected the CSV header '{key},{value}'")
    pairs: dict[str, str] = {}
    for line, row in enumerate(reader, start=2):
        left, right = (row[key] or "").strip(), (row[value] or "").strip()
        if not left or not right:
            raise KnowledgeFileError(path, f"line {line}: both {key} and {value} are needed")
        pairs[left] = right
    return pairs


def _read_yaml(text: str) -> Any:
    """A user's YAML file; PyYAML is imported only then (issue 16: it slowed every start)."""
    import yaml

    try:
        return yaml.safe_load(text) or {}
    except yaml.YAMLError as error:
        raise ValueError(str(error)) from error


def builtin(name: str) -> dict[str, Any]:
    """The built-in data file ``normalize/data/NAME`` (TOML, saved as UTF-8 by us),
    parsed ahead in ``data/snapshot.jsonl`` (``normalize.snapshot``)."""
    return parsed(DATA_DIR / name)


def merge_words(
    ours: dict[str, Any], user: UserFile, open_tables: Collection[str] = ()
) -> dict[str, Any]:
    """A user's word file merged over a built-in one of the same keys.

    A list is extended (the user's words after ours, none twice), a table merged key by
    key, a single value replaced. A key we do not have is an error, except inside the
    tables named in ``open_tables`` (word -> value tables such as a deadline file's
    ``seasons``), where the user's entries are added or win.
    """
    return _merge(ours, user.data, user, "", open_tables)


def _merge(
    ours: dict[str, Any],
    theirs: dict[str, Any],
    user: UserFile,
    within: str,
    open_tables: Collection[str],
) -> dict[str, Any]:
    merged = dict(ours)
    for key, value in theirs.items():
        key = str(key)
        if within in open_tables:
            merged[key] = _entry(next(iter(ours.values()), None), value, user, key)
        elif key not in ours:
            raise user.error(key, _unknown_key(key, ours))
        else:
            merged[key] = _merged_value(ours[key], value, user, key, open_tables)
    return merged


def _entry(like: Any, theirs: Any, user: UserFile, key: str) -> Any:
    """A user's entry of an open table, of the kind of the table's entries (a season's
    table, a relative year's number); what it holds is checked by its vocabulary."""
    if isinstance(theirs, bool) or (like is not None and not isinstance(theirs, type(like))):
        kind = "a table" if isinstance(like, dict) else type(like).__name__
        raise user.error(key, f"expected {kind}, got {theirs!r}")
    return theirs


def _merged_value(
    ours: Any, theirs: Any, user: UserFile, key: str, open_tables: Collection[str]
) -> Any:
    if isinstance(ours, list):
        if not isinstance(theirs, list):
            raise user.error(key, "expected a list")
        return ours + [item for item in theirs if item not in ours]
    if isinstance(ours, dict):
        if not isinstance(theirs, dict):
            raise user.error(key, "expected a table")
        return _merge(ours, theirs, user, key, open_tables)
    if ours is not None and type(theirs) is not type(ours):
        raise user.error(key, f"expected {type(ours).__name__}, got {theirs!r}")
    return theirs


def _unknown_key(key: str, ours: dict[str, Any]) -> str:
    import difflib  # only for a mistyped key (issue 16: imports cost every start)

    close = difflib.get_close_matches(key, list(ours), n=2)
    hint = f"did you mean {' or '.join(close)}? " if close else ""
    return f"not a key of this file; {hint}(keys: {', '.join(ours)})"
