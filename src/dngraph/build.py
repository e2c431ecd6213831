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
# oxigraph's bulk loader keeps what one call gives it in memory (it aims at about 2 GB a
# thread), so the built quads are written in slices of this many: at 10^6 triples the
# build's peak memory stays near the size of the graph in memory, not twice it.
WRITE_SLICE = 250_000


def build_store(layout: Layout, reasoner: str, folder: Path | None):
    """Build the graph as ``(store, manifest)``: on disk in ``folder`` (the store
    returned is then None; open it read-only) or, without a folder, in memory."""
    from .clashes import Clash, find_clashes

    if reasoner == "owlrl":
        work, messages = _owlrl_dataset(layout)
    else:
        work, messages = _rules_dataset(layout), []
    files = _files(layout)
    clashes = find_clashes(work, files)
    if messages and not clashes:  # owlrl found what the clash rules do not cover
        clashes = [Clash("owlrl", (), message) for message in messages]
    manifest = {"reasoner": reasoner, "counts": _counts(work), "sources": files,
                "inconsistencies": [clash.to_dict() for clash in clashes]}
    if folder is None:
        return work, manifest
    _write(work, folder)
    return None, manifest


def _write(work, folder: Path) -> None:
    """Every quad of ``work`` into a new on-disk store in ``folder``."""
    import pyoxigraph

    disk = pyoxigraph.Store(str(folder))
    bulk_write(disk, work.quads_for_pattern(None, None, None))
    disk.flush()
    del disk  # closes the database before the folder is sealed and renamed


def bulk_write(store, quads) -> None:
    """Add the quads an iterator gives to an on-disk ``store``, :data:`WRITE_SLICE` at a time."""
    import itertools

    quads = iter(quads)
    for first in quads:
        store.bulk_extend(itertools.chain((first,), itertools.islice(quads, WRITE_SLICE - 1)))


def _rules_dataset(layout: Layout):
    """The fast path: pyoxigraph parses every file (checked as :mod:`dngraph.wellformed` says)
    and the rules of :mod:`dngraph.rules` reason."""
    import pyoxigraph

    from .load import load_turtle_into, source_files
    from .rules import add_provenance_and_merge, rule_closure, separate_inferred

    work = pyoxigraph.Store()
    for src in source_files(layout):
        load_turtle_into(work, src.path, pyoxigraph.NamedNode(src.graph))
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
