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
        self._base = None
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
        from .linked import overlay
        from .store import open_store

        self._base, self.manifest, self.built = open_store(
            self.layout, self.cache_dir, self.reasoner, rebuild=rebuild)
        self._store = overlay(self._base, self.manifest.get("key"), self.linked_root)

    @property
    def base_store(self):
        """The built graph alone, without linked dumps."""
        self.store
        return self._base

    def release(self) -> None:
        """Close the stores; the next query opens them again."""
        self._store = self._base = None

    def default_graph(self, infer: bool = True, linked: bool = False) -> list:
        """The graphs a query sees as its default graph: the merge of every asserted
        graph, plus the inferred triples unless ``infer`` is False, plus every linked
        dump's graph when ``linked`` is True (otherwise they are named graphs only)."""
        import pyoxigraph

        graphs = [pyoxigraph.DefaultGraph()]
        if infer:
            graphs.append(pyoxigraph.NamedNode(INFERRED_GRAPH))
        if linked:
            graphs += [pyoxigraph.NamedNode(entry["graph"]) for entry in self.linked().values()]
        return graphs

    def raw_query(self, text: str, substitutions: dict | None = None, infer: bool = True,
                  linked: bool = False):
        """Run SPARQL on the store over :meth:`default_graph`; named graphs (the
        sources, and linked dumps under ``graph/linked/``) stay reachable with ``GRAPH``."""
        import pyoxigraph

        from .errors import QueryError

        from .clashes import refuse_if_any

        refuse_if_any(self.clashes())
        run = lambda: self.store.query(  # noqa: E731
            text, default_graph=self.default_graph(infer, linked),
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

    def sparql(self, text: str, infer: bool = True, linked: bool = False, **bindings) -> Result:
        """Run any SPARQL query; ``bindings`` are pyoxigraph terms for its variables.
        ``linked`` adds the linked dumps' graphs to the default graph."""
        return _collect(self.raw_query(text, bindings or None, infer, linked))

    # -- linked dumps ------------------------------------------------------
    @property
    def linked_root(self) -> Path:
        """Where linked dumps are kept: ``linked/`` in the cache folder, beside the built stores."""
        from .resources import cache_dir

        return (self.cache_dir or cache_dir()) / "linked"

    def linked(self) -> dict:
        """The linked dumps by name: their graph, source file and triple count."""
        from .linked import read_manifest

        return read_manifest(self.linked_root)["graphs"]

    def link(self, path, name: str | None = None, progress=None):
        """Join the dump at ``path`` to the graph as ``graph/linked/{name}``: a
        :class:`dngraph.link.LinkReport`. ``progress(done, total)`` is called as bytes are read."""
        from .link import link_dump

        return link_dump(self, path, name, progress)

    def unlink(self, name: str) -> int:
        """Drop the linked dump ``name``; returns how many triples it held."""
        from .linked import forget

        self.release()
        return forget(self.linked_root, name)

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

    def query(self, name: str, infer: bool = True, with_sources: bool = False, **params) -> Result:
        """Run the saved query ``name`` with keyword parameters. With ``with_sources``,
        each row also lists the graphs of the facts behind it (:mod:`dngraph.citations`).

        >>> kg.query("members", on="2021-11-18")   # doctest: +SKIP
        """
        saved = self.saved(name)
        bound = saved.bind(params)
        self._check_classes(saved, bound)
        result = _collect(self.raw_query(saved.text, bound, infer), hide={p.name for p in saved.params})
        if with_sources and result.kind == "select":
            from .citations import cite, with_sources as cited

            return cited(result, cite(self, saved.text, bound, result, infer))
        return result

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

    def plot(self, kind: str, fmt: str = "svg") -> bytes:
        """The picture ``kind`` (``"timeline"`` or ``"network"``) as SVG or PNG bytes
        (:mod:`dngraph.plot`)."""
        from .plot import render

        return render(self, kind, fmt)

    def export(self, fmt: str = "turtle", graphs=None, sources=(), with_ontology: bool = False,
               frame: str | None = None) -> bytes:
        """The graph as ``fmt`` (turtle, ntriples, nquads, trig, jsonld, rdfxml), byte for
        byte the same for the same files: see :mod:`dngraph.export`.

        >>> kg.export("nquads", graphs="asserted,editorial")   # doctest: +SKIP
        >>> kg.export("jsonld", frame="nation")                 # doctest: +SKIP
        """
        from .export import export

        return export(self, fmt, graphs, sources, with_ontology, frame)

    def describe(self, distributions=None, base_url: str | None = None):
        """The dataset's VoID and DCAT description as an rdflib Graph (:mod:`dngraph.describe`);
        ``distributions`` is a folder of released files to list with their checksums."""
        from .describe import describe

        return describe(self, distributions, base_url)

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
