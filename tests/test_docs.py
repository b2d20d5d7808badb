"""The docs cannot drift (issue 26): the tables generated from the registries are
current, every relative link resolves, and the code cites our own conventions page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from qingdan import reference

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted([ROOT / "README.md", ROOT / "README.zh.md", *(ROOT / "docs").glob("*.md")])
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")
FENCE = re.compile(r"^```.*?^```", flags=re.MULTILINE | re.DOTALL)


def test_the_generated_docs_are_current() -> None:
    stale = reference.stale_files()
    assert not stale, f"run make docs: {', '.join(stale)} out of date with the registries"


def test_every_generated_block_is_filled() -> None:
    """Each page holds its tables (a marker pair with nothing between fails here)."""
    for name in reference.GENERATED:
        text = (ROOT / name).read_text(encoding="utf-8")
        blocks = re.findall(r"\]\]\] -->\n(.*?)<!-- \[\[\[end\]\]\] -->", text, flags=re.DOTALL)
        assert blocks and all(block.startswith("| ") for block in blocks), name


def _anchor(heading: str) -> str:
    """GitHub's anchor of a heading: lower case, punctuation dropped, spaces as '-'."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def _anchors(page: Path) -> set[str]:
    text = FENCE.sub("", page.read_text(encoding="utf-8"))
    return {_anchor(h) for h in re.findall(r"^#+ (.*)$", text, flags=re.MULTILINE)}


def _links(page: Path) -> list[str]:
    text = FENCE.sub("", page.read_text(encoding="utf-8"))
    text = re.sub(r"`[^`\n]*`", "", text)
    return [t for t in LINK.findall(text) if not re.match(r"[a-z]+:", t)]


def _resolves(page: Path, target: str) -> bool:
    """Whether a relative link leads to a file, and to a heading of it when it names one."""
    path, _, fragment = target.partition("#")
    resolved = (page.parent / path).resolve() if path else page
    if not resolved.exists():
        return False
    return not fragment or resolved.suffix != ".md" or fragment in _anchors(resolved)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_resolves(page: Path) -> None:
    assert [target for target in _links(page) if not _resolves(page, target)] == []


def test_the_link_check_sees_a_broken_link(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("# Top\n[a](missing.md) [b](#top) [c](#nowhere) `[d](x.md)`\n")
    assert _links(page) == ["missing.md", "#top", "#nowhere"]
    assert _anchors(page) == {"top"}
    assert [t for t in _links(page) if not _resolves(page, t)] == ["missing.md", "#nowhere"]


def test_the_code_cites_our_conventions_page() -> None:
    """The conventions are docs/conventions.md; no file cites a page outside the repository.

    normalize/data/ is left out for now: its files are hashed into the knowledge snapshot,
    which the knowledge rework (issue 26 item 2) rewrites; one comment there still cites
    the old name."""
    assert (ROOT / "docs" / "conventions.md").is_file()
    folders = ("extract", "normalize", "schema", "qingdan", "corpus", "tests", "docs")
    citing = [
        str(path.relative_to(ROOT))
        for folder in folders
        for path in (ROOT / folder).rglob("*")
        if path.suffix in {".py", ".md", ".toml"}
        and path.resolve() != Path(__file__).resolve()
        and path.relative_to(ROOT).parts[:2] != ("normalize", "data")
        and "CONVENTIONS.md" in path.read_text("utf-8")
    ]
    assert not citing, "cite docs/conventions.md instead"


PATH_IN_CODE = re.compile(r"`((?:[\w.-]+/)+[\w.-]+\.(?:py|toml|md|json|jsonl|yaml))`")
DATA_FOLDERS = ("normalize/data", "extract/data", "qingdan/writers/data")
"""Where a ``data/NAME`` a page names may live."""
OUTSIDE = {"shared/RESERVED_SOURCES.md"}
"""Files a page names beside the checkout, not in it (docs/fidelity.md)."""


def _named_file_exists(page: Path, name: str) -> bool:
    if "NAME" in name or name in OUTSIDE:  # a pattern (sources/NAME.json), or not ours
        return True
    if name.startswith("data/"):
        return any((ROOT / folder / name[len("data/") :]).exists() for folder in DATA_FOLDERS)
    return (ROOT / name).exists() or (page.parent / name).exists()


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_file_a_page_names_exists(page: Path) -> None:
    """A module or data file named in `code` is in the tree (a renamed file is drift)."""
    text = page.read_text(encoding="utf-8")
    assert [n for n in PATH_IN_CODE.findall(text) if not _named_file_exists(page, n)] == []


def test_the_file_check_sees_a_renamed_file() -> None:
    page = ROOT / "docs" / "reading.md"
    assert not _named_file_exists(page, "data/departments.toml")
    assert not _named_file_exists(page, "extract/scan_text.py")
    assert _named_file_exists(page, "data/units.toml")


def test_the_architecture_names_the_steps_normalize_runs() -> None:
    """The chain docs/architecture.md draws is the one ``normalize`` calls, in order."""
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    chain = text.split("chains named steps (", 1)[1].split(")", 1)[0]
    steps = re.findall(r"`(\w+)`", chain)
    source = (ROOT / "normalize" / "__init__.py").read_text(encoding="utf-8")
    body = source[source.index("\ndef normalize(") :]
    places = [body.find(f"{step}(") for step in steps]
    assert len(steps) > 5 and -1 not in places, dict(zip(steps, places, strict=True))
    assert places == sorted(places), "the steps are drawn in another order than they run"
