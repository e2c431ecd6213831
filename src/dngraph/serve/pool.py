"""Queries run in worker processes that the server can stop.

pyoxigraph cannot cancel a query once it runs, so each query goes to one of a few
worker processes (:mod:`dngraph.worker`, as under the CLI's limits), each with the built
store opened read-only (any number of processes may read it at once; see
:mod:`dngraph.store`). A query still running at its time limit
has its worker killed and replaced, and the client gets 503; the server's own process
never runs a query, so it answers other clients all the while. At most
``max_concurrent`` queries are admitted at once (running or waiting for a worker);
the next gets :class:`Busy`.
"""

from __future__ import annotations

import asyncio

from ..worker import Worker, worker_side


class Busy(Exception):
    """Every query slot is taken; retry after a moment."""


class TimedOut(Exception):
    """The query ran past its time limit and was stopped."""


class WorkerDied(Exception):
    """The worker stopped without answering (out of memory, killed from outside)."""


def worker_main() -> None:
    """A worker (:mod:`dngraph.worker`), set up with ``(ROOT, CACHE_DIR, ENDPOINT)``."""
    from ..api import open as open_graph
    from .jobs import run_job

    jobs, replies, (root, cache_dir, endpoint) = worker_side()
    if endpoint is None:
        kg = open_graph(root, cache_dir)
        kg.store
    else:  # a remote engine answers (dngraph.remote); the worker only sends the queries
        from ..remote import RemoteGraph

        kg = RemoteGraph(endpoint, root, cache_dir)
    replies.send({"ready": True})
    while True:
        try:
            job = jobs.recv()
        except (EOFError, OSError):
            return
        replies.send(run_job(kg, job))


class QueryPool:
    """``size`` worker processes answering jobs of :mod:`dngraph.serve.jobs`."""

    def __init__(self, root, cache_dir, size: int = 2, max_concurrent: int = 4, timeout: float = 10.0,
                 endpoint=None):
        self.args = (str(root) if root else None, str(cache_dir) if cache_dir else None, endpoint)
        self.size, self.max_concurrent, self.timeout = size, max_concurrent, timeout
        self.idle: asyncio.Queue | None = None
        self.workers: set[Worker] = set()
        self.admitted = 0

    async def start(self) -> None:
        self.idle = asyncio.Queue()
        await asyncio.gather(*(self._spawn() for _ in range(self.size)))

    async def _spawn(self) -> None:
        worker = Worker("dngraph.serve.pool:worker_main", self.args)
        self.workers.add(worker)
        reply = await _receive(worker, None)
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
                worker.send(job)
                reply = await _receive(worker, max(deadline - loop.time(), 0.001))
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

    def _replace(self, worker: Worker) -> None:
        self.workers.discard(worker)
        worker.stop()
        asyncio.get_running_loop().create_task(self._spawn())

    async def close(self) -> None:
        for worker in list(self.workers):
            worker.stop()
        self.workers.clear()


async def _receive(worker: Worker, timeout: float | None):
    """The worker's next message, waiting without blocking the event loop."""
    loop = asyncio.get_running_loop()
    ready = loop.create_future()
    fd = worker.fileno()
    loop.add_reader(fd, lambda: ready.done() or ready.set_result(None))
    try:
        await asyncio.wait_for(ready, timeout)
    finally:
        loop.remove_reader(fd)
    return worker.recv()
