"""Writing an answer as it is read: to standard output, or to a file that is replaced only when whole.

Rows go out as they come (:mod:`dngraph.stream`), flushed at once for the first row and then
every :data:`FLUSH_SECONDS`, so a reader sees the first row before the last one is computed.
``-o FILE`` streams into a temporary beside the file, renamed over it once the answer is
complete (as :mod:`dngraph.output`); an error, a time limit, a row cap or Ctrl-C removes the
temporary and leaves the old file whole. When the answer is read in this process and Ctrl-C
ends it at once (:mod:`dngraph.limitoptions`), the rows are written from a thread so the
interrupt is seen at once: the temporary is removed, then the process ends as Ctrl-C would.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
from pathlib import Path

from .errors import OutputError
from .sandbox import LimitReached

FLUSH_SECONDS = 0.1


def emit_stream(open_rows, fmt: str | None, output: str | None) -> None:
    """Write the answer ``open_rows()`` returns (:class:`dngraph.stream.Rows`) in ``fmt`` to ``output``
    or standard output, warnings first on stderr. A limit reached after part of the answer was
    printed says that it is incomplete; a file is replaced only by a whole answer."""
    if output:
        with atomic_file(output) as (handle, discard):
            # pyoxigraph reads an answer only in the thread that asked for it: both happen in work()
            _interruptibly(lambda: _emit(open_rows(), fmt, handle), discard)
        return
    stdout = _Counted(sys.stdout.buffer)
    try:
        _emit(open_rows(), fmt, stdout)
    except BrokenPipeError:  # the reader stopped reading (| head): so do we
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except LimitReached as exc:
        if stdout.bytes:
            raise LimitReached(f"{exc}; the answer printed above is incomplete") from None
        raise


def emit_saved_query(kg, name: str, pairs, fmt: str | None, output: str | None, no_infer: bool) -> None:
    """``dngraph query NAME`` (without ``--with-sources``): ``pairs`` are its ``--param``
    values; the answer is written as it is read."""
    from .params import parse_params

    params = parse_params(pairs)
    emit_stream(lambda: kg.query_stream(name, infer=not no_infer, **params), fmt, output)


def _emit(rows, fmt, handle) -> None:
    with rows:
        for warning in rows.warnings:
            sys.stderr.write(f"warning: {warning}\n")
            sys.stderr.flush()
        write_rows(rows, fmt, handle)


def write_rows(rows, fmt: str | None, handle) -> None:
    """The answer in ``fmt`` to the binary ``handle``, flushed as it goes."""
    from .stream import pieces, write_graph

    if rows.kind == "graph":
        write_graph(rows, fmt, handle)
        handle.flush()
        return
    flushed = 0.0
    for piece in pieces(rows, fmt):
        handle.write(piece.encode("utf-8"))
        now = time.monotonic()
        if now - flushed >= FLUSH_SECONDS:
            handle.flush()
            flushed = now
    handle.flush()


@contextlib.contextmanager
def atomic_file(path):
    """``(handle, discard)``: a binary file whose content replaces ``path`` when the block ends
    without an error; ``discard()`` removes it at once. Only a regular file is replaced."""
    import tempfile  # only for -o FILE, not for every streamed answer

    from .leftovers import sweep, temp_prefix
    from .output import _mode_for

    path = Path(path)
    mode = _mode_for(path)
    try:
        sweep(path)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=temp_prefix(path), suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None
    discard = lambda: Path(tmp).unlink(missing_ok=True)  # noqa: E731
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle, discard
            _finish(handle, tmp, mode, path)
    except BaseException:
        discard()
        raise


def _finish(handle, tmp: str, mode: int, path: Path) -> None:
    try:
        handle.flush()
        os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None


def _interruptibly(work, discard) -> None:
    """``work()``; when SIGINT's default action is on (the process ends at once on Ctrl-C), in a
    thread, so that Ctrl-C first runs ``discard()`` and then ends the process as it would have."""
    if threading.current_thread() is not threading.main_thread() or \
            signal.getsignal(signal.SIGINT) is not signal.SIG_DFL:
        return work()  # Ctrl-C raises KeyboardInterrupt here, and atomic_file discards
    outcome = {}

    def run():
        try:
            work()
        except BaseException as exc:  # noqa: BLE001 - handed to the main thread
            # without its frames, so that pyoxigraph's answer is dropped in the thread that read it
            outcome["error"] = exc.with_traceback(None)
            exc.__context__ = exc.__cause__ = None

    thread = threading.Thread(target=run, name="dngraph-stream", daemon=True)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        thread.start()
        while thread.is_alive():
            thread.join(0.05)
    except KeyboardInterrupt:
        discard()
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGINT)  # ends the process, as before
        raise
    finally:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
    if "error" in outcome:
        raise outcome["error"]


class _Counted:
    """A binary handle that counts the bytes written through it."""

    def __init__(self, raw):
        self.raw, self.bytes = raw, 0

    def write(self, data) -> int:
        self.bytes += len(data)
        return self.raw.write(data)

    def flush(self) -> None:
        self.raw.flush()
