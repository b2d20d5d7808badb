"""What the server does, apart from HTTP: uploads, reviewed documents, lessons, exports.

The routes (``qingdan.serve.api`` and ``qingdan.serve.web``) call one method each;
everything here is plain Python, so a test can drive it without a server.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qingdan.extract.errors import QingdanError
from qingdan.extract.formats import supported_suffixes
from qingdan.normalize.knowledge import Knowledge
from qingdan.schema import Document, Record
from qingdan.serve.conversion import header_labels, knowledge_with
from qingdan.serve.edits import EDITABLE, edit_record, reviewed
from qingdan.serve.jobs import Converter
from qingdan.serve.storage import Status, Storage, Upload, header_key

MEGABYTE = 1024 * 1024


@dataclass(frozen=True)
class ServeConfig:
    """How a server runs: where its data lives, who may use it, what it accepts."""

    data_dir: Path
    db_url: str | None = None
    """A SQLAlchemy URL (PostgreSQL works); default: ``data_dir/qingdan.db`` (SQLite)."""
    token: str | None = None
    host: str = "127.0.0.1"
    max_upload_mb: int = 50
    jobs: int = 1


def store_once(path: Path, data: bytes) -> None:
    """Keep an upload's bytes at ``path`` (in a folder named by their hash), unless a file
    is there already: it holds the same bytes, and may be under conversion.

    The bytes go to a temporary name first and are renamed into place, so a conversion
    never reads a half-written file: two uploads of one file at once truncated it under
    the first one's conversion, which failed as an empty file."""
    if path.exists():
        return
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(name, path)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise


class NotFound(QingdanError):
    """No such upload, record or page."""


class NotReady(QingdanError):
    """The upload is not converted (still queued, or failed)."""


@dataclass
class Service:
    """The server's state: storage, the converter, and caches of derived views."""

    config: ServeConfig
    storage: Storage = field(init=False)
    converter: Converter = field(init=False)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.config.data_dir.mkdir(parents=True, exist_ok=True)
        (self.config.data_dir / "files").mkdir(exist_ok=True)
        url = self.config.db_url or f"sqlite:///{self.config.data_dir / 'qingdan.db'}"
        self.storage = Storage(url)
        self.converter = Converter(self.storage, self.config.jobs)

    @property
    def max_upload_bytes(self) -> int:
        """The largest file an upload may carry."""
        return self.config.max_upload_mb * MEGABYTE

    def accepts(self, name: str) -> bool:
        """Whether a file name's suffix is a supported attachment format."""
        return Path(name).suffix.lower() in supported_suffixes()

    def add(self, name: str, data: bytes) -> int:
        """Store an uploaded attachment and queue its conversion; its upload id."""
        sha = hashlib.sha256(data).hexdigest()
        safe = Path(name).name or "attachment"
        folder = self.config.data_dir / "files" / sha[:16]
        folder.mkdir(exist_ok=True)
        stored = folder / safe
        store_once(stored, data)
        upload = self.storage.add_upload(safe, stored, sha)
        self.converter.submit(upload, stored)
        return upload

    def add_path(self, path: Path) -> int:
        """Queue a file already on disk (a folder given to ``qingdan serve``), unless the
        same file was uploaded before (a server restarted on the same folder)."""
        data = path.read_bytes()
        earlier = self.storage.find(path.name, hashlib.sha256(data).hexdigest())
        return earlier if earlier is not None else self.add(path.name, data)

    def resume(self) -> None:
        """Queue again the uploads a stopped server left unconverted."""
        for found in self.storage.uploads():
            if found.status == Status.QUEUED:
                self.converter.submit(found.id, found.stored)

    def upload(self, upload: int) -> Upload:
        """One upload; ``NotFound`` when there is none."""
        found = self.storage.upload(upload)
        if found is None:
            raise NotFound(None, f"没有编号为 {upload} 的文件")
        return found

    def original(self, upload: int) -> tuple[Upload, Document]:
        """An upload and its document as extracted; ``NotReady`` while not converted."""
        found = self.upload(upload)
        if found.document is None:
            state = "转换失败" if found.status == Status.FAILED else "尚未转换完成"
            raise NotReady(None, f"{found.file}：{state}")
        return found, found.document

    def knowledge(self) -> Knowledge:
        """The knowledge with the saved aliases (for canonical names of edits)."""
        return knowledge_with(self.storage.aliases())

    def document(self, upload: int) -> Document:
        """The reviewed document: the original with every edit applied."""
        _, original = self.original(upload)
        return reviewed(original, self.storage.edits(upload), self.knowledge())

    def record(self, upload: int, seq: int) -> Record:
        """One reviewed record; ``NotFound`` when the document has no such seq."""
        for record in self.document(upload).records:
            if record.seq == seq:
                return record
        raise NotFound(None, f"第{seq}条不存在")

    def edit(self, upload: int, seq: int, changes: dict[str, Any]) -> Record:
        """Apply a person's edit, validated, and keep each changed field in the audit."""
        document = self.document(upload)
        before = self.record(upload, seq)
        after = edit_record(before, changes, document.document.year, self.knowledge())
        old, new = before.model_dump(mode="json"), after.model_dump(mode="json")
        for name in EDITABLE:
            if name in changes and old[name] != new[name]:
                self.storage.add_edit(upload, seq, name, old[name], new[name])
        return after

    def accept(self, upload: int, seq: int) -> None:
        """Mark a record accepted."""
        self.record(upload, seq)
        self.storage.accept(upload, seq)

    def override_column(self, upload: int, label: str, role: str) -> str:
        """Save "this column is ROLE" for documents with this upload's header; the key."""
        _, original = self.original(upload)
        labels = header_labels(original)
        if label not in labels:
            raise NotFound(None, f"表头中没有「{label}」列")
        key = header_key(labels)
        self.storage.save_override(key, label, role)
        return key

    def close(self) -> None:
        """Stop the conversions' worker processes."""
        self.converter.close()
