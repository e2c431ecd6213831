"""Input files checked before they are opened: regular files, inside the project, of bounded size.

Reading a FIFO blocks until something writes to it, and a device may never end; a
symbolic link under ``data/`` or ``queries/`` that leads out of the project would let a
file elsewhere on the machine into the graph. Each is refused with one line naming the
file. A file larger than its limit (:mod:`dngraph.limits`: ``data_bytes`` for data
files, ``query_bytes`` for query files) is refused before it is read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .limits import LIMITS, limit


def input_problem(path: str | Path, limit_name: str, root: str | Path | None = None) -> str | None:
    """Why ``path`` must not be read, or None. A folder or a missing file is left to the
    caller's own message. ``root``, when given, is the project folder a symbolic link
    may not lead out of."""
    path = Path(path)
    try:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            if root is not None and not _inside(path.resolve(), Path(root).resolve()):
                return f"is a symbolic link to {path.resolve()}, outside {Path(root)}; copy the file in instead"
            info = os.stat(path)
    except OSError:
        return None
    if stat.S_ISDIR(info.st_mode):
        return None
    if not stat.S_ISREG(info.st_mode):
        kind = "a FIFO" if stat.S_ISFIFO(info.st_mode) else "a device or socket"
        return f"is {kind}, not a regular file (pipe a query to standard input with -)"
    if info.st_size > limit(limit_name):
        return (f"{info.st_size} bytes, more than the limit of {limit(limit_name)} "
                f"({LIMITS[limit_name][0]})")
    return None


def _inside(target: Path, root: Path) -> bool:
    return target == root or root in target.parents
