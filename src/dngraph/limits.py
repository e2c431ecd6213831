"""The limits dngraph puts on what it reads and runs, each with its environment variable.

Every limit has a default fit for the shipped graph and files people edit by hand;
set the variable to change it (``DNGRAPH_MAX_QUERY_BYTES=4000000 dngraph sparql ...``).
SECURITY.md lists them. A value that is not a positive number is a one-line error.
"""

from __future__ import annotations

import os

from .errors import ParameterError

# name: (environment variable, default, what it bounds)
LIMITS = {
    "query_bytes": ("DNGRAPH_MAX_QUERY_BYTES", 1 << 20, "bytes of SPARQL text in one query or query file"),
    "nesting": ("DNGRAPH_MAX_NESTING", 100, "levels of brackets, braces and parentheses in one query"),
    "operators": ("DNGRAPH_MAX_OPERATORS", 1000, "joins, unions, operators and BINDs in one query"),
    "data_bytes": ("DNGRAPH_MAX_DATA_BYTES", 64 << 20, "bytes of one data file (Turtle under data/, a dump to link)"),
    "param_bytes": ("DNGRAPH_MAX_PARAM_BYTES", 4096, "bytes of one query parameter's value"),
    "rows": ("DNGRAPH_MAX_ROWS", 1_000_000, "rows or triples of one answer when a time limit is set"),
}


def limit(name: str) -> int:
    """The current value of the limit ``name`` (a key of :data:`LIMITS`)."""
    variable, default, _ = LIMITS[name]
    raw = os.environ.get(variable)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value <= 0:
        raise ParameterError(f"{variable}={raw!r}: expected a positive whole number")
    return value


def check_param_size(name: str, value, kind: str = "") -> None:
    """A :class:`ParameterError` when the text of parameter ``name`` (of type ``kind``) is over the
    ``param_bytes`` limit."""
    size = len(str(value).encode("utf-8", errors="replace"))
    if size > limit("param_bytes"):
        raise ParameterError(f"parameter {name!r}{f' ({kind})' if kind else ''}: {size} bytes, more than the limit of "
                             f"{limit('param_bytes')} (DNGRAPH_MAX_PARAM_BYTES)")
