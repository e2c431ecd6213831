"""Queries under a wall-clock limit and a row cap, in a worker process that can be killed.

pyoxigraph cannot cancel a query once it runs, and a Python signal handler waits
until the native code returns, so neither a time limit nor Ctrl-C can stop a query
run in the caller's own process. As ``dngraph serve`` does (:mod:`dngraph.serve.pool`),
a query with a limit runs in a worker process (:mod:`dngraph.worker`; started once per
:class:`~dngraph.api.KnowledgeGraph`, with the built store opened by its path), and
the caller waits for the answer in short polls: at the time limit, or on Ctrl-C,
the worker is killed at once and the caller gets :class:`LimitReached` (or the
``KeyboardInterrupt``); the next query starts a new worker. The worker reads at most
``max_rows + 1`` rows of a SPARQL answer, so a huge answer is refused, never held whole
and never cut silently. A streamed answer (:mod:`dngraph.streamlimit`) comes through the
same pipe in batches of rows, under the same deadline.
"""

from __future__ import annotations

import itertools
import time
import weakref

from . import errors
from .errors import DngraphError, QueryError

_STARTUP_SECONDS = 300  # opening (or building) the graph in the worker


class LimitReached(QueryError):
    """A query ran past its time limit or answered more rows than its cap."""


def run_limited(kg, method: str, *args, **kwargs):
    """``kg.method(*args, **kwargs)`` (``sparql`` or ``query``) in the worker, under
    ``kg.timeout`` seconds (None: no limit) and ``kg.max_rows`` rows."""
    from .limits import limit

    cap = kg.max_rows or limit("rows")
    reply = sandbox_for(kg).call(kg, (method, args, kwargs, cap), kg.timeout)
    if reply[0] == "error":
        raise _rebuilt(*reply[1:])
    if reply[0] == "rows":
        raise LimitReached(f"answer refused: more than {cap} rows or triples "
                           "(raise --max-rows, max_rows= or DNGRAPH_MAX_ROWS)")
    result = reply[1]
    result.labels = kg.labels
    if reply[2] is not None:  # the sources of each row (--with-sources), cited again here
        from .citations import with_sources

        result = with_sources(result, reply[2])
    return result


def sandbox_for(kg) -> "_Sandbox":
    """The worker of ``kg``, started once and kept for its next queries."""
    sandbox = kg.__dict__.get("_sandbox")
    if sandbox is None:
        sandbox = kg.__dict__["_sandbox"] = _Sandbox()
        weakref.finalize(kg, sandbox.stop)  # the worker goes with its graph object
    return sandbox


class _Sandbox:
    def __init__(self):
        self.worker = self.started_for = self.deadline = None

    def call(self, kg, job, timeout: float | None):
        self._start(kg)
        self.deadline = deadline = None if timeout is None else time.monotonic() + timeout
        try:
            self.worker.send(job)
        except (EOFError, OSError):
            self.stop()
            raise errors.InternalError("the query's worker process stopped without answering") from None
        return self.receive(deadline, timeout)

    def receive(self, deadline: float | None, timeout: float | None):
        """The worker's next message, waited for until ``deadline`` (``time.monotonic()``)."""
        try:
            return self.worker.receive(deadline)
        except TimeoutError:
            self.stop()
            raise LimitReached(f"query stopped after {timeout:g} s, its time limit "
                               "(raise --timeout or timeout=)") from None
        except (EOFError, OSError):
            self.stop()
            raise errors.InternalError("the query's worker process stopped without answering "
                                       "(out of memory, or killed)") from None
        except BaseException:
            self.stop()  # Ctrl-C: the worker goes at once, the interrupt goes on
            raise

    def _start(self, kg) -> None:
        key = (str(kg.layout.root), str(kg.cache_dir or ""), kg.reasoner, kg.allow_network)
        if self.worker is not None and self.worker.alive() and self.started_for == key:
            return
        self.stop()
        from .worker import Worker  # only a query under a limit starts one

        self.worker, self.started_for = Worker("dngraph.sandbox:worker_main", key), key
        try:
            reply = self.worker.receive(time.monotonic() + _STARTUP_SECONDS)
        except (TimeoutError, EOFError, OSError):
            reply = ("error", "InternalError", "the query worker did not start", errors.EXIT_INTERNAL)
        except BaseException:
            self.stop()
            raise
        if reply[0] == "error":
            self.stop()
            raise _rebuilt(*reply[1:])

    def stop(self) -> None:
        if self.worker is not None:
            self.worker.stop()
        self.worker = None


def worker_main() -> None:
    """The worker (:mod:`dngraph.worker`), set up with ``(ROOT, CACHE_DIR, REASONER, ALLOW_NETWORK)``."""
    from .worker import worker_side

    rx, conn, (root, cache_dir, reasoner, allow_network) = worker_side()
    _serve(rx, conn, root, cache_dir, reasoner, allow_network)


def _serve(rx, conn, root, cache_dir, reasoner, allow_network) -> None:
    from .api import open as open_graph

    kg = open_graph(root, cache_dir or None, reasoner, allow_network=allow_network)
    try:
        kg.store
        conn.send(("ready",))
    except DngraphError as exc:
        conn.send(("error", type(exc).__name__, str(exc), exc.exit_code))
        return
    while True:
        try:
            job = rx.recv()
        except (EOFError, OSError):
            return
        if job[0] == "stream":  # rows sent as they are read (dngraph.streamlimit)
            from .streamlimit import send_rows

            send_rows(kg, conn, *job[1:])
        else:
            conn.send(_answer(kg, *job))


def _answer(kg, method: str, args, kwargs, cap: int) -> tuple:
    from .result import Result

    try:
        if method == "sparql":
            result = _capped_sparql(kg, cap, *args, **kwargs)
        else:
            result = getattr(kg, method)(*args, **kwargs)
    except DngraphError as exc:
        return ("error", type(exc).__name__, str(exc), exc.exit_code)
    except Exception as exc:  # noqa: BLE001 - a bug is reported to the caller, who raises it
        return ("error", "InternalError", f"{type(exc).__name__}: {exc}", errors.EXIT_INTERNAL)
    if result is None or len(result) > cap:
        return ("rows",)
    result.labels = None
    sources = getattr(result, "sources", None)
    if sources is not None:  # a cited answer's class cannot be pickled: send its parts
        result = Result(result.variables[:-1], [{k: v for k, v in row.items() if k != result.column}
                                                for row in result.terms], result.kind, warnings=result.warnings)
    return ("ok", result, sources)


def _capped_sparql(kg, cap: int, text: str, infer: bool = True, linked: bool = False, **bindings):
    """:meth:`KnowledgeGraph.sparql` reading at most ``cap + 1`` rows or triples; None past the cap."""
    import pyoxigraph

    from .result import Result, collect
    from .userquery import unknown_terms

    answer = kg.raw_query(text, bindings, infer, predeclare=True, linked=linked)
    warnings = unknown_terms(text, kg.ontology_terms())
    if isinstance(answer, pyoxigraph.QueryBoolean):
        return collect(answer, warnings=warnings)
    head = list(itertools.islice(answer, cap + 1))
    if len(head) > cap:
        return None
    if isinstance(answer, pyoxigraph.QueryTriples):
        return Result(kind="graph", triples=head, warnings=warnings)
    variables = [v.value for v in answer.variables]
    terms = [{name: s[name] for name in variables if s[name] is not None} for s in head]
    return Result(variables, terms, warnings=warnings)


def _rebuilt(name: str, message: str, exit_code: int) -> DngraphError:
    """The worker's error, as the same class when it takes a message alone."""
    cls = getattr(errors, name, None) or globals().get(name)
    try:
        exc = cls(message) if isinstance(cls, type) and issubclass(cls, DngraphError) else DngraphError(message)
    except TypeError:
        exc = DngraphError(message)
    exc.exit_code = exit_code
    return exc
