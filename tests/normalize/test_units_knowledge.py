"""The knowledge of unit names holds no bundled sample's place (issue 13).

Places are learned from each document; a knowledge file that named our samples'
places would pass our samples and fail everyone else's lists. The places are taken
from the sample specs' titles and department cells, not written here.
"""

from __future__ import annotations

import json
from pathlib import Path

from qingdan.normalize.knowledge import DATA_DIR, Knowledge
from qingdan.normalize.text import cell_lines
from qingdan.normalize.units.departments import (
    DepartmentReader,
    split_outside_brackets,
)
from qingdan.normalize.units.places import places_in_names, places_in_title

SOURCES = Path(__file__).resolve().parents[2] / "samples" / "sources"
KNOWLEDGE_FILES = ["units.toml", "responsibility.toml", "aliases.toml"]
MODEL = Knowledge.load().departments.model


def _sample_places() -> set[str]:
    places: set[str] = set()
    for source in sorted(SOURCES.glob("*.json")):
        spec = json.loads(source.read_text(encoding="utf-8"))
        for line in spec["text_before"]:
            places |= places_in_title(line, MODEL)
        lines = [
            line
            for row in spec["rows"]
            if isinstance(row, list)
            for cell in row
            if isinstance(cell, str)
            for chunk in split_outside_brackets(cell)
            for line in cell_lines(chunk)
        ]
        places |= places_in_names(lines, MODEL)
    return places


def test_the_samples_places_are_found() -> None:
    # The finder must work for the next test to mean anything: every sample has a title.
    assert len(_sample_places()) >= len(list(SOURCES.glob("*.json"))) - 2


def test_no_sample_place_is_in_the_knowledge() -> None:
    places = _sample_places()
    for name in KNOWLEDGE_FILES:
        text = (DATA_DIR / name).read_text(encoding="utf-8")
        assert not [p for p in places if p in text], name
    model_words = {*MODEL.whole, *MODEL.organs, *MODEL.places, *MODEL.zones, *MODEL.levels}
    assert not [w for w in model_words for p in places if p in w]


def test_every_organ_form_in_the_knowledge_reads_as_one_unit() -> None:
    """A form added to ``[organs]`` must read whole after a level and a place, and be cut
    from the next name glued to it (a guard for edits of the data file)."""
    reader = DepartmentReader.for_document(Knowledge.load().departments, "松泉县2024年工作任务清单")
    wrong = []
    for form in sorted(MODEL.organs):
        for name in (f"县{form}", f"松泉县{form}"):
            if reader.split(name).names != [name] or not reader.is_complete(name):
                wrong.append(name)
        if reader.split(f"县{form}县财政局").names != [f"县{form}", "县财政局"]:
            wrong.append(f"县{form}县财政局")
    assert wrong == []
