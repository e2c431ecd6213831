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
    checks datatypes, sees the exact terms of ``quads``. ``graphs`` holds each graph's
    name and its triples (parsed Quads in the default graph); the Dataset is made from
    them when first asked for (a conforming graph never needs it)."""

    def __init__(self, graphs: list, store=None):
        import pyoxigraph

        self.graphs = graphs
        self._quads = self._lines = None
        if store is None:
            store = pyoxigraph.Store()
            store.extend(self._all_quads())
            store.update(read_sparql("merge-graphs.rq"))
        self.store = store

    def _all_quads(self):
        import pyoxigraph

        return [pyoxigraph.Quad(t.subject, t.predicate, t.object, graph)
                for graph, triples in self.graphs for t in triples]

    @property
    def quads(self):
        if self._quads is None:
            import pyoxigraph

            self._quads = pyoxigraph.Dataset(self._all_quads())
        return self._quads

    def ntriples(self) -> bytes:
        """The merge of every graph, ontology included, as N-Triples (each triple once), terms exactly as parsed."""
        data, ontology = self._split_lines()
        return b"".join(data | ontology)

    def size(self) -> int:
        """Distinct triples in the data graphs, the ontology left out (pySHACL's data graph)."""
        return len(self._split_lines()[0])

    def _split_lines(self) -> tuple[set, set]:
        """The N-Triples lines of the data graphs and of the ontology, each a set."""
        import pyoxigraph

        if self._lines is None:
            data, ontology = set(), set()
            for graph, triples in self.graphs:
                text = pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES)
                (ontology if graph.value == ONTOLOGY_IRI else data).update(text.splitlines(keepends=True))
            self._lines = data, ontology
        return self._lines


def load_files(files: list[SourceFile], link_sources: bool = True, store=None) -> DataGraph:
    """Each file in its named graph with, unless ``link_sources`` is False, the loader's
    ``dcterms:source`` link from every IRI subject of a source graph to the graph.
    ``store``, if given, is a callable giving the built store of the same files,
    called once every file has parsed; the build checked their terms
    (:mod:`dngraph.wellformed`), so they are not checked again here."""
    import pyoxigraph

    graphs = []
    source = pyoxigraph.NamedNode(DCTERMS.source)
    for src in files:
        graph = pyoxigraph.NamedNode(src.graph)
        parsed = parse(src.path, check=store is None)
        if link_sources and not src.is_ontology:
            subjects = {t.subject for t in parsed if isinstance(t.subject, pyoxigraph.NamedNode)} - {graph}
            parsed.extend(pyoxigraph.Quad(s, source, graph) for s in subjects)
        graphs.append((graph, parsed))
    return DataGraph(graphs, store() if store else None)


def load_shapes(path: Path):
    """The shapes graph, in a pyoxigraph Store (the shapes hold no numbers a Store would change)."""
    import pyoxigraph

    store = pyoxigraph.Store()
    store.extend(pyoxigraph.Quad(t.subject, t.predicate, t.object) for t in parse(path))
    return store


def parse(path: Path, check: bool = True) -> list:
    """The triples of one Turtle file (Quads in the default graph), terms as written,
    checked as the loader checks them unless ``check`` is False."""
    import pyoxigraph

    from .errors import LoadError
    from .load import parse_turtle, read_text

    text = read_text(path)
    try:
        triples = list(pyoxigraph.parse(text.encode("utf-8"), format=pyoxigraph.RdfFormat.TURTLE,
                                        base_iri=Path(path).resolve().as_uri()))
    except (SyntaxError, ValueError) as exc:
        parse_turtle(path)  # raises the loader's error, naming the file and line
        raise LoadError(path, f"Turtle error: {exc}") from None
    if check:
        _check_terms(triples, path, text)
    return triples


def _check_terms(triples: list, path: Path, text: str) -> None:
    """:func:`dngraph.wellformed.check_terms`, called only once a term is found that it
    refuses: it names the line, and imports rdflib to tell rdflib's terms from pyoxigraph's."""
    import pyoxigraph

    from .wellformed import check_terms, iri_problem, literal_problem

    seen: set = set()
    for triple in triples:
        for term in (triple.subject, triple.predicate, triple.object):
            if term in seen:
                continue
            seen.add(term)
            if (iri_problem(term.value) if isinstance(term, pyoxigraph.NamedNode) else
                    literal_problem(term.value, term.datatype.value) if isinstance(term, pyoxigraph.Literal) else None):
                check_terms(((t.subject, t.predicate, t.object) for t in triples), path, text)
