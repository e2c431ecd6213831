"""The data and shapes graphs a fast validation reads, parsed by pyoxigraph.

The files are parsed into one named graph each, with the loader's
``dcterms:source`` links (:mod:`.load`); the SHACL data graph (SHACL section
3.1, https://www.w3.org/TR/shacl/#data-graph) is their RDF merge, ontology
included, so ``sh:class`` sees the class hierarchy (section 4.1.1, "SHACL
instance"), as pySHACL's ``ont_graph`` gives it. The same checks as the loader
apply: a syntax error or a term that cannot be carried is a
:class:`~dngraph.errors.LoadError` naming the file and line.
"""

from __future__ import annotations

from pathlib import Path

from .load import SourceFile
from .namespaces import DCTERMS, ONTOLOGY_IRI
from .shacl_sparql import read_sparql


class DataGraph:
    """The data to validate, twice: ``quads``, a pyoxigraph Dataset holding every term as
    written (one named graph per file), and ``store``, a pyoxigraph Store whose default
    graph is their merge, for SPARQL: the built store (:mod:`dngraph.build` lays it out
    so) when given, else one made here. A Store keeps numbers by value (it reads
    ``"8"^^xsd:positiveInteger`` back as ``"8"^^xsd:integer``), so SHACL Core, which
    checks datatypes, sees the exact terms of ``quads``."""

    def __init__(self, quads: list, store=None):
        import pyoxigraph

        self.quads = pyoxigraph.Dataset(quads)
        if store is None:
            store = pyoxigraph.Store()
            store.extend(quads)
            store.update(read_sparql("merge-graphs.rq"))
        self.store = store

    def triples(self) -> set[str]:
        """The merge of every graph, ontology included, as N-Triples lines, terms exactly as parsed."""
        return {f"{q.subject} {q.predicate} {q.object} .\n" for q in self.quads}

    def size(self) -> int:
        """Distinct triples in the data graphs, the ontology left out (pySHACL's data graph)."""
        return len({(q.subject, q.predicate, q.object) for q in self.quads
                    if q.graph_name.value != ONTOLOGY_IRI})


def load_files(files: list[SourceFile], link_sources: bool = True, store=None) -> DataGraph:
    """Each file in its named graph with, unless ``link_sources`` is False, the loader's
    ``dcterms:source`` link from every IRI subject of a source graph to the graph.
    ``store``, if given, is a callable giving the built store of the same files,
    called once every file has parsed."""
    import pyoxigraph

    quads = []
    source = pyoxigraph.NamedNode(DCTERMS.source)
    for src in files:
        graph = pyoxigraph.NamedNode(src.graph)
        parsed = [pyoxigraph.Quad(t.subject, t.predicate, t.object, graph) for t in parse(src.path)]
        quads.extend(parsed)
        if link_sources and not src.is_ontology:
            subjects = {q.subject for q in parsed if isinstance(q.subject, pyoxigraph.NamedNode)} - {graph}
            quads.extend(pyoxigraph.Quad(s, source, graph, graph) for s in subjects)
    return DataGraph(quads, store() if store else None)


def load_shapes(path: Path):
    """The shapes graph, in a pyoxigraph Store (the shapes hold no numbers a Store would change)."""
    import pyoxigraph

    store = pyoxigraph.Store()
    store.extend(pyoxigraph.Quad(t.subject, t.predicate, t.object) for t in parse(path))
    return store


def parse(path: Path) -> list:
    """The triples of one Turtle file, terms as written, checked as the loader checks them."""
    import pyoxigraph

    from .errors import LoadError
    from .load import parse_turtle, read_text
    from .wellformed import check_terms

    text = read_text(path)
    try:
        triples = list(pyoxigraph.parse(text.encode("utf-8"), format=pyoxigraph.RdfFormat.TURTLE,
                                        base_iri=Path(path).resolve().as_uri()))
    except (SyntaxError, ValueError) as exc:
        parse_turtle(path)  # raises the loader's error, naming the file and line
        raise LoadError(path, f"Turtle error: {exc}") from None
    check_terms(((t.subject, t.predicate, t.object) for t in triples), path, text)
    return triples
