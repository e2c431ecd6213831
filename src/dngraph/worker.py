"""A worker process that runs queries for its caller and can be killed at any moment.

pyoxigraph cannot cancel a query once it runs, and a Python signal handler waits until
the native code returns, so a query that must stop at a deadline runs in a worker
process, which is killed there. :mod:`dngraph.sandbox` (the CLI and the API under a
limit, waiting in short polls) and :mod:`dngraph.serve.pool` (the server, waiting on its
event loop) both run their queries in a :class:`Worker`.

The worker is a new interpreter running ``ENTRY`` (``module:function``) rather than
multiprocessing's spawn, which would run the caller's ``__main__`` again (a script without
a main guard would start itself). It gets two pipes (:mod:`multiprocessing.connection`
messages, pickled): jobs go one way, replies the other. What it must open comes as the
first message (:func:`worker_side`), never on its command line, which any user of the
machine can read. A worker whose caller is gone reads the end of its pipe and returns.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from multiprocessing.connection import Connection
from pathlib import Path

_POLL_SECONDS = 0.05


class Worker:
    """A worker process running ``entry`` (``"module:function"``), sent ``setup`` first."""

    def __init__(self, entry: str, setup):
        module, function = entry.split(":")
        to_child, from_parent = os.pipe()
        to_parent, from_child = os.pipe()
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [
            str(Path(__file__).resolve().parent.parent), os.environ.get("PYTHONPATH")])))
        self.process = subprocess.Popen(
            [sys.executable, "-c", f"from {module} import {function}; {function}()", str(to_child), str(from_child)],
            pass_fds=(to_child, from_child), env=env, stdin=subprocess.DEVNULL)
        os.close(to_child)
        os.close(from_child)
        self.tx, self.rx = Connection(from_parent, readable=False), Connection(to_parent, writable=False)
        self.tx.send(setup)

    def send(self, message) -> None:
        """Send ``message`` to the worker; ``OSError`` (or ``EOFError``) when it is gone."""
        self.tx.send(message)

    def receive(self, deadline: float | None):
        """The worker's next message, waited for in short polls until ``deadline``
        (``time.monotonic()``; None: no limit); ``TimeoutError`` at the deadline, checked even
        while messages keep coming; ``EOFError`` when the worker stopped without answering."""
        while True:
            if deadline is not None and time.monotonic() >= deadline:
                raise TimeoutError()
            if self.rx.poll(_POLL_SECONDS):
                return self.rx.recv()

    def fileno(self) -> int:
        """The reply pipe, for an event loop to wait on (then :meth:`recv`)."""
        return self.rx.fileno()

    def recv(self):
        """The next message, which has arrived."""
        return self.rx.recv()

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        """Kill the worker at once, whatever it is doing, and close the pipes."""
        self.process.kill()
        self.process.wait(timeout=5)
        self.rx.close()
        self.tx.close()


def worker_side():
    """In the worker: ``(jobs, replies, setup)``, the two pipes and the first message.
    Ctrl-C is left to the caller, which stops its workers itself, and anything a library
    prints goes to standard error, never into a reply."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.dup2(2, 1)
    jobs = Connection(int(sys.argv[1]), writable=False)
    replies = Connection(int(sys.argv[2]), readable=False)
    return jobs, replies, jobs.recv()
