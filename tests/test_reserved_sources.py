"""No page reserved for independent evaluation is cited anywhere in the project.

The reserved pages are listed outside the repository (``shared/RESERVED_SOURCES.md``
beside the checkout, see ``corpus.real.reserved_sources_file``); a list read from one of
them would no longer measure how qingdan reads lists it has never seen. Every file git
tracks is searched for each reserved address (with or without scheme and ``www.``) and
for a bare mention of its host (a citation such as "…, example.gov.cn)").
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from corpus.real import normal_url, reserved_sources_file, reserved_urls

ROOT = Path(__file__).resolve().parent.parent


def _tracked_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode("utf-8")
    return [ROOT / name for name in listed.split("\0") if name and (ROOT / name).is_file()]


def _patterns(urls: list[str]) -> list[tuple[bytes, str, re.Pattern[bytes]]]:
    """(host, what is cited, pattern): each address, and each host mentioned alone."""
    found = []
    for url in urls:
        address = normal_url(url).rstrip("/")
        host = address.split("/", 1)[0]
        found.append((host.encode(), url, re.compile(re.escape(address.encode()), re.IGNORECASE)))
        # The host, with any path or none: every page of a reserved site is reserved.
        bare = rb"(?<![\w.-])(?:www\.)?" + re.escape(host.encode()) + rb"(?![\w.-])"
        found.append((host.encode(), host, re.compile(bare, re.IGNORECASE)))
    return found


def _cited(content: bytes, patterns: list[tuple[bytes, str, re.Pattern[bytes]]]) -> list[str]:
    lowered = content.lower()
    return [what for host, what, p in patterns if host in lowered and p.search(content)]


def test_no_reserved_page_appears_in_any_tracked_file() -> None:
    if reserved_sources_file(ROOT) is None:
        pytest.skip(
            "no shared/RESERVED_SOURCES.md beside this checkout (or set QINGDAN_RESERVED_SOURCES)"
        )
    patterns = _patterns(reserved_urls(ROOT))
    assert patterns, "RESERVED_SOURCES.md lists no address"
    hits = []
    for path in _tracked_files():
        cited = _cited(path.read_bytes(), patterns)
        hits += [f"{path.relative_to(ROOT)}: {what}" for what in cited]
    assert not hits, "reserved pages cited in the project:\n" + "\n".join(hits)


def test_the_check_finds_an_address_and_a_bare_host() -> None:
    patterns = _patterns(["http://www.example-reserved.gov.cn/html/1.html"])
    assert _cited(b"see https://Example-Reserved.gov.cn/html/1.html", patterns)
    assert _cited("(某区方案, example-reserved.gov.cn)".encode(), patterns)
    # Every page of a reserved site is reserved: another page of it is cited too.
    assert _cited(b"https://example-reserved.gov.cn/other.html", patterns)
    assert not _cited(b"https://not-example-reserved.gov.cn/1.html", patterns)
    assert not _cited(b"https://example-reserved.gov.cn.other.org/1.html", patterns)
