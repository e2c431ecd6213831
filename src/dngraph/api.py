"""The Python entry point that the CLI, the server and notebooks share.

    >>> import dngraph
    >>> kg = dngraph.open()
    >>> kg.sparql("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0]["n"] > 0
    True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .namespaces import INFERRED_GRAPH
from .resources import Layout, default_root


@dataclass
class Result:
    """What a query answered.

    For SELECT, ``rows`` are dicts of Python values and ``terms`` the same rows as
    RDF terms; for ASK, ``boolean``; for CONSTRUCT and DESCRIBE, ``triples``.
    """

    variables: list[str] = field(default_factory=list)
    terms: list[dict] = field(default_factory=list)
    kind: str = "select"
    boolean: bool | None = None
    triples: list = field(default_factory=list)

    @property
    def rows(self) -> list[dict]:
        from .terms import to_python

        return [{k: to_python(v) for k, v in row.items()} for row in self.terms]

    def __len__(self) -> int:
        return len(self.terms) if self.kind == "select" else len(self.triples)

    def __iter__(self):
        return iter(self.rows)

    def to_dataframe(self):
        """The rows as a pandas DataFrame (needs pandas)."""
        import pandas

        return pandas.DataFrame(self.rows, columns=self.variables)


def _collect(answer, hide=()) -> Result:
    import pyoxigraph

    if isinstance(answer, pyoxigraph.QueryBoolean):
        return Result(kind="ask", boolean=bool(answer))
    if isinstance(answer, pyoxigraph.QueryTriples):
        return Result(kind="graph", triples=list(answer))
    variables = [v.value for v in answer.variables if v.value not in hide]
    terms = [{name: s[name] for name in variables if s[name] is not None} for s in answer]
    return Result(variables, terms)


class KnowledgeGraph:
    """The Digital Nations graph: source files, the built store, queries and checks."""

    def __init__(self, root: str | Path | None = None, cache_dir: str | Path | None = None,
                 reasoner: str = "rules"):
        self.layout = Layout(Path(root) if root else default_root())
        self.cache_dir = Path(cache_dir) if cache_dir else None
        self.reasoner = reasoner
        self.manifest: dict = {}
        self._store = None
        self._queries = None
        self._labels = None
        self.built = False

    # -- the built graph -------------------------------------------------
    @property
    def store(self):
        """The pyoxigraph Store with asserted and inferred graphs, built or opened once."""
        if self._store is None:
            self._open()
        return self._store

    def _open(self, rebuild: bool = False) -> None:
        from .store import open_store

        self._store, self.manifest, self.built = open_store(
            self.layout, self.cache_dir, self.reasoner, rebuild=rebuild)

    def default_graph(self, infer: bool = True) -> list:
        """The graphs a query sees as its default graph: the merge of every asserted
        graph, plus the inferred triples unless ``infer`` is False."""
        import pyoxigraph

        graphs = [pyoxigraph.DefaultGraph()]
        if infer:
            graphs.append(pyoxigraph.NamedNode(INFERRED_GRAPH))
        return graphs

    def raw_query(self, text: str, substitutions: dict | None = None, infer: bool = True):
        """Run SPARQL on the store over :meth:`default_graph`; named graphs stay
        reachable with ``GRAPH``."""
        import pyoxigraph

        from .errors import QueryError

        from .clashes import refuse_if_any

        refuse_if_any(self.clashes())
        run = lambda: self.store.query(  # noqa: E731
            text, default_graph=self.default_graph(infer),
            substitutions={pyoxigraph.Variable(k): v for k, v in (substitutions or {}).items()})
        try:
            try:
                return run()
            except (OSError, RuntimeError) as exc:
                if "Corruption" not in str(exc):
                    raise
                self._open(rebuild=True)  # a damaged table is rebuilt, never trusted
                return run()
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from None
        except OSError as exc:
            raise QueryError(f"query failed: {exc}") from None

    def clashes(self) -> list:
        """The inconsistencies the build found (:class:`dngraph.clashes.Clash`); empty when consistent."""
        from .clashes import Clash

        self.store
        return [Clash.from_dict(found) for found in self.manifest.get("inconsistencies", [])]

    def sparql(self, text: str, infer: bool = True, **bindings) -> Result:
        """Run any SPARQL query; ``bindings`` are pyoxigraph terms for its variables."""
        return _collect(self.raw_query(text, bindings or None, infer))

    # -- saved queries -----------------------------------------------------
    def queries(self) -> dict:
        """The saved queries, by name."""
        if self._queries is None:
            from .queries import load_queries

            self._queries = load_queries(self.layout.queries)
        return self._queries

    def saved(self, name: str):
        """The saved query ``name``; an unknown name raises an error listing close names."""
        from .queries import find

        return find(self.queries(), name)

    def query(self, name: str, infer: bool = True, **params) -> Result:
        """Run the saved query ``name`` with keyword parameters.

        >>> kg.query("members", on="2021-11-18")   # doctest: +SKIP
        """
        saved = self.saved(name)
        bound = saved.bind(params)
        self._check_classes(saved, bound)
        return _collect(self.raw_query(saved.text, bound, infer), hide={p.name for p in saved.params})

    def _check_classes(self, saved, bound) -> None:
        from .errors import ParameterError
        from .namespaces import RDF, shorten

        for p in saved.params:
            if p.cls and p.name in bound:
                ask = self.raw_query("ASK { ?thing ?type ?class }", {
                    "thing": bound[p.name], "type": _iri(RDF.type), "class": _iri(p.cls)})
                if not bool(ask):
                    raise ParameterError(
                        f"parameter {p.name!r}: {bound[p.name].value} is not a {shorten(p.cls)} in the graph")

    def labels(self) -> dict[str, str]:
        """An English (or untagged) label for every IRI that has one."""
        if self._labels is None:
            result = self.raw_query(_read_bundled("labels.rq"))
            self._labels = {}
            for row in result:
                self._labels.setdefault(row["thing"].value, row["label"].value)
        return self._labels

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
        result = self.sparql(_read_bundled("sources-of.rq"), infer=False, thing=_iri(iri))
        return [row["g"] for row in result.rows]

    # -- for pages people read (dngraph serve) -------------------------------
    def search(self, text: str, limit: int = 20) -> list:
        """Things whose English or French label matches ``text``, best first (:mod:`dngraph.search`)."""
        from .search import label_index

        return label_index(self).search(text, limit)

    def about(self, iri: str, langs=("en",)):
        """Every statement about ``iri`` and pointing to it, with labels and sources
        (:class:`dngraph.about.About`); None when no graph mentions it."""
        from .about import describe

        return describe(self, iri, tuple(langs))

    def thing_graph(self, iri: str) -> list:
        """The asserted triples about ``iri``, for its Turtle and JSON-LD views."""
        from .about import thing_graph

        return thing_graph(self, iri)

    def ontology_terms(self, langs=("en",)) -> list:
        """The ontology's classes and properties (:class:`dngraph.vocabulary.Term`)."""
        from .vocabulary import ontology_terms

        return ontology_terms(self, tuple(langs))

    def instances(self, cls: str) -> list[tuple[str, str]]:
        """(IRI, label) of every thing of the class ``cls`` (a full IRI), by label."""
        from .vocabulary import instances

        return instances(self, cls)


def _read_bundled(name: str) -> str:
    """A SPARQL text the library itself needs, kept beside the code as a data file."""
    return (Path(__file__).parent / "sparql" / name).read_text(encoding="utf-8")


def _iri(value: str):
    import pyoxigraph

    return pyoxigraph.NamedNode(value)


def open(root: str | Path | None = None, cache_dir: str | Path | None = None,  # noqa: A001
         reasoner: str = "rules") -> KnowledgeGraph:
    """Open the knowledge graph shipped with dngraph, or the one under ``root``.

    ``reasoner`` computes the OWL 2 RL entailments: ``"rules"`` (the default, rules
    run inside pyoxigraph, :mod:`dngraph.rules`) or ``"owlrl"`` (the reference)."""
    if reasoner not in ("rules", "owlrl"):
        from .errors import DngraphError

        raise DngraphError(f"reasoner {reasoner!r}: use 'rules' or 'owlrl'")
    return KnowledgeGraph(root, cache_dir, reasoner)
