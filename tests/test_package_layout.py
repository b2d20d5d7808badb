"""The pipeline's folders are imported only as ``qingdan.extract``, ``qingdan.normalize``
and ``qingdan.schema`` (issue 18).

``extract/``, ``normalize/`` and ``schema/`` sit at the top of the source tree, and
``qingdan/extract`` (...) are symlinks to them. Since the tests run from the repository
root, ``import extract`` would also work there and load a second copy of every module
(two ``RawTable`` classes that ``isinstance`` tells apart), so this test forbids it.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PIPELINE = ("extract", "normalize", "schema")
SOURCE_FOLDERS = ("extract", "normalize", "schema", "qingdan", "tests", "benchmarks", "samples")


def _python_files() -> list[Path]:
    """Every Python file of the project once (not again through the qingdan/ symlinks)."""
    links = [ROOT / "qingdan" / name for name in PIPELINE]
    return [
        path
        for folder in SOURCE_FOLDERS
        for path in (ROOT / folder).rglob("*.py")
        if not any(path.is_relative_to(link) for link in links)
    ]


def _bare_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.split(".")[0] in PIPELINE]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found += [node.module] if node.module.split(".")[0] in PIPELINE else []
    return found


def test_pipeline_packages_are_imported_through_qingdan() -> None:
    offenders = {
        str(path.relative_to(ROOT)): names
        for path in _python_files()
        if (names := _bare_imports(path))
    }
    assert offenders == {}


def test_qingdan_links_to_the_pipeline_folders() -> None:
    for name in PIPELINE:
        link = ROOT / "qingdan" / name
        assert link.is_symlink(), f"qingdan/{name} should be a symlink to ../{name}"
        assert link.resolve() == (ROOT / name).resolve()
