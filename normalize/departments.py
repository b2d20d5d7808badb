"""Department cells -> department names.

A department cell is the dirtiest text in a task list: names wrap mid-word
(``生态环境`` / ``新城分局``), several names share a line with or without a space
(``区发改委 区住建局区财政局``), and punctuation separates others. The rules:

1. Punctuation (、，,；;／/) outside brackets always separates names; inside a
   bracket it does not (``各镇（街道、园区）`` is one name).
2. Inside a run without punctuation, whitespace and line breaks separate names,
   except that a piece that is not a complete name joins the piece after it
   (``生态环境`` + ``新城分局``), a fragment that cannot stand alone joins the
   name before it (``区卫生健康委`` + ``员会``), and a bracket left open joins the
   next piece (``各镇（街`` + ``道）``) while a piece that opens a bracket or is a
   trailing 等 belongs to the name before it (``区城管局`` + ``（牵头）``).
3. A trailing 等 (``区财政局等``) and a bracket holding a note rather than a name
   (``区城管局（牵头）``) are removed from the name and returned as notes, so the
   caller can warn; a bracket holding a name (``各镇（街道）``) stays.
4. A complete name glued to the next is cut where a name ends with a department
   suffix and the next begins like a name (``区住建局|区财政局``), never inside a
   known name or a bracket, and never before a word that only looks like a name
   start (``高新区市场监管局`` stays whole; ``曲江新区区城管局`` is cut).

Knowledge (suffixes, name starts, known names, notes) is data: ``data/departments.toml``.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from pathlib import Path

from qingdan.normalize.knowledge import KnowledgeFileError, builtin, read_data_file
from qingdan.normalize.text import cell_lines

SEPARATORS = frozenset("、，,；;／/")
OPENING = "（(【[〔"
CLOSING = "）)】]〕"
_LISTS = ("suffixes", "starts", "false_starts", "known", "etc", "note_words")


@dataclass(frozen=True)
class DepartmentKnowledge:
    """What a department name looks like: its endings, its beginnings, known names."""

    suffixes: tuple[str, ...]
    starts: tuple[str, ...]
    known: frozenset[str]
    false_starts: tuple[str, ...] = ()
    """Words that begin with a name start but do not begin a name (市场, 区域)."""
    etc: tuple[str, ...] = ()
    """Endings such as 等 / 等部门 that say the list is not complete."""
    note_words: tuple[str, ...] = ()
    """Words that make a bracket a note (牵头, 配合) rather than part of a name."""

    @classmethod
    def load(cls, user_file: Path | None = None) -> DepartmentKnowledge:
        """The built-in knowledge, extended by a user's TOML/YAML file of the same shape."""
        sources = [(Path("departments.toml"), builtin("departments.toml"))]
        if user_file is not None:
            sources.append((user_file, read_data_file(user_file)))
        lists: dict[str, list[str]] = {key: [] for key in _LISTS}
        for path, data in sources:
            for key, values in data.items():
                if key not in lists or not isinstance(values, list):
                    raise KnowledgeFileError(path, f"{key}: expected one of {', '.join(lists)}")
                lists[key].extend(str(v) for v in values)
        return cls(
            suffixes=tuple(lists["suffixes"]),
            starts=tuple(lists["starts"]),
            known=frozenset(lists["known"]),
            false_starts=tuple(lists["false_starts"]),
            # Longest first, so 等部门 is removed whole rather than leaving 等 behind.
            etc=tuple(sorted(lists["etc"], key=len, reverse=True)),
            note_words=tuple(lists["note_words"]),
        )

    def is_complete(self, name: str) -> bool:
        """Whether a piece of text is a whole department name (a bracket after it allowed)."""
        if name in self.known:
            return True
        core = _without_trailing_brackets(name)
        return bool(core) and core.endswith(self.suffixes)

    def is_fragment(self, piece: str) -> bool:
        """Whether a piece cannot be a name on its own (the tail of a wrapped name)."""
        if piece in self.known or piece.startswith(self.starts):
            return False
        return piece in self.suffixes or len(piece) <= 2

    def looks_like_start(self, text: str) -> bool:
        """Whether text begins the way a department name begins."""
        if any(text.startswith(k) for k in self.known):
            return True
        return text.startswith(self.starts) and not text.startswith(self.false_starts)

    def is_note(self, bracketed: str) -> bool:
        """Whether the text inside a bracket is a note about a name rather than part of it."""
        return any(word in bracketed for word in self.note_words) or not self.is_complete(bracketed)


@dataclass(frozen=True)
class DepartmentNote:
    """Text removed from a department name: a trailing 等 or a bracketed note."""

    written: str
    """The name as the cell writes it, note included (``区城管局（牵头）``)."""
    note: str
    """The removed text as written (``（牵头）``, ``等``)."""


@dataclass(frozen=True)
class DepartmentCell:
    """The department names in one cell, in the order written, and the notes taken out."""

    names: list[str] = field(default_factory=list)
    notes: list[DepartmentNote] = field(default_factory=list)


def split_departments(text: str | None, knowledge: DepartmentKnowledge) -> DepartmentCell:
    """The department names in a raw cell (rules 1-4) and the notes removed from them."""
    cell = DepartmentCell()
    for chunk in _split_outside_brackets("\n".join(cell_lines(text))):
        for written in _join_wrapped(chunk.split(), knowledge):
            name, notes = _remove_notes(written, knowledge)
            cell.notes.extend(DepartmentNote(written, note) for note in notes)
            if name:
                cell.names.extend(split_glued(name, knowledge))
    return cell


def _split_outside_brackets(text: str) -> list[str]:
    """Text cut at separator punctuation that is not inside a bracket (rule 1)."""
    chunks, current, depth = [], "", 0
    for char in text:
        if char in SEPARATORS and depth == 0:
            chunks.append(current)
            current = ""
            continue
        depth += (char in OPENING) - (char in CLOSING and depth > 0)
        current += char
    chunks.append(current)
    return [chunk for chunk in chunks if chunk.strip()]


def _open_brackets(text: str) -> int:
    return sum(c in OPENING for c in text) - sum(c in CLOSING for c in text)


def _join_wrapped(pieces: list[str], knowledge: DepartmentKnowledge) -> list[str]:
    """Join whitespace-separated pieces back into whole names (rule 2)."""
    names: list[str] = []
    pending = ""
    for piece in pieces:
        belongs_before = (
            knowledge.is_fragment(piece) or piece[0] in OPENING or piece in knowledge.etc
        )
        if not pending and names and belongs_before:
            names[-1] += piece
            continue
        pending += piece
        if _open_brackets(pending) <= 0 and knowledge.is_complete(pending):
            names.append(pending)
            pending = ""
    if pending:
        names.append(pending)
    return names


def _remove_notes(written: str, knowledge: DepartmentKnowledge) -> tuple[str, list[str]]:
    """A name without its trailing 等 and bracketed notes, and the notes (rule 3)."""
    if written in knowledge.known:
        return written, []
    notes: list[str] = []
    name = ""
    for part in _bracket_parts(written):
        if part[0] in OPENING and part[-1] in CLOSING and knowledge.is_note(part[1:-1]):
            notes.append(part)
        else:
            name += part
    name = name.strip()
    for ending in knowledge.etc:
        if name.endswith(ending) and name not in knowledge.known:
            notes.append(ending)
            name = name[: -len(ending)]
            break
    return name, notes


def _bracket_parts(text: str) -> list[str]:
    """Text cut into plain runs and outermost bracket groups, in order."""
    parts, current, depth = [], "", 0
    for char in text:
        if char in OPENING:
            if depth == 0 and current:
                parts.append(current)
                current = ""
            depth += 1
        current += char
        if char in CLOSING and depth > 0:
            depth -= 1
            if depth == 0:
                parts.append(current)
                current = ""
    if current:
        parts.append(current)
    return parts


def _without_trailing_brackets(name: str) -> str:
    """A name with the bracket groups at its end removed (各镇（街道） -> 各镇)."""
    while name and name[-1] in CLOSING:
        parts = _bracket_parts(name)
        if len(parts) < 2 or parts[-1][0] not in OPENING:
            break
        name = "".join(parts[:-1])
    return name


def split_glued(name: str, knowledge: DepartmentKnowledge) -> list[str]:
    """Cut names written with no separator between them (rule 4)."""
    candidates = [
        i
        for i in range(2, len(name) - 1)
        if knowledge.is_complete(name[:i]) and knowledge.looks_like_start(name[i:])
    ]
    if not candidates:
        return [name]
    protected = _inside_known(name, knowledge) | _inside_brackets(name)
    bounds = [0, *(i for i in candidates if i not in protected), len(name)]
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


def _inside_brackets(name: str) -> set[int]:
    """Positions inside a bracket group or right before one (a name never ends there)."""
    inside: set[int] = set()
    position = 0
    for part in _bracket_parts(name):
        if part[0] in OPENING:
            inside.update(range(position, position + len(part)))
        position += len(part)
    return inside
