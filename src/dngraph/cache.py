"""Keys for the build: a hash of every input, so a changed file means a new build.

The built graph itself lives in :mod:`dngraph.store`; a file that cannot be read
is a :class:`dngraph.errors.LoadError` naming it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from . import __version__
from .load import read_source, source_files
from .resources import Layout

# Bump when the way the graph is built changes, so old builds are not reused.
_FORMAT = "3"


def cache_key(layout: Layout, reasoner: str = "rules", memo: Path | None = None) -> str:
    """A hash of every input file's name and bytes, the package version and the reasoner.
    With ``memo`` (the cache folder), a file's digest is taken from there while the file
    is unchanged (:mod:`dngraph.digests`)."""
    from .digests import file_digests

    digest = hashlib.sha256(f"{_FORMAT}\0{__version__}\0{reasoner}\0".encode())
    sources = source_files(layout)
    for src, file_digest in zip(sources, file_digests([s.path for s in sources], memo, read_source)):
        digest.update(src.graph.encode() + b"\0")
        digest.update(file_digest)
    return digest.hexdigest()[:32]




def write_atomic(path: Path, payload: bytes) -> None:
    """Write ``payload`` to ``path`` (creating its folder) atomically, with the
    permissions a new file gets: see :func:`dngraph.output.write_output`."""
    from .output import write_output

    Path(path).parent.mkdir(parents=True, exist_ok=True)
    write_output(path, payload)
