"""Query answers read and written one row at a time, so memory stays flat however long the answer.

pyoxigraph yields the solutions of a SELECT (and the triples of a CONSTRUCT or DESCRIBE)
one at a time. :class:`Rows` hands them on as they come, and :func:`pieces` turns them
into text in any output format, row by row: CSV, TSV and JSON (SPARQL 1.1 Query Results
formats, byte for byte what :meth:`dngraph.result.Result.serialize` writes), markdown, and
the graph formats (through pyoxigraph's own streaming writer). The ``table`` needs column
widths: it takes them from the first :data:`LOOKAHEAD` rows (an answer of at most that many
rows prints exactly as a collected one; a longer cell further down widens its own line only).
Labels for ``table`` and ``markdown`` are looked up for each batch of rows.
"""

from __future__ import annotations

import itertools
import json
import time

from .errors import FormatError
from .formats import GRAPH_FORMATS, SELECT_FORMATS, SELECT_WRITERS, _cells, _csv_field, _json_term

LOOKAHEAD = 1000  # rows read before a table's first line: its column widths come from them
BATCH_SECONDS = 0.1  # a batch of rows (labels, messages from a worker) waits at most this long


class Rows:
    """An answer read one row at a time (:meth:`dngraph.api.KnowledgeGraph.sparql_stream`).

    ``kind`` is ``select``, ``ask`` or ``graph``; ``variables`` the columns of a SELECT,
    ``boolean`` the answer of an ASK, ``warnings`` what looked wrong in the query. Iterating
    gives each row as a dict of Python values (each triple, for a graph); :meth:`terms` gives
    the rows as RDF terms. An answer can be read once; ``count`` is how many rows were read.
    Under a time limit or row cap, reading past it raises :class:`dngraph.sandbox.LimitReached`.
    """

    def __init__(self, kind, variables=(), boolean=None, source=(), warnings=(), labels=None, close=None):
        self.kind, self.variables, self.boolean = kind, list(variables), boolean
        self.warnings, self.labels, self.count = list(warnings), labels, 0
        self._source, self._close = iter(source), close

    def terms(self):
        """The rows as dicts of pyoxigraph terms (a graph's triples), as they are computed."""
        for item in self._source:
            self.count += 1
            yield item

    def __iter__(self):
        from .terms import to_python

        if self.kind == "graph":
            return self.terms()
        return ({k: to_python(v) for k, v in row.items()} for row in self.terms())

    def close(self) -> None:
        """Stop reading (a worker still answering is stopped)."""
        if self._close is not None:
            self._close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def pieces(rows: Rows, fmt: str | None = None):
    """The answer as text in ``fmt``, one piece per row (or batch of rows), as it is read."""
    if fmt and fmt not in SELECT_FORMATS + GRAPH_FORMATS:
        raise FormatError(f"unknown format {fmt!r}; known: {', '.join(SELECT_FORMATS + GRAPH_FORMATS)}")
    if rows.kind == "graph":
        raise FormatError("a graph answer is written with write_graph()")
    fmt = fmt or "table"
    if fmt not in SELECT_FORMATS:
        raise FormatError(f"format {fmt!r} is for graphs, but this query answers with rows: "
                          f"use one of {', '.join(SELECT_FORMATS)}")
    if rows.kind == "ask":
        from .result import Result

        return iter([SELECT_WRITERS[fmt](Result(kind="ask", boolean=rows.boolean))])
    return {"csv": _csv, "tsv": _tsv, "json": _json, "table": _table, "markdown": _markdown}[fmt](rows)


def write_graph(rows: Rows, fmt: str | None, handle) -> None:
    """A graph answer to the binary ``handle`` in ``fmt`` (default Turtle), triple by triple."""
    import pyoxigraph as ox

    from .namespaces import PREFIXES

    fmt = fmt or "turtle"
    if fmt not in GRAPH_FORMATS:
        raise FormatError(f"format {fmt!r} is for rows, but this query (CONSTRUCT or DESCRIBE) "
                          f"answers with a graph: use one of {', '.join(GRAPH_FORMATS)}")
    formats = {"turtle": ox.RdfFormat.TURTLE, "jsonld": ox.RdfFormat.JSON_LD, "ntriples": ox.RdfFormat.N_TRIPLES}
    ox.serialize(rows.terms(), handle, format=formats[fmt], prefixes=dict(PREFIXES) if fmt == "turtle" else None)


def batches(items, size: int, seconds: float = BATCH_SECONDS):
    """Lists of up to ``size`` items, each closed early once ``seconds`` passed since its first."""
    batch, started = [], 0.0
    for item in items:
        if not batch:
            started = time.monotonic()
        batch.append(item)
        if len(batch) >= size or time.monotonic() - started >= seconds:
            yield batch
            batch = []
    if batch:
        yield batch


def _csv(rows):
    yield ",".join(rows.variables) + "\r\n"
    for row in rows.terms():
        yield ",".join(_csv_field(row.get(v)) for v in rows.variables) + "\r\n"


def _tsv(rows):
    yield "\t".join("?" + v for v in rows.variables) + "\n"
    for row in rows.terms():
        yield "\t".join("" if row.get(v) is None else str(row[v]) for v in rows.variables) + "\n"


def _json(rows):
    head = json.dumps({"head": {"vars": rows.variables}}, indent=2, ensure_ascii=False)
    yield head[:-2] + ',\n  "results": {\n    "bindings": ['
    first = True
    for row in rows.terms():
        binding = {v: _json_term(row[v]) for v in rows.variables if row.get(v) is not None}
        yield ("\n      " if first else ",\n      ") + json.dumps(binding, indent=2, ensure_ascii=False).replace(
            "\n", "\n      ")
        first = False
    yield ("]" if first else "\n    ]") + "\n  }\n}\n"


def _labelled_cells(rows, batch):
    from .result import Result

    shown = Result(rows.variables, batch)
    return _cells(shown, rows.labels(shown) if rows.labels else None)


def _table(rows):
    source = rows.terms()
    first = list(itertools.islice(source, LOOKAHEAD))
    head = [[c.replace("\n", " ") for c in r] for r in _labelled_cells(rows, first)]
    widths = [max([len(v)] + [len(r[i]) for r in head]) for i, v in enumerate(rows.variables)]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip() + "\n"  # noqa: E731
    yield line(rows.variables) + line(["-" * w for w in widths]) + "".join(line(r) for r in head)
    count = len(head)
    for batch in batches(source, LOOKAHEAD):
        count += len(batch)
        yield "".join(line([c.replace("\n", " ") for c in r]) for r in _labelled_cells(rows, batch))
    yield f"({count} row{'s' if count != 1 else ''})\n"


def _markdown(rows):
    escape = lambda c: c.replace("|", "\\|").replace("\n", " ")  # noqa: E731
    yield "| " + " | ".join(rows.variables) + " |\n" + "|" + "|".join(" --- " for _ in rows.variables) + "|\n"
    for batch in batches(rows.terms(), LOOKAHEAD):
        yield "".join("| " + " | ".join(escape(c) for c in r) + " |\n" for r in _labelled_cells(rows, batch))
