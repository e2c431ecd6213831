"""Parse, reason and lay out the built graph in a pyoxigraph store.

The layout every query relies on: each asserted source file in a named graph of
its own (the ontology in ``ONTOLOGY_IRI``), the RDF merge of all of them as the
default graph, so a query sees each triple once however many sources state it
(SPARQL 1.1, section 13.1), and the entailments in ``INFERRED_GRAPH``, disjoint
from the default graph by construction.
"""

from __future__ import annotations

from pathlib import Path

from .namespaces import INFERRED_GRAPH
from .resources import Layout

REASONERS = ("owlrl",)


def build_store(layout: Layout, reasoner: str, folder: Path | None):
    """Build the graph as ``(store, manifest)``: on disk in ``folder`` (the store
    returned is then None; open it read-only) or, without a folder, in memory."""
    import pyoxigraph

    work = _owlrl_dataset(layout)
    manifest = {"reasoner": reasoner, "counts": _counts(work)}
    if folder is None:
        return work, manifest
    disk = pyoxigraph.Store(str(folder))
    disk.bulk_extend(work.quads_for_pattern(None, None, None))
    disk.flush()
    del disk  # closes the database before the folder is sealed and renamed
    return None, manifest


def _owlrl_dataset(layout: Layout):
    """The reference path: rdflib parses, owlrl reasons, the result goes to pyoxigraph."""
    import pyoxigraph
    import rdflib

    from .load import load_dataset, union_graph
    from .reason import owlrl_closure

    dataset, _ = load_dataset(layout)
    merged = union_graph(dataset)
    closure = owlrl_closure(merged)
    inferred = dataset.graph(rdflib.URIRef(INFERRED_GRAPH))
    for triple in closure.inferred:
        inferred.add(triple)
    payload = (dataset.serialize(format="nquads", encoding="utf-8")
               + merged.serialize(format="nt", encoding="utf-8"))
    work = pyoxigraph.Store()
    work.load(payload, format=pyoxigraph.RdfFormat.N_QUADS)
    return work


def _counts(store) -> dict[str, int]:
    """Quads per graph ("" for the default graph): the figures ``stats`` shows."""
    query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    counts = {row["g"].value: int(row["n"].value) for row in store.query(query)}
    counts[""] = int(next(iter(store.query(
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))["n"].value)
    return counts
