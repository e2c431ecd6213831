"""The endpoint's SPARQL 1.1 Service Description
(https://www.w3.org/TR/sparql11-service-description/): what it speaks, the formats it
answers in, and its dataset (the default graph and one named graph per source document)."""

from __future__ import annotations

from ..namespaces import FORMATS, INFERRED_GRAPH, RDF, SD
from .jobs import write_graph_any

RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
                  "SPARQL_Results_TSV", "Turtle", "N-Triples", "JSON-LD", "RDF_XML")


def service_description(kg, endpoint: str, fmt: str) -> str:
    """The description of the endpoint at ``endpoint`` in the graph format ``fmt``."""
    import pyoxigraph as ox

    iri = lambda value: ox.NamedNode(value)  # noqa: E731
    service, dataset, default = ox.BlankNode(), ox.BlankNode(), ox.BlankNode()
    triples = [
        (service, iri(RDF.type), iri(SD.Service)),
        (service, iri(SD.endpoint), iri(endpoint)),
        (service, iri(SD.supportedLanguage), iri(SD.SPARQL11Query)),
        (service, iri(SD.defaultDataset), dataset),
        (dataset, iri(RDF.type), iri(SD.Dataset)),
        (dataset, iri(SD.defaultGraph), default),
        (default, iri(RDF.type), iri(SD.Graph)),
    ]
    triples += [(service, iri(SD.resultFormat), iri(FORMATS[name])) for name in RESULT_FORMATS]
    graphs = [*sorted(kg.manifest.get("sources", {})), INFERRED_GRAPH]
    for name in graphs:
        named = ox.BlankNode()
        triples += [(dataset, iri(SD.namedGraph), named), (named, iri(RDF.type), iri(SD.NamedGraph)),
                    (named, iri(SD.name), iri(name))]
    return write_graph_any([ox.Triple(*t) for t in triples], fmt)
