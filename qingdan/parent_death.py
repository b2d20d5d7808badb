"""A worker process that ends with the process that started it.

A batch killed with SIGKILL has no chance to stop its workers: a ``-j N`` pool's
workers then sat blocked on the pool's queue for ever, and a cluster task's child
converted its whole chunk for nobody. On Linux the kernel can send a child a signal
when its parent ends (``prctl(PR_SET_PDEATHSIG)``); elsewhere this is a no-op.
"""

from __future__ import annotations

import os
import signal
import sys

PR_SET_PDEATHSIG = 1
"""The ``prctl`` option (``<linux/prctl.h>``)."""


def die_with_parent(parent: int) -> None:
    """Have the kernel kill this process (SIGKILL) when its parent, the process
    ``parent``, ends; end at once if it already has.

    The kernel sends the signal when the *thread* that started this process ends, so
    ``parent`` must start it from a thread that outlives it: the batch's main thread, or
    the cluster task's thread, which waits for its child."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):  # no C library with prctl: run unguarded
        return
    if prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        return
    # The parent may have ended before the call: this process then already belongs to
    # another (init, a subreaper) and no signal will come (prctl(2)).
    if os.getppid() != parent:
        os._exit(1)
