"""A ``qingdan serve`` killed with SIGKILL leaves nothing running: not its conversion
workers, nor a LibreOffice one of them started.

The workers are started from a launcher thread that lives as long as the server: a
worker started from a request thread got its parent-death signal when the request
ended, and outlived a killed server. LibreOffice runs in a session of its own, and a
killed worker could not stop it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.qingdan.test_parent_death import _children, _kill_and_watch, _wait_for

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the parent-death signal is Linux's"
)


def _descendants(parent: int) -> set[int]:
    found, todo = set(), [parent]
    while todo:
        for child in _children(todo.pop()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def test_a_killed_server_leaves_no_worker_and_no_libreoffice(tmp_path: Path) -> None:
    programs, started, folder = tmp_path / "bin", tmp_path / "started", tmp_path / "in"
    for made in (programs, started, folder):
        made.mkdir()
    # A LibreOffice that starts a child and waits for it, as soffice starts soffice.bin.
    soffice = programs / "soffice"
    soffice.write_text(f"#!/bin/sh\ntouch {started}/soffice\nsleep 300 &\nwait\n", "utf-8")
    soffice.chmod(0o755)
    (folder / "旧.doc").write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 600)
    environment = {**os.environ, "PATH": f"{programs}{os.pathsep}{os.environ['PATH']}"}
    command = [sys.executable, "-m", "qingdan", "serve", str(folder)]
    command += ["--data", str(tmp_path / "data"), "--port", str(_free_port())]
    process = subprocess.Popen(
        command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        converting = _wait_for(lambda: any(started.iterdir()), seconds=120)
        assert converting, "the server never started converting the folder"
        # The worker, and LibreOffice's processes under it.
        running = _descendants(process.pid)
        assert len(running) >= 3, running
        assert _kill_and_watch(process, running) == set()
    finally:
        process.kill()
