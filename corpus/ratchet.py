"""The CI ratchet: the committed set's known failures may only shrink.

``tests/corpus/known_failures.json`` lists the (document, rendering, seq, field) that
fail on today's qingdan. The CI test fails when a failure appears that is not listed
(a regression) and when a listed one no longer fails (progress: shrink the list with
``make fidelity-baseline``), so the list only ever gets shorter, down to empty.
"""

from __future__ import annotations

import json
from pathlib import Path

from corpus.score import Failure

Key = tuple[str, str, int | None, str]


def read_known(path: Path) -> set[Key]:
    """The listed failures (an absent file lists none)."""
    if not path.exists():
        return set()
    data = json.loads(path.read_text(encoding="utf-8"))
    return {(f["document"], f["rendering"], f["seq"], f["field"]) for f in data["failures"]}


def _order(key: Key) -> tuple[str, str, int, str]:
    return (key[0], key[1], -1 if key[2] is None else key[2], key[3])


ABOUT = (
    "failures of the committed corpus set on the qingdan this list was made with; "
    "tests/corpus/test_fidelity_ratchet.py fails on any change; rewrite on purpose with "
    "`make fidelity-baseline` (issue 14)"
)


def write_known(path: Path, failures: list[Failure], about: str = ABOUT) -> int:
    """Rewrite the list from a scoring run; returns how many failures it lists."""
    keys = sorted({f.key() for f in failures}, key=_order)
    data = {
        "about": about,
        "failures": [{"document": d, "rendering": r, "seq": s, "field": f} for d, r, s, f in keys],
    }
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return len(keys)


def differences(known: set[Key], failures: list[Failure]) -> tuple[list[Failure], list[Key]]:
    """(failures not listed, listed keys that no longer fail)."""
    current = {f.key() for f in failures}
    new = [f for f in failures if f.key() not in known]
    fixed = sorted(known - current, key=_order)
    return new, fixed
