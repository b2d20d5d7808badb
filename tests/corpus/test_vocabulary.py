"""corpus/data: held out from the reader's knowledge and from the bundled samples."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

from corpus.generate import generate_list
from corpus.vocab import DATA, load_vocabulary
from tests.conftest import SAMPLES

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def _sample_places() -> set[str]:
    """The place names the bundled samples' titles start with (南湖区 -> 南湖)."""
    places = set()
    for path in SAMPLES.glob("*.expected.json"):
        title = json.loads(path.read_text(encoding="utf-8"))["document"]["title"] or ""
        match = re.match(r"(\w{2,3}?)[区县市]", title)
        if match:
            places.add(match.group(1))
    return places


def test_the_samples_places_are_found() -> None:
    assert len(_sample_places()) >= 4


def test_no_generated_title_or_name_uses_a_sample_place() -> None:
    places = _sample_places()
    for index in range(1, 301):
        item = generate_list(5, index)
        text = item.title + "".join(n for r in item.records for n in [*r.lead, *r.support])
        assert not [p for p in places if p in text], item.name


def test_vocabulary_files_name_their_sources() -> None:
    for path in DATA.glob("*.toml"):
        lines = path.read_text(encoding="utf-8").splitlines()
        head = "\n".join(line for line in lines[: lines.index("")] if line.startswith("#"))
        assert "come from" in head and ("http" in head or "www." in head), path.name


def _imports_and_strings(path: Path) -> tuple[set[str], list[str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    imports = {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    imports |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    strings = [
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings
    ]
    return imports, strings


def test_the_generator_does_not_read_the_readers_knowledge() -> None:
    for path in CORPUS.glob("*.py"):
        imports, strings = _imports_and_strings(path)
        assert not [m for m in imports if m.startswith("qingdan.normalize")], path.name
        assert not [s for s in strings if "normalize" in s], path.name


def test_every_role_has_labels_and_every_organ_a_short_form() -> None:
    vocab = load_vocabulary()
    for role in ("no", "category", "measure", "lead", "support", "responsible", "deadline"):
        assert vocab.labels[role], role
    assert all(o.full and o.short for o in vocab.organs)
    assert {"problem", "measure", "responsible", "deadline"} <= set(vocab.rectification_labels)
