"""The machine and software a benchmark ran on, for BENCHMARKS.md and the JSON."""

from __future__ import annotations

import os
import platform
import subprocess
from importlib import metadata
from pathlib import Path
from typing import Any

LIBRARIES = [
    "qingdan",
    "pdfplumber",
    "pdfminer.six",
    "python-docx",
    "camelot-py",
    "opencv-python-headless",
    "pypdfium2",
    "docx2python",
    "pypdf",
    "pydantic",
]


def machine() -> dict[str, Any]:
    """CPU model and cores, memory, load, OS, Python and library versions."""
    import psutil

    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "ram_bytes": psutil.virtual_memory().total,
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "os": platform.platform(),
        "python": platform.python_version(),
        "libraries": {name: _version(name) for name in LIBRARIES},
        "libreoffice": _libreoffice_version(),
    }


def _cpu_model() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def _version(distribution: str) -> str | None:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def _libreoffice_version() -> str | None:
    try:
        finished = subprocess.run(
            ["soffice", "--version"], capture_output=True, text=True, timeout=60
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return finished.stdout.strip() or None
