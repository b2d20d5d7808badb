"""Stray control characters in a text dump: kept as whitespace, each kind reported.

A text export of a Word table holds a vertical tab where the author typed Shift+Enter
(a manual line break) and a form feed at a page break; a dump that went through other
tools may carry a stray NUL or escape. One such character is no reason to refuse the
file (issue 17): a vertical tab or form feed becomes a line break, any other control
character a space, and one ``control-character`` notice per kind names the lines
(numbered as an editor numbers them) where it was found.
"""

from __future__ import annotations

from collections import defaultdict

from qingdan.extract.encoding import BAD_CONTROLS
from qingdan.extract.grid import Notice
from qingdan.extract.notice_codes import NoticeCode

LINE_BREAKS = {"\x0b": "vertical tab, Word's manual line break", "\x0c": "form feed, a page break"}
"""Control characters that stand for a line break, and what each one is."""
CONTROL_NAMES = {"\x00": "NUL", "\x08": "backspace", "\x1b": "escape", "\x7f": "delete"}
"""Names of the other control characters a dump is likely to hold."""
LINES_NAMED = 10
"""The most line numbers one notice lists."""


def clean_controls(text: str) -> tuple[str, list[Notice]]:
    """``text`` with its stray control characters replaced, and one notice per kind."""
    if BAD_CONTROLS.search(text) is None:
        return text, []
    found: dict[str, list[int]] = defaultdict(list)
    lines = text.split("\n")
    for number, line in enumerate(lines, start=1):
        if BAD_CONTROLS.search(line) is None:
            continue
        for char in sorted(set(BAD_CONTROLS.findall(line))):
            found[char].append(number)
        lines[number - 1] = BAD_CONTROLS.sub(lambda m: "\n" if m[0] in LINE_BREAKS else " ", line)
    return "\n".join(lines), [_notice(char, numbers) for char, numbers in sorted(found.items())]


def _notice(char: str, numbers: list[int]) -> Notice:
    code = f"U+{ord(char):04X}"
    what = LINE_BREAKS.get(char) or CONTROL_NAMES.get(char)
    named = ", ".join(map(str, numbers[:LINES_NAMED]))
    more = f" and {len(numbers) - LINES_NAMED} more" if len(numbers) > LINES_NAMED else ""
    where = f"line {named}" if len(numbers) == 1 else f"lines {named}{more}"
    kept = "read as a line break" if char in LINE_BREAKS else "kept as a space"
    label = f"{code} ({what})" if what else code
    return Notice(NoticeCode.CONTROL_CHARACTER, f"control character {label} on {where}: {kept}")
