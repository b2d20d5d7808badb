"""Set-up for a user who only converts (issue 32): ``pip install .`` without extras
converts TXT, DOCX, PDF, HTML and XLSX, and ``make demo`` on a machine without
LibreOffice converts the rest, says which samples need it, and exits 0."""

from __future__ import annotations

import importlib.metadata
import json
import os
import shutil
import subprocess
import sys
import venv
from collections.abc import Iterator
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from tests.test_packaging import wheel  # noqa: F401  (the fixture: the project's wheel)

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
BASE = "000_eaf823a1ce4555f0_merged"
WITHOUT_EXTRAS = [f"{BASE}.{suffix}" for suffix in ("docx", "pdf", "html", "xlsx")]
WITHOUT_EXTRAS.append("000_eaf823a1ce4555f0.txt")


def _base_closure() -> list[importlib.metadata.Distribution]:
    """The distributions ``pip install .`` brings: qingdan's requirements without any
    extra, and theirs, recursively (markers evaluated for this interpreter)."""
    found: dict[str, importlib.metadata.Distribution] = {}
    wanted = [Requirement(r) for r in importlib.metadata.requires("qingdan") or []]
    while wanted:
        requirement = wanted.pop()
        if requirement.marker and not requirement.marker.evaluate({"extra": ""}):
            continue
        name = requirement.name.lower().replace("_", "-")
        if name in found:
            continue
        distribution = importlib.metadata.distribution(requirement.name)
        found[name] = distribution
        wanted += [Requirement(r) for r in distribution.requires or []]
    return list(found.values())


@pytest.fixture(scope="module")
def plain_install(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:  # noqa: F811
    """A clean environment with the wheel and only its base dependencies, linked from
    the project's environment (no download). Returns its python."""
    root = tmp_path_factory.mktemp("plain")
    venv.create(root / "venv", with_pip=True)
    python = root / "venv" / "bin" / "python"
    deps = root / "deps"
    deps.mkdir()
    for distribution in _base_closure():
        for file in distribution.files or []:
            top = file.parts[0]
            source = Path(str(distribution.locate_file(top)))
            if top in ("..", "bin") or not source.exists() or (deps / top).exists():
                continue
            (deps / top).symlink_to(source)
    where = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    site = Path(subprocess.check_output([python, "-c", where], text=True).strip())
    (site / "deps.pth").write_text(f"{deps}\n", encoding="utf-8")
    command = [python, "-m", "pip", "install", "--quiet", "--no-deps", str(wheel)]
    subprocess.run(command, capture_output=True, text=True, check=True)
    yield python


def test_the_plain_install_has_no_extra(plain_install: Path) -> None:
    probe = "import importlib.util as u; print([m for m in {!r} if u.find_spec(m)])".format(
        ["rapidocr", "onnxruntime", "cv2", "pytest", "psycopg", "playwright"]
    )
    done = subprocess.run([plain_install, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("name", WITHOUT_EXTRAS)
def test_pip_install_without_extras_converts(
    name: str, plain_install: Path, tmp_path: Path
) -> None:
    qingdan = plain_install.parent / "qingdan"
    done = subprocess.run(
        [qingdan, "convert", str(SAMPLES / name), "-q"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr[-1000:]
    assert len(json.loads(done.stdout)["records"]) > 5


def _demo(samples: Path, out: Path, path: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": path}
    command = [sys.executable, str(ROOT / "scripts" / "demo.py"), str(samples), str(out)]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=out.parent)


def test_the_demo_without_libreoffice_lists_what_needs_it_and_exits_0(tmp_path: Path) -> None:
    samples = tmp_path / "samples"
    samples.mkdir()
    for name in ("000_eaf823a1ce4555f0.txt", f"{BASE}.doc", f"{BASE}.docx"):
        shutil.copy(SAMPLES / name, samples / name)
    no_programs = tmp_path / "bin"
    no_programs.mkdir()  # no soffice on this PATH
    done = _demo(samples, tmp_path / "out", str(no_programs))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "LibreOffice" in done.stdout and f"{BASE}.doc" in done.stdout
    assert (tmp_path / "out" / f"{BASE}.docx.json").exists()
    assert (tmp_path / "out" / "000_eaf823a1ce4555f0.txt.json").exists()


def test_the_demo_fails_on_a_real_failure(tmp_path: Path) -> None:
    samples = tmp_path / "samples"
    samples.mkdir()
    shutil.copy(SAMPLES / "000_eaf823a1ce4555f0.txt", samples / "list.txt")
    (samples / "empty.txt").write_bytes(b"")
    done = _demo(samples, tmp_path / "out", os.environ.get("PATH", ""))
    assert done.returncode == 1
    assert "errors.json" in done.stderr
