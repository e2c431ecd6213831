"""Writing an answer to a file named by the user (``--output``).

The text goes to a temporary file in the same folder, which is then renamed
over the target, so a failed write never leaves a half-written file. The file
gets the permissions a new file gets from ``open()`` (0666 less the umask,
usually 0644), or keeps those of the file it replaces. Only a regular file is
ever replaced: a symbolic link, a device, a FIFO or a folder at that path is
refused, since a rename would put a plain file where it was.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from .errors import OutputError


def write_output(path: str | Path, text: str | bytes) -> None:
    """Write ``text`` (UTF-8, or bytes as they are) to ``path``; an :class:`OutputError`
    naming it if that cannot be done."""
    from .leftovers import sweep, temp_prefix

    path = Path(path)
    mode = _mode_for(path)
    try:
        sweep(path)  # what a killed writer left (see dngraph.leftovers)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=temp_prefix(path), suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text if isinstance(text, bytes) else text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _mode_for(path: Path) -> int:
    """The permission bits for ``path``; refuses anything but a regular file or nothing."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return 0o666 & ~_umask()
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None
    if stat.S_ISREG(info.st_mode):
        return stat.S_IMODE(info.st_mode)
    kind = ("a symbolic link" if stat.S_ISLNK(info.st_mode) else "a folder" if stat.S_ISDIR(info.st_mode)
            else "a FIFO" if stat.S_ISFIFO(info.st_mode) else "a device or socket")
    raise OutputError(f"{path}: is {kind}, not a regular file; dngraph replaces only regular files "
                      "(write to standard output and redirect instead)")


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current
