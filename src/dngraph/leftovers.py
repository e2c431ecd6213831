"""Temporary files and folders that a killed writer left behind, swept on the next run.

Every file dngraph writes goes first to ``.{name}.{pid}.{random}.tmp`` beside its
target and is renamed over it when complete (:mod:`dngraph.output`; the built store's
folder likewise, :mod:`dngraph.store`), so the target is either the old file or the new
one. A writer killed before the rename (power cut, ``kill -9``) leaves its temporary
behind; the next writer of the same target removes every such temporary whose process
no longer runs, and never one of a writer still at work.
"""

from __future__ import annotations

import glob
import os
import shutil
from pathlib import Path


def temp_prefix(path: Path) -> str:
    """The name start of this process's temporaries for ``path``."""
    return f".{Path(path).name}.{os.getpid()}."


def sweep(path: Path) -> list[Path]:
    """Remove the temporaries of ``path`` left by processes that have ended; the ones removed."""
    path = Path(path)
    removed = []
    for found in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        pid = found.name[len(path.name) + 2:].split(".", 1)[0]
        if not pid.isdigit() or _running(int(pid)):
            continue
        if found.is_dir() and not found.is_symlink():
            shutil.rmtree(found, ignore_errors=True)
        else:
            found.unlink(missing_ok=True)
        removed.append(found)
    return removed


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
