"""Queries whose answers are read one row at a time (:class:`dngraph.stream.Rows`).

The same queries as :meth:`dngraph.api.KnowledgeGraph.sparql` and ``query``, screened and
bound the same way; only the reading differs: rows are taken from pyoxigraph as it
computes them instead of being collected into a :class:`~dngraph.result.Result`. With a
time limit or a row cap on the graph, the query runs in the worker process and its rows
come through a pipe (:mod:`dngraph.streamlimit`).
"""

from __future__ import annotations


def _limited(kg) -> bool:
    return kg.timeout is not None or kg.max_rows is not None


def sparql_rows(kg, text: str, infer: bool = True, linked: bool = False, **bindings):
    """:meth:`KnowledgeGraph.sparql`'s answer as :class:`~dngraph.stream.Rows`."""
    if _limited(kg):
        from .streamlimit import stream_limited

        return stream_limited(kg, "sparql", text, infer=infer, linked=linked, **bindings)
    from .userquery import unknown_terms

    answer = kg.raw_query(text, bindings, infer, predeclare=True, linked=linked)
    return rows_of(answer, warnings=unknown_terms(text, kg.ontology_terms()), labels=kg.labels_shown)


def query_rows(kg, name: str, infer: bool = True, **params):
    """:meth:`KnowledgeGraph.query`'s answer (without sources) as :class:`~dngraph.stream.Rows`."""
    if _limited(kg):
        from .streamlimit import stream_limited

        return stream_limited(kg, "query", name, infer=infer, **params)
    from .queries import check_classes

    saved = kg.saved(name)
    bound = saved.bind(params)
    check_classes(saved, bound, lambda text, terms: bool(kg.raw_query(text, terms)))
    return rows_of(kg.raw_query(saved.text, bound, infer), hide={p.name for p in saved.params},
                   labels=kg.labels_shown)


def rows_of(answer, hide=(), warnings=(), labels=None):
    """A pyoxigraph answer as :class:`~dngraph.stream.Rows`; ``hide`` names variables to leave out."""
    import pyoxigraph

    from .stream import Rows

    if isinstance(answer, pyoxigraph.QueryBoolean):
        return Rows("ask", boolean=bool(answer), warnings=warnings)
    if isinstance(answer, pyoxigraph.QueryTriples):
        return Rows("graph", source=answer, warnings=warnings)
    variables = [v.value for v in answer.variables if v.value not in hide]
    solutions = ({name: s[name] for name in variables if s[name] is not None} for s in answer)
    return Rows("select", variables, source=solutions, warnings=warnings, labels=labels)
