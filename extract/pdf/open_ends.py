"""Tables left open at a page break: a closing rule where the vertical rules stop.

LibreOffice Writer closes a table with a rule at every page foot; Chromium, Word, WPS
and LibreOffice Calc do not (issue 27). A row the page break cuts has its vertical rules
running on to the foot of the page's printed area and no rule under them, and the rest
of the row (or of a cell spanning several rows) goes on under the repeated header of
the next page, open at its head. A lattice reading finds no cell there: the cut row's
first part is dropped and its second part read as a row of its own.

The rules that are there say where the table ends: each run of vertical rules that
ends past every horizontal rule it meets (below the last, or above the first) ends at
the page's printed boundary, and the table is closed there by a rule from the first of
them to the last. Edges are pdfplumber edge dicts, merged (``rulings.merge_edges``).
"""

from __future__ import annotations

from qingdan.extract.pdf.rulings import SNAP_TOLERANCE, Edge

_OVERHANG = 3.0
"""How far (points) a vertical rule must run past the horizontal rules it meets to be
open there; a rule ending within this of a crossing is closed by it (pdfplumber's
intersection tolerance)."""


def closing_rules(edges: list[Edge]) -> list[Edge]:
    """A horizontal rule where two or more vertical rules end (or start) together with
    no rule between them running on past that line: the table's foot (or head) there,
    ruled or not (a rule drawn twice is harmless; a missing part closes an open cell)."""
    vertical = [e for e in edges if e["orientation"] == "v"]
    horizontal = [e for e in edges if e["orientation"] == "h"]
    closing: list[Edge] = []
    for end in ("bottom", "top"):
        for group in _runs(vertical, end):
            if len(group) < 2 or _crossed(group, end, vertical):
                continue
            rule = _rule(group, end)
            ruled = [h for h in horizontal if abs(h["top"] - rule["top"]) <= SNAP_TOLERANCE]
            if not _covered(rule, ruled):
                # On the line a rule is printed on, where there is one: one line, one y.
                y = ruled[0]["top"] if ruled else rule["top"]
                closing.append({**rule, "top": y, "bottom": y})
    return closing


def ruled_under(cell: tuple[float, float, float, float], edges: list[Edge]) -> bool:
    """Whether printed horizontal rules run the whole width of a cell's bottom."""
    under = {"x0": cell[0], "x1": cell[2]}
    ruled = [
        e for e in edges if e["orientation"] == "h" and abs(e["top"] - cell[3]) <= SNAP_TOLERANCE
    ]
    return _covered(under, ruled)


def _covered(rule: Edge, ruled: list[Edge]) -> bool:
    """Whether printed rules on the line already run the whole length of ``rule``."""
    reach = rule["x0"]
    for h in sorted(ruled, key=lambda e: float(e["x0"])):
        if h["x0"] > reach + SNAP_TOLERANCE:
            break
        reach = max(reach, h["x1"])
    return bool(reach >= rule["x1"] - SNAP_TOLERANCE)


def _crossed(group: list[Edge], end: str, vertical: list[Edge]) -> bool:
    """Whether a vertical rule between the group's first and last runs on past their end
    (a cell goes on there: the line is no foot or head)."""
    low = min(e["x0"] for e in group) + SNAP_TOLERANCE
    high = max(e["x0"] for e in group) - SNAP_TOLERANCE
    if end == "bottom":
        line = max(e["bottom"] for e in group)
        return any(low < v["x0"] < high and v["bottom"] > line + _OVERHANG for v in vertical
                   if v["top"] < line)  # fmt: skip
    line = min(e["top"] for e in group)
    return any(low < v["x0"] < high and v["top"] < line - _OVERHANG for v in vertical
               if v["bottom"] > line)  # fmt: skip


def _runs(open_ends: list[Edge], end: str) -> list[list[Edge]]:
    """Open vertical rules grouped by where they end (within the snap tolerance)."""
    groups: list[list[Edge]] = []
    for edge in sorted(open_ends, key=lambda e: float(e[end])):
        if groups and edge[end] - groups[-1][-1][end] <= SNAP_TOLERANCE:
            groups[-1].append(edge)
        else:
            groups.append([edge])
    return groups


def _rule(group: list[Edge], end: str) -> Edge:
    """The horizontal rule closing a run of vertical rules at their common end."""
    y = max(e[end] for e in group) if end == "bottom" else min(e[end] for e in group)
    x0 = min(e["x0"] for e in group)
    x1 = max(e["x0"] for e in group)
    return {
        "x0": x0,
        "x1": x1,
        "top": y,
        "bottom": y,
        "width": x1 - x0,
        "height": 0.0,
        "orientation": "h",
    }
