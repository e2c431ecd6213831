"""Deterministic RDF writers: the same dataset always gives the same bytes.

N-Triples and N-Quads are written by pyoxigraph, one statement a line, the lines
sorted (with canonical blank node labels that is canonical N-Quads, RDF Dataset
Canonicalization section 4.6); TriG and RDF/XML too, from the sorted quads,
blank nodes by label, so a node shared by two graphs stays one node. Turtle is
written by rdflib, which nests blank nodes and sorts subjects, predicates and
objects. The project's prefixes are always bound, the same ones.
"""

from __future__ import annotations

from .namespaces import PREFIXES, XSD
from .rdflibterm import to_rdflib  # noqa: F401 - where callers have always found it

FORMATS = ("turtle", "trig", "rdfxml", "ntriples", "nquads")
QUAD_FORMATS = ("nquads", "trig")


def write(dataset, fmt: str) -> bytes:
    """``dataset`` (a pyoxigraph Dataset, canonicalized) as ``fmt``."""
    if fmt == "turtle":
        return _turtle(_sorted(dataset)).encode("utf-8")
    if fmt == "trig":
        return _trig(dataset)
    if fmt == "rdfxml":
        return _rdfxml(dataset)
    return sorted_lines(dataset, fmt)


def write_lines(lines: list[str], fmt: str) -> bytes:
    """Sorted canonical N-Quads ``lines`` (:mod:`dngraph.exportlines`; N-Triples for a
    format without graphs) as ``fmt``: the same bytes :func:`write` gives for their dataset."""
    if fmt in ("ntriples", "nquads"):
        return "".join(line + "\n" for line in lines).encode("utf-8")
    if fmt == "trig":
        lines = sorted(lines, key=lambda line: (line[line.rindex(" <", 0, len(line) - 2) + 1:-2], line))
    quads = _parsed(lines)
    if fmt == "turtle":
        return _turtle(quads).encode("utf-8")
    return _trig(quads, ordered=True) if fmt == "trig" else _rdfxml(quads, ordered=True)


def _parsed(lines: list[str]):
    import pyoxigraph as ox

    return ox.parse("\n".join(lines).encode("utf-8"), format=ox.RdfFormat.N_QUADS)


def turtle(dataset, extra_prefixes: dict) -> bytes:
    """``dataset`` (canonicalized) as Turtle, with ``extra_prefixes`` bound too."""
    return _turtle(_sorted(dataset), extra_prefixes).encode("utf-8")


def sorted_lines(dataset, fmt: str = "nquads") -> bytes:
    """N-Triples (the default graph) or N-Quads, one statement a line, sorted."""
    import pyoxigraph as ox

    if fmt == "ntriples":
        text = ox.serialize((q.triple for q in dataset), format=ox.RdfFormat.N_TRIPLES)
    else:
        text = ox.serialize(dataset, format=ox.RdfFormat.N_QUADS)
    lines = sorted(set(text.decode("utf-8").splitlines()))
    return "".join(line + "\n" for line in lines).encode("utf-8")


def _sorted(quads) -> list:
    return sorted(quads, key=lambda q: (str(q.subject), str(q.predicate), str(q.object)))


def _turtle(quads, extra_prefixes: dict | None = None) -> str:
    """The triples of ``quads`` (sorted) as Turtle, as rdflib writes it; ``extra_prefixes``
    are bound beside the project's. :mod:`dngraph.turtlelayout` lays it out; rdflib
    itself writes the rare graph for which it would make up a prefix."""
    from .turtlelayout import turtle_text
    from .turtlewrite import Unsupported

    quads = list(quads)
    try:
        return turtle_text(quads, _exact_literals_serializer()(_bound_graph(extra_prefixes)))
    except Unsupported:
        return _rdflib_turtle(quads, extra_prefixes)


def _bound_graph(extra_prefixes: dict | None):
    import rdflib

    graph = rdflib.Graph()
    _bind(graph)
    for prefix, namespace in sorted((extra_prefixes or {}).items()):
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def _rdflib_turtle(quads, extra_prefixes: dict | None) -> str:
    import io

    graph = _bound_graph(extra_prefixes)
    for quad in quads:
        graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    stream = io.BytesIO()
    _exact_literals_serializer()(graph).serialize(stream, encoding="utf-8")
    return stream.getvalue().decode("utf-8")


def _exact_literals_serializer():
    """rdflib's Turtle serializer, except that a number or boolean is written bare only
    when that keeps its lexical form: rdflib would write ``"40"^^xsd:decimal`` as
    ``40.0``, another RDF term (RDF 1.1 Concepts, section 3.3)."""
    import re

    from rdflib import Literal
    from rdflib.plugins.serializers.turtle import TurtleSerializer

    bare = {XSD.integer: re.compile(r"[+-]?[0-9]+"), XSD.boolean: re.compile(r"true|false")}

    class ExactTurtle(TurtleSerializer):
        def label(self, node, position):
            if isinstance(node, Literal) and node.datatype is not None and node.language is None:
                pattern = bare.get(str(node.datatype))
                if pattern is None or not pattern.fullmatch(str(node)):
                    return node.n3(self.store.namespace_manager)
            return super().label(node, position)

    return ExactTurtle


def _trig(dataset, ordered: bool = False) -> bytes:
    """TriG with blank node labels kept, so a node shared by two graphs stays one node;
    the quads sorted by graph, subject, predicate and object unless ``ordered`` already."""
    import pyoxigraph as ox

    quads = dataset if ordered else sorted(
        dataset, key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))
    return ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=dict(sorted(PREFIXES.items())))


def _rdfxml(dataset, ordered: bool = False) -> bytes:
    import pyoxigraph as ox

    triples = (q.triple for q in (dataset if ordered else _sorted(dataset)))
    return ox.serialize(triples, format=ox.RdfFormat.RDF_XML, prefixes=dict(sorted(PREFIXES.items())))


def _bind(graph) -> None:
    """Bind exactly the project's prefixes, replacing rdflib's defaults."""
    from rdflib.namespace import NamespaceManager

    graph.namespace_manager = NamespaceManager(graph, bind_namespaces="core")
    for prefix, namespace in sorted(PREFIXES.items()):
        graph.bind(prefix, namespace, override=True, replace=True)
