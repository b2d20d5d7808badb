"""``make demo``: convert every sample into out/, and say which need what is not installed.

A user who only converts gets the package without extras (``make demo`` installs
``pip install -e .``), and a machine may lack LibreOffice. The samples a missing
program or extra cannot convert (``.doc``/``.wps``/``.et`` without LibreOffice, scans
without the ``ocr`` extra) are listed with what they need, and the demo still exits 0;
any other failure is a real one and exits 1.

Usage: python scripts/demo.py [SAMPLES [OUT]]  (defaults: samples, out)
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

NEEDS = {
    "ConverterMissing": "需要 LibreOffice（Debian/Ubuntu：apt-get install "
    "libreoffice-writer-nogui libreoffice-calc-nogui）",
    "OcrUnavailable": "需要文字识别组件（pip install '.[ocr]'，或 make install）",
}
"""The error of a conversion that needs something not installed -> what to install."""


def main(argv: list[str]) -> int:
    """Convert the samples; list those that need LibreOffice or OCR; 0 unless a real failure."""
    samples = Path(argv[0]) if argv else Path("samples")
    out = Path(argv[1]) if len(argv) > 1 else Path("out")
    command = [sys.executable, "-m", "qingdan", "convert", str(samples), "-o", f"{out}/"]
    done = subprocess.run(command, check=False)
    if done.returncode not in (0, 1):
        return done.returncode
    errors = json.loads((out / "errors.json").read_text(encoding="utf-8"))
    missing = [e for e in errors if e.get("error") in NEEDS]
    failed = [e for e in errors if e.get("error") not in NEEDS]
    for need in dict.fromkeys(e["error"] for e in missing):
        names = [Path(e["file"]).name for e in missing if e["error"] == need]
        print(f"demo: {len(names)} 个样例{NEEDS[need]}：{'、'.join(names)}")
    if failed:
        print(f"demo: {len(failed)} 个样例转换失败，见 {out / 'errors.json'}", file=sys.stderr)
        return 1
    print(f"demo: 结果在 {out}/（打开 {out / 'all.xlsx'}）；命令为 .venv/bin/qingdan，")
    print("      或在当前 shell 中 source .venv/bin/activate 后直接用 qingdan（见 README.md）")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
