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

from .api_link import LinkedDumps
from .api_pages import Pages
from .api_publish import Publishing
from .api_query import SavedQueries
from .namespaces import INFERRED_GRAPH
from .resources import Layout, default_root, library_query

__all__ = ["KnowledgeGraph", "Result", "open"]


class KnowledgeGraph(SavedQueries, LinkedDumps, Publishing, Pages):
    """The Digital Nations graph: source files, the built store, queries and checks.

    The built store and SPARQL are here; saved queries and labels come from
    :class:`~dngraph.api_query.SavedQueries`, linked dumps and push from
    :class:`~dngraph.api_link.LinkedDumps`, checks, exports and releases from
    :class:`~dngraph.api_publish.Publishing`, and the served pages' look-ups from
    :class:`~dngraph.api_pages.Pages`."""

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
        self._queries, self._read_alone = None, {}
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
        from .guard import execute_screened

        clashes = self.clashes()
        if clashes:
            from .clashes import refuse_if_any

            refuse_if_any(clashes)
        return self._opened.run(lambda base: execute_screened(
            self._with_linked(base), text, self.default_graph(infer, linked), substitutions, predeclare,
            self.allow_network))

    def clashes(self) -> list:
        """The inconsistencies the build found (:class:`dngraph.clashes.Clash`); empty when consistent."""
        self._opened.get()
        found = self.manifest.get("inconsistencies", [])
        if not found:  # the common case needs no import
            return []
        from .clashes import Clash

        return [Clash.from_dict(entry) for entry in found]

    def sparql(self, text: str, infer: bool = True, linked: bool = False, **bindings) -> Result:
        """Run any SPARQL query; ``bindings`` are pyoxigraph terms for its variables.

        The project's prefixes (``dn:``, ``id:``, ``skos:`` ...) need no declaration.
        ``Result.warnings`` names ``dn:`` terms the ontology does not define; ``linked``
        adds the linked dumps' graphs to the default graph."""
        from .result import collect
        from .userquery import unknown_terms

        if self.timeout is not None or self.max_rows is not None:
            from .sandbox import run_limited

            return run_limited(self, "sparql", text, infer=infer, linked=linked, **bindings)
        answer = self.raw_query(text, bindings, infer, predeclare=True, linked=linked)
        warnings = unknown_terms(text, self.ontology_terms())
        return self._labelled(collect(answer, warnings=warnings))

    def library(self, name: str, infer: bool = False, **bindings) -> Result:
        """Run one of the library's own queries (``src/dngraph/sparql/{name}.rq``)."""
        from .result import collect

        return self._labelled(collect(self.raw_query(library_query(name), bindings, infer)))


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


def __getattr__(name: str):
    """``Result``, imported when asked for: a streamed query does without it (and dataclasses)."""
    if name == "Result":
        from .result import Result

        return Result
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
