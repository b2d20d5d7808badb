"""The Chinese a person reads for a failure reason, from the catalogue ``data/reasons.toml``.

A file that fails, an input skipped and a command that cannot run keep their stable
English kind (the error class: ``BrokenFile``, ``Skipped``) in the machine fields
(errors.json's ``error``, the 文件 sheet's 错误 column, the exit code) and their
English reason in errors.json's ``detail``; every place a person reads one (the CLI's
one-line error, the batch's progress and summary, errors.json's ``reason``, the 文件
sheet's 原因) shows the catalogue's Chinese sentence instead, so the raise sites need
no edit. The first pattern that matches the English reason gives the sentence (its
named groups filled in: a line, a page, a limit); else the kind's sentence, followed
by the printed text the reason quotes; a reason already in Chinese is shown as it is.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path
from typing import NamedTuple

from qingdan.writers.warning_text import quoted

REASONS_FILE = Path(__file__).parent / "data" / "reasons.toml"
OTHER = "other"
_ENGLISH_PHRASE = re.compile(r"[A-Za-z]{2,}(?:[ ,;:'()-]+[A-Za-z]{2,})+")
"""Two English words in a row; a lone name (qingdan, PDF) does not make a reason English."""
_CODE = re.compile(r"`[^`]*`")
_CJK = re.compile(r"[\u3400-\u9fff]")


class Pattern(NamedTuple):
    """One catalogue entry: the English reasons it matches and the sentence it gives."""

    match: re.Pattern[str]
    text: str


class Reasons(NamedTuple):
    """The catalogue: a sentence per error kind and the patterns tried first."""

    kinds: dict[str, str]
    patterns: tuple[Pattern, ...]
    os_errors: dict[str, str]
    """The operating system's English phrases (No space left on device) -> Chinese."""


@cache
def reasons() -> Reasons:
    """The catalogue of ``data/reasons.toml``."""
    with REASONS_FILE.open("rb") as handle:
        data = tomllib.load(handle)
    patterns = tuple(Pattern(re.compile(p["match"]), p["text"]) for p in data["patterns"])
    return Reasons(dict(data["kinds"]), patterns, dict(data.get("os_errors", {})))


def reason_text(kind: str | None, reason: str) -> str:
    """A failure reason as a person reads it: the first matching pattern's sentence,
    else the kind's sentence and what the reason quotes (a reason with no English word
    is shown as it is)."""
    if _written_in_chinese(reason):
        return reason
    catalogue = reasons()
    for pattern in catalogue.patterns:
        found = pattern.match.search(reason)
        if found is not None:
            groups = {k: _os_said(v or "", catalogue) for k, v in found.groupdict().items()}
            if "known" in groups:  # a list of choices reads with 、 (json、csv、xlsx)
                groups["known"] = groups["known"].replace(", ", "、")
            return pattern.text.format(**groups)
    sentence = catalogue.kinds.get(kind or OTHER) or catalogue.kinds[OTHER]
    details = [text for text in quoted(reason) if _CJK.search(text)]
    return f"{sentence}：{'、'.join(details)}" if details else sentence


def _os_said(text: str, catalogue: Reasons) -> str:
    """Quoted text with the operating system's English phrases in Chinese."""
    text = re.sub(r"\[Errno \d+\] ", "", text)
    for phrase, chinese in catalogue.os_errors.items():
        text = text.replace(phrase, chinese)
    return text


def _written_in_chinese(reason: str) -> bool:
    """A reason raised in Chinese: no English phrase outside its commands in `…`, and
    Chinese in it unless it has no English word at all."""
    prose = _CODE.sub("", reason)
    if _ENGLISH_PHRASE.search(prose):
        return False
    return bool(_CJK.search(prose)) or not re.search(r"[A-Za-z]{2,}", prose)


__all__ = ["REASONS_FILE", "reason_text", "reasons"]
