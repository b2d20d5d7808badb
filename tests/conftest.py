"""Shared test helpers: where the samples are."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, settings

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

# Speed is measured in benchmarks, never in tests: a property test on a loaded machine
# must not fail because one example took longer than Hypothesis's default 200 ms.
settings.register_profile("qingdan", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("qingdan")

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SEED = SAMPLES / "000_eaf823a1ce4555f0.txt"


@pytest.fixture
def seed() -> Path:
    """The real attachment: 新城区净土保卫战2019年工作任务清单."""
    return SEED


# Chromium in a sandbox with no network: no background connections, no sandboxing as root.
_CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's headless Chromium, driven by Playwright (installed by `make test`)."""
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    assert executable, "chromium is missing: scripts/ensure-system-packages installs it"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=_CHROMIUM_FLAGS)
        yield launched
        launched.close()


@dataclass
class OpenedPage:
    """A page loaded in the browser, with the console errors it produced."""

    page: Page
    console_errors: list[str]


@pytest.fixture
def open_html(browser: Browser) -> Iterator[Callable[[Path], OpenedPage]]:
    """Open a local HTML file; the page is closed after the test."""
    pages: list[Page] = []

    def opener(path: Path) -> OpenedPage:
        page = browser.new_page()
        pages.append(page)
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(path.resolve().as_uri())
        page.wait_for_load_state("load")
        return OpenedPage(page, errors)

    yield opener
    for page in pages:
        page.close()
