"""Department cells -> department names.

A department cell is the dirtiest text in a task list: names wrap mid-word
(``生态环境`` / ``新城分局``), several names share a line with or without a space
(``区发改委 区住建局区财政局``), and punctuation separates others. The rules:

1. Punctuation (、，,；;／/) always separates names.
2. Inside a run without punctuation, whitespace and line breaks separate names,
   except that a piece that is not a complete name joins the piece after it
   (``生态环境`` + ``新城分局``), and a fragment that cannot stand alone joins the
   name before it (``区卫生健康委`` + ``员会``).
3. A complete name glued to the next is cut where a name ends with a department
   suffix and the next begins like a name (``区住建局|区财政局``), never inside a
   known name.

Knowledge (suffixes, name starts, known names) is data: ``data/departments.toml``.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from pathlib import Path

from normalize.knowledge import KnowledgeFileError, builtin, read_data_file
from normalize.text import cell_lines

_SEPARATORS = re.compile(r"[、，,；;／/]+")


@dataclass(frozen=True)
class DepartmentKnowledge:
    """What a department name looks like: its endings, its beginnings, known names."""

    suffixes: tuple[str, ...]
    starts: tuple[str, ...]
    known: frozenset[str]

    @classmethod
    def load(cls, user_file: Path | None = None) -> DepartmentKnowledge:
        """The built-in knowledge, extended by a user's TOML/YAML file of the same shape."""
        sources = [(Path("departments.toml"), builtin("departments.toml"))]
        if user_file is not None:
            sources.append((user_file, read_data_file(user_file)))
        lists: dict[str, list[str]] = {"suffixes": [], "starts": [], "known": []}
        for path, data in sources:
            for key, values in data.items():
                if key not in lists or not isinstance(values, list):
                    raise KnowledgeFileError(path, f"{key}: expected one of {', '.join(lists)}")
                lists[key].extend(str(v) for v in values)
        return cls(tuple(lists["suffixes"]), tuple(lists["starts"]), frozenset(lists["known"]))

    def is_complete(self, name: str) -> bool:
        """Whether a piece of text is a whole department name."""
        return name in self.known or name.endswith(self.suffixes)

    def is_fragment(self, piece: str) -> bool:
        """Whether a piece cannot be a name on its own (the tail of a wrapped name)."""
        if piece in self.known or piece.startswith(self.starts):
            return False
        return piece in self.suffixes or len(piece) <= 2

    def looks_like_start(self, text: str) -> bool:
        """Whether text begins the way a department name begins."""
        return text.startswith(self.starts) or any(text.startswith(k) for k in self.known)


def split_departments(text: str | None, knowledge: DepartmentKnowledge) -> list[str]:
    """The department names in a raw cell, in the order written."""
    names: list[str] = []
    for chunk in _SEPARATORS.split("\n".join(cell_lines(text))):
        for name in _join_wrapped(chunk.split(), knowledge):
            names.extend(split_glued(name, knowledge))
    return names


def _join_wrapped(pieces: list[str], knowledge: DepartmentKnowledge) -> list[str]:
    """Join whitespace-separated pieces back into whole names (rule 2)."""
    names: list[str] = []
    pending = ""
    for piece in pieces:
        if not pending and names and knowledge.is_fragment(piece):
            names[-1] += piece
            continue
        pending += piece
        if knowledge.is_complete(pending):
            names.append(pending)
            pending = ""
    if pending:
        names.append(pending)
    return names


def split_glued(name: str, knowledge: DepartmentKnowledge) -> list[str]:
    """Cut names written with no separator between them (rule 3)."""
    protected = _inside_known(name, knowledge)
    cuts = [
        i
        for i in range(2, len(name) - 1)
        if i not in protected
        and knowledge.is_complete(name[:i])
        and knowledge.looks_like_start(name[i:])
    ]
    bounds = [0, *cuts, len(name)]
    return [name[a:b] for a, b in itertools.pairwise(bounds)]


def _inside_known(name: str, knowledge: DepartmentKnowledge) -> set[int]:
    """Positions strictly inside an occurrence of a known name."""
    inside: set[int] = set()
    for known in knowledge.known:
        start = name.find(known)
        while start != -1:
            inside.update(range(start + 1, start + len(known)))
            start = name.find(known, start + 1)
    return inside
