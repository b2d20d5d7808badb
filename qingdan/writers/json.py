"""JSON output: the output contract, UTF-8, Chinese written as itself (not \\u escapes)."""

from __future__ import annotations

from qingdan.schema import Document


def document_json(document: Document) -> bytes:
    """The document as indented JSON bytes, ending with a newline."""
    return (document.model_dump_json(indent=2) + "\n").encode("utf-8")
