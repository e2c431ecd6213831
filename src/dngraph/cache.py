"""Keys for the build: a hash of every input, so a changed file means a new build.

The built graph itself lives in :mod:`dngraph.store`. This module also holds the
atomic file write the CLI uses for ``-o``.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from . import __version__
from .load import source_files
from .resources import Layout

# Bump when the way the graph is built changes, so old builds are not reused.
_FORMAT = "3"


def cache_key(layout: Layout, reasoner: str = "rules") -> str:
    """A hash of every input file's name and bytes, the package version and the reasoner."""
    digest = hashlib.sha256(f"{_FORMAT}\0{__version__}\0{reasoner}\0".encode())
    for src in source_files(layout):
        digest.update(src.graph.encode() + b"\0")
        digest.update(hashlib.sha256(src.path.read_bytes()).digest())
    return digest.hexdigest()[:32]


def write_atomic(path: Path, payload: bytes) -> None:
    """Write ``payload`` to ``path`` through a temporary file and a rename, so a
    crash or a full disk never leaves a half-written file behind. The file gets the
    permissions a new file gets (0666 less the umask), not the temporary file's 0600."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
