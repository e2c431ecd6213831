"""The SHA-256 of each input file, remembered between commands while the file is unchanged.

Finding the built store means hashing every input file (:func:`dngraph.cache.cache_key`);
at 10^6 triples that is 46 MB read and hashed by every command. A file's digest is
therefore kept in ``digests.json`` in the cache folder beside the file's size, inode,
modification and change times (nanoseconds), and used again only while all four are
the same. The change time cannot be set back by a user, so an edit that restores size
and modification time is still seen. A digest recorded less than two seconds after the
file was last modified is not trusted (an edit within the file system's time
resolution could follow unseen: git's "racy" rule); that file is hashed again. The
folder being unwritable only means nothing is remembered.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

MEMO = "digests.json"
_RACY_NS = 2_000_000_000


def file_digests(paths: list[Path], folder: Path | None, read) -> list[bytes]:
    """The SHA-256 of each of ``paths``, read by ``read(path) -> bytes`` when not remembered
    in ``folder`` (None: always read)."""
    memo = _load(folder) if folder is not None else {}
    fresh, changed = [], False
    now = time.time_ns()
    for path in paths:
        key, stamp = str(Path(path).resolve()), _stamp(path)
        entry = memo.get(key)
        if _trusted(entry, stamp):
            fresh.append(bytes.fromhex(entry[4]))
            continue
        digest = hashlib.sha256(read(path)).digest()
        fresh.append(digest)
        if stamp is not None:
            memo[key], changed = [*stamp, digest.hex(), now], True
    if changed and folder is not None:
        _save(folder, memo)
    return fresh


def _trusted(entry, stamp) -> bool:
    """Whether a remembered ``[size, inode, mtime, ctime, digest, recorded]`` still holds."""
    return (stamp is not None and isinstance(entry, list) and len(entry) == 6
            and entry[:4] == stamp and isinstance(entry[5], int) and entry[5] - stamp[2] >= _RACY_NS)


def _stamp(path: Path) -> list[int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return [info.st_size, info.st_ino, info.st_mtime_ns, info.st_ctime_ns]


def _load(folder: Path) -> dict:
    try:
        memo = json.loads((Path(folder) / MEMO).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return memo if isinstance(memo, dict) else {}


def _save(folder: Path, memo: dict) -> None:
    from .errors import OutputError
    from .output import write_output

    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
        write_output(Path(folder) / MEMO, json.dumps(memo, sort_keys=True).encode("utf-8"))
    except (OSError, OutputError):
        pass
