"""The readers' libraries' log output: kept off the terminal, kept in the warnings.

pdfminer, pdfplumber, pypdfium2, python-docx and fontTools log warnings about the
damaged files they read ("Data-loss while decompressing corrupted data"); with no
logging configured, Python prints those to stderr beside qingdan's own one-line error
(issue 17). Two functions deal with that:

* ``quiet_third_party_logs`` keeps those loggers off the terminal, for a program that
  uses qingdan as a library. Libraries do not configure logging on import, so
  qingdan does not either; the command line configures its own root handler
  (``qingdan.cli.configure_logging``), which lets only qingdan's records through
  unless ``--debug``.
* ``library_warnings`` collects what the libraries warned about while one file was
  read, so that ``read_document`` can report it as the document's ``damaged-file``
  warning: a damaged file that still converts says so (doubt is loud), with or
  without the terminal output.
"""

from __future__ import annotations

import logging
import warnings
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

from qingdan.extract.errors import one_line
from qingdan.extract.grid import Notice
from qingdan.extract.notice_codes import NoticeCode

THIRD_PARTY_LOGGERS = ("pdfminer", "pdfplumber", "pypdfium2", "docx", "fontTools", "PIL")
"""The loggers of the libraries under the readers (children such as
``pdfminer.pdfpage`` follow their parent)."""
MESSAGES_KEPT = 3
"""The most distinct library messages one notice quotes."""


def quiet_third_party_logs() -> None:
    """Keep the readers' libraries' log records and Python warnings off the terminal.

    Their loggers stop propagating to the root logger and get a handler that drops
    everything (so Python's last-resort stderr handler never sees their records,
    while ``library_warnings`` still does); their Python warnings are ignored. Call
    it once at start-up; worker processes forked later inherit it.
    """
    for name in THIRD_PARTY_LOGGERS:
        logger = logging.getLogger(name)
        logger.propagate = False
        if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
            logger.addHandler(logging.NullHandler())
    pattern = "|".join(THIRD_PARTY_LOGGERS)
    warnings.filterwarnings("ignore", module=rf"({pattern})(\.|$)")


def let_third_party_logs_through() -> None:
    """Undo ``quiet_third_party_logs`` (``--debug``: the libraries' records are shown)."""
    for name in THIRD_PARTY_LOGGERS:
        logger = logging.getLogger(name)
        logger.propagate = True
        logger.handlers[:] = [h for h in logger.handlers if not isinstance(h, logging.NullHandler)]


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: Counter[str] = Counter()

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
        except Exception:  # a library's malformed log call must not fail the reading
            message = str(record.msg)
        self.messages[f"{record.name.split('.')[0]}: {one_line(message, 120)}"] += 1
        # Being a handler, the collector keeps Python from falling back to its
        # last-resort stderr handler; do what Python would have done (unless quieted).
        last_resort = logging.lastResort
        if (
            last_resort is not None
            and record.levelno >= last_resort.level
            and not _handled_elsewhere(logging.getLogger(record.name), self)
        ):
            last_resort.handle(record)


def _handled_elsewhere(logger: logging.Logger, collector: logging.Handler) -> bool:
    """Whether a record of ``logger`` reaches a handler other than ``collector`` (or is
    kept from the terminal on purpose: a logger that does not propagate)."""
    current: logging.Logger | None = logger
    while current is not None:
        if any(handler is not collector for handler in current.handlers):
            return True
        if not current.propagate:
            return True
        current = current.parent
    return False


@contextmanager
def library_warnings(kind: str) -> Iterator[list[Notice]]:
    """Collect the libraries' warnings while the block reads one ``kind`` file; on exit
    the yielded list holds one ``damaged-file`` notice if they warned at all."""
    collector = _Collector()
    loggers = [logging.getLogger(name) for name in THIRD_PARTY_LOGGERS]
    for logger in loggers:
        logger.addHandler(collector)
    notices: list[Notice] = []
    try:
        yield notices
    finally:
        for logger in loggers:
            logger.removeHandler(collector)
    if collector.messages:
        quoted = "; ".join(
            f"{message} (x{count})" if count > 1 else message
            for message, count in collector.messages.most_common(MESSAGES_KEPT)
        )
        more = len(collector.messages) - MESSAGES_KEPT
        tail = f"; and {more} other messages" if more > 0 else ""
        notices.append(
            Notice(
                NoticeCode.DAMAGED_FILE,
                f"the {kind} file looks damaged; its reader reported: {quoted}{tail}. "
                "Check the records against the document",
            )
        )
