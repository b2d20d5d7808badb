"""The command line's log output: qingdan's own lines on stderr, other libraries'
only with ``--debug``. The library never configures logging; the command line does,
here (``-q`` warnings only, default progress too, ``-v`` everything)."""

from __future__ import annotations

import logging
import re
import sys

from qingdan.extract.logs import let_third_party_logs_through, quiet_third_party_logs

LOG = logging.getLogger("qingdan")


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def terminal_safe(text: str) -> str:
    """``text`` with every control character written out (``\\n``, ``\\x1b``): a file
    name holding a line break cannot forge a ``qingdan: error:`` line, and an escape
    sequence in a cell cannot clear the screen or retitle the window (issue 33)."""
    return _CONTROL.sub(lambda m: _ESCAPES.get(m[0], f"\\x{ord(m[0]):02x}"), text)


def echo(text: str, err: bool = False) -> None:
    """One line on stdout (or stderr), looked up at call time (a test may swap them).

    A line on stderr is one message: its control characters are written out
    (``terminal_safe``)."""
    stream = sys.stderr if err else sys.stdout
    stream.write(f"{terminal_safe(text) if err else text}\n")
    stream.flush()


class EchoHandler(logging.Handler):
    """Log records as plain lines on stderr (whatever ``sys.stderr`` is at the time)."""

    def emit(self, record: logging.LogRecord) -> None:
        echo(self.format(record), err=True)


def _ours(record: logging.LogRecord) -> bool:
    return record.name == "qingdan" or record.name.startswith("qingdan.")


def configure_logging(verbosity: int, debug: bool) -> None:
    """Send qingdan's log lines to stderr: ``-q`` warnings only, default progress too,
    ``-v`` everything. Other libraries' loggers (pdfminer's) are silent unless
    ``--debug``. Only the command line configures logging; the library never does."""
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, EchoHandler)]:
        root.removeHandler(handler)
    handler = EchoHandler()
    handler.setFormatter(logging.Formatter("%(message)s"))
    if debug:
        let_third_party_logs_through()
    else:
        handler.addFilter(_ours)
        quiet_third_party_logs()
    root.addHandler(handler)
    root.setLevel(logging.WARNING)
    levels = {-1: logging.WARNING, 0: logging.INFO}
    LOG.setLevel(logging.DEBUG if debug else levels.get(verbosity, logging.DEBUG))
