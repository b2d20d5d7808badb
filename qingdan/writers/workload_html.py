"""The department workload as one self-contained HTML page with a bar chart.

The chart is inline SVG generated here: one row per canonical department, a bar
for the tasks it leads (牵头) and, stacked after it, the tasks it supports (配合),
busiest department on top. The page loads nothing from outside (no scripts, fonts
or styles), so it opens offline and can be mailed as one file.
"""

from __future__ import annotations

from html import escape

from qingdan.workload import DepartmentLoad, Workload
from qingdan.writers.labels import labels
from qingdan.writers.text_width import display_width
from qingdan.writers.workload import CSV_COLUMNS, workload_summary

LEAD_COLOUR = "#b03a2e"
SUPPORT_COLOUR = "#e59866"
ROW_HEIGHT = 30
BAR_HEIGHT = 18
BAR_AREA = 560
"""Width in pixels of the longest bar."""
CHAR_WIDTH = 15
"""Width of one CJK character at the chart's font size, for the label column."""
TOP = 50
"""Room above the first bar for the axis numbers."""


def workload_html(load: Workload) -> bytes:
    """The workload as a UTF-8 HTML page: a summary, the bar chart, and the numbers."""
    summary = workload_summary(load, " · ")
    files = "、".join(escape(f) for f in load.files)
    page = f"""<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>各部门任务量</title>
<style>
body {{ font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif;
       margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #222; }}
h1 {{ font-size: 1.5rem; margin-bottom: .25rem; }}
.summary {{ color: #555; margin-top: 0; }}
.files {{ color: #777; font-size: .85rem; }}
svg text {{ font-size: 14px; fill: #222; }}
svg .axis text {{ font-size: 12px; fill: #777; }}
svg .grid {{ stroke: #e5e5e5; }}
svg .count {{ font-size: 12px; fill: #444; }}
table {{ border-collapse: collapse; margin-top: 2rem; font-size: .9rem; }}
th, td {{ padding: .3rem .8rem; border-bottom: 1px solid #ddd; text-align: left; }}
td.n {{ text-align: right; font-variant-numeric: tabular-nums; }}
</style>
</head>
<body>
<h1>各部门任务量</h1>
<p class="summary">{summary}</p>
<p class="files">{files}</p>
<figure>
{_chart(load.departments)}
<figcaption>{labels("department_words")["caption"]}</figcaption>
</figure>
{_table(load.departments)}
</body>
</html>
"""
    return page.encode("utf-8")


def _tick_step(largest: int) -> int:
    """A round step (1, 2, 5, 10, 20, 50 ...) giving at most eight axis intervals."""
    magnitude = 1
    while True:
        for base in (1, 2, 5):
            if largest <= 8 * base * magnitude:
                return base * magnitude
        magnitude *= 10


def _chart(departments: list[DepartmentLoad]) -> str:
    """The inline SVG bar chart (an empty chart says there is nothing to show)."""
    if not departments:
        return '<svg class="chart" width="400" height="40"><text x="0" y="24">没有部门</text></svg>'
    # The one display-width rule: a CJK character takes two columns, CHAR_WIDTH pixels.
    label_width = max(display_width(d.department) for d in departments) * CHAR_WIDTH // 2 + 16
    largest = max(d.total for d in departments)
    scale = BAR_AREA / largest
    width = label_width + BAR_AREA + 60
    height = TOP + ROW_HEIGHT * len(departments) + 8
    parts = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="各部门任务量">',
        _legend(label_width),
        _axis(label_width, scale, largest, height),
    ]
    for row, d in enumerate(departments):
        y = TOP + row * ROW_HEIGHT
        bar_y = y + (ROW_HEIGHT - BAR_HEIGHT) / 2
        name = escape(d.department)
        parts.append(
            f'<g class="department" data-department="{name}">'
            f'<text x="{label_width - 8}" y="{y + ROW_HEIGHT / 2 + 5}" '
            f'text-anchor="end">{name}</text>'
        )
        x = float(label_width)
        for kind, count, colour in (
            ("lead", d.lead, LEAD_COLOUR),
            ("support", d.support, SUPPORT_COLOUR),
        ):
            if count:
                parts.append(
                    f'<rect class="bar {kind}" data-count="{count}" x="{x:.2f}" '
                    f'y="{bar_y}" width="{count * scale:.2f}" height="{BAR_HEIGHT}" '
                    f'fill="{colour}"><title>{name}: {_KIND_LABEL[kind]} {count}</title></rect>'
                )
                x += count * scale
        parts.append(
            f'<text class="count" x="{x + 6:.2f}" y="{y + ROW_HEIGHT / 2 + 4}">'
            f"{d.lead} + {d.support}</text></g>"
        )
    parts.append("</svg>")
    return "\n".join(parts)


_KIND_LABEL = {kind: labels("department")[kind] for kind in ("lead", "support")}


def _legend(left: int) -> str:
    items = []
    for offset, kind, colour in ((0, "lead", LEAD_COLOUR), (110, "support", SUPPORT_COLOUR)):
        items.append(
            f'<rect class="legend {kind}" x="{left + offset}" y="4" width="14" height="14" '
            f'fill="{colour}"/><text x="{left + offset + 20}" y="16">'
            f"{_KIND_LABEL[kind]}</text>"
        )
    return '<g class="legend">' + "".join(items) + "</g>"


def _axis(left: int, scale: float, largest: int, height: int) -> str:
    step = _tick_step(largest)
    lines = []
    for value in range(0, largest + 1, step):
        x = left + value * scale
        lines.append(
            f'<line class="grid" x1="{x:.2f}" y1="{TOP - 4}" x2="{x:.2f}" y2="{height - 4}"/>'
            f'<text x="{x:.2f}" y="{TOP - 8}" text-anchor="middle">{value}</text>'
        )
    return '<g class="axis">' + "".join(lines) + "</g>"


def _table(departments: list[DepartmentLoad]) -> str:
    rows = "\n".join(
        f"<tr><td>{escape(d.department)}</td><td class=n>{d.lead}</td>"
        f"<td class=n>{d.support}</td><td class=n>{d.total}</td>"
        f"<td>{escape('、'.join(d.written))}</td></tr>"
        for d in departments
    )
    names = labels("department")
    head = "".join(f"<th>{escape(names[key])}</th>" for key in CSV_COLUMNS)
    return f"<table><thead><tr>{head}</tr></thead>\n<tbody>\n{rows}\n</tbody></table>"
