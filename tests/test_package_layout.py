"""The pipeline's folders are imported only as ``qingdan.extract``, ``qingdan.normalize``
and ``qingdan.schema`` (issue 18).

``extract/``, ``normalize/`` and ``schema/`` sit at the top of the source tree and the
build maps them to ``qingdan.extract`` (...): pyproject.toml's package-dir, no symbolic
links (issue 26). Since the tests run from the repository root, ``import extract`` would
also work there and load a second copy of every module (two ``RawTable`` classes that
``isinstance`` tells apart), so this test forbids it.
"""

from __future__ import annotations

import ast
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PIPELINE = ("extract", "normalize", "schema")
SOURCE_FOLDERS = ("extract", "normalize", "schema", "qingdan", "tests", "benchmarks", "samples")


def _python_files() -> list[Path]:
    """Every Python file of the project."""
    return [path for folder in SOURCE_FOLDERS for path in (ROOT / folder).rglob("*.py")]


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


def test_the_tree_holds_no_symbolic_links() -> None:
    """A checkout without symbolic links (Windows' default) must be the same tree."""
    listed = subprocess.run(
        ["git", "ls-files", "--stage"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if listed.returncode != 0:
        pytest.skip("not a git checkout")
    links = [
        line.split("\t")[1] for line in listed.stdout.splitlines() if line.startswith("120000")
    ]
    assert links == []


def _installed_name(folder: Path, mapping: dict[str, str]) -> str:
    """The package a source folder installs as, by pyproject.toml's package-dir."""
    relative = folder.relative_to(ROOT).as_posix()
    for package, source in sorted(mapping.items(), key=lambda item: -len(item[1])):
        if relative == source or relative.startswith(source + "/"):
            return package + relative[len(source) :].replace("/", ".")
    return relative.replace("/", ".")


def test_every_package_folder_is_installed() -> None:
    """pyproject.toml lists its packages by name (a mapped folder cannot be found by
    name): every folder with an ``__init__.py`` under the installed roots is listed."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    setuptools = config["tool"]["setuptools"]
    mapping = {"qingdan": "qingdan", **setuptools["package-dir"]}
    folders = {
        init.parent for source in mapping.values() for init in (ROOT / source).rglob("__init__.py")
    }
    assert sorted(setuptools["packages"]) == sorted(_installed_name(f, mapping) for f in folders)
