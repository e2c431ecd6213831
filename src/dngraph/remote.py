"""The knowledge graph answered by a remote SPARQL 1.1 server instead of the embedded store.

A :class:`RemoteGraph` is a :class:`dngraph.api.KnowledgeGraph` whose queries go to
an :class:`dngraph.endpoint.Endpoint` through the SPARQL 1.1 Protocol (section 2.1,
query by POST): the same saved queries from the same layout, the same typed
parameters (bound as a ``VALUES`` block, :mod:`dngraph.valuesbind`), and answers
parsed by pyoxigraph into the same terms, so every output format works unchanged.
Blank nodes live on the engine as Skolem IRIs; ``isBlank``/``isIRI`` tests are
rewritten to tell them apart (:func:`dngraph.valuesbind.with_skolem_tests`).
Every query names its dataset the way the embedded store lays it out
(:mod:`dngraph.engines`), which is what makes answers the same on every engine.
The graph must have been pushed first (:mod:`dngraph.push`). Its time limit and row
cap are held by each call (:mod:`dngraph.calllimits`), so threads may share it.
"""

from __future__ import annotations

import urllib.parse

from .api import KnowledgeGraph
from .calllimits import CallLimits
from .endpoint import Endpoint, EndpointError
from .engines import dataset_params, normalised_results, unskolem_triple
from .namespaces import INFERRED_GRAPH, MERGED_GRAPH
from .resources import library_query
from .valuesbind import query_form, with_skolem_tests, with_values

_RESULTS = "application/sparql-results+json"
_GRAPH = "application/n-triples, text/turtle;q=0.9"


class RemoteGraph(CallLimits, KnowledgeGraph):
    """The graph of the layout under ``root`` as pushed to ``endpoint``."""

    def __init__(self, endpoint: Endpoint, root=None, cache_dir=None, reasoner: str = "rules"):
        super().__init__(root, cache_dir, reasoner)
        self.endpoint = endpoint
        self._mirror = None

    def __repr__(self) -> str:
        return f"RemoteGraph({self.endpoint!r})"

    def named_graphs(self) -> list[str]:
        """The graphs the embedded store has as named graphs: one per source file, and the inferred one."""
        from .load import source_files

        return [src.graph for src in source_files(self.layout)] + [INFERRED_GRAPH]

    def raw_query(self, text: str, substitutions: dict | None = None, infer: bool = True,
                  predeclare: bool = False, linked: bool = False):
        """Run SPARQL on the remote engine, over the same dataset as the embedded store:
        the merged asserted graph (with the inferred one unless ``infer`` is False) as
        default graph and every source graph as a named graph. ``linked`` dumps stay local."""
        from .guard import check_graphs, screen
        from .userquery import with_prefixes

        screened = screen(text, self.allow_network)  # SERVICE, updates, hostile text: as on the embedded store
        if predeclare:
            text = with_prefixes(text)[0]
        text = with_values(with_skolem_tests(text), substitutions)
        if screened.has_dataset:  # FROM / FROM NAMED of a source graph: the query's own dataset
            check_graphs(screened, set(self.named_graphs()))
            return self.ask_engine(text, ())
        default = [MERGED_GRAPH] + ([INFERRED_GRAPH] if infer else [])
        return self.ask_engine(text, default, self.named_graphs())

    def sparql(self, text: str, infer: bool = True, linked: bool = False, **bindings):
        """:meth:`KnowledgeGraph.sparql` on the engine, under this graph's time limit and row cap."""
        return self._bounded(KnowledgeGraph.sparql, text, infer=infer, linked=linked, **bindings)

    def query(self, name: str, infer: bool = True, with_sources: bool = False, **params):
        """:meth:`KnowledgeGraph.query` on the engine, under this graph's time limit and row cap."""
        return self._bounded(KnowledgeGraph.query, name, infer=infer, with_sources=with_sources, **params)

    def sparql_stream(self, text: str, infer: bool = True, linked: bool = False, **bindings):
        """:meth:`sparql` read as rows: the engine sends its answer whole over HTTP, under this
        graph's limits, so the rows come from that answer (:class:`dngraph.stream.Rows`)."""
        return self._as_rows(self.sparql(text, infer=infer, linked=linked, **bindings))

    def query_stream(self, name: str, infer: bool = True, **params):
        """:meth:`query` read as rows, as :meth:`sparql_stream`."""
        return self._as_rows(self.query(name, infer=infer, **params))

    def _as_rows(self, result):
        from .stream import Rows

        if result.kind == "ask":
            return Rows("ask", boolean=result.boolean, warnings=result.warnings)
        if result.kind == "graph":
            return Rows("graph", source=result.triples, warnings=result.warnings)
        return Rows("select", result.variables, source=result.terms, warnings=result.warnings,
                    labels=self.labels_shown)

    def ask_engine(self, text: str, default_graphs, named_graphs=()):
        """Send ``text`` with its dataset; the answer as pyoxigraph gives one (solutions,
        a boolean, or triples)."""
        import pyoxigraph as ox

        graph = query_form(text) in ("construct", "describe")
        form = [("query", text)] + dataset_params(default_graphs, named_graphs)
        body, media_type = self.endpoint.request(
            "POST", self.endpoint.url, urllib.parse.urlencode(form).encode(),
            {"Content-Type": "application/x-www-form-urlencoded", "Accept": _GRAPH if graph else _RESULTS},
            timeout=self.request_timeout())
        try:
            if not graph:
                return ox.parse_query_results(normalised_results(body), ox.QueryResultsFormat.JSON)
            return _as_query_triples(ox.parse(body, ox.RdfFormat.from_media_type(media_type)
                                              or ox.RdfFormat.TURTLE))
        except (SyntaxError, ValueError) as exc:
            raise EndpointError(f"{self.endpoint!r} sent an answer that does not parse "
                                f"as {media_type}: {' '.join(str(exc).split())[:200]}") from None

    def clashes(self) -> list:
        """None checked here: the engine holds what was pushed, and push refuses an inconsistent build."""
        return []

    def local_clashes(self) -> list:
        """The inconsistencies of the local build (what :mod:`dngraph.push` would send)."""
        return super().clashes()

    @property
    def manifest(self) -> dict:
        """The source files of the layout; counts are the engine's (see :meth:`graph_size`)."""
        from .build import _files

        return {"reasoner": self.reasoner, "sources": _files(self.layout), "counts": {}, "inconsistencies": []}

    def graph_size(self, graph: str) -> int:
        """How many triples the engine holds in ``graph``."""
        answer = self.ask_engine(library_query("remote/count-triples"), [graph])
        return int(next(iter(answer))["triples"].value)

    def graph_triples(self, graph: str) -> list:
        """Every triple of ``graph`` on the engine, blank nodes as they were pushed; an error
        when the engine sent fewer than it counts (a server's cap on answer rows)."""
        triples = [unskolem_triple(t) for t in self.ask_engine(library_query("remote/graph-triples"), [graph])]
        counted = self.graph_size(graph)
        if len(triples) != counted:
            raise EndpointError(f"{self.endpoint!r} sent {len(triples)} of the {counted} triples of <{graph}>: "
                                "raise the server's limit on answer rows (Virtuoso: ResultSetMaxRows)")
        return triples

    @property
    def store(self):
        """An in-memory copy of the pushed graphs, for what reads the store directly (``export``)."""
        if self._mirror is None:
            self._mirror = _mirror(self)
        return self._mirror


    def release(self) -> None:
        self._mirror = None


def _as_query_triples(triples):
    """pyoxigraph's answer type for CONSTRUCT and DESCRIBE, over triples parsed from the engine."""
    import pyoxigraph as ox

    holder = ox.Store()
    holder.extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph())
                  for t in map(unskolem_triple, triples))
    return holder.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")


def _mirror(kg: RemoteGraph):
    """A pyoxigraph Store laid out as the build lays out the embedded one, read from the engine."""
    import pyoxigraph as ox

    store = ox.Store()
    for graph in [MERGED_GRAPH] + kg.named_graphs():
        name = ox.DefaultGraph() if graph == MERGED_GRAPH else ox.NamedNode(graph)
        store.extend(ox.Quad(t.subject, t.predicate, t.object, name) for t in kg.graph_triples(graph))
    return store
