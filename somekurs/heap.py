"""Give the memory Python has freed back to the operating system (glibc's ``malloc_trim``).

Why: on a hub, memory per participant decides how many fit on a server. Loading the exercise data
parses every YAML file at once; the parse trees are freed right after, but glibc keeps the freed
heap for the process, so each kernel held about 12 MB it no longer used (measured by the load
test, benchmarks/loadtest). The same goes for the participant's server after Voilà has rendered
a workbook. ``release()`` hands that memory back; it takes a few milliseconds.

Only where the C library is glibc (Linux on a hub or in Docker images); elsewhere (macOS,
Windows, musl) it does nothing and says so by returning False. ``SOMEKURS_KEEP_HEAP=1`` turns it
off, so that the load test can measure what it saves.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import os
import sys
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _trim() -> Any:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return getattr(libc, "malloc_trim", None)
    except OSError:
        return None


def release() -> bool:
    """Collect garbage, then return freed heap to the OS; False where the C library cannot."""
    trim = _trim()
    if trim is None or os.environ.get("SOMEKURS_KEEP_HEAP") == "1":
        return False
    gc.collect()
    trim(0)
    return True
