"""The saved queries, the labels shown with answers, and answers read row by row:
the methods of :class:`dngraph.api.KnowledgeGraph` that :class:`SavedQueries` holds.
"""

from __future__ import annotations

import functools

from .resources import library_query


class SavedQueries:
    """Saved queries (``queries/*.rq``) run with typed parameters, their labels, and streamed answers."""

    def queries(self) -> dict:
        """The saved queries that can be used, by name (see :meth:`query_problems`)."""
        return self._load_queries()[0]

    def query_problems(self) -> dict:
        """For each saved query file that cannot be used, by name, the error saying why."""
        return self._load_queries()[1]

    def _load_queries(self):
        if self._queries is None:
            from .queries import load_queries

            self._queries = load_queries(self.layout.queries)
        return self._queries

    def saved(self, name: str):
        """The saved query ``name``; an unknown name raises an error listing close names.
        Until every query is read for another reason, only the file of ``name`` is read."""
        from .queries import find, load_query

        if self._queries is None:
            if name not in self._read_alone:  # kept, as every query is once read
                self._read_alone[name] = load_query(self.layout.queries, name)
            if self._read_alone[name] is not None:
                return self._read_alone[name]
        return find(self.queries(), name, self.query_problems())

    def query(self, name: str, infer: bool = True, with_sources: bool = False, **params) -> Result:
        """Run the saved query ``name`` with keyword parameters. With ``with_sources``,
        each row also lists the graphs of the facts behind it (:mod:`dngraph.citations`).

        >>> kg.query("members", on="2021-11-18")   # doctest: +SKIP
        """
        from .queries import check_classes
        from .result import collect

        if self.timeout is not None or self.max_rows is not None:
            from .sandbox import run_limited

            return run_limited(self, "query", name, infer=infer, with_sources=with_sources, **params)
        saved = self.saved(name)
        bound = saved.bind(params)
        check_classes(saved, bound, lambda text, terms: bool(self.raw_query(text, terms)))
        result = self._labelled(collect(self.raw_query(saved.text, bound, infer),
                                        hide={p.name for p in saved.params}))
        if with_sources and result.kind == "select":
            from .citations import cite, with_sources as cited

            return cited(result, cite(self, saved.text, bound, result, infer))
        return result

    def _labelled(self, result: Result) -> Result:
        """``result``, its labels (for the table and markdown outputs) looked up when shown,
        for its own IRIs only (:mod:`dngraph.labels`)."""
        result.labels = functools.partial(self.labels_shown, result)
        return result

    def labels_shown(self, result: Result) -> dict[str, str]:
        """The label of each IRI in the rows of ``result`` that has one."""
        from .labels import labels_for, shown_iris

        iris = shown_iris(result)
        return self._opened.run(lambda base: labels_for(base, self.default_graph(), iris)) if iris else {}

    def labels(self) -> dict[str, str]:
        """An English (or untagged) label for every IRI that has one."""
        if self._labels is None:
            self._labels = {}
            for row in self.raw_query(library_query("labels")):
                self._labels.setdefault(row["thing"].value, row["label"].value)
        return self._labels

    def ontology_terms(self) -> set[str]:
        """Every IRI the ontology describes."""
        if self._terms is None:
            self._terms = {row["term"].value for row in self.raw_query(library_query("ontology-terms"))}
        return self._terms

    # -- answers read one row at a time -----------------------------------
    def sparql_stream(self, text: str, infer: bool = True, linked: bool = False, **bindings):
        """:meth:`sparql`, its rows read one at a time as they are computed: a
        :class:`dngraph.stream.Rows`, so memory stays flat however many rows. With ``timeout`` or
        ``max_rows``, reading past a limit raises :class:`dngraph.sandbox.LimitReached`."""
        from .streamquery import sparql_rows

        return sparql_rows(self, text, infer, linked, **bindings)

    def query_stream(self, name: str, infer: bool = True, **params):
        """:meth:`query` (without sources), its rows read one at a time: a :class:`dngraph.stream.Rows`."""
        from .streamquery import query_rows

        return query_rows(self, name, infer, **params)
