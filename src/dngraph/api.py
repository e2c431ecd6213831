"""The Python entry point that the CLI and notebooks share.

    >>> import dngraph
    >>> kg = dngraph.open()
    >>> kg.sparql("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0]["n"] > 0
    True

Every failure is a :class:`dngraph.errors.DngraphError` whose ``exit_code``
says what kind it is (1 an inconsistent graph, 2 bad input, 3 internal).
"""

from __future__ import annotations

import functools
from pathlib import Path

from .namespaces import INFERRED_GRAPH
from .resources import Layout, default_root, library_query
from .result import Result, collect

__all__ = ["KnowledgeGraph", "Result", "open"]


class KnowledgeGraph:
    """The Digital Nations graph: source files, the built store, queries and checks."""

    #: Whether queries may reach the network (SERVICE); see :mod:`dngraph.guard`.
    allow_network = False
    #: Seconds :meth:`sparql` and :meth:`query` may run, and the most rows they may answer;
    #: either set runs them in a worker process that is killed at the limit (:mod:`dngraph.sandbox`).
    timeout: float | None = None
    max_rows: int | None = None

    def __init__(self, root: str | Path | None = None, cache_dir: str | Path | None = None,
                 reasoner: str = "rules"):
        self.layout = Layout(Path(root) if root else default_root())
        self.cache_dir = Path(cache_dir) if cache_dir else None
        self.reasoner = reasoner
        self._overlay, self._overlay_of = None, None
        self._queries = None
        self._labels = None
        self._terms = None

    # -- the built graph -------------------------------------------------
    @functools.cached_property
    def _opened(self):
        """The handle on the built store, made on first use (listing queries needs none)."""
        from .store import OpenedStore

        return OpenedStore(self.layout, self.cache_dir, self.reasoner)

    @property
    def store(self):
        """The pyoxigraph Store with asserted and inferred graphs (and linked dumps),
        built or opened once."""
        return self._with_linked(self._opened.get())

    @property
    def manifest(self) -> dict:
        """What the build recorded: reasoner, counts per graph, source files, inconsistencies."""
        return self._opened.manifest

    @property
    def built(self) -> bool:
        """Whether this object built (or rebuilt) the store rather than reusing one."""
        return self._opened.built

    def _with_linked(self, base):
        """``base``, or the store that also holds the linked dumps (:func:`dngraph.linked.overlay`)."""
        from .linked import overlay

        if self._overlay_of is not base:
            self._overlay = overlay(base, self.manifest.get("key"), self.linked_root)
            self._overlay_of = base
        return self._overlay

    @property
    def base_store(self):
        """The built graph alone, without linked dumps."""
        return self._opened.get()

    def release(self) -> None:
        """Close the stores; the next query opens them again."""
        self._opened.store = self._overlay = self._overlay_of = None

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
                  predeclare: bool = False, linked: bool = False):
        """Run SPARQL on the store over :meth:`default_graph`; named graphs (the sources,
        and linked dumps under ``graph/linked/``) stay reachable with ``GRAPH``.
        ``substitutions`` bind variables to pyoxigraph terms; ``predeclare`` adds the
        project's prefixes the text does not declare; ``linked`` adds the linked dumps'
        graphs to the default graph. An inconsistent graph raises
        :class:`dngraph.errors.InconsistentGraph`."""
        from .clashes import refuse_if_any
        from .guard import execute_screened

        refuse_if_any(self.clashes())
        return self._opened.run(lambda base: execute_screened(
            self._with_linked(base), text, self.default_graph(infer, linked), substitutions, predeclare,
            self.allow_network))

    def clashes(self) -> list:
        """The inconsistencies the build found (:class:`dngraph.clashes.Clash`); empty when consistent."""
        from .clashes import Clash

        self._opened.get()
        return [Clash.from_dict(found) for found in self.manifest.get("inconsistencies", [])]

    def sparql(self, text: str, infer: bool = True, linked: bool = False, **bindings) -> Result:
        """Run any SPARQL query; ``bindings`` are pyoxigraph terms for its variables.

        The project's prefixes (``dn:``, ``id:``, ``skos:`` ...) need no declaration.
        ``Result.warnings`` names ``dn:`` terms the ontology does not define; ``linked``
        adds the linked dumps' graphs to the default graph."""
        from .userquery import unknown_terms

        if self.timeout is not None or self.max_rows is not None:
            from .sandbox import run_limited

            return run_limited(self, "sparql", text, infer=infer, linked=linked, **bindings)
        answer = self.raw_query(text, bindings, infer, predeclare=True, linked=linked)
        warnings = unknown_terms(text, self.ontology_terms())
        return self._labelled(collect(answer, warnings=warnings))

    def library(self, name: str, infer: bool = False, **bindings) -> Result:
        """Run one of the library's own queries (``src/dngraph/sparql/{name}.rq``)."""
        return self._labelled(collect(self.raw_query(library_query(name), bindings, infer)))

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

    def query(self, name: str, infer: bool = True, with_sources: bool = False, **params) -> Result:
        """Run the saved query ``name`` with keyword parameters. With ``with_sources``,
        each row also lists the graphs of the facts behind it (:mod:`dngraph.citations`).

        >>> kg.query("members", on="2021-11-18")   # doctest: +SKIP
        """
        from .queries import check_classes

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

    # -- checks and figures ------------------------------------------------
    def validate(self, engine: str = "fast"):
        """Validate every data file against the shapes: a :class:`ValidationReport`.
        An inconsistency the build found is a violation too (see :mod:`dngraph.clashes`).

        ``engine`` is ``"fast"`` (rudof, and SPARQL on the built store) or ``"pyshacl"``
        (the reference); both give the same results. Unchanged input is answered from
        a report cached beside the built store.
        """
        from .clashes import add_to_report
        from .validate import validate_layout

        report = validate_layout(self.layout, engine=engine, cache=self.cache_dir,
                                 store=lambda: self.base_store)
        return add_to_report(report, self.clashes())

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
        from .params import iri_term

        result = self.library("sources-of", thing=iri_term(iri, "iri"))
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

    def vocabulary(self, langs=("en",)) -> list:
        """The ontology's classes and properties, documented (:class:`dngraph.vocabulary.Term`)."""
        from .vocabulary import ontology_terms

        return ontology_terms(self, tuple(langs))

    def instances(self, cls: str) -> list[tuple[str, str]]:
        """(IRI, label) of every thing of the class ``cls`` (a full IRI), by label."""
        from .vocabulary import instances

        return instances(self, cls)

    # -- releases, changelogs and reference pages ------------------------------
    def write_release(self, folder, label: str | None = None, base_url: str | None = None) -> list[Path]:
        """Write a release of the graph to ``folder``: every export format, the VoID/DCAT
        description, the linkset and SHA-256 checksums (:mod:`dngraph.release`). (``release()``
        closes the stores.)"""
        from .release import write_release

        return write_release(self, folder, label, base_url)

    def release_quads(self) -> bytes:
        """The N-Quads a release of this graph holds (``dngraph.nq``)."""
        from .release import RELEASED_GRAPHS

        return self.export("nquads", RELEASED_GRAPHS, (), True)

    def diff(self, old: str, new: str, repo: str | Path | None = None):
        """What changed from ``old`` to ``new`` (each a release, project or data folder, or a
        git revision of the git repository ``repo``, by default the current folder, as for git):
        a :class:`dngraph.diff.Diff`. A bare data folder is built with this graph's ontology."""
        import tempfile

        from .diff import diff
        from .snapshot import load_snapshot

        def build(root):
            with tempfile.TemporaryDirectory(prefix="dngraph-diff-cache-") as cache:
                other = KnowledgeGraph(root, cache, self.reasoner)
                try:
                    return other.release_quads()
                finally:
                    other.release()

        repo = Path(repo) if repo else Path.cwd()
        sides = [load_snapshot(spec, repo, self.layout.ontology.parent, build) for spec in (old, new)]
        return diff(sides[0].dataset, sides[1].dataset, old, new)

    def write_docs(self, folder) -> Path:
        """Write the ontology's offline HTML reference to ``folder/index.html`` (:mod:`dngraph.docs`)."""
        from . import __version__
        from .docs import write_docs

        return write_docs(self.layout, folder, __version__)

    # -- remote engines ------------------------------------------------------
    def push(self, endpoint: str | None = None, graph_store: str | None = None, auth=None,
             chunk: int | None = None, progress=None):
        """Load the built graph into a SPARQL server through the Graph Store Protocol, each
        graph replaced whole: a :class:`dngraph.push.PushReport` with the server's count per
        graph. ``endpoint`` is the query URL (default: that of this remote graph), ``auth`` as in
        :func:`open`; ``progress(done, total)`` is called after each chunk of ``chunk`` triples."""
        from .push import CHUNK, push
        from .remoteconfig import endpoint_of

        target = (endpoint_of(endpoint, graph_store=graph_store, auth=auth) if endpoint
                  else getattr(self, "endpoint", None))
        if target is None:
            from .errors import ParameterError

            raise ParameterError("push: give the endpoint to push to")
        return push(self, target, chunk or CHUNK, progress)

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


def open(root: str | Path | None = None, cache_dir: str | Path | None = None,  # noqa: A001
         reasoner: str = "rules", allow_network: bool = False, timeout: float | None = None,
         max_rows: int | None = None, *, endpoint: str | None = None, update_endpoint: str | None = None,
         graph_store: str | None = None, auth=None) -> KnowledgeGraph:
    """Open the knowledge graph shipped with dngraph, or the one under ``root``.

    ``reasoner`` computes the OWL 2 RL entailments: ``"rules"`` (the default, rules
    run inside pyoxigraph, :mod:`dngraph.rules`) or ``"owlrl"`` (the reference).
    ``allow_network`` lets queries use ``SERVICE`` (refused otherwise: :mod:`dngraph.guard`);
    ``timeout`` (seconds) and ``max_rows`` bound every :meth:`~KnowledgeGraph.sparql` and
    :meth:`~KnowledgeGraph.query` (:mod:`dngraph.sandbox`; on a remote engine, the HTTP
    request's time limit).

    With ``endpoint`` (a SPARQL 1.1 query URL), queries go to that server, which
    ``kg.push`` filled: a :class:`dngraph.remote.RemoteGraph`; ``auth`` is
    ``(user, password)`` or ``(user, password, "basic" | "digest")``; ``graph_store``
    is the Graph Store URL ``push`` writes to (told from ``endpoint`` for the oxigraph
    server and Virtuoso), or, without it, ``update_endpoint`` a SPARQL Update URL."""
    from .build import REASONERS

    if reasoner not in REASONERS:
        from .errors import ParameterError

        raise ParameterError(f"reasoner {reasoner!r}: use one of {', '.join(REASONERS)}")
    if endpoint:
        kg = _remote(root, cache_dir, reasoner, endpoint, update_endpoint, graph_store, auth)
    else:
        kg = KnowledgeGraph(root, cache_dir, reasoner)
    kg.allow_network, kg.timeout, kg.max_rows = allow_network, timeout, max_rows
    return kg


def _remote(root, cache_dir, reasoner, endpoint, update_endpoint, graph_store, auth) -> KnowledgeGraph:
    """The graph under ``root`` as a remote engine answers it (:mod:`dngraph.remote`)."""
    from .remote import RemoteGraph
    from .remoteconfig import endpoint_of

    return RemoteGraph(endpoint_of(endpoint, update_endpoint, graph_store, auth), root, cache_dir, reasoner)
