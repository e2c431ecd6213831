"""What remote SPARQL engines do differently, handled here and nowhere else.

- **The dataset**: Virtuoso's default graph is the union of all graphs, the oxigraph
  server's is its (empty) default graph unless started with ``--union-default-graph``.
  dngraph names the dataset of every query with the Protocol's ``default-graph-uri`` and
  ``named-graph-uri`` parameters (SPARQL 1.1 Protocol, section 2.1.4), which both take:
  the merged asserted graph (and the inferred one) as default graph, and the graphs the
  embedded store has as named graphs, so a query sees what it sees there.
- **ASK**: Virtuoso answers ASK with a result set of one variable ``__ASK_RETVAL``
  bound to 1 or 0 instead of a boolean (SPARQL 1.1 Query Results JSON, section 3.2.2).
- **Literals**: Virtuoso writes ``"type": "typed-literal"`` (a SPARQL 1.0 JSON form)
  where SPARQL 1.1 JSON results say ``"literal"`` with a ``datatype``.
- **Blank nodes** cannot cross a Graph Store request (each request is a new document),
  so pushed blank nodes become Skolem IRIs under ``GENID`` (RDF 1.1 Concepts,
  section 3.5) and answers turn them back into blank nodes.
- **Graph Store URL**: guessed from the query URL where the engine is recognised.
"""

from __future__ import annotations

import json
import urllib.parse

from .namespaces import GENID

ASK_VARIABLE = "__ASK_RETVAL"

# Query path -> Graph Store path: oxigraph server (/query -> /store) and Virtuoso
# (/sparql -> /sparql-graph-crud-auth, the Graph Store service that takes digest auth).
_GRAPH_STORE_PATHS = {"/query": "/store", "/sparql": "/sparql-graph-crud-auth"}


def graph_store_url(query_url: str) -> str | None:
    """The Graph Store URL of a recognised engine's query URL; None when it cannot be told."""
    parts = urllib.parse.urlsplit(query_url)
    path = parts.path.rstrip("/")
    for query_path, store_path in _GRAPH_STORE_PATHS.items():
        if path.endswith(query_path):
            return urllib.parse.urlunsplit(
                (parts.scheme, parts.netloc, path[: -len(query_path)] + store_path, "", ""))
    return None


def dataset_params(default_graphs, named_graphs) -> list[tuple[str, str]]:
    """The Protocol parameters naming the query's dataset (``default-graph-uri``, ``named-graph-uri``)."""
    return ([("default-graph-uri", iri) for iri in default_graphs]
            + [("named-graph-uri", iri) for iri in named_graphs])


def normalised_results(payload: bytes) -> bytes:
    """SPARQL 1.1 JSON results from what the engine sent: Virtuoso's ASK result set becomes a
    boolean, ``typed-literal`` becomes ``literal``, Skolem IRIs become blank nodes again."""
    data = json.loads(payload)
    head = data.get("head", {})
    bindings = data.get("results", {}).get("bindings", [])
    if "boolean" not in data and head.get("vars") == [ASK_VARIABLE]:
        value = bindings[0].get(ASK_VARIABLE, {}).get("value") if bindings else "0"
        return json.dumps({"head": {}, "boolean": value in ("1", "true")}).encode()
    for row in bindings:
        for term in row.values():
            if term.get("type") == "typed-literal":
                term["type"] = "literal"
            elif term.get("type") == "uri" and term["value"].startswith(GENID):
                term["type"], term["value"] = "bnode", term["value"][len(GENID):]
    return json.dumps(data).encode()


def skolem(term):
    """A pyoxigraph term with a blank node replaced by its Skolem IRI; other terms unchanged."""
    import pyoxigraph as ox

    if isinstance(term, ox.BlankNode):
        return ox.NamedNode(GENID + term.value)
    return term


def unskolem(term):
    """The blank node a Skolem IRI of ours stands for; other terms unchanged."""
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode) and term.value.startswith(GENID):
        return ox.BlankNode(term.value[len(GENID):])
    return term


def unskolem_triple(triple):
    """A pyoxigraph triple read from the engine, with its Skolem IRIs turned back into blank nodes."""
    import pyoxigraph as ox

    return ox.Triple(unskolem(triple.subject), triple.predicate, unskolem(triple.object))
