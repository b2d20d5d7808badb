"""samples/render_forms.py: the other published forms of a sample spec (issue 19).

The LibreOffice-saved forms (.xls, .doc, paragraph PDF) take seconds each and are
checked through the committed samples; the forms written in Python are checked here.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

from qingdan.extract import read_document
from qingdan.extract.grid import Covered

from samples import make_samples
from samples.render_forms import paragraph_lines, render_html, write_ofd, write_xlsx

SMALL: dict[str, Any] = {
    "text_before": ["附件2", "测试清单"],
    "header": [["序号", "重点工作", "工作措施", "牵头单位"]],
    "rows": [
        ["一、蓝天保卫战", "<", "<", "<"],
        ["1", "大气\n污染", "措施一", "区发改委\n区财政局"],
        ["2", "^", "措施二", "区财政局"],
    ],
    "renderings": {"docx": ["merged"]},
}


def _spec(tmp_path: Path) -> Any:
    path = tmp_path / "small.json"
    path.write_text(json.dumps(SMALL, ensure_ascii=False), encoding="utf-8")
    return make_samples.load_spec(path)


EXPECTED_GRID = [
    ["序号", "重点工作", "工作措施", "牵头单位"],
    ["一、蓝天保卫战", Covered.LEFT, Covered.LEFT, Covered.LEFT],
    ["1", "大气\n污染", "措施一", "区发改委\n区财政局"],
    ["2", Covered.ABOVE, "措施二", "区财政局"],
]


def test_html_xlsx_and_ofd_renderings_read_back_as_the_spec(tmp_path: Path) -> None:
    spec = _spec(tmp_path)
    (tmp_path / "small.html").write_text(render_html(spec), encoding="utf-8")
    write_xlsx(spec, tmp_path / "small.xlsx")
    write_ofd(spec, tmp_path / "small.ofd")
    for name in ("small.html", "small.xlsx", "small.ofd"):
        raw = read_document(tmp_path / name)
        assert raw.content.text_before == ["附件2", "测试清单"], name
        assert [list(row.cells) for row in raw.tables[0].rows] == EXPECTED_GRID, name


def test_paragraph_form_prints_headings_items_and_role_lines(tmp_path: Path) -> None:
    assert paragraph_lines(_spec(tmp_path)) == [
        "附件2",
        "测试清单",
        "一、蓝天保卫战",
        "（一）大气污染",
        "1.措施一",
        "牵头单位：区发改委",
        "区财政局",
        "2.措施二",
        "牵头单位：区财政局",
    ]


def test_xlsx_rendering_is_reproducible(tmp_path: Path) -> None:
    spec = _spec(tmp_path)
    write_xlsx(spec, tmp_path / "a.xlsx")
    write_xlsx(spec, tmp_path / "b.xlsx")
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
    # openpyxl stamps the save time as "modified": the rendering fixes it.
    with zipfile.ZipFile(tmp_path / "a.xlsx") as package:
        core = package.read("docProps/core.xml").decode()
    assert "2019-01-01T00:00:00Z</dcterms:modified>" in core
