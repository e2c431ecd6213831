"""The options of the commands that run queries people write: network, time and rows.

``--allow-network`` lets a query use ``SERVICE`` (:mod:`dngraph.guard`); ``--timeout``
runs the query in a worker process that is killed at the limit, with ``--max-rows``
capping the answer (:mod:`dngraph.sandbox`). Apply below ``graph_options``, so the
command's ``kg`` arrives here first.

Without a limit the query runs in this process, where a Python handler for Ctrl-C would
wait until pyoxigraph returns; so while the command runs, Ctrl-C ends the process at once
(the default action of SIGINT, exit status 130 in the shell). A file being written then is
left whole: :func:`dngraph.streamout.emit_stream` renames only a complete temporary, and removes
it before the process ends.
"""

from __future__ import annotations

import contextlib
import functools
import signal
import threading


def _options(click) -> list:
    return [
        click.option("--allow-network", is_flag=True,
                     help="Let the query reach other endpoints with SERVICE (refused otherwise)."),
        click.option("--timeout", type=click.FloatRange(0.01, 86400), metavar="SECONDS", envvar="DNGRAPH_TIMEOUT",
                     help="Stop the query after this many seconds (exit 2; default $DNGRAPH_TIMEOUT, none); "
                          "the query then runs in a worker process, which Ctrl-C also stops at once."),
        click.option("--max-rows", type=click.IntRange(1), metavar="N",
                     help="Refuse an answer of more than N rows or triples (exit 2; default with --timeout: "
                          "$DNGRAPH_MAX_ROWS or 1000000)."),
    ]


def limit_options(func):
    """Add --allow-network, --timeout and --max-rows; they are set on the command's ``kg``."""
    import click

    @functools.wraps(func)
    def wrapper(*args, kg, allow_network=False, timeout=None, max_rows=None, **kwargs):
        return limited(lambda: func(*args, kg=kg, **kwargs), kg, allow_network, timeout, max_rows)

    for option in reversed(_options(click)):
        wrapper = option(wrapper)
    return wrapper


def limited(call, kg, allow_network: bool = False, timeout=None, max_rows=None):
    """``call()`` with the limits set on ``kg``; without a time or row limit, Ctrl-C ends the
    process at once while it runs."""
    kg.allow_network = allow_network
    kg.timeout, kg.max_rows = timeout, max_rows
    if timeout is not None or max_rows is not None:
        return call()  # Ctrl-C stops the worker (dngraph.sandbox)
    with _interrupt_at_once():
        return call()


@contextlib.contextmanager
def _interrupt_at_once():
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_DFL)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
