"""The generator's own vocabulary: the TOML files in ``corpus/data/``.

Held out on purpose: nothing here reads ``normalize/data/`` (the reader's knowledge), so
the corpus measures what qingdan gets right on words it was not tuned to.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Organ:
    """A department core with the full and the short form authors write."""

    full: str
    short: str


@dataclass(frozen=True)
class DeadlinePhrase:
    """A deadline template with the due date and kind it implies (see deadlines.toml)."""

    text: str
    due: str
    kind: str


@dataclass(frozen=True)
class Topic:
    """A list's subject with the words its categories, measures and targets draw on."""

    name: str
    categories: tuple[str, ...]
    objects: tuple[str, ...]
    targets: tuple[str, ...]


@dataclass(frozen=True)
class Vocabulary:
    """Every word list of ``corpus/data``."""

    labels: dict[str, tuple[str, ...]]
    rectification_labels: dict[str, tuple[str, ...]]
    departments: dict[str, Any]
    organs: tuple[Organ, ...]
    deadlines: tuple[DeadlinePhrase, ...]
    topics: tuple[Topic, ...]
    text: dict[str, Any]


def _read(name: str, data_dir: Path) -> dict[str, Any]:
    with (data_dir / name).open("rb") as handle:
        return tomllib.load(handle)


def load_vocabulary(data_dir: Path = DATA) -> Vocabulary:
    """Read the vocabulary files of ``data_dir`` (default: the bundled ``corpus/data``)."""
    headers = _read("headers.toml", data_dir)["labels"]
    rectification = headers.pop("rectification")
    departments = _read("departments.toml", data_dir)
    text = _read("text.toml", data_dir)
    return Vocabulary(
        labels={role: tuple(words) for role, words in headers.items()},
        rectification_labels={role: tuple(words) for role, words in rectification.items()},
        departments=departments,
        organs=tuple(Organ(o["full"], o["short"]) for o in departments["organs"]),
        deadlines=tuple(
            DeadlinePhrase(d["text"], d["due"], d["kind"])
            for d in _read("deadlines.toml", data_dir)["deadline"]
        ),
        topics=tuple(
            Topic(t["name"], tuple(t["categories"]), tuple(t["objects"]), tuple(t["targets"]))
            for t in text["topic"]
        ),
        text=text,
    )


@cache
def vocabulary() -> Vocabulary:
    """The bundled vocabulary, read once per process."""
    return load_vocabulary()
