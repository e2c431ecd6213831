"""The time limit and row cap of a remote graph, held by each call rather than by the object.

A :class:`dngraph.remote.RemoteGraph` has no worker process to stop: the engine does the
work, so ``timeout`` is the limit of each HTTP request (:meth:`dngraph.endpoint.Endpoint.request`)
and ``max_rows`` refuses a longer answer. The limits in force are kept in a context variable
for the length of a call, so threads (and asyncio tasks) sharing one graph, or graphs sharing
one endpoint, each keep their own; nothing is set on the shared objects meanwhile.
"""

from __future__ import annotations

import contextvars

# The graph whose call runs in this thread (or task), and its time limit for each request.
_CALL = contextvars.ContextVar("dngraph_remote_call", default=None)


class CallLimits:
    """``timeout`` and ``max_rows`` as set, enforced per call by :meth:`_bounded`."""

    _timeout: float | None = None
    _max_rows: int | None = None

    @property
    def timeout(self) -> float | None:
        """Seconds each HTTP request of a query may take (None: :data:`dngraph.endpoint.TIMEOUT`).
        It reads None inside this graph's own calls, which hold the limits themselves, so the
        :class:`~dngraph.api.KnowledgeGraph` methods they run use no local worker."""
        return None if self._in_call() else self._timeout

    @timeout.setter
    def timeout(self, value: float | None) -> None:
        self._timeout = value

    @property
    def max_rows(self) -> int | None:
        """The most rows or triples an answer may have; None inside this graph's calls, as ``timeout``."""
        return None if self._in_call() else self._max_rows

    @max_rows.setter
    def max_rows(self, value: int | None) -> None:
        self._max_rows = value

    def _in_call(self) -> bool:
        call = _CALL.get()
        return call is not None and call[0] is self

    def request_timeout(self) -> float | None:
        """The time limit of a request sent now: the running call's (None outside a call)."""
        return _CALL.get()[1] if self._in_call() else None

    def _bounded(self, method, *args, **kwargs):
        """Run ``method`` under ``timeout`` (each request's limit) and refuse an answer of more
        than ``max_rows`` rows or triples."""
        from .sandbox import LimitReached

        if self._in_call():  # a call within a call: the outer one holds the limits
            return method(self, *args, **kwargs)
        cap = self._max_rows
        token = _CALL.set((self, self._timeout))
        try:
            result = method(self, *args, **kwargs)
        finally:
            _CALL.reset(token)
        if cap is not None and result.kind != "ask" and len(result) > cap:
            raise LimitReached(f"answer refused: more than {cap} rows or triples (raise --max-rows or max_rows=)")
        return result
