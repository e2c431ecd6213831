"""SPARQL-based targets (SHACL-AF 5.1), selected on the data store beside the rest of validation.

A target's SELECT reads the whole data graph (``ontology/shapes.ttl`` selects
every node typed with a dngraph class), so it is the longest single piece of a
validation. pyoxigraph evaluates a query and writes its results as text without
holding Python's lock, so :class:`SelectedTargets` runs every target of the
shapes graph in a thread of its own, started before the validator indexes the
data, and reads each answer back from SPARQL's tab-separated results: an IRI
``<...>`` or a blank node ``_:...`` per line. An answer holding a literal is
read back as terms by pyoxigraph's results parser (which keeps blank node
labels); a query that projects more than ``?this`` is read solution by solution.
"""

from __future__ import annotations

import threading

from .namespaces import SH
from .shacl_sparql import prefixes, read_sparql


def target_select(shapes, target) -> str | None:
    """The SELECT of the SPARQL-based target ``target``, with the prefixes it declares."""
    import pyoxigraph

    for row in shapes.query(read_sparql("select-target.rq"), substitutions={pyoxigraph.Variable("target"): target}):
        return prefixes(shapes, target) + row["select"].value
    return None


def selected(store, query: str) -> set:
    """The nodes bound to ``?this`` in the solutions of ``query`` on ``store``."""
    import pyoxigraph

    solutions = store.query(query)
    if solutions.variables != [pyoxigraph.Variable("this")]:
        return {s["this"] for s in solutions} - {None}
    text = solutions.serialize(format=pyoxigraph.QueryResultsFormat.TSV)
    nodes = set()
    for line in text.decode("utf-8").split("\n")[1:]:
        if line.startswith("<") and line.endswith(">"):
            nodes.add(pyoxigraph.NamedNode(line[1:-1]))
        elif line.startswith("_:"):
            nodes.add(pyoxigraph.BlankNode(line[2:]))
        elif line:  # a literal: the same answer read back as terms
            results = pyoxigraph.parse_query_results(text, format=pyoxigraph.QueryResultsFormat.TSV)
            return {s["this"] for s in results} - {None}
    return nodes


class SelectedTargets:
    """The focus nodes of every SPARQL-based target of ``shapes`` in ``store``, selected
    in a thread started here; :meth:`nodes` waits for them."""

    def __init__(self, shapes, store):
        import pyoxigraph

        self._queries = {}
        for quad in shapes.quads_for_pattern(None, pyoxigraph.NamedNode(SH.target), None):
            query = target_select(shapes, quad.object)
            if query is not None:
                self._queries[quad.object] = query
        self._found: dict = {}
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._select, args=(store,), daemon=True)
        self._thread.start()

    def _select(self, store) -> None:
        try:
            for target, query in self._queries.items():
                self._found[target] = selected(store, query)
        except BaseException as exc:  # noqa: BLE001 - raised again in the caller's thread by nodes()
            self._error = exc

    def nodes(self, target) -> set | None:
        """The nodes ``target`` selects; None if it is not a SPARQL-based target."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._found.get(target)
