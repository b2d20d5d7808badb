"""Every warning code is declared once, with its description, and emitted as the enum.

The codes live where they are emitted (``extract.notice_codes``,
``normalize.warning_codes``); ``schema.WarningCode`` is the contract's list of them.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from pydantic import ValidationError
from qingdan.extract.notice_codes import NoticeCode
from qingdan.normalize.warning_codes import NormalizeCode
from qingdan.schema import Warning, WarningCode
from qingdan.schema.warning_codes import SOURCES, describe

ROOT = Path(__file__).resolve().parents[2]
EMITTING = ("extract", "normalize", "schema", "qingdan")
"""The packages whose code may emit a warning."""
WARNING_TYPES = {"Notice", "TaskWarning", "Warning"}
"""The types that carry a code: a reader's notice, the normalizer's and the contract's."""


def _sources() -> list[Path]:
    return sorted(path for folder in EMITTING for path in (ROOT / folder).rglob("*.py"))


def test_the_contract_enum_is_the_stages_codes_member_for_member() -> None:
    declared = [(member.name, member.value) for member in [*NoticeCode, *NormalizeCode]]
    assert [(member.name, member.value) for member in WarningCode] == declared
    assert len({value for _, value in declared}) == len(declared), "a code declared twice"
    assert (NoticeCode, NormalizeCode) == SOURCES


@pytest.mark.parametrize("code", list(WarningCode), ids=str)
def test_every_code_is_described(code: WarningCode) -> None:
    source = NoticeCode if code.value in NoticeCode._value2member_map_ else NormalizeCode
    text = describe(code)
    assert text == source(code.value).__doc__
    assert len(text) > 20 and text.endswith("."), text


def _code_argument(call: ast.Call) -> ast.expr | None:
    for keyword in call.keywords:
        if keyword.arg == "code":
            return keyword.value
    return call.args[0] if call.args else None


def _called_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


KNOWN = {code.value for code in WarningCode}


def test_no_code_is_a_bare_string() -> None:
    """Every ``Notice``/``TaskWarning``/``Warning`` gets its code from the enum, and no
    helper is handed a code as a string."""
    bare: list[str] = []
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            code = _code_argument(node)
            if not (isinstance(code, ast.Constant) and isinstance(code.value, str)):
                continue
            # A warning type's code, or a code handed to a helper (at.warning(...)).
            name = _called_name(node) or ""
            if name in WARNING_TYPES or ("warn" in name.lower() and code.value in KNOWN):
                bare.append(f"{path.relative_to(ROOT)}:{node.lineno}: {code.value!r}")
    assert not bare, "use the code's enum member, not a string:\n" + "\n".join(bare)


def test_every_code_is_emitted_somewhere() -> None:
    """A code no step emits is a code the docs describe for nothing."""
    text = "\n".join(
        path.read_text(encoding="utf-8")
        for path in _sources()
        if path.name not in {"notice_codes.py", "warning_codes.py"}
    )
    unused = [
        f"{type(member).__name__}.{member.name}"
        for member in [*NoticeCode, *NormalizeCode]
        if f"{type(member).__name__}.{member.name}" not in text
    ]
    assert not unused


def test_no_code_reads_as_a_formula() -> None:
    """A spreadsheet cell holding a code never needs the formula guard."""
    assert all(code.value[0].isalpha() for code in WarningCode)


def test_the_contract_refuses_an_unknown_code() -> None:
    assert Warning(code="deadline", message="x").code is WarningCode.DEADLINE
    with pytest.raises(ValidationError, match="code"):
        Warning(code="no-such-code", message="x")
