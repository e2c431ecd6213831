"""Answers that cite their sources: for each row of a saved query, the documents
whose facts produced it.

How a row's sources are found:

1. The query's top-level WHERE pattern is run again, with the same parameters
   bound as RDF terms, as ``SELECT`` of every variable in scope: the solutions
   before grouping (SPARQL 1.1 Query, section 18.5, ``Group``).
2. The solutions that made the row are those that agree with it on the
   ``GROUP BY`` variables it shows (on every projected variable when the query
   does not group; a variable the row leaves unbound must be unbound in them).
3. In each such solution, every triple pattern of the query
   (:mod:`dngraph.querypatterns`) is instantiated with the solution's terms and
   looked up, as terms, in the store's named graphs: a triple in one or more
   asserted graphs cites those graphs (a source document, the editorial graph,
   a reference file or the ontology); a triple only in the inferred graph cites
   ``"inferred"``. Property paths are followed step by step and every triple on
   a matching path is cited.

Limits, said plainly. A pattern whose variables are all bound is cited whenever
its triple holds, so the branch of a ``UNION`` or ``OPTIONAL`` that did not
produce the solution can still be cited if its own triples hold with those
terms; a pattern in a sub-SELECT sees only what the sub-SELECT projects, so its
hidden variables match any term (all the facts the sub-SELECT aggregated over
are cited); a ``GROUP BY`` variable the SELECT does not show cannot separate rows.
``FILTER EXISTS``/``NOT EXISTS`` and ``MINUS`` patterns are never cited: they test
facts, they do not produce them. A fact a row only reports by its absence has no
source. So sources may be more than strictly needed, never fewer than the
asserted triples that matched.
"""

from __future__ import annotations

import functools

from .facts import FactFinder, INFERRED
from .namespaces import ONTOLOGY_IRI, SOURCE
from .querypatterns import analyse


def cite(kg, text: str, bound: dict, result, infer: bool = True) -> list[list[str]]:
    """For each row of ``result`` (the answer of ``text`` with parameters ``bound``),
    the sorted graph IRIs of the asserted facts behind it, then ``"inferred"`` if
    any was entailed."""
    shape = analyse(text)
    variables, solutions = _solutions(kg, shape, bound, infer)
    keys = [v for v in (shape.group_by if shape.group_by is not None else shape.projected)
            if v in variables and v in shape.projected and v not in bound]
    by_key: dict[tuple, list] = {}
    for solution in solutions:
        by_key.setdefault(tuple(solution.get(k) for k in keys), []).append(solution)
    finder = FactFinder(kg.store, infer)
    cited = []
    for row in result.terms:
        found: set[str] = set()
        for solution in by_key.get(tuple(row.get(k) for k in keys), ()):
            for pattern in shape.patterns:
                found |= finder.cite(pattern, solution)
        cited.append(_order(found))
    return cited


def _solutions(kg, shape, bound: dict, infer: bool):
    """The variables in scope in the WHERE pattern and its solutions, as dicts of terms."""
    probe = kg.raw_query(f"{shape.prologue}SELECT * WHERE {{{shape.where}}} LIMIT 0", None, infer)
    variables = [v.value for v in probe.variables]
    listed = variables + [name for name in bound if name not in variables]
    text = f"{shape.prologue}SELECT {' '.join('?' + v for v in listed)} WHERE {{{shape.where}}}"
    answer = kg.raw_query(text, bound or None, infer)
    return variables, [{v: s[v] for v in variables} for s in answer]


def _order(found: set[str]) -> list[str]:
    return sorted(found - {INFERRED}) + ([INFERRED] if INFERRED in found else [])


def short_name(graph: str) -> str:
    """A graph as people read it: the source's slug, ``ontology`` or ``inferred``."""
    if graph.startswith(SOURCE):
        return graph[len(SOURCE):]
    return "ontology" if graph == ONTOLOGY_IRI else graph


def with_sources(result, sources: list[list[str]]):
    """``result`` with a ``sources`` column, a literal of the graph IRIs separated by
    spaces, while ``.rows[i]["sources"]`` and ``.sources[i]`` are lists of them. A
    query that has a ``sources`` column of its own gets ``sourceGraphs`` instead."""
    column = "sources" if "sources" not in result.variables else "sourceGraphs"
    cited = _cited_type(type(result))(result.variables + [column], list(result.terms), result.kind,
                                       labels=result.labels)
    cited.sources, cited.column = sources, column
    return cited._fill(" ".join)


@functools.lru_cache(maxsize=None)
def _cited_type(base):
    class CitedResult(base):
        """A query answer whose rows also list the graphs of the facts behind them."""

        @property
        def rows(self) -> list[dict]:
            rows = super().rows
            for row, found in zip(rows, self.sources):
                row[self.column] = list(found)
            return rows

        def for_people(self):
            """The same answer with the sources column as short names (a source's
            slug, ``ontology``, ``inferred``), comma separated."""
            return self._fill(lambda found: ", ".join(map(short_name, found)))

        def _fill(self, join):
            import pyoxigraph

            other = type(self)(self.variables, [
                dict(row, **{self.column: pyoxigraph.Literal(join(found))})
                for row, found in zip(self.terms, self.sources)], self.kind, labels=self.labels)
            other.sources, other.column = self.sources, self.column
            return other

    return CitedResult
