"""The Chinese a person reads for a warning, from the catalogue ``data/warnings.toml``.

Warnings keep their stable English code and message in the machine fields (JSON,
the database); every place a person reads one (the 警告 sheet, ``NAME.warnings.csv``,
the terminal) shows the catalogue's sentence for the code, followed by the text the
message quotes (a cell, a unit name as printed), so the emit sites need no edit. A
code the catalogue does not know shows its ``[other]`` sentence and the code.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path

CATALOGUE_FILE = Path(__file__).parent / "data" / "warnings.toml"
OTHER = "other"
_QUOTED = re.compile(r"'((?:[^'\\]|\\.)*)'|\"((?:[^\"\\]|\\.)*)\"|「([^」]*)」|“([^”]*)”")
_CJK = re.compile(r"[\u3400-\u9fff]")
_TAIL = re.compile(r":\s+(.*)$")
_ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")


@cache
def catalogue() -> dict[str, str]:
    """Warning code -> its Chinese sentence."""
    with CATALOGUE_FILE.open("rb") as handle:
        data = tomllib.load(handle)
    return {code: entry["text"] for code, entry in data.items()}


def quoted(message: str) -> list[str]:
    """The printed text a message quotes; else its CJK tail after a colon ("…: 注：…")."""
    found = [
        next(g for g in match.groups() if g is not None) for match in _QUOTED.finditer(message)
    ]
    if found:
        return [text for text in found if text]
    tail = _TAIL.search(message)
    return [tail.group(1).strip()] if tail and _CJK.search(tail.group(1)) else []


def warning_text(code: str, message: str) -> str:
    """A warning as a person reads it: the catalogue's sentence, then what it quotes
    (a message already written in Chinese, with no English word, is shown as it is)."""
    if not _ENGLISH_WORD.search(message):
        return message
    sentences = catalogue()
    sentence = sentences.get(code) or f"{sentences[OTHER]}（{code}）"
    details = quoted(message)
    return f"{sentence}：{'、'.join(details)}" if details else sentence
