"""The Python entry point that the CLI and notebooks share.

    >>> import dngraph
    >>> kg = dngraph.open()
    >>> kg.sparql("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0]["n"] > 0
    True

Every failure is a :class:`dngraph.errors.DngraphError` whose ``exit_code``
says what kind it is (1 an inconsistent graph, 2 bad input, 3 internal).
"""

from __future__ import annotations

from pathlib import Path

from .namespaces import INFERRED_GRAPH
from .resources import Layout, default_root, library_query
from .result import Result, collect

__all__ = ["KnowledgeGraph", "Result", "open"]


class KnowledgeGraph:
    """The Digital Nations graph: source files, the built store, queries and checks."""

    def __init__(self, root: str | Path | None = None, cache_dir: str | Path | None = None,
                 reasoner: str = "rules"):
        from .store import OpenedStore

        self.layout = Layout(Path(root) if root else default_root())
        self.cache_dir = Path(cache_dir) if cache_dir else None
        self.reasoner = reasoner
        self._opened = OpenedStore(self.layout, self.cache_dir, reasoner)
        self._queries = None
        self._labels = None
        self._terms = None

    # -- the built graph -------------------------------------------------
    @property
    def store(self):
        """The pyoxigraph Store with asserted and inferred graphs, built or opened once."""
        return self._opened.get()

    @property
    def manifest(self) -> dict:
        """What the build recorded: reasoner, counts per graph, source files, inconsistencies."""
        return self._opened.manifest

    @property
    def built(self) -> bool:
        """Whether this object built (or rebuilt) the store rather than reusing one."""
        return self._opened.built

    def default_graph(self, infer: bool = True) -> list:
        """The graphs a query sees as its default graph: the merge of every asserted
        graph, plus the inferred triples unless ``infer`` is False."""
        import pyoxigraph

        graphs = [pyoxigraph.DefaultGraph()]
        if infer:
            graphs.append(pyoxigraph.NamedNode(INFERRED_GRAPH))
        return graphs

    def raw_query(self, text: str, substitutions: dict | None = None, infer: bool = True,
                  predeclare: bool = False):
        """Run SPARQL on the store over :meth:`default_graph`; named graphs stay
        reachable with ``GRAPH``. ``substitutions`` bind variables to pyoxigraph
        terms; ``predeclare`` adds the project's prefixes the text does not declare.
        An inconsistent graph raises :class:`dngraph.errors.InconsistentGraph`."""
        from .clashes import refuse_if_any
        from .userquery import execute

        refuse_if_any(self.clashes())
        return self._opened.run(
            lambda store: execute(store, text, self.default_graph(infer), substitutions, predeclare))

    def clashes(self) -> list:
        """The inconsistencies the build found (:class:`dngraph.clashes.Clash`); empty when consistent."""
        from .clashes import Clash

        self._opened.get()
        return [Clash.from_dict(found) for found in self.manifest.get("inconsistencies", [])]

    def sparql(self, text: str, infer: bool = True, **bindings) -> Result:
        """Run any SPARQL query; ``bindings`` are pyoxigraph terms for its variables.

        The project's prefixes (``dn:``, ``id:``, ``skos:`` ...) need no declaration.
        ``Result.warnings`` names ``dn:`` terms the ontology does not define."""
        from .userquery import unknown_terms

        warnings = unknown_terms(text, self.ontology_terms())
        answer = self.raw_query(text, bindings, infer, predeclare=True)
        return collect(answer, labels=self.labels, warnings=warnings)

    def library(self, name: str, infer: bool = False, **bindings) -> Result:
        """Run one of the library's own queries (``src/dngraph/sparql/{name}.rq``)."""
        return collect(self.raw_query(library_query(name), bindings, infer), labels=self.labels)

    # -- saved queries -----------------------------------------------------
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
        """The saved query ``name``; an unknown name raises an error listing close names."""
        from .queries import find

        return find(self.queries(), name, self.query_problems())

    def query(self, name: str, infer: bool = True, **params) -> Result:
        """Run the saved query ``name`` with keyword parameters.

        >>> kg.query("members", on="2021-11-18")   # doctest: +SKIP
        """
        from .queries import check_classes

        saved = self.saved(name)
        bound = saved.bind(params)
        check_classes(saved, bound, lambda text, terms: bool(self.raw_query(text, terms)))
        return collect(self.raw_query(saved.text, bound, infer), hide={p.name for p in saved.params},
                       labels=self.labels)

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

    # -- checks and figures ------------------------------------------------
    def validate(self):
        """Validate every data file against the shapes: a :class:`ValidationReport`.
        An inconsistency the build found is a violation too (see :mod:`dngraph.clashes`)."""
        from .clashes import add_to_report
        from .validate import validate_layout

        return add_to_report(validate_layout(self.layout), self.clashes())

    def stats(self):
        """Triples, things per class and facts per source: a :class:`Stats`."""
        from .stats import compute_stats

        return compute_stats(self)

    def sources(self, iri: str) -> list[str]:
        """The source documents that state something about ``iri``."""
        from .params import iri_term

        result = self.library("sources-of", thing=iri_term(iri, "iri"))
        return [row["g"] for row in result.rows]


def open(root: str | Path | None = None, cache_dir: str | Path | None = None,  # noqa: A001
         reasoner: str = "rules") -> KnowledgeGraph:
    """Open the knowledge graph shipped with dngraph, or the one under ``root``.

    ``reasoner`` computes the OWL 2 RL entailments: ``"rules"`` (the default, rules
    run inside pyoxigraph, :mod:`dngraph.rules`) or ``"owlrl"`` (the reference)."""
    from .build import REASONERS

    if reasoner not in REASONERS:
        from .errors import ParameterError

        raise ParameterError(f"reasoner {reasoner!r}: use one of {', '.join(REASONERS)}")
    return KnowledgeGraph(root, cache_dir, reasoner)
