"""A guard for ZIP-based formats (.docx, .xlsx): refuse a zip bomb before inflating it.

A .docx is a ZIP archive. A hostile one (a "zip bomb") declares members that
inflate to gigabytes from a few kilobytes. ``check_zip`` reads only the archive's
central directory (no member is inflated) and refuses the file when

* it is not a ZIP archive at all (a .docx that is really something else),
* it has more than ``max_members`` members,
* its members together declare more than ``max_total`` bytes (default 200 MiB), or
* a member larger than ``ratio_floor`` (1 MiB) inflates more than ``max_ratio``
  (100) times its compressed size; real Word XML compresses 5-20 times, or
* a member is compressed with a method Python cannot inflate (Word writes only
  "stored" and "deflate"; a damaged header names any number) or is encrypted.

Declared sizes are enough: Python's ``zipfile`` never returns more than a member's
declared size (and fails its CRC check if the member lies). Readers call
``check_zip(data, path)`` before handing the bytes to their library.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import NamedTuple

from qingdan.extract.errors import BrokenFile, QingdanError

MIB = 1024 * 1024
INFLATABLE = {
    zipfile.ZIP_STORED: "stored",
    zipfile.ZIP_DEFLATED: "deflate",
    zipfile.ZIP_BZIP2: "bzip2",
    zipfile.ZIP_LZMA: "lzma",
}
"""The compression methods Python's zipfile can inflate."""
_ENCRYPTED_FLAG = 0x1


class UnsafeArchive(QingdanError):
    """A ZIP-based file would inflate past the documented limits (a zip bomb)."""


class ZipLimits(NamedTuple):
    """How large a ZIP-based attachment may inflate."""

    max_total: int = 200 * MIB
    max_members: int = 10_000
    max_ratio: int = 100
    ratio_floor: int = 1 * MIB


DEFAULT_LIMITS = ZipLimits()


def check_zip(data: bytes, path: Path, limits: ZipLimits = DEFAULT_LIMITS) -> None:
    """Raise ``BrokenFile`` if ``data`` is no ZIP archive, ``UnsafeArchive`` if it is a bomb."""
    kind = path.suffix.lower().lstrip(".") or "zip"
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise BrokenFile(
            path,
            f"not a .{kind} file: not a readable zip archive; "
            f"is it damaged, truncated or another format renamed .{kind}?",
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as error:
        raise BrokenFile(path, f"damaged ZIP archive ({error})") from error
    if len(members) > limits.max_members:
        raise UnsafeArchive(
            path, f"ZIP archive has {len(members)} members (limit {limits.max_members})"
        )
    total = sum(member.file_size for member in members)
    if total > limits.max_total:
        raise UnsafeArchive(
            path,
            f"ZIP archive would inflate to {total // MIB} MiB "
            f"(limit {limits.max_total // MIB} MiB); refusing a possible zip bomb",
        )
    for member in members:
        _check_readable(member, path)
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > limits.ratio_floor and ratio > limits.max_ratio:
            raise UnsafeArchive(
                path,
                f"ZIP member {member.filename!r} inflates {ratio:.0f} times "
                f"(limit {limits.max_ratio}); refusing a possible zip bomb",
            )


def _check_readable(member: zipfile.ZipInfo, path: Path) -> None:
    """Raise ``BrokenFile`` if ``member`` cannot be inflated (unknown method, encrypted)."""
    if member.compress_type not in INFLATABLE:
        raise BrokenFile(
            path,
            f"damaged ZIP archive: member {member.filename!r} uses compression method "
            f"{member.compress_type}, which no Word document uses (supported: "
            f"{', '.join(INFLATABLE.values())})",
        )
    if member.flag_bits & _ENCRYPTED_FLAG:
        raise BrokenFile(
            path,
            f"ZIP member {member.filename!r} is encrypted; "
            "save the document again without a password",
        )
