"""Cache results computed from data files, keyed on the files' modification times.

A kernel re-reads the data when a cell runs; validating 65 incidents or 95 exercises each time
was most of a notebook's run time. Keying a cache on (path, mtime) of the files keeps it fast
and still shows an author's edit at once. One helper, used by every loader.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

Stamp = tuple[tuple[str, float], ...]


def mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def stamp(paths: Iterable[Path]) -> Stamp:
    """(path, mtime) of each file: equal stamps mean the files are unchanged."""
    return tuple((str(p), mtime(p)) for p in paths)


def folder_stamp(folder: Path, pattern: str = "*.yaml") -> Stamp:
    return stamp(sorted(folder.glob(pattern)))
