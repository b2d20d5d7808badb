"""Loading the domain knowledge that lives in data files (built-in, plus the user's).

Column synonyms and department names are data a user can extend with their own
TOML or YAML file; this module reads both kinds of file into plain mappings. A user's
file is decoded like a text attachment (UTF-8, UTF-16 or GBK, as Excel and Notepad on
Chinese Windows save it; ``extract.encoding``), and whatever is wrong with it is one
``KnowledgeFileError`` line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from qingdan.extract.errors import QingdanError, UndecodableText
from qingdan.normalize.snapshot import parsed

DATA_DIR = Path(__file__).parent / "data"


class KnowledgeFileError(QingdanError):
    """A user's column or department file cannot be read."""


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


def read_data_file(path: Path) -> dict[str, Any]:
    """Parse a TOML (``.toml``) or YAML (``.yaml``/``.yml``) file into a mapping."""
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
    return data


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
