"""Rows streamed from the query worker (:mod:`dngraph.sandbox`) to the caller as they are read.

Under a time limit or a row cap, the query runs in the worker process, which sends the
answer's head (kind, columns, warnings) and then batches of rows (up to
:data:`dngraph.stream.LOOKAHEAD` rows, or what came in :data:`dngraph.stream.BATCH_SECONDS`)
through a pipe; the pipe is bounded, so a worker faster than its reader waits, and neither
side holds the answer whole. The caller reads each batch as it arrives, under the same
deadline: at the time limit the worker is killed and reading raises
:class:`~dngraph.sandbox.LimitReached`. The worker sends at most ``cap`` rows and, if the
answer has more, says so; reading then raises ``LimitReached`` too, never ending quietly.
"""

from __future__ import annotations

from . import errors
from .errors import DngraphError


def stream_limited(kg, method: str, *args, **kwargs):
    """``kg.{method}_stream(*args, **kwargs)`` (``sparql`` or ``query``) in the worker, as
    :class:`dngraph.stream.Rows`, under ``kg.timeout`` seconds and ``kg.max_rows`` rows."""
    from .limits import limit
    from .sandbox import LimitReached, _rebuilt, sandbox_for
    from .stream import Rows

    sandbox, cap, timeout = sandbox_for(kg), kg.max_rows or limit("rows"), kg.timeout
    head = sandbox.call(kg, ("stream", method, args, kwargs, cap), timeout)
    deadline = sandbox.deadline  # the time limit counts from the query's start, as for sparql()
    if head[0] == "error":
        raise _rebuilt(*head[1:])
    done = [False]

    def source():
        while True:
            message = sandbox.receive(deadline, timeout)
            if message[0] == "rows":
                yield from message[1]
                continue
            done[0] = True
            if message[0] == "end":
                return
            if message[0] == "over":
                raise LimitReached(f"answer refused: more than {cap} rows or triples "
                                   "(raise --max-rows, max_rows= or DNGRAPH_MAX_ROWS)")
            raise _rebuilt(*message[1:])

    def close():
        if not done[0]:  # left before the end: the worker may still be sending
            sandbox.stop()

    _, kind, variables, boolean, warnings = head
    return Rows(kind, variables, boolean, source(), warnings, labels=kg.labels_shown, close=close)


def send_rows(kg, conn, method: str, args, kwargs, cap: int) -> None:
    """In the worker: the answer's head, then its rows in batches, then ``end`` (or ``over``
    past ``cap`` rows, or ``error``)."""
    from .stream import LOOKAHEAD, batches

    try:
        rows = getattr(kg, f"{method}_stream")(*args, **kwargs)
        conn.send(("head", rows.kind, rows.variables, rows.boolean, rows.warnings))
        sent = 0
        for batch in batches(rows.terms(), LOOKAHEAD):
            if sent + len(batch) > cap:
                conn.send(("rows", batch[:cap - sent]))
                conn.send(("over",))
                return
            conn.send(("rows", batch))
            sent += len(batch)
        conn.send(("end",))
    except (BrokenPipeError, ConnectionResetError):
        return  # the caller is gone (killed): nobody to answer
    except DngraphError as exc:
        conn.send(("error", type(exc).__name__, str(exc), exc.exit_code))
    except Exception as exc:  # noqa: BLE001 - a bug is reported to the caller, who raises it
        conn.send(("error", "InternalError", f"{type(exc).__name__}: {exc}", errors.EXIT_INTERNAL))
