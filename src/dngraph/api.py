"""The Python entry point that the CLI, the server and notebooks share.

    >>> import dngraph
    >>> kg = dngraph.open()
    >>> kg.sparql("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0]["n"] > 0
    True
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass, field
from pathlib import Path

from .namespaces import INFERRED_GRAPH, ONTOLOGY_IRI
from .resources import Layout, default_root


@dataclass
class Result:
    """Rows of a SELECT: ``rows`` are dicts of Python values, ``terms`` the same rows as RDF terms."""

    variables: list[str]
    terms: list[dict] = field(default_factory=list)

    @property
    def rows(self) -> list[dict]:
        from .terms import to_python

        return [{k: to_python(v) for k, v in row.items()} for row in self.terms]

    def __len__(self) -> int:
        return len(self.terms)

    def __iter__(self):
        return iter(self.rows)

    def to_dataframe(self):
        """The rows as a pandas DataFrame (needs pandas)."""
        import pandas

        return pandas.DataFrame(self.rows, columns=self.variables)


class KnowledgeGraph:
    """The Digital Nations graph: source files, the built store, queries and checks."""

    def __init__(self, root: str | Path | None = None, cache_dir: str | Path | None = None):
        self.layout = Layout(Path(root) if root else default_root())
        self.cache_dir = Path(cache_dir) if cache_dir else None
        self._store = None
        self.built = False

    # -- the built graph -------------------------------------------------
    @property
    def store(self):
        """The pyoxigraph Store with asserted and inferred graphs, built or loaded once."""
        if self._store is None:
            from .cache import load_store

            self._store, self.built = load_store(self.layout, self.cache_dir)
        return self._store

    def graph_names(self, infer: bool = True) -> builtins.list:
        """Names of the graphs a query sees as its default graph."""
        import pyoxigraph

        names = [g for g in self.store.named_graphs()]
        if not infer:
            names = [g for g in names if g.value != INFERRED_GRAPH]
        return names

    def raw_query(self, text: str, substitutions: dict | None = None, infer: bool = True):
        """Run SPARQL on the store; the default graph is the union of the asserted
        graphs, plus the inferred graph unless ``infer`` is False."""
        import pyoxigraph

        from .errors import QueryError

        try:
            return self.store.query(
                text, default_graph=self.graph_names(infer),
                substitutions={pyoxigraph.Variable(k): v for k, v in (substitutions or {}).items()})
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from None
        except OSError as exc:
            raise QueryError(f"query failed: {exc}") from None

    def sparql(self, text: str, infer: bool = True, **bindings) -> Result:
        """Run a SELECT query and collect its rows."""
        solutions = self.raw_query(text, bindings or None, infer)
        variables = [v.value for v in solutions.variables]
        terms = [{name: s[name] for name in variables if s[name] is not None} for s in solutions]
        return Result(variables, terms)

    # -- checks and figures ------------------------------------------------
    def validate(self):
        """Validate every data file against the shapes: a :class:`ValidationReport`."""
        from .validate import validate_layout

        return validate_layout(self.layout)

    def stats(self):
        """Triples, things per class and facts per source: a :class:`Stats`."""
        from .stats import compute_stats

        return compute_stats(self)

    def sources(self, iri: str) -> list[str]:
        """The source documents that state something about ``iri``."""
        result = self.sparql(
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?thing ?p ?o } FILTER(?g != ?ontology) } ORDER BY ?g",
            infer=False, thing=_iri(iri), ontology=_iri(ONTOLOGY_IRI))
        return [row["g"] for row in result.rows if row["g"] != INFERRED_GRAPH]


def _iri(value: str):
    import pyoxigraph

    return pyoxigraph.NamedNode(value)


def open(root: str | Path | None = None, cache_dir: str | Path | None = None) -> KnowledgeGraph:  # noqa: A001
    """Open the knowledge graph shipped with dngraph, or the one under ``root``."""
    return KnowledgeGraph(root, cache_dir)
