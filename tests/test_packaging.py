"""Packaging (issue 18): the wheel installs one top-level package, ``qingdan``, so
PyPI's ``schema`` (or any ``extract``/``normalize``) installed beside it shadows
nothing and is shadowed by nothing; built from a tree without symbolic links (issue 26),
it imports every module and converts every sample."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from qingdan.extract import READERS

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "000_eaf823a1ce4555f0.txt"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The project's wheel, built from a clean copy of this tree (a build in place would
    leave build/ behind, whose stale files a later build may pack)."""
    folder = tmp_path_factory.mktemp("wheel")
    source = folder / "source"
    skip = (".venv", ".git", "build", "*.egg-info", "out", "__pycache__", ".*_cache")
    # symlinks=False: the copy holds what a checkout without symbolic links holds.
    shutil.copytree(
        ROOT, source, symlinks=False, ignore=shutil.ignore_patterns(*skip, "samples", "tests")
    )
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(folder)]
    done = subprocess.run([*command, str(source)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"pip cannot build the wheel (no package index?): {done.stderr[-300:]}")
    (built,) = folder.glob("qingdan-*.whl")
    yield built


def test_the_wheel_holds_only_the_qingdan_package(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    tops = {name.split("/")[0] for name in names}
    assert {t for t in tops if not t.endswith(".dist-info")} == {"qingdan"}
    for part in ("extract", "normalize", "schema"):
        assert f"qingdan/{part}/__init__.py" in names
    assert "qingdan/py.typed" in names
    assert "qingdan/writers/data/labels.toml" in names
    assert any(n.startswith("qingdan/normalize/data/") and n.endswith(".toml") for n in names)
    assert "qingdan/normalize/data/snapshot.jsonl" in names  # a start parses no TOML (issue 16)


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clean environment holding the wheel; qingdan's dependencies come from the
    project's environment (no second download). Returns its python."""
    env = tmp_path_factory.mktemp("installed") / "venv"
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    site = Path(sysconfig.get_paths()["purelib"])
    where = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    env_site = Path(subprocess.check_output([python, "-c", where], text=True).strip())
    (env_site / "deps.pth").write_text(f"{site}\n", encoding="utf-8")
    command = [python, "-m", "pip", "install", "--quiet", "--no-deps", str(wheel)]
    subprocess.run(command, capture_output=True, text=True, check=True)
    return python


def test_the_wheel_imports_every_module(wheel: Path, installed: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        modules = [
            name.removesuffix(".py").removesuffix("/__init__").replace("/", ".")
            for name in archive.namelist()
            if name.endswith(".py") and not name.endswith("__main__.py")
        ]
    optional = ("qingdan.extract.scan.", "qingdan.sinks.")  # extras: OCR, a database driver
    probe = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    try:\n"
        "        importlib.import_module(name)\n"
        f"    except ImportError as error:\n"
        f"        if not name.startswith({optional!r}): raise\n"
        "print(len(sys.modules))\n"
    )
    done = subprocess.run([installed, "-c", probe], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert len(modules) > 100


def test_the_wheel_converts_every_sample(installed: Path, tmp_path: Path) -> None:
    qingdan = installed.parent / "qingdan"
    out = tmp_path / "out"
    done = subprocess.run(
        [qingdan, "convert", str(ROOT / "samples"), "-o", f"{out}/", "-q"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads((out / "errors.json").read_text(encoding="utf-8")) == []
    attachments = [p for p in (ROOT / "samples").rglob("*") if p.suffix.lower() in READERS]
    converted = [p for p in out.rglob("*.json") if p.name != "errors.json"]
    assert len(attachments) > 50
    assert len(converted) == len(attachments)


def test_pypi_schema_beside_qingdan_breaks_nothing(installed: Path, tmp_path: Path) -> None:
    python = installed
    env = python.parent.parent
    got = subprocess.run(
        [python, "-m", "pip", "install", "--quiet", "--no-deps", "schema"],
        capture_output=True,
        text=True,
    )
    if got.returncode != 0:
        pytest.skip(f"pip cannot reach PyPI for 'schema': {got.stderr[-300:]}")
    probe = (
        "import schema, qingdan\n"
        "assert schema.Schema(int).validate(1) == 1\n"
        f"doc = qingdan.convert({str(SEED)!r})\n"
        "import qingdan.schema\n"
        "assert qingdan.schema.Record is type(doc.records[0])\n"
        "print(len(doc.records), qingdan.__file__)\n"
    )
    done = subprocess.run([python, "-c", probe], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    count, location = done.stdout.split()
    assert count == "15"
    assert Path(location).is_relative_to(env)


def test_make_install_compiles_every_source_folder() -> None:
    # An editable install is not compiled by pip (issue 29): `make bytecode` must cover
    # qingdan/ and every folder the build maps into it.
    import re
    import tomllib

    mapped = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    folders = {"qingdan", *mapped["package-dir"].values()}
    makefile = (ROOT / "Makefile").read_text("utf-8")
    sources = re.search(r"^SOURCES := (.+)$", makefile, re.MULTILINE)
    assert sources is not None and set(sources.group(1).split()) == folders
    assert "$(MAKE) --no-print-directory bytecode" in makefile.split("$(STAMP):")[1]
