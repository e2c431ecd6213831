"""Python's cycle collector, paused while a step makes millions of short-lived objects.

Validating and exporting make one Python object per term or quad, freed by reference
counting alone: they hold no cycles. With the collector on, each of its full passes
reads every live object, so the time of such a step grew faster than the graph (at
10^6 triples the collector took half of validation's time). :func:`paused` switches it
off for the step and back on after, as it was.
"""

from __future__ import annotations

import contextlib
import gc


@contextlib.contextmanager
def paused():
    """The cycle collector off inside the ``with`` block, restored after it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
