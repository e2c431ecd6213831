"""The built graph written to its on-disk store by forked processes, beside the reasoning.

oxigraph files a quad of a named graph under six indexes and a quad of the default
graph under three, so the asserted graphs, whole as soon as the files are parsed,
are most of the write. :meth:`StoreWriter.write` forks a process that writes them,
and their merge as the default graph, while this one reasons (two processes, so
neither waits for Python's lock); once the build is laid out, a second forked
process adds what it made since, the entailments and the provenance, while this
one looks for inconsistencies and counts. A forked process holds a copy of the
same in-memory store, so a blank node has one label in every part and is one node
on disk.

A process is forked only while it runs one thread. A thread that Python did not
start counts too: a store opened earlier in the same process leaves RocksDB's
background threads running, and a forked copy would wait forever on the locks
they held. A command's first build runs one thread; a server's does not. Where a
part cannot be forked, :meth:`StoreWriter.finish` writes the whole store at the end.
"""

from __future__ import annotations

import os
import sys

# oxigraph's bulk loader keeps what one call gives it in memory (it aims at about 2 GB a
# thread), so the built quads are written in slices of this many: at 10^6 triples the
# build's peak memory stays near the size of the graph in memory, not twice it.
WRITE_SLICE = 250_000


def bulk_write(store, quads) -> None:
    """Add the quads an iterator gives to an on-disk ``store``, :data:`WRITE_SLICE` at a time."""
    import itertools

    quads = iter(quads)
    for first in quads:
        store.bulk_extend(itertools.chain((first,), itertools.islice(quads, WRITE_SLICE - 1)))


def write_store(folder, quads) -> None:
    """Add ``quads`` to the on-disk store in ``folder`` (created if new) and close it."""
    import pyoxigraph

    disk = pyoxigraph.Store(str(folder))
    bulk_write(disk, quads)
    disk.flush()
    del disk  # closes the database: the next writer, or the seal, finds it whole


def single_threaded() -> bool:
    """Whether this process runs one thread, counting those Python did not start (Linux
    lists them all in /proc/self/task); False where that cannot be known."""
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


class StoreWriter:
    """Writes one build's store in ``folder`` (None: a build in memory, nothing written),
    part by part. Use as a context manager, so a build that fails half-way stops the
    forked writer before its folder is removed."""

    def __init__(self, folder):
        self.folder, self.pid = folder, None
        self.forked = self.missed = False  # whether a part was written by a fork; whether one was not

    def write(self, quads) -> bool:
        """Write the quads ``quads()`` gives in a forked process, once the previous one is
        done (the forked process sees the build as it is now). Where forking is not safe,
        nothing is written now, and :meth:`finish` writes the whole store; returns whether
        a process was forked."""
        if self.folder is None:
            return False
        self._wait()
        if self.missed or not hasattr(os, "fork") or not single_threaded():
            self.missed = True
            return False
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the child: write, then leave without running any exit handler
            code = 0
            try:
                write_store(self.folder, quads())
            except BaseException as exc:  # noqa: BLE001 - reported to the parent by the exit code
                print(f"dngraph: writing the store: {exc}", file=sys.stderr, flush=True)
                code = 1
            os._exit(code)
        self.pid, self.forked = pid, True
        return True

    def finish(self, everything) -> None:
        """Wait for the forked writer; unless every part was written by one, write
        ``everything()`` (every quad of the build: a quad already written is stored once)."""
        self._wait()
        if self.missed or not self.forked:
            write_store(self.folder, everything())

    def _wait(self) -> None:
        if self.pid is None:
            return
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            raise RuntimeError(f"writing the store in {self.folder}: the writing process ended with {code}")

    def __enter__(self):
        return self

    def __exit__(self, kind, value, trace):
        if self.pid is not None:  # the build failed: stop the writer, its folder is going
            import signal

            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.waitpid(self.pid, 0)
            self.pid = None
