"""The codes of the warnings the normalizer gives: what a reading rule could not settle.

Each code is declared once here with its description (the member's ``__doc__``); every
rule emits the member, never a bare string. A ``TaskWarning`` carries one of these or a
reader's ``extract.notice_codes.NoticeCode``; ``schema.WarningCode`` holds both.
"""

from __future__ import annotations

from qingdan.extract.notice_codes import DocumentedCode, NoticeCode


class NormalizeCode(DocumentedCode):
    """What the normalizer could not settle (``normalize.model.TaskWarning.code``)."""

    COLUMN_ROLES = (
        "column-roles",
        "The column roles were chosen with doubt (or most records have no measure): the "
        "records may hold the wrong text. `--strict` fails such a document.",
    )
    SKIPPED_TABLE = (
        "skipped-table",
        "A table is not part of the task list (no task header of its own, and not the task "
        "table continued); it was skipped.",
    )
    SKIPPED_ROWS = (
        "skipped-rows",
        "Rows above a table's header (a title, a note) are not tasks; the message keeps "
        "their text.",
    )
    TABLE_NOTE = (
        "table-note",
        "A note inside or under the table (注：…) or a signature line under it (制表人：…) is "
        "not a task; the message keeps its text.",
    )
    CARRIED_BY_GROUP = (
        "carried-by-group",
        "A text dump prints a unit or deadline column once where each category opens and "
        "leaves it blank below: it was read as a cell merged over the category's rows and "
        "carried down them. Check that the blanks were not meant as blank.",
    )
    EMPTY_SECTION = (
        "empty-section",
        "A section row has no task under it; the message keeps its text.",
    )
    NO_RECORDS = (
        "no-records",
        "The task table has a header but no task rows, and nothing else says why: no record "
        "was made.",
    )
    NO_MEASURE = (
        "no-measure",
        "A record has no measure text.",
    )
    NO_LEAD = (
        "no-lead",
        "A task names no lead unit (or, said once for the list, none of its tasks does).",
    )
    RESPONSIBILITY = (
        "responsibility",
        "A responsibility cell does not say which unit leads and which supports; all its "
        "names were put in `lead`.",
    )
    DEPARTMENT_NOTE = (
        "department-note",
        "A note was taken out of a department name (a trailing 等, a role word), or a phrase "
        "in a department cell is not a name.",
    )
    UNKNOWN_DEPARTMENT = (
        "unknown-department",
        "A department name matches no known name or alias and has no department suffix.",
    )
    DEADLINE = (
        "deadline",
        "A deadline names no date that can be read; `due` is null and `deadline` keeps the text.",
    )
    OCR_CORRECTION = (
        "ocr-correction",
        "A deadline read by OCR was corrected for look-alike characters; the message gives "
        "both readings.",
    )
    LOW_CONFIDENCE = (
        "low-confidence",
        "A cell was read by OCR with less than 0.8 confidence: the message names its row and "
        "column and what was read; check those first against the original.",
    )
    NUMBERING = (
        "numbering",
        "A 序号 does not follow the one before it: a row may be lost or split.",
    )
    PARAGRAPH_LIST = (
        "paragraph-list",
        "The document has no task table: its numbered paragraphs were read as the tasks.",
    )
    PARAGRAPH_TEXT = (
        "paragraph-text",
        "Text of a paragraph-form list stands under a heading but in no task; the message "
        "keeps it.",
    )
    CLOSING_NOTE = (
        "closing-note",
        "A note after numbered items names units but not which items it covers (or counts "
        "more items than stand above it): its units were given to no item (or to every item "
        "above); the message keeps its text.",
    )


TaskCode = NoticeCode | NormalizeCode
"""A ``TaskWarning``'s code: a reader's notice passed on, or the normalizer's own."""

__all__ = ["NormalizeCode", "TaskCode"]
