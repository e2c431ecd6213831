"""Queries run in worker processes that the server can stop.

pyoxigraph cannot cancel a query once it runs, so each query goes to one of a few
worker processes, each with the built store opened read-only (any number of processes
may read it at once; see :mod:`dngraph.store`). A query still running at its time limit
has its worker killed and replaced, and the client gets 503; the server's own process
never runs a query, so it answers other clients all the while. At most
``max_concurrent`` queries are admitted at once (running or waiting for a worker);
the next gets :class:`Busy`.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import signal


class Busy(Exception):
    """Every query slot is taken; retry after a moment."""


class TimedOut(Exception):
    """The query ran past its time limit and was stopped."""


class WorkerDied(Exception):
    """The worker stopped without answering (out of memory, killed from outside)."""


def _worker_main(conn, root, cache_dir, endpoint=None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server stops its workers itself
    from ..api import open as open_graph
    from .jobs import run_job

    if endpoint is None:
        kg = open_graph(root, cache_dir)
        kg.store
    else:  # a remote engine answers (dngraph.remote); the worker only sends the queries
        from ..remote import RemoteGraph

        kg = RemoteGraph(endpoint, root, cache_dir)
    conn.send({"ready": True})
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(run_job(kg, job))


class _Worker:
    def __init__(self, context, root, cache_dir, endpoint=None):
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker_main, args=(child, root, cache_dir, endpoint), daemon=True)
        self.process.start()
        child.close()

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


class QueryPool:
    """``size`` worker processes answering jobs of :mod:`dngraph.serve.jobs`."""

    def __init__(self, root, cache_dir, size: int = 2, max_concurrent: int = 4, timeout: float = 10.0,
                 endpoint=None):
        self.args = (str(root) if root else None, str(cache_dir) if cache_dir else None, endpoint)
        self.size, self.max_concurrent, self.timeout = size, max_concurrent, timeout
        self.context = multiprocessing.get_context("spawn")
        self.idle: asyncio.Queue | None = None
        self.workers: set[_Worker] = set()
        self.admitted = 0

    async def start(self) -> None:
        self.idle = asyncio.Queue()
        await asyncio.gather(*(self._spawn() for _ in range(self.size)))

    async def _spawn(self) -> None:
        worker = _Worker(self.context, *self.args)
        self.workers.add(worker)
        reply = await _receive(worker.conn, None)
        if not reply.get("ready"):
            raise RuntimeError("a query worker failed to start")
        self.idle.put_nowait(worker)

    async def run(self, job: dict) -> dict:
        """The worker's reply to ``job``; :class:`Busy`, :class:`TimedOut` or :class:`WorkerDied`."""
        if self.admitted >= self.max_concurrent:
            raise Busy()
        self.admitted += 1
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.timeout
        try:
            try:
                worker = await asyncio.wait_for(self.idle.get(), self.timeout)
            except asyncio.TimeoutError:
                raise TimedOut() from None
            try:
                worker.conn.send(job)
                reply = await _receive(worker.conn, max(deadline - loop.time(), 0.001))
            except asyncio.TimeoutError:
                self._replace(worker)
                raise TimedOut() from None
            except (EOFError, OSError):
                self._replace(worker)
                raise WorkerDied() from None
            self.idle.put_nowait(worker)
            return reply
        finally:
            self.admitted -= 1

    def _replace(self, worker: _Worker) -> None:
        self.workers.discard(worker)
        worker.stop()
        asyncio.get_running_loop().create_task(self._spawn())

    async def close(self) -> None:
        for worker in list(self.workers):
            worker.stop()
        self.workers.clear()


async def _receive(conn, timeout: float | None):
    """The next message on ``conn``, waiting without blocking the event loop."""
    loop = asyncio.get_running_loop()
    ready = loop.create_future()
    fd = conn.fileno()
    loop.add_reader(fd, lambda: ready.done() or ready.set_result(None))
    try:
        await asyncio.wait_for(ready, timeout)
    finally:
        loop.remove_reader(fd)
    return conn.recv()
