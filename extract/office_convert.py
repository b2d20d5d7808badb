"""Old Word and WPS files (``.doc``, ``.wps``) and WPS spreadsheets (``.et``), read by
converting them with LibreOffice into ``.docx``/``.xlsx`` first.

There is no maintained pure-Python reader of Word 97-2003 tables with their merges,
and LibreOffice's import filters are the reference for them. So, when ``soffice`` is
on the PATH, the file is copied into a fresh temporary folder and converted there:

* headless, with a private profile (``-env:UserInstallation`` in the temporary folder),
  so several conversions at once never share or damage a user's profile, and nothing
  from a user's settings (macros, extensions) takes part;
* with a time limit (``QINGDAN_SOFFICE_TIMEOUT`` seconds, default 120): past it the
  whole LibreOffice process group is killed and the file is one error line;
* the temporary folder, with the converted file and the profile, is removed afterwards;
  LibreOffice's process group is killed whenever the conversion ends early (Ctrl-C, a
  worker told to stop, a file's time limit), so no ``soffice`` outlives its file;
* with no network (issue 33): a ``.doc`` that is really a web page names a stylesheet
  and images by URL, and LibreOffice fetched them during conversion (server-side
  request forgery on an intranet). It runs in a network namespace of its own
  (``unshare -n``, or ``unshare -rn`` as an unprivileged user) where the platform allows
  one, and its private profile blocks linked content and macros everywhere;
* ended with the process that started it, even one killed with SIGKILL (a ``serve`` or
  batch worker): the kernel kills it when that process ends (``setpriv --pdeathsig``),
  and every process it started with it (a process-id namespace of its own,
  ``unshare --pid --kill-child``) where the platform allows.

LibreOffice converts local files only; nothing here passes it a URL. The converted
file is read by the DOCX or XLSX reader. A ``.doc`` that is really a web page (Word
and government sites save "web page" documents as ``.doc``) is read by the HTML
reader, which never fetches, without LibreOffice. An ``.et`` (or ``.wps``) file that WPS saved
in the Excel 97-2003 format is read directly, with no conversion.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import tempfile
from functools import cache
from pathlib import Path

from qingdan.extract.docx import read_docx
from qingdan.extract.errors import BrokenFile, ConverterMissing, EncryptedFile
from qingdan.extract.grid import Extracted
from qingdan.extract.html import read_html
from qingdan.extract.office_check import checked_route
from qingdan.extract.options import ReadOptions
from qingdan.extract.spreadsheet.workbook import (
    OLE_MAGIC,
    PASSWORD_HINT,
    ZIP_MAGIC,
    is_encrypted_ooxml,
    read_workbook,
)
from qingdan.extract.spreadsheet.xls import read_xls

DEFAULT_TIMEOUT_S = 120.0
TIMEOUT_VARIABLE = "QINGDAN_SOFFICE_TIMEOUT"
INSTALL_HINT = (
    "install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui "
    "libreoffice-calc-nogui) so that soffice is on the PATH, or save the file as {target} "
    "in WPS or Microsoft Office"
)


def read_doc(data: bytes, path: Path, options: ReadOptions | None = None) -> Extracted:
    """Read a ``.doc`` or ``.wps`` file by converting it to ``.docx`` with LibreOffice.

    Raises ``ConverterMissing`` when LibreOffice is not installed, ``EncryptedFile`` for
    a password-protected file and ``BrokenFile`` when LibreOffice cannot convert it.
    """
    if is_encrypted_ooxml(data):
        raise EncryptedFile(path, PASSWORD_HINT.replace("workbook", "document"))
    if data.startswith(ZIP_MAGIC):  # a .docx renamed .doc/.wps
        return read_docx(data, path, options)
    if is_web_page(data):
        return read_html(data, path, options)
    converted = convert(data, path, "docx")
    return checked_route(data, path, read_docx(converted, path.with_suffix(".docx"), options))


def read_et(data: bytes, path: Path, options: ReadOptions | None = None) -> Extracted:
    """Read a WPS ``.et`` spreadsheet: directly when it is in the Excel 97-2003 format
    (as WPS saves it by default), else converted to ``.xlsx`` with LibreOffice."""
    if data.startswith(ZIP_MAGIC):  # an .xlsx renamed .et
        return read_workbook(data, path, options)
    if data.startswith(OLE_MAGIC):
        try:
            return read_xls(data, path, options)
        except BrokenFile:
            pass  # not BIFF inside: WPS's own format, which LibreOffice reads
    converted = convert(data, path, "xlsx")
    return read_workbook(converted, path.with_suffix(".xlsx"), options)


_WEB_PAGE = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|meta|table)\b",
    re.I | re.S,
)


def is_web_page(data: bytes) -> bool:
    """Whether a file's bytes are an HTML page (a Word "web page" saved as ``.doc``)."""
    return _WEB_PAGE.match(data[:4096]) is not None


PROFILE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop
 oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop
 oor:name="DisableActiveContent" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop
 oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
</oor:items>
"""
"""The private profile's settings: linked content (images by URL) blocked, active
content and macros off. It does not stop every fetch (an HTML import still asks for a
stylesheet): the network namespace does."""


@cache
def sandbox() -> tuple[str, ...]:
    """The command prefix that runs a program with no network and ends it, with every
    process it starts, when the process that started it ends; the parts the platform
    allows, or ``()`` (checked once a process)."""
    for prefix in _sandboxes(shutil.which("unshare"), shutil.which("setpriv")):
        try:
            done = subprocess.run([*prefix, "true"], capture_output=True, timeout=10)
        except (OSError, subprocess.SubprocessError):
            continue
        if done.returncode == 0:
            return prefix
    return ()


def _sandboxes(unshare: str | None, setpriv: str | None) -> list[tuple[str, ...]]:
    """The prefixes to try, the strictest first.

    A worker killed with SIGKILL cannot kill the LibreOffice it started, which runs in a
    session of its own (so that a time limit can kill it whole) and outlived it:
    ``setpriv --pdeathsig KILL`` has the kernel kill the first process when the worker
    ends, and ``unshare --pid --fork --kill-child`` puts LibreOffice's processes in a
    process-id namespace that the kernel empties when that first process ends (``soffice``
    starts ``soffice.bin`` as a child, which a signal to ``soffice`` alone would miss)."""
    tie = (setpriv, "--pdeathsig", "KILL") if setpriv else ()
    prefixes: list[tuple[str, ...]] = []
    if unshare is not None:
        for network in ("-n", "-rn"):
            prefixes += [
                (*tie, unshare, network, "--pid", "--fork", "--kill-child"),
                (*tie, unshare, network),
            ]
    if tie:
        prefixes.append(tie)
    return prefixes


def time_limit() -> float:
    """The conversion time limit in seconds (``QINGDAN_SOFFICE_TIMEOUT``, default 120)."""
    value = os.environ.get(TIMEOUT_VARIABLE, "")
    try:
        return float(value) if value else DEFAULT_TIMEOUT_S
    except ValueError:
        return DEFAULT_TIMEOUT_S


def convert(data: bytes, path: Path, target: str) -> bytes:
    """The bytes of the file converted by LibreOffice into ``target`` (``docx``/``xlsx``).

    Raises ``ConverterMissing`` or ``BrokenFile`` (LibreOffice timed out, failed or
    wrote nothing), each naming the file.
    """
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise ConverterMissing(
            path,
            f"reading {path.suffix} files needs LibreOffice, which is not installed; "
            + INSTALL_HINT.format(target=f".{target}"),
        )
    limit = time_limit()
    with tempfile.TemporaryDirectory(prefix="qingdan-convert-") as tmp:
        work = Path(tmp)
        # A plain ASCII name: the user's file name may hold anything.
        source = work / f"input{path.suffix.lower()}"
        source.write_bytes(data)
        out = work / "out"
        (work / "profile" / "user").mkdir(parents=True)
        (work / "profile" / "user" / "registrymodifications.xcu").write_text(
            PROFILE_SETTINGS, encoding="utf-8"
        )
        command = [
            *sandbox(), soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
            "--nolockcheck", "--convert-to", target, "--outdir", str(out), str(source),
        ]  # fmt: skip
        _run(command, work, limit, path)
        converted = out / f"input.{target}"
        if not converted.is_file():
            raise BrokenFile(
                path, f"LibreOffice could not convert it to .{target} (damaged, "
                "password-protected or not a document?)"
            )  # fmt: skip
        return converted.read_bytes()


def _run(command: list[str], home: Path, limit: float, path: Path) -> None:
    """Run LibreOffice in its own process group; kill the group past ``limit`` seconds."""
    environment = {**os.environ, "HOME": str(home)}
    with subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        env=environment,
        start_new_session=True,
    ) as process:
        try:
            process.wait(timeout=limit)
        except subprocess.TimeoutExpired as error:
            _kill_group(process)
            raise BrokenFile(
                path,
                f"LibreOffice did not finish converting it within {limit:g} s (raise the "
                f"limit with {TIMEOUT_VARIABLE}=SECONDS, or save the file as .docx/.xlsx)",
            ) from error
        except BaseException:
            # Ctrl-C, a stopped worker, a file's time limit: LibreOffice runs in a
            # session of its own, so nothing else would end it.
            _kill_group(process)
            raise


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    """Kill LibreOffice and every process it started, and reap it."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
