"""The writing system of task lists: Chinese numerals, brackets, separators, sentence ends.

One definition of each, asked by every normalize step (issue 26): a heading's ordinal
(一、 （二） 第三部分), a 序号, a year written in numerals (二〇一九年), a note's number
(注1：) all read numerals through ``NUMERAL``; a department list, a clause of a deadline
and the end of a sentence through the sets below. ``tests/normalize/test_script.py``
fails when a module writes its own numeral class again.
"""

from __future__ import annotations

DIGIT_VALUES = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
                "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip
"""A Chinese digit -> its value (○, the circle OCR reads for 〇, is a look-alike:
``normalize.lookalikes`` swaps it back where the context proves it)."""
UNITS = {"十": 10, "百": 100}
"""The multipliers a task list's numbers use (no list numbers a thousand items)."""

DIGITS = "[〇零一二两三四五六七八九]"
"""One Chinese digit, as a regex class (a year's 二〇一九 is written in digits only)."""
NUMERAL_CHARS = "〇零一二两三四五六七八九十百"
"""The characters of a Chinese number (十二, 二十三, 一百零五), for a larger class."""
NUMERAL = f"[{NUMERAL_CHARS}]"
"""One character of a Chinese number, as a regex class."""

OPENING = "（(【[〔"
"""Opening brackets: nothing between them and their closing bracket is split."""
CLOSING = "）)】]〕"
"""Closing brackets, in the order of ``OPENING``."""

LIST_SEPARATORS = "、，,；;／/"
"""Marks between the names of a list (县发改局、县财政局；县住建局)."""
CLAUSE_BREAKS = "，,；;。、"
"""Marks that end a clause of a short text (a deadline: 每季度通报，年底前办结)."""
SENTENCE_ENDS = "。！？；.!?;…"
"""Marks that end a sentence: a measure that ends with one is complete."""
CLOSERS = "”’」』）)》】"
"""Closing quotes and brackets that may follow a sentence's end mark."""
NOTHING_MARKS = "—–－-─/／"
"""Marks a cell prints alone to say it has nothing (an indicator with no unit: "—")."""


def numeral_value(numeral: str) -> int | None:
    """The value of a Chinese number (十 = 10, 十二 = 12, 二十三 = 23, 一百零五 = 105,
    二〇一九 = 2019 read digit by digit), or ``None`` when it is not one."""
    if not numeral or any(char not in DIGIT_VALUES and char not in UNITS for char in numeral):
        return None
    if not any(char in UNITS for char in numeral):
        return int("".join(str(DIGIT_VALUES[char]) for char in numeral))
    total, digit = 0, None
    for char in numeral:
        if char in UNITS:
            total += (1 if digit is None else digit) * UNITS[char]
            digit = None
        elif not DIGIT_VALUES[char]:
            continue  # 零 between units holds a place (一百零五)
        elif digit is not None:
            return None  # two digits in a row (二三十) are no number
        else:
            digit = DIGIT_VALUES[char]
    return total + (digit or 0)
