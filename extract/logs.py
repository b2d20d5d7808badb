"""Keeping the readers' libraries quiet on the terminal.

pdfminer, pdfplumber, pypdfium2, python-docx and fontTools log warnings about the
damaged files they read ("Cannot set gray non-stroke color ...") and some issue
Python warnings; with no logging configured, Python prints those to stderr beside
qingdan's own one-line error (issue 17). Libraries do not configure logging on
import, so qingdan does not either: the CLI calls ``quiet_third_party_logs`` unless
``--debug`` is given. What the libraries noticed is not lost for the user: a damaged
file still fails, or converts with qingdan's own warnings.
"""

from __future__ import annotations

import logging
import warnings

THIRD_PARTY_LOGGERS = ("pdfminer", "pdfplumber", "pypdfium2", "docx", "fontTools", "PIL")
"""The loggers of the libraries under the readers (children such as
``pdfminer.pdfpage`` follow their parent)."""


def quiet_third_party_logs() -> None:
    """Stop the readers' libraries from printing log records and Python warnings.

    Their loggers get a level above ``CRITICAL`` and stop propagating to the root
    logger (so Python's last-resort stderr handler never sees them); their warnings
    are ignored. Call it once at start-up, before reading files; worker processes
    forked later inherit it.
    """
    for name in THIRD_PARTY_LOGGERS:
        logger = logging.getLogger(name)
        logger.setLevel(logging.CRITICAL + 1)
        logger.propagate = False
    pattern = "|".join(THIRD_PARTY_LOGGERS)
    warnings.filterwarnings("ignore", module=rf"({pattern})(\.|$)")
