"""Department cells -> department names, read with evidence from the whole document.

A department cell is the dirtiest text in a task list: names wrap mid-word
(``生态环境`` / ``X分局``), several names share a line with or without a space
(``县发改局 县住建局县财政局``), and punctuation separates others. The reading:

1. Separators (、，,；;／/) outside brackets always end a name; inside a bracket they
   do not (``各镇（街道、开发区）`` is one name).
2. Each run between separators is cut by the best cut under the model of unit
   names (``normalize.units.segment``, ``normalize.units.model``): line breaks and spaces may end
   a name or be a wrap inside one, glued names are cut, collectives and bracket
   groups stay whole.
3. A trailing 等, a bracket holding a note (``（牵头）``) and a phrase that is no unit
   (按职责分工负责, 下同) are taken out and returned as notes, so the caller can warn;
   a piece the model cannot place is kept as written and listed as unknown.
4. ``DepartmentReader.for_document`` first sees the title and every department cell:
   the title's places make ``X分局`` a branch, and a name written whole anywhere is
   complete everywhere (it confirms the join of its wrapped parts elsewhere).

Knowledge (levels, organs, suffixes, collectives, notes) is data: ``data/units.toml``,
extended by the user's ``--departments`` file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from qingdan.normalize.datafiles import UserFile
from qingdan.normalize.script import CLOSING, LIST_SEPARATORS, OPENING
from qingdan.normalize.text import cell_lines, squeeze
from qingdan.normalize.units.model import UnitModel, make_room
from qingdan.normalize.units.places import places_in_names, places_in_title
from qingdan.normalize.units.reading import Kind
from qingdan.normalize.units.segment import Piece, Run, best_cut, prepare_run

SEPARATORS = frozenset(LIST_SEPARATORS + "：:。")
"""Separators between names; a colon ends a role label ("牵头单位：X") as well, and a
full stop a sentence ("……各直属机构。": the 。 is no name)."""

# The keys of the first knowledge file (issue 2), still accepted in a user's file.
_LEGACY_KEYS = {
    "suffixes": "unit_suffixes",
    "starts": "openers",
    "known": "whole",
    "etc": "etc",
    "note_words": "note_words",
    "false_starts": "false_starts",
}


class DepartmentKnowledge:
    """The model of unit names: built-in ``data/units.toml`` plus the user's file."""

    def __init__(self, model: UnitModel) -> None:
        self.model = model
        self._cells: dict[str, DepartmentCell] = {}
        """What readers of ``model`` itself (no document's evidence) found in each cell."""
        self._unit_lists: dict[str, bool] = {}
        """Whether each cell names units only, for the same readers (``names_only_units``)."""

    def __repr__(self) -> str:
        return f"DepartmentKnowledge({self.model!r})"

    @classmethod
    def from_data(
        cls, ours: Mapping[str, Any], user: UserFile | None = None
    ) -> DepartmentKnowledge:
        """The model of ``data/units.toml``, extended by a user's TOML/YAML file.

        A user's file may use every key of ``data/units.toml`` (lists are extended,
        ``organs`` entries added) and the first file's keys: ``suffixes``, ``starts``,
        ``known``, ``etc``, ``note_words``, ``false_starts``.
        """
        data = dict(ours)
        if user is not None:
            _extend(data, user)
        return cls(UnitModel.from_data(data))

    def is_complete(self, name: str) -> bool:
        """Whether a name reads as a unit under the model (no document evidence)."""
        return self.model.is_unit(name)


def _extend(data: dict[str, Any], user: UserFile) -> None:
    """Add a user's lists and organs to ``data`` (the built-in lists are copied first)."""
    keys = sorted({*data, *_LEGACY_KEYS, "places"})
    for key, values in user.data.items():
        target = _LEGACY_KEYS.get(key, key)
        if target == "organs" and isinstance(values, dict):
            data["organs"] = {
                **data["organs"],
                **{str(k): list(v or []) for k, v in values.items()},
            }
        elif target in keys and isinstance(values, list):
            data[target] = [*data.get(target, []), *(str(v) for v in values)]
        elif target in keys:
            raise user.error(key, "expected a list of names")
        else:
            import difflib  # only for a mistyped key (issue 16: imports cost every start)

            close = difflib.get_close_matches(str(key), keys, n=2)
            hint = f"did you mean {' or '.join(close)}? " if close else ""
            raise user.error(
                key, f"not a key of a departments file; {hint}(keys: docs/departments.md)"
            )


class DepartmentNote(NamedTuple):
    """Text taken out of a department cell: a trailing 等, a bracketed note, a phrase."""

    written: str
    """The name as the cell writes it, note included (``县城管局（牵头）``); for a phrase
    that is no unit (按职责分工负责), the phrase itself."""
    note: str
    """The removed text as written (``（牵头）``, ``等``, ``按职责分工负责``)."""

    @property
    def is_phrase(self) -> bool:
        """Whether the note stood alone rather than on a name."""
        return self.written == self.note


class DepartmentCell(NamedTuple):
    """The department names in one cell, in the order written, and the notes taken out
    (``empty_cell()`` starts one to fill)."""

    names: list[str]
    notes: list[DepartmentNote]
    unknown: list[str]
    """Names kept as written that the model cannot place (for ``unknown-department``)."""


def empty_cell() -> DepartmentCell:
    """A cell with no names yet, its lists its own."""
    return DepartmentCell([], [], [])


class DepartmentReader:
    """Splits the department cells of one document, knowing its places and whole names."""

    def __init__(self, knowledge: DepartmentKnowledge, model: UnitModel | None = None) -> None:
        self.knowledge = knowledge
        self.model = model or knowledge.model
        # Readers of the knowledge's own model (the column evidence reads with one per
        # column) answer alike: they share what they found, across documents too.
        shared = self.model is knowledge.model
        self._cells: dict[str, DepartmentCell] = knowledge._cells if shared else {}
        self._all_units: dict[str, bool] = knowledge._unit_lists if shared else {}

    @classmethod
    def for_document(
        cls,
        knowledge: DepartmentKnowledge,
        title: str | None = None,
        cells: Iterable[str | None] = (),
    ) -> DepartmentReader:
        """A reader that has seen the document's title and all its department cells."""
        model = knowledge.model.with_places(places_in_title(title, knowledge.model))
        whole = _written_whole(cells, model)
        places = places_in_names(whole, model)
        return cls(knowledge, model.with_places(places).with_confirmed(whole))

    def split(self, text: str | None) -> DepartmentCell:
        """The names in one raw cell, the notes taken out and the names left unknown."""
        key = text or ""
        found = self._cells.get(key)
        if found is None:
            found = self._split(key)
            make_room(self._cells)
            self._cells[key] = found
        # A copy: a caller that extends the lists must not change what the cache holds
        # (one ▲ cell's names once grew into every later row's support).
        return DepartmentCell(list(found.names), list(found.notes), list(found.unknown))

    def names_only_units(self, text: str | None) -> bool:
        """Whether ``split`` finds at least one name in the cell and every name is a
        unit (``is_complete``), without always reading every name.

        The runs between separators are cut one by one, and the first run naming
        something that is no unit settles it: a sentence is found out by its first
        clause. The answer is ``split``'s, only reached sooner.
        """
        key = text or ""
        if key in self._cells:
            names = self._cells[key].names
            return bool(names) and all(self.is_complete(name) for name in names)
        found = self._all_units.get(key)
        if found is None:
            found = self._names_only_units(key)
            make_room(self._all_units)
            self._all_units[key] = found
        return found

    def _names_only_units(self, text: str) -> bool:
        named = False
        runs = [run for sentence in self._name_sentences(text) for run in sentence]
        # The answer does not depend on the order: the shortest runs, cheapest to cut,
        # go first (a sentence's shortest clause is the quickest to find out).
        for run in sorted(runs, key=lambda run: len(run.text)):
            cell = empty_cell()
            _collect(run, best_cut(run, self.model), cell)
            if not all(self.is_complete(name) for name in cell.names):
                return False
            named = named or bool(cell.names)
        return named

    def is_complete(self, name: str) -> bool:
        """Whether a name reads as a unit, with this document's evidence."""
        return self.model.is_unit(name)

    def _split(self, text: str) -> DepartmentCell:
        cell = empty_cell()
        for index, sentence in enumerate(_sentences(text)):
            runs = _runs(sentence, self.model)
            if index and self._is_note_sentence(sentence, runs):
                written = squeeze(sentence)
                cell.notes.append(DepartmentNote(written, written))
                continue
            for run in runs:
                _collect(run, best_cut(run, self.model), cell)
        return cell

    def _name_sentences(self, text: str) -> list[list[Run]]:
        """The runs of each sentence of a cell that names units (note sentences left out)."""
        found = []
        for index, sentence in enumerate(_sentences(text)):
            runs = _runs(sentence, self.model)
            if not index or not self._is_note_sentence(sentence, runs):
                found.append(runs)
        return found

    def _is_note_sentence(self, sentence: str, runs: list[Run]) -> bool:
        """Whether a sentence after the cell's first is a note, not names: it holds a note
        word and something no unit ("……数据管理部门。除专门列出外，以下任务均涉及……，不再
        重复"). The caller asks only of later sentences: the first keeps its names
        whatever follows them (各乡镇按职责负责)."""
        if not self.model.has_note_word(sentence):
            return False
        for run in runs:
            cell = empty_cell()
            _collect(run, best_cut(run, self.model), cell)
            if cell.unknown or any(note.is_phrase for note in cell.notes):
                return True
        return False


def _sentences(text: str) -> list[str]:
    """A cell's sentences: its text cut after each 。 outside brackets."""
    sentences, current, depth = [], "", 0
    for char in text:
        depth += (char in OPENING) - (char in CLOSING and depth > 0)
        current += char
        if char == "。" and depth == 0:
            sentences.append(current)
            current = ""
    sentences.append(current)
    return [sentence for sentence in sentences if sentence.strip()]


def _runs(text: str | None, model: UnitModel) -> list[Run]:
    """A cell's runs: its text between separators outside brackets, breaks located."""
    chunks = _levels_shared(split_outside_brackets("\n".join(cell_lines(text))), model)
    return [prepare_run(part, model) for c in chunks for part in split_conjoined(c, model)]


def _levels_shared(chunks: list[str], model: UnitModel) -> list[str]:
    """Chunks with a list of levels sharing one name joined again: "各州、市人民政府" is
    each 州's and 市's government, one name as "各县（市、区）人民政府" is. The list opens
    with a collective head and a level (各州), may go on with levels (县), and ends with
    levels and the government they share (市人民政府); otherwise nothing is joined."""
    joined: list[str] = []
    index = 0
    while index < len(chunks):
        end = _shared_end(chunks, index, model)
        joined.append("、".join(chunks[index : end + 1]))
        index = end + 1
    return joined


def _shared_end(chunks: list[str], start: int, model: UnitModel) -> int:
    """The last chunk of a level list opening at ``start`` (``start`` when none does)."""
    compact = squeeze(chunks[start])
    head = next((h for h in model.collective_heads if compact.startswith(h)), None)
    if head is None or not model.is_level_run(compact[len(head) :]):
        return start
    for end in range(start + 1, len(chunks)):
        piece = squeeze(chunks[end])
        if _is_level_list(piece, model):
            continue
        owner = next((o for o in model.department_owners if piece.endswith(o)), None)
        if owner and _is_level_list(piece[: -len(owner)], model):
            return end
        break
    return start


def _is_level_list(text: str, model: UnitModel) -> bool:
    """Whether a text is levels only, read through brackets: "县（市）" and "县（市、区）"
    list levels as "县市" does (各区、县（市）政府 is one name)."""
    levels = "".join(c for c in text if c not in OPENING and c not in CLOSING)
    return model.is_level_run("".join(c for c in levels if c not in LIST_SEPARATORS))


def split_conjoined(chunk: str, model: UnitModel) -> list[str]:
    """A chunk cut at a conjunction (及, 和) outside brackets where the text on each
    side reads as a unit by itself: "市级各有关部门及各县市区政府" is two names, while
    "住房和城乡建设局" (住房 is no unit) and "县委（和县政府）" stay whole. 和 and 与 join
    a name and a collective only ("县财政局和县直各单位"). The conjunction is no part of
    either name, nor is one left before a name when a list wraps ("和县直各单位")."""
    chunk = _without_leading_conjunction(chunk, model)
    depth = 0
    for position, char in enumerate(chunk):
        depth += (char in OPENING) - (char in CLOSING and depth > 0)
        if depth or position == 0:
            continue
        word = _conjunction_at(chunk, position, model)
        if word is None:
            continue
        left, rest = chunk[:position], split_conjoined(chunk[position + len(word) :], model)
        right = squeeze(rest[0])
        if word in model.collective_conjunctions and not _is_collective(right, model):
            continue
        if model.is_unit(squeeze(left)) and model.is_unit(right):
            return [left, *rest]
    return [chunk]


def _without_leading_conjunction(chunk: str, model: UnitModel) -> str:
    """A chunk without a conjunction it opens with when the rest reads as a unit much
    better than the whole ("和县直各单位": 和县 would be an unknown place; 和平区财政局
    keeps its 和, as 平区 is no better a place than 和平区)."""
    compact = squeeze(chunk)
    for word in (*model.conjunctions, *model.collective_conjunctions):
        if not compact.startswith(word):
            continue
        rest, whole = model.read(compact[len(word) :]), model.read(compact)
        if rest.kind.is_name and (not whole.kind.is_name or rest.cost + 1.0 <= whole.cost):
            return chunk[chunk.index(word) + len(word) :]
    return chunk


def _is_collective(text: str, model: UnitModel) -> bool:
    """Whether a name is a collective (各乡镇人民政府, 县直各单位)."""
    return text.startswith(model.collective_heads) or model.read(text).kind is Kind.COLLECTIVE


def _conjunction_at(chunk: str, position: int, model: UnitModel) -> str | None:
    """The conjunction written at ``position`` that may join two names, or ``None``."""
    for word in (*model.conjunctions, *model.collective_conjunctions):
        if chunk.startswith(word, position):
            return word
    return None


def _collect(run: Run, pieces: list[Piece], cell: DepartmentCell) -> None:
    """Names, notes and unknown names of one cut run, in the order written."""
    notes = list(run.notes)
    for index, piece in enumerate(pieces):
        name, reading = piece.text, piece.reading
        attached = [n for n in notes if n.position == piece.end or (index == 0 and n.position == 0)]
        for note in attached:
            notes.remove(note)
        if reading.kind is Kind.NOTE or _only_brackets(name):
            # A stray bracket (the end of a note wrapped onto its own line) is no name.
            cell.notes.append(DepartmentNote(name, name))
            cell.notes.extend(DepartmentNote(name + n.text, n.text) for n in attached)
            continue
        if reading.etc:
            name = name[: -len(reading.etc)]
        written = name + "".join(n.text for n in attached)
        if reading.etc:
            written += reading.etc
        cell.notes.extend(DepartmentNote(written, n.text) for n in attached)
        if reading.etc:
            cell.notes.append(DepartmentNote(written, reading.etc))
        cell.names.append(name)
        if not reading.kind.is_name:
            cell.unknown.append(name)
    cell.notes.extend(DepartmentNote(n.text, n.text) for n in notes)


def _only_brackets(text: str) -> bool:
    """Whether a piece is brackets only ("）", "]")."""
    return all(char in OPENING or char in CLOSING for char in text)


def _written_whole(cells: Iterable[str | None], model: UnitModel) -> set[str]:
    """Names the document writes whole: a run on one line that is one name, or a line
    of a longer run that reads as an organ by itself (区发改委, 市资源规划局X分局)."""
    whole: set[str] = set()
    for text in dict.fromkeys(cells):
        for run in _runs(text, model):
            if not run.breaks:
                pieces = best_cut(run, model)
                if len(pieces) == 1 and _may_be_whole(pieces[0]):
                    whole.add(pieces[0].text)
                continue
            for start, end in run.line_spans():
                line = run.text[start:end]
                reading = model.read(line)
                if reading.kind is Kind.ORGAN and reading.cost <= 1.0:
                    whole.add(line)
    return whole


def _may_be_whole(piece: Piece) -> bool:
    kind = piece.reading.kind
    return len(piece.text) >= 3 and kind not in (Kind.NOTE, Kind.FRAGMENT) and not piece.reading.etc


def split_outside_brackets(text: str) -> list[str]:
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


def split_departments(text: str | None, knowledge: DepartmentKnowledge) -> DepartmentCell:
    """The department names in a raw cell, read without document evidence."""
    return DepartmentReader(knowledge).split(text)
