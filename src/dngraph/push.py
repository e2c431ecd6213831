"""Load the built graph into a remote SPARQL server: ``dngraph push``.

Each graph goes through the SPARQL 1.1 Graph Store HTTP Protocol: its first chunk
is a ``PUT`` (section 5.3, the graph is replaced whole), further chunks are ``POST``
(section 5.5, merged into it), so pushing the same build twice leaves the server
as after one push. The graphs are those of the embedded store, plus the shapes:
one per source document (the editors' reading and the ontology among them), the
inferred graph, the RDF merge of the asserted graphs (``MERGED_GRAPH``, what the
embedded store has as its default graph) and the SHACL shapes (``SHAPES_GRAPH``).
Given an update URL and no Graph Store URL, the same is done through SPARQL 1.1
Update (``DROP SILENT GRAPH`` then ``INSERT DATA``). Blank nodes travel as Skolem
IRIs (:mod:`dngraph.engines`). Afterwards each
graph's triples are counted on the server; a count that differs is a failure.
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass, field

from .endpoint import Endpoint, EndpointError, shown
from .engines import graph_store_url, skolem
from .errors import EXIT_NONCONFORMING, DngraphError
from .namespaces import MERGED_GRAPH, SHAPES_GRAPH

CHUNK = 50_000


class PushMismatch(DngraphError):
    """The server counts other triples in a pushed graph than were sent."""

    exit_code = EXIT_NONCONFORMING


@dataclass
class PushReport:
    """What was pushed where: ``(graph, triples sent, triples counted on the server)``."""

    endpoint: str
    graphs: list = field(default_factory=list)

    def lines(self) -> list[str]:
        width = max((len(str(sent)) for _, sent, _ in self.graphs), default=1)
        out = [f"{sent:>{width}}  {graph}" + ("" if sent == counted else f"  (server counts {counted})")
               for graph, sent, counted in self.graphs]
        total = sum(sent for _, sent, _ in self.graphs)
        out.append(f"pushed {total} triples in {len(self.graphs)} graphs to {self.endpoint}, "
                   + ("each count checked on the server" if not self.mismatches() else "COUNTS DIFFER"))
        return out

    def mismatches(self) -> list:
        return [(graph, sent, counted) for graph, sent, counted in self.graphs if sent != counted]

    def check(self) -> None:
        """Raise :class:`PushMismatch` naming the first graph whose count differs."""
        wrong = self.mismatches()
        if wrong:
            graph, sent, counted = wrong[0]
            raise PushMismatch(f"push to {self.endpoint}: <{graph}> has {counted} triples on the server, "
                               f"{sent} were sent ({len(wrong)} graph(s) differ)")


def graphs_to_push(kg) -> list[tuple[str, list]]:
    """``(graph IRI, triples)`` of every graph to push, from the built store and the shapes file."""
    import pyoxigraph as ox

    store = kg.base_store
    graphs = [(MERGED_GRAPH, ox.DefaultGraph())] + sorted(
        ((g.value, g) for g in store.named_graphs()), key=lambda pair: pair[0])
    out = [(iri, [q.triple for q in store.quads_for_pattern(None, None, None, name)]) for iri, name in graphs]
    out.append((SHAPES_GRAPH, list(ox.parse(path=str(kg.layout.shapes), format=ox.RdfFormat.TURTLE))))
    return out


def push(kg, endpoint: Endpoint, chunk: int = CHUNK, progress=None) -> PushReport:
    """Push the graphs of :func:`graphs_to_push` to ``endpoint``; ``progress(done, total)`` is
    called after each chunk. The report holds each graph's count on the server (see :meth:`PushReport.check`)."""
    from .remote import RemoteGraph

    store_url = endpoint.graph_store or (None if endpoint.update_url else graph_store_url(endpoint.url))
    if not store_url and not endpoint.update_url:
        raise EndpointError("--graph-store: give the Graph Store URL; it cannot be told from "
                            f"{shown(endpoint.url)}")
    from .clashes import refuse_if_any

    refuse_if_any(getattr(kg, "local_clashes", kg.clashes)())
    graphs = graphs_to_push(kg)
    endpoint.check_access(_graph_url(store_url, SHAPES_GRAPH) if store_url else endpoint.update_url)
    total, done = sum(len(triples) for _, triples in graphs), 0
    for iri, triples in graphs:
        for start in range(0, max(len(triples), 1), chunk):
            if store_url:
                _send(endpoint, store_url, iri, triples[start:start + chunk], "PUT" if start == 0 else "POST")
            else:
                _update(endpoint, iri, triples[start:start + chunk], replace=start == 0)
            done += len(triples[start:start + chunk])
            if progress:
                progress(done, total)
    remote = RemoteGraph(endpoint, kg.layout.root, kg.cache_dir, kg.reasoner)
    report = PushReport(shown(endpoint.url))
    report.graphs = [(iri, len(triples), remote.graph_size(iri)) for iri, triples in graphs]
    return report


def _send(endpoint: Endpoint, store_url: str, graph: str, triples: list, method: str) -> None:
    """One Graph Store request: ``triples`` as N-Triples into ``graph``."""
    import pyoxigraph as ox

    payload = ox.serialize([ox.Triple(skolem(t.subject), t.predicate, skolem(t.object)) for t in triples],
                           format=ox.RdfFormat.N_TRIPLES) or b""
    endpoint.request(method, _graph_url(store_url, graph), payload, {"Content-Type": "application/n-triples"})


def _update(endpoint: Endpoint, graph: str, triples: list, replace: bool) -> None:
    """The same through SPARQL 1.1 Update (sections 3.1.1 and 3.2.2), for a server given by its
    update URL: the first chunk drops the graph, each chunk is an ``INSERT DATA`` of N-Triples."""
    import pyoxigraph as ox

    name = str(ox.NamedNode(graph))
    payload = (ox.serialize([ox.Triple(skolem(t.subject), t.predicate, skolem(t.object)) for t in triples],
                            format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8")
    text = (f"DROP SILENT GRAPH {name} ;\n" if replace else "") + f"INSERT DATA {{ GRAPH {name} {{\n{payload}}} }}"
    endpoint.request("POST", endpoint.update_url, text.encode("utf-8"),
                     {"Content-Type": "application/sparql-update; charset=utf-8"})


def _graph_url(store_url: str, graph: str) -> str:
    """The Graph Store URL of one graph (indirect identification, Graph Store Protocol section 4.2)."""
    separator = "&" if urllib.parse.urlsplit(store_url).query else "?"
    return f"{store_url}{separator}{urllib.parse.urlencode({'graph': graph})}"
