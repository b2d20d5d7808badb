"""One responsibility cell -> lead and supporting departments.

A single 责任单位 column often says in words who leads ("牵头单位：县发改局；配合单位：
县财政局", "县住建局牵头，县城管局配合", "县教育局（牵头）、县卫健局", "由县商务局负责，
县市场监管局协助", "▲县发改局，县财政局"). Four written forms are read, in this order:
labels before lists, a lead mark before a name, marks in brackets after names, role
words after names. A cell in none of these forms names its departments only, and
they lead. A cell that uses role words but fits no form is not understood: its names
lead and the caller warns. ``split_inline_responsibility`` reads the same forms from a
bracket at the end of a measure ("……建成投用。（县行政审批局牵头，县发改局配合）"). The
words are data: ``data/responsibility.toml``. Names are split by a
``DepartmentReader`` (``normalize.units.departments``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, NamedTuple

from qingdan.normalize.lead_notes import read_lead_note
from qingdan.normalize.script import CLAUSE_BREAKS, CLOSING, OPENING
from qingdan.normalize.text import squeeze
from qingdan.normalize.units.departments import (
    DepartmentKnowledge,
    DepartmentNote,
    DepartmentReader,
)
from qingdan.normalize.units.reading import Kind

LEAD = "lead"
SUPPORT = "support"
SHARED = "shared"
"""A role word sharing the work out: lead when no clause before named one, else support."""

_BREAK = rf"[{CLAUSE_BREAKS}\s]"
"""What may follow a role word: a separator, a line break or the end of the cell."""


class Responsibility(NamedTuple):
    """Who leads and who supports, as one cell writes it."""

    lead: list[str]
    support: list[str]
    understood: bool = True
    """False when the cell uses role words in a form we cannot split (all names lead)."""
    notes: Sequence[DepartmentNote] = ()
    """Notes taken out of the names (a trailing 等, a bracketed remark), for warnings."""


class _NameReader:
    """Reads department names out of pieces of one cell, keeping the notes taken out."""

    def __init__(self, departments: DepartmentKnowledge | DepartmentReader) -> None:
        if isinstance(departments, DepartmentKnowledge):
            departments = DepartmentReader(departments)
        self.reader = departments
        self.notes: list[DepartmentNote] = []

    def names(self, text: str | None) -> list[str]:
        """The department names in a piece of the cell (the one call into ``departments``)."""
        cell = self.reader.split(text)
        self.notes.extend(cell.notes)
        return cell.names


class ResponsibilityWords(NamedTuple):
    """The role words of responsibility cells (``data/responsibility.toml`` plus a
    user's file), as the patterns that find them."""

    label: re.Pattern[str]
    mark: re.Pattern[str]
    verb: re.Pattern[str]
    any_role: re.Pattern[str]
    """Any role word anywhere: a cell with one that fits no form is not understood."""
    roles: dict[str, str]
    """Every label, mark and role word -> ``lead`` or ``support``."""
    openers: tuple[str, ...]
    first_leads: dict[str, list[str]]
    """Words of a label saying the first name leads: ``first`` and ``lead`` lists."""
    lead_mark: re.Pattern[str]
    """A mark before a name that makes it the lead (▲)."""
    after_lead_support: frozenset[str]
    """Labels naming the supporters when a lead label came before them (责任单位)."""
    official_label: str = "领导"
    """What follows the role word in the label of officials named in a cell (负责领导)."""

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> ResponsibilityWords:
        """The patterns of the mapping of ``data/responsibility.toml``."""
        labels, marks, verbs = data["labels"], data["marks"], data["verbs"]
        roles: dict[str, str] = {}
        for group in (labels, marks, verbs):
            for role in (LEAD, SUPPORT):
                roles.update(dict.fromkeys(group[role], role))
        label_words = _alternatives([*labels[LEAD], *labels[SUPPORT]])
        mark_words = _alternatives([*marks[LEAD], *marks[SUPPORT]])
        roles.update(dict.fromkeys(verbs[SHARED], SHARED))
        verb_words = _alternatives([*verbs[LEAD], *verbs[SUPPORT], *verbs[SHARED]])
        fillers = _alternatives(verbs["fillers"])
        levels = _alternatives(labels["levels"])
        return cls(
            label=re.compile(rf"(?:^|(?<={_BREAK}))(?:{levels})?({label_words})\s*[：:]"),
            mark=re.compile(rf"[（(【\[]\s*({mark_words})\s*[）)】\]]"),
            verb=re.compile(rf"(?:{fillers})?({verb_words})(?={_BREAK}|$)"),
            any_role=re.compile(_alternatives(roles)),
            roles=roles,
            openers=tuple(verbs["openers"]),
            first_leads=data["first_leads"],
            lead_mark=re.compile(f"[{''.join(re.escape(m) for m in data['lead_marks']['marks'])}]"),
            after_lead_support=frozenset(labels["after_lead_support"]),
            official_label=str(data.get("officials", {}).get("label_suffix", "领导")),
        )


def _alternatives(words: Iterable[str]) -> str:
    """A regex matching any of the words, longest first, each possibly wrapped.

    A narrow PDF column breaks lines inside words ("配合单" / "位：", "负" / "责，"),
    so whitespace may sit between any two characters of a role word.
    """
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(r"\s*".join(re.escape(char) for char in word) for word in ordered)


def split_responsibility(
    text: str | None,
    departments: DepartmentKnowledge | DepartmentReader,
    words: ResponsibilityWords,
    first_leads: bool = False,
) -> Responsibility:
    """The lead and supporting departments one responsibility cell names.

    ``first_leads``: the column's label says the first name leads (see
    ``label_says_first_leads``); it applies to cells that name no roles themselves.
    """
    reader = _NameReader(departments)
    note = read_lead_note(text, words.first_leads)
    if note is not None:
        # "X、Y（列第一位的为牵头单位）": the note names no unit, and the first leads.
        reader.notes.append(DepartmentNote(note.note, note.note))
        text, first_leads = note.text, True
    return _split(text or "", reader, words, first_leads)._replace(notes=reader.notes)


def _split(
    text: str, reader: _NameReader, patterns: ResponsibilityWords, first_leads: bool
) -> Responsibility:
    for read in (_read_labels, _read_lead_marks, _read_marks, _read_verbs):
        found = read(text, patterns, reader)
        if found is not None:
            return found
    if patterns.any_role.search(text):
        return _not_understood(text, reader)  # "区民政局为牵头单位，……"
    names = reader.names(text)
    if first_leads:
        return Responsibility(names[:1], names[1:])
    return Responsibility(names, [])


def take_officials(
    text: str, words: ResponsibilityWords, is_official: Callable[[str], bool]
) -> tuple[str, dict[str, str]]:
    """The cell without its clauses that give a role to officials rather than units, and
    those clauses by label: "分管副市长、协管副秘书长负责，县发改局牵头，……" gives
    "县发改局牵头，……" and {"负责领导": "分管副市长、协管副秘书长"}. People are never
    lead or support (docs/conventions.md); ``is_official`` tells a clause of people."""
    officials: dict[str, str] = {}
    kept, start = "", 0
    for match in words.verb.finditer(text):
        clause = _without_opener(text[start : match.start()], words)
        if clause and is_official(clause):
            officials[squeeze(match[1]) + words.official_label] = clause
        else:
            kept += text[start : match.end()]
        start = match.end()
    if not officials:
        return text, {}
    return _trimmed(kept + text[start:]), officials


def states_roles(
    text: str, departments: DepartmentKnowledge | DepartmentReader, words: ResponsibilityWords
) -> bool:
    """Whether a text says who leads in role words or labels ("X牵头，Y配合", "牵头单位：
    X") and is understood so, naming someone: the role words prove the names, known
    units or not (a bracket note at the end of a numbered paragraph)."""
    if not (words.verb.search(text) or words.label.search(text)):
        return False
    found = split_responsibility(text, departments, words)
    return found.understood and bool(found.lead or found.support)


def names_only_units(
    text: str | None, reader: DepartmentReader, patterns: ResponsibilityWords
) -> bool:
    """Whether ``split_responsibility`` finds at least one department in the cell and
    every one of them, lead or support, is a unit (``reader.is_complete``).

    A cell in none of the four written forms (no role label, lead mark, role mark or
    role word ending a clause) names its departments only: ``split_responsibility``
    gives every name the reader finds in it, understood or not (a role word inside a
    sentence). So the reader may stop at the first run that names something else
    (``DepartmentReader.names_only_units``). A cell in a written form is split in full.
    """
    text = text or ""
    forms = (patterns.label, patterns.lead_mark, patterns.mark, patterns.verb)
    if any(form.search(text) for form in forms):
        found = split_responsibility(text, reader, patterns)
        names = [*found.lead, *found.support]
        return bool(names) and all(reader.is_complete(name) for name in names)
    return reader.names_only_units(text)


def label_says_first_leads(label: str | None, patterns: ResponsibilityWords) -> bool:
    """Whether a responsibility column's label says its first name is the lead
    ("责任单位（排第一位的为牵头单位）")."""
    words = patterns.first_leads
    compact = squeeze(label)
    return any(w in compact for w in words["first"]) and any(w in compact for w in words["lead"])


def _not_understood(text: str, reader: _NameReader) -> Responsibility:
    return Responsibility(reader.names(text), [], understood=False)


def _read_labels(
    text: str, patterns: ResponsibilityWords, reader: _NameReader
) -> Responsibility | None:
    """``牵头单位：A；配合单位：B、C``; ``None`` when the cell has no role label."""
    matches = list(patterns.label.finditer(text))
    if not matches:
        return None
    if _has_text(text[: matches[0].start()]):
        return _not_understood(text, reader)
    roles: dict[str, list[str]] = {LEAD: [], SUPPORT: []}
    lead_labelled = False
    for match, following in zip(matches, [*matches[1:], None], strict=True):
        end = following.start() if following else len(text)
        label = squeeze(match[1])
        role = patterns.roles[label]
        if lead_labelled and label in patterns.after_lead_support:
            role = SUPPORT  # "牵头单位：X；责任单位：Y": Y works under X's lead
        lead_labelled = lead_labelled or role == LEAD
        roles[role].extend(reader.names(_trimmed(text[match.end() : end])))
    return Responsibility(roles[LEAD], roles[SUPPORT])


def _read_lead_marks(
    text: str, patterns: ResponsibilityWords, reader: _NameReader
) -> Responsibility | None:
    """``▲A，B、C``: the name after a mark leads, the others support; ``None`` without one."""
    parts = patterns.lead_mark.split(text)
    if len(parts) == 1:
        return None
    roles: dict[str, list[str]] = {LEAD: [], SUPPORT: list(reader.names(parts[0]))}
    for part in parts[1:]:
        names = reader.names(part)
        roles[LEAD].extend(names[:1])
        roles[SUPPORT].extend(names[1:])
    if not roles[LEAD]:
        return None
    return Responsibility(roles[LEAD], roles[SUPPORT])


def _read_marks(
    text: str, patterns: ResponsibilityWords, reader: _NameReader
) -> Responsibility | None:
    """``A（牵头）、B``; ``None`` when no name carries a role mark."""
    pieces = patterns.mark.split(text)
    if len(pieces) == 1:
        return None
    marked: dict[str, list[str]] = {LEAD: [], SUPPORT: []}
    unmarked: list[str] = []
    # re.split alternates text and captured mark: text, mark, text, mark, ..., text.
    for index in range(0, len(pieces), 2):
        names = reader.names(_trimmed(pieces[index]))
        if index + 1 < len(pieces) and names:
            unmarked.extend(names[:-1])
            marked[patterns.roles[squeeze(pieces[index + 1])]].append(names[-1])
        elif index + 1 < len(pieces):
            return _not_understood(patterns.mark.sub("", text), reader)
        else:
            unmarked.extend(names)
    if marked[LEAD]:
        return Responsibility(marked[LEAD], marked[SUPPORT] + unmarked)
    return Responsibility(unmarked, marked[SUPPORT])


def _read_verbs(
    text: str, patterns: ResponsibilityWords, reader: _NameReader
) -> Responsibility | None:
    """``由A牵头，B、C配合``; ``None`` when no clause ends with a role word."""
    matches = list(patterns.verb.finditer(text))
    if not matches:
        return None
    roles: dict[str, list[str]] = {LEAD: [], SUPPORT: []}
    start = 0
    for match in matches:
        names = reader.names(_without_opener(text[start : match.start()], patterns))
        if not names:
            return _not_understood(text, reader)
        role = patterns.roles[squeeze(match[1])]
        if role == SHARED:
            role = SUPPORT if roles[LEAD] else LEAD
        roles[role].extend(names)
        start = match.end()
    rest = reader.names(_trimmed(text[start:]))
    if rest and roles[LEAD] and not roles[SUPPORT]:
        roles[SUPPORT] = rest  # "A牵头，B、C": the names after the lead support it
    elif rest:
        return _not_understood(text, reader)
    return Responsibility(roles[LEAD], roles[SUPPORT])


def _without_opener(piece: str, patterns: ResponsibilityWords) -> str:
    """A clause without its opening word (由) and the separators before it."""
    piece = _trimmed(piece)
    for opener in patterns.openers:
        if piece.startswith(opener):
            return piece[len(opener) :]
    return piece


def _trimmed(text: str) -> str:
    """Text without the separators at its ends (a clause's closing 。 is not a name)."""
    return re.sub(rf"^{_BREAK}+|{_BREAK}+$", "", text)


def _has_text(text: str) -> bool:
    return bool(_trimmed(text))


_INLINE_KINDS = frozenset({Kind.WHOLE, Kind.ORGAN, Kind.GENERIC, Kind.BRANCH, Kind.COLLECTIVE})

_STOP = re.compile(r"\s*([。；;，,]?)\s*$")
"""What may follow the bracket at the end of a measure: the sentence's stop."""


def final_bracket(text: str) -> tuple[int, str, str] | None:
    """(start, content, stop) of the bracket group that ends the text, nested brackets
    included (（各县（市、区）人民政府牵头）, [牵头单位：X]); ``None`` when the text ends
    otherwise."""
    stop = _STOP.search(text)
    end = stop.start() if stop else len(text)
    if not end or text[end - 1] not in CLOSING:
        return None
    depth = 0
    for position in range(end - 1, -1, -1):
        depth += (text[position] in CLOSING) - (text[position] in OPENING)
        if depth == 0:
            return position, text[position + 1 : end - 1], stop[1] if stop else ""
    return None


def _surely_a_unit(name: str, reader: _NameReader) -> bool:
    """A unit an inline bracket may name: an organ, a branch, a collective, a listed name
    (a bare place such as 含X片区 is no evidence that the bracket names units)."""
    return reader.reader.model.read(name).kind in _INLINE_KINDS


def split_inline_responsibility(
    measure: str | None,
    departments: DepartmentKnowledge | DepartmentReader,
    words: ResponsibilityWords,
) -> tuple[str, Responsibility | None]:
    """The measure without a responsibility note at its end, and what the note says.

    ``……年底前建成投用。（县行政审批局牵头，县发改局、县财政局配合）`` gives the measure
    ``……年底前建成投用。`` and lead 县行政审批局, support 县发改局, 县财政局. The bracket is
    read only when every name in it is a unit under the model and its form is
    understood (a bracket such as ``（试行）`` or ``（2019年）`` stays in the measure);
    ``None`` then, with the measure unchanged.
    """
    text = measure or ""
    final = final_bracket(text)
    if final is None or not final[1].strip():
        return text, None
    start, content, stop = final
    reader = _NameReader(departments)
    found = _split(content, reader, words, False)._replace(notes=reader.notes)
    names = [*found.lead, *found.support]
    if not found.understood or not names or not all(_surely_a_unit(n, reader) for n in names):
        return text, None
    if any(note.is_phrase for note in found.notes):
        return text, None  # a remark in the bracket, not only names
    return text[:start].rstrip() + stop, found
