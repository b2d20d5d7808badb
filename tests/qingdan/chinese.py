"""What the Chinese-throughout tests look for: an English phrase in a text a person reads."""

from __future__ import annotations

import re

ENGLISH_SENTENCE = re.compile(r"[A-Za-z]{2,}(?:[ ,;:'()-]+[A-Za-z]{2,})+")
"""Two English words in a row: a phrase or a sentence (a lone code or OCR is not one)."""
FILE_NAME = re.compile(r"[\w./-]+\.(?:txt|docx|doc|json|xlsx|xls|csv|pdf|xml|md|jsonl|toml)\b")
CODE = re.compile(r"`[^`]*`")
"""A command or an option as typed (`pip install 'qingdan[ocr]'`): not English prose."""
OPTION = re.compile(r"(?<![\w-])--?[A-Za-z][\w/-]*")
"""An option named in a sentence (参数 -f/--format, --pdf-engine)."""


def english(text: str) -> list[str]:
    """The English phrases in a text a person reads (file names, commands and options aside)."""
    prose = OPTION.sub("", FILE_NAME.sub("", CODE.sub("", text)))
    return ENGLISH_SENTENCE.findall(prose)
