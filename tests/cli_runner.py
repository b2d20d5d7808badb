"""Run the command line in this process, as a shell would, and capture what it prints.

``invoke(["convert", "x.txt"], input=b"...")`` calls ``qingdan.cli.main`` with
standard input, output and error swapped for in-memory streams that take text and
bytes (the CLI writes records to ``sys.stdout.buffer``), and returns the exit code
and the captured streams. Exceptions other than ``SystemExit`` are not caught: a test
sees the bug.
"""

from __future__ import annotations

import io
import signal
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass

from qingdan.cli import main


@dataclass(frozen=True)
class Result:
    """What one run printed, and its exit code."""

    exit_code: int
    stdout_bytes: bytes
    stderr_bytes: bytes
    output_bytes: bytes
    """stdout and stderr interleaved as a terminal would show them."""

    @property
    def stdout(self) -> str:
        """Standard output as text."""
        return self.stdout_bytes.decode("utf-8", "replace")

    @property
    def stderr(self) -> str:
        """Standard error as text."""
        return self.stderr_bytes.decode("utf-8", "replace")

    @property
    def output(self) -> str:
        """Standard output and error, interleaved, as text."""
        return self.output_bytes.decode("utf-8", "replace")


class _Tee(io.BytesIO):
    """A captured stream that also copies what it receives into the shared output."""

    def __init__(self, output: io.BytesIO) -> None:
        super().__init__()
        self._output = output

    def write(self, data: bytes | bytearray | memoryview, /) -> int:  # type: ignore[override]
        self._output.write(data)
        return super().write(data)


def _text(stream: io.BytesIO) -> io.TextIOWrapper:
    return io.TextIOWrapper(stream, encoding="utf-8", newline="", write_through=True)


def _exit_code(stop: SystemExit) -> int:
    if stop.code is None:
        return 0
    if isinstance(stop.code, int):
        return stop.code
    sys.stderr.write(f"{stop.code}\n")
    return 1


def invoke(args: Sequence[str], input: bytes | str | None = None) -> Result:
    """Run ``qingdan ARGS`` with ``input`` on standard input; what it printed and its
    exit code."""
    data = input.encode("utf-8") if isinstance(input, str) else (input or b"")
    output = io.BytesIO()
    out, err = _Tee(output), _Tee(output)
    streams = _text(io.BytesIO(data)), _text(out), _text(err)  # alive until read below
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin, sys.stdout, sys.stderr = streams
    code = 0
    try:
        main(list(args))
    except SystemExit as stop:
        code = _exit_code(stop)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        sys.stdin, sys.stdout, sys.stderr = saved
    return Result(code, out.getvalue(), err.getvalue(), output.getvalue())


def start_interruptible(
    command: list[str], env: dict[str, str] | None = None
) -> subprocess.Popen[str]:
    """Start ``command`` for a test to interrupt, its output captured as text, with
    Ctrl-C as a terminal delivers it: a suite started in the background (``.ci/run &``,
    nohup) hands its children SIGINT ignored, and Python then installs no
    ``KeyboardInterrupt`` handler at all."""
    return subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
