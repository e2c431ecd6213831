"""Parse, reason and lay out the built graph in a pyoxigraph store.

The layout every query relies on: each asserted source file in a named graph of
its own (the ontology in ``ONTOLOGY_IRI``), the RDF merge of all of them as the
default graph, so a query sees each triple once however many sources state it
(SPARQL 1.1, section 13.1), and the entailments in ``INFERRED_GRAPH``, disjoint
from the default graph by construction.
"""

from __future__ import annotations

from .namespaces import INFERRED_GRAPH

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing on the way to a query
if TYPE_CHECKING:  # for annotations only: the CLI imports this module for REASONERS
    from pathlib import Path

    from .resources import Layout

REASONERS = ("rules", "owlrl")


def build_store(layout: Layout, reasoner: str, folder: Path | None):
    """Build the graph as ``(store, manifest)``: on disk in ``folder`` (the store
    returned is then None; open it read-only) or, without a folder, in memory."""
    from .clashes import Clash, find_clashes
    from .storewrite import StoreWriter

    with StoreWriter(folder) as writer:
        if reasoner == "owlrl":
            work, messages = _owlrl_dataset(layout)
        else:
            work, messages = _rules_dataset(layout, writer), []
            writer.write(lambda: _added(work))  # laid out: written while the rest runs
        files = _files(layout)
        clashes = find_clashes(work, files)
        if messages and not clashes:  # owlrl found what the clash rules do not cover
            clashes = [Clash("owlrl", (), message) for message in messages]
        manifest = {"reasoner": reasoner, "counts": _counts(work), "sources": files,
                    "inconsistencies": [clash.to_dict() for clash in clashes]}
        if folder is None:
            return work, manifest
        writer.finish(lambda: work.quads_for_pattern(None, None, None))
    return None, manifest


def _parsed(work):
    """The quads of the parsed files (one named graph each), then the same triples in the
    default graph: what the build holds before it adds anything, and their merge."""
    import pyoxigraph

    yield from work.quads_for_pattern(None, None, None)
    for quad in work.quads_for_pattern(None, None, None):
        yield pyoxigraph.Quad(quad.subject, quad.predicate, quad.object)


def _added(work):
    """The quads the build adds to :func:`_parsed`: the entailments, and the
    ``dcterms:source`` of each subject in its graph and in the merge (a quad
    already written is given again, and stored once)."""
    import pyoxigraph

    from .namespaces import DCTERMS

    yield from work.quads_for_pattern(None, None, None, pyoxigraph.NamedNode(INFERRED_GRAPH))
    yield from work.quads_for_pattern(None, pyoxigraph.NamedNode(str(DCTERMS.source)), None)


def _rules_dataset(layout: Layout, writer):
    """The fast path: pyoxigraph parses every file (checked as :mod:`dngraph.wellformed`
    says), ``writer`` (a :class:`dngraph.storewrite.StoreWriter`) writes the parsed
    graphs, and the rules of :mod:`dngraph.rules` reason."""
    import pyoxigraph

    from .load import load_turtle_into, source_files
    from .rules import add_provenance_and_merge, rule_closure, separate_inferred

    work = pyoxigraph.Store()
    for src in source_files(layout):
        load_turtle_into(work, src.path, pyoxigraph.NamedNode(src.graph))
    writer.write(lambda: _parsed(work))
    add_provenance_and_merge(work)
    rule_closure(work)
    separate_inferred(work)
    return work


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
    return work, closure.inconsistencies


def _files(layout: Layout) -> dict[str, str]:
    """The file each graph was read from, relative to the layout's root when inside it."""
    from .load import source_files

    root = layout.root.resolve()
    shown = {}
    for src in source_files(layout):
        path = src.path.resolve()
        shown[src.graph] = str(path.relative_to(root)) if path.is_relative_to(root) else str(src.path)
    return shown


def _counts(store) -> dict[str, int]:
    """Quads per graph ("" for the default graph): the figures ``stats`` shows."""
    query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    counts = {row["g"].value: int(row["n"].value) for row in store.query(query)}
    counts[""] = int(next(iter(store.query(
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))["n"].value)
    return counts
