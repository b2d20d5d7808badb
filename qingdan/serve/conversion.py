"""One upload's conversion, run in a worker process, with what the review has taught.

``convert_upload`` converts an attachment as ``qingdan convert`` does (the CLI's guards:
``qingdan.workers.convert_one`` gives the file its wall time and turns any failure into
a one-line reason), with the saved aliases in the knowledge, and converts it again
with the saved column overrides when the document's header is one they were saved for.
Every lesson it used is said in a note (in Chinese: a person reads it on the page).
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from qingdan.normalize.aliases import AliasTable
from qingdan.normalize.columns import ColumnSynonyms
from qingdan.normalize.datafiles import UserFile, builtin
from qingdan.normalize.knowledge import Knowledge
from qingdan.schema import Document
from qingdan.workers import Settings, convert_one


class Outcome(NamedTuple):
    """A conversion's document and notes, or the reason it failed."""

    document: Document | None
    notes: list[str]
    reason: str | None = None


def knowledge_with(aliases: dict[str, str], overrides: dict[str, str] | None = None) -> Knowledge:
    """The built-in knowledge plus the saved aliases and (for one header) column overrides."""
    knowledge = Knowledge.load()
    if aliases:
        knowledge = knowledge._replace(
            aliases=AliasTable.from_data(builtin("aliases.toml"), aliases)
        )
    if overrides:
        by_role: dict[str, list[str]] = {}
        for label, role in overrides.items():
            by_role.setdefault(role, []).append(label)
        user = UserFile(Path("serve-column-overrides.toml"), "", {"fields": by_role})
        knowledge = knowledge._replace(
            columns=ColumnSynonyms.from_data(builtin("columns.toml"), user)
        )
    return knowledge


def header_labels(document: Document) -> list[str]:
    """The printed labels of the document's columns, in order."""
    return [column.label for column in document.document.columns]


def convert_upload(
    path: Path, aliases: dict[str, str], overrides: dict[str, dict[str, str]]
) -> Outcome:
    """Convert one uploaded attachment with the saved aliases and column overrides."""
    from qingdan.serve.storage import header_key
    from qingdan.writers.reason_text import reason_text

    result = convert_one(path, Settings(knowledge_with(aliases)))
    if result.document is None:
        return Outcome(None, [], reason_text(result.error, result.reason or ""))
    document = result.document
    notes: list[str] = []
    wanted = overrides.get(header_key(header_labels(document)))
    if wanted:
        again = convert_one(path, Settings(knowledge_with(aliases, wanted)))
        if again.document is not None:
            document = again.document
            notes += [
                f"按保存的列设定，「{label}」列读作 {role}。" for label, role in wanted.items()
            ]
    return Outcome(document, notes + alias_notes(document, aliases))


def alias_notes(document: Document, aliases: dict[str, str]) -> list[str]:
    """One note per saved alias the document's records used, naming the records."""
    used: dict[str, list[int]] = {}
    for record in document.records:
        for name in (*record.lead, *record.support):
            if name in aliases and record.seq not in used.setdefault(name, []):
                used[name].append(record.seq)
    return [
        f"按保存的别名，「{name}」即「{aliases[name]}」（第{'、'.join(map(str, seqs))}条）。"
        for name, seqs in used.items()
    ]
