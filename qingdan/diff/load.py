"""The two sides of a diff: an attachment (converted on the fly) or a qingdan JSON output."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from qingdan.extract.errors import FileMissing, QingdanError
from qingdan.normalize import Knowledge
from qingdan.pipeline import convert
from qingdan.schema import Document


class NotAQingdanOutput(QingdanError):
    """A ``.json`` file given to ``diff`` is not the output of ``qingdan convert``."""


def load_document(path: str | Path, knowledge: Knowledge | None = None) -> Document:
    """The task list in ``path``: a ``.json`` written by ``qingdan convert``, or any attachment.

    Raises ``NotAQingdanOutput`` for a JSON file that does not follow the output
    contract, and the readers' ``QingdanError`` for a bad attachment.
    """
    path = Path(path)
    if path.suffix.lower() != ".json":
        return convert(path, knowledge)  # qingdan's own XLSX, CSV, JSONL read back
    if not path.is_file():
        raise FileMissing(path, "no such file")
    try:
        return Document.model_validate_json(path.read_bytes())
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "top level"
        raise NotAQingdanOutput(
            path, f"not a qingdan JSON output ({where}: {first['msg']}); convert it first"
        ) from None
