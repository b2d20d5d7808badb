"""A throwaway PostgreSQL server for the database sink tests (Debian's postgresql package).

``scripts/ensure-system-packages`` installs the package. The server gets a fresh
cluster in a temporary folder, listens only on a Unix socket in that folder (no
TCP port, nothing reachable from outside), trusts local connections, and is stopped
and deleted after the test session. As root, the cluster is run as the ``postgres``
user, since PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _bin_dir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    assert found, "PostgreSQL is missing: scripts/ensure-system-packages installs it"
    return Path(found[-1]).parent


def _run_as_server_user(*command: str, check: bool = True) -> None:
    if os.geteuid() == 0:
        command = ("runuser", "-u", "postgres", "--", *command)
    subprocess.run(command, check=check, capture_output=True)


@contextmanager
def postgres_server() -> Iterator[Path]:
    """Start a server; yields the folder holding its socket (the URL's ``host``)."""
    bin_dir = _bin_dir()
    root = Path(tempfile.mkdtemp(prefix="qingdan-pg-"))
    data = root / "data"
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    pg_ctl = str(bin_dir / "pg_ctl")
    try:
        _run_as_server_user(
            str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync"
        )
        options = f"-k {root} -c listen_addresses='' -c fsync=off -F"
        log = str(root / "log")
        _run_as_server_user(pg_ctl, "-D", str(data), "-o", options, "-w", "-l", log, "start")
        yield root
    finally:
        if data.exists():
            _run_as_server_user(pg_ctl, "-D", str(data), "-m", "immediate", "stop", check=False)
        shutil.rmtree(root, ignore_errors=True)
