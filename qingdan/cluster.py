"""Converting a batch on a Dask cluster (``qingdan[dask]``; issue 29, docs/cluster.md).

``qingdan convert ARCHIVE/ -o OUT/ --scheduler tcp://HOST:8786`` sends the same per-file
conversion as the process pool (``qingdan.workers.convert_one``) to the cluster's
workers; ``--scheduler local`` starts a ``LocalCluster`` on this machine. Results come
back to this process, which writes the outputs, ``errors.json`` and the database rows
exactly as for ``-j N``. Small files go in chunks (one task per ``CHUNK_FILES`` files
under ``SMALL_BYTES``), since a task costs the scheduler a few milliseconds. A worker
that dies, or that its nanny restarts past its memory limit, fails only its files: a
task that dies has its files tried again one at a time, once the others are done, and a
file that dies alone on the cluster fails as "the cluster worker died" (dask counts a
death against every task on the dead worker, and holds tasks back at the scheduler only
when there are more than twice the cluster's threads: a file sent beside the one that
killed its worker was counted against too). Scans go to workers that declare an ``OCR``
resource when any does. A task converts its files in a child process of the worker
(``qingdan.cluster_task``), where each file's time and memory limits apply as in a
``-j N`` pool worker (a worker runs tasks in threads, which no alarm reaches).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qingdan.extract import READERS
from qingdan.extract.errors import QingdanError
from qingdan.workers import FileResult, Settings, failed

if TYPE_CHECKING:
    from distributed import Client, Future

SCHEDULER_ENV = "QINGDAN_SCHEDULER"
"""The scheduler a batch uses when ``--scheduler`` is not given."""
SECURITY_ENV = "QINGDAN_SCHEDULER_SECURITY"
"""The TLS files (``ca=PATH,cert=PATH,key=PATH``) when ``--scheduler-security`` is not given."""
LOCAL = "local"
SMALL_BYTES = 256 * 1024
CHUNK_FILES = 16
OCR_RESOURCE = "OCR"
CONNECT_SECONDS = 20
LOCAL_CONFIG = {
    "distributed.scheduler.allowed-failures": 1,
    "distributed.scheduler.worker-saturation": 1.0,
}
"""What ``--scheduler local`` sets; docs/cluster.md gives the same for a scheduler of one's own."""
LOCAL_WHILE_RUNNING = {"distributed.deploy.lost-worker-timeout": "1 day"}
"""What a batch on ``--scheduler local`` sets while it runs. The ``LocalCluster`` closes
for good a worker that is not back this long after it died (15 s by default), though its
nanny is restarting it: a worker killed twice in a row (a file that kills it, tried once
more) was closed while it restarted on a loaded machine, and a file sent to it then
failed as if it had killed it; with both closed, the batch waited for ever."""
DIED = "the cluster worker died (killed, or past its memory limit)"
DIED_CHILD = "the conversion process on the cluster worker died"


class ClusterError(QingdanError):
    """The cluster cannot be used: dask is missing, the scheduler is unreachable, or the
    security settings are wrong (exit 2 before any file is converted)."""


@dataclass
class Cluster:
    """A connection to a Dask scheduler (and the ``LocalCluster`` it started, if any)."""

    client: Client
    local: Any = None
    ocr: bool = False
    """Some worker declares the ``OCR`` resource: scans are sent only there."""

    def convert_many(
        self,
        files: Sequence[Path],
        settings: Settings,
        on_result: Callable[[FileResult], None] = lambda _: None,
    ) -> None:
        """Convert ``files`` on the cluster, calling ``on_result`` here as each is done.

        The files of a task whose worker died are tried again one at a time, once the
        others are done: dask counts a death against every task on the dead worker, so
        only a file that dies alone on the cluster surely killed it."""
        import dask

        # Read when a worker dies, in the cluster's event loop: set for the whole batch.
        with dask.config.set(LOCAL_WHILE_RUNNING if self.local is not None else {}):
            suspects = self._convert(list(chunked(files)), settings, on_result)
            for path in suspects:
                self._convert([[path]], settings, on_result, alone=True)

    def _convert(
        self,
        chunks: list[list[Path]],
        settings: Settings,
        on_result: Callable[[FileResult], None],
        alone: bool = False,
    ) -> list[Path]:
        """Convert ``chunks`` at once; the files of those that died (to try alone)."""
        from distributed import as_completed

        pending = {self._submit(chunk, settings): chunk for chunk in chunks}
        # Results are fetched as each task ends: one left on a worker is lost with it.
        done = as_completed(list(pending), with_results=True, raise_errors=False)
        suspects: list[Path] = []
        try:
            for future, outcome in done:
                chunk = pending.pop(future)
                if isinstance(outcome, list):
                    for result in outcome:
                        on_result(result)
                elif len(chunk) > 1 or not (alone or _settled(outcome)):
                    suspects += chunk
                else:
                    on_result(_failure(chunk[0], outcome))
        except BaseException:
            self.client.cancel(list(pending))
            raise
        return suspects

    def _submit(self, chunk: list[Path], settings: Settings) -> Future[list[FileResult]]:
        scan = any(is_scan(path) for path in chunk)
        resources = {OCR_RESOURCE: 1} if scan and self.ocr else None
        return self.client.submit(
            convert_chunk, chunk, settings, pure=False, resources=resources, retries=0
        )

    def close(self) -> None:
        """Disconnect, and stop the ``LocalCluster`` if this connection started one."""
        self.client.close()
        if self.local is not None:
            self.local.close()


def _settled(error: object) -> bool:
    """Whether a one-file task's error is its own: anything but its worker's death, which
    may have been another task's doing."""
    from distributed import KilledWorker

    if isinstance(error, tuple):  # as_completed(raise_errors=False): (type, error, traceback)
        error = error[1]
    return not isinstance(error, KilledWorker)


def _failure(path: Path, error: object) -> FileResult:
    """The result of a one-file task that ended in ``error`` (its worker died, or the
    cluster could not run it)."""
    from distributed import KilledWorker

    if isinstance(error, tuple):  # as_completed(raise_errors=False): (type, error, traceback)
        error = error[1]
    if isinstance(error, KilledWorker):
        return failed(path, DIED, "KilledWorker")
    if type(error).__name__ == "ChildFailed":  # its conversion process died on it
        return failed(path, f"{DIED_CHILD}: {error}", "ChildFailed")
    kind = type(error).__name__
    return failed(path, f"the cluster could not convert it ({kind}: {error})", kind)


def convert_chunk(chunk: list[Path], settings: Settings) -> list[FileResult]:
    """Convert a few files in one task (on a worker), in a child process where each file's
    time limit applies (``qingdan.cluster_task``)."""
    from qingdan.cluster_task import convert_in_child

    return convert_in_child(chunk, settings)


def is_scan(path: Path) -> bool:
    """Whether the file is read by OCR (an image)."""
    return READERS.get(path.suffix.lower(), "").startswith("qingdan.extract.scan.")


def chunked(files: Sequence[Path]) -> Iterator[list[Path]]:
    """Tasks: each big file (or scan) alone, small ones ``CHUNK_FILES`` at a time."""
    small: list[Path] = []
    for path in files:
        if is_scan(path) or _size(path) > SMALL_BYTES:
            yield [path]
            continue
        small.append(path)
        if len(small) == CHUNK_FILES:
            yield small
            small = []
    if small:
        yield small


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def scheduler_from(option: str | None) -> str | None:
    """The scheduler to use: ``--scheduler``, else ``QINGDAN_SCHEDULER``, else none."""
    return option or os.environ.get(SCHEDULER_ENV) or None


def open_cluster(scheduler: str, workers: int, security: str | None = None) -> Cluster:
    """Connect to ``scheduler`` (an address such as ``tcp://host:8786``, or ``local``
    for a ``LocalCluster`` of ``workers`` processes on 127.0.0.1)."""
    try:
        import dask
        from distributed import Client, LocalCluster
    except ImportError:
        raise ClusterError(
            None, "--scheduler needs the dask extra: pip install 'qingdan[dask]'"
        ) from None
    settings = _security(security or os.environ.get(SECURITY_ENV))
    local = None
    try:
        if scheduler == LOCAL:
            # A worker that dies is not given the same task three more times (the
            # default): one more try, then the file fails. Saturation 1.0 keeps one task
            # per worker thread assigned (the rest wait at the scheduler) when a batch has
            # more tasks than twice the threads, so fewer tasks are charged for a death.
            with dask.config.set(LOCAL_CONFIG):
                local = LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",
                    dashboard_address=None,
                )
            client = Client(local, timeout=CONNECT_SECONDS)
        else:
            client = Client(scheduler, timeout=CONNECT_SECONDS, security=settings)
    except (OSError, TimeoutError, ValueError) as error:
        if local is not None:
            local.close()
        raise ClusterError(None, f"--scheduler {scheduler}: cannot connect ({error})") from None
    return Cluster(client, local, _declares(client, OCR_RESOURCE))


def _declares(client: Client, resource: str) -> bool:
    workers = client.scheduler_info().get("workers", {})
    return any(resource in info.get("resources", {}) for info in workers.values())


def _security(spec: str | None) -> Any:
    """``ca=PATH,cert=PATH,key=PATH`` as a ``distributed.Security`` (TLS required), or
    ``None`` to take dask's own configuration."""
    if not spec:
        return None
    from distributed.security import Security

    names = {"ca": "tls_ca_file", "cert": "tls_client_cert", "key": "tls_client_key"}
    values: dict[str, str] = {}
    for part in spec.split(","):
        name, _, value = part.partition("=")
        if name.strip() not in names or not value.strip():
            raise ClusterError(
                None, f"--scheduler-security: {part!r} is not ca=PATH, cert=PATH or key=PATH"
            )
        if not Path(value.strip()).is_file():
            raise ClusterError(None, f"--scheduler-security: no such file {value.strip()}")
        values[names[name.strip()]] = value.strip()
    return Security(require_encryption=True, **values)
