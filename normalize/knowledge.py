"""Loading the domain knowledge that lives in data files (built-in, plus the user's).

Column synonyms and department names are data a user can extend with their own
TOML or YAML file; this module reads both kinds of file into plain mappings.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from qingdan.extract.errors import QingdanError

DATA_DIR = Path(__file__).parent / "data"


class KnowledgeFileError(QingdanError):
    """A user's column or department file cannot be read."""


def read_data_file(path: Path) -> dict[str, Any]:
    """Parse a TOML (``.toml``) or YAML (``.yaml``/``.yml``) file into a mapping."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise KnowledgeFileError(path, f"cannot read: {error.strerror}") from error
    try:
        if path.suffix.lower() == ".toml":
            data = tomllib.loads(text)
        elif path.suffix.lower() in (".yaml", ".yml"):
            import yaml  # only for a user's YAML file (issue 16: PyYAML slowed every start)

            try:
                data = yaml.safe_load(text) or {}
            except yaml.YAMLError as error:
                raise KnowledgeFileError(path, f"not valid YAML: {error}") from error
        else:
            raise KnowledgeFileError(path, "expected a .toml, .yaml or .yml file")
    except tomllib.TOMLDecodeError as error:
        raise KnowledgeFileError(path, f"not valid {path.suffix[1:].upper()}: {error}") from error
    if not isinstance(data, dict):
        raise KnowledgeFileError(path, "expected a mapping at the top level")
    return data


def builtin(name: str) -> dict[str, Any]:
    """The built-in data file ``normalize/data/NAME``."""
    return read_data_file(DATA_DIR / name)
