"""The SHACL Core part of the shapes, for validators that do not run SHACL-SPARQL.

``pyrudof`` validates SHACL Core only (https://www.w3.org/TR/shacl/#core-components).
This drops every shape that needs SHACL-SPARQL (a ``sh:sparql`` constraint, or a
SPARQL-based target, SHACL section 5 and 6 of the advanced features) with the
blank nodes it owns, and writes the rest, so such a validator does the Core part
of the work that ``dngraph validate`` does.
"""

from __future__ import annotations

from pathlib import Path

SH = "http://www.w3.org/ns/shacl#"


def write_core_shapes(shapes: Path, out: Path) -> int:
    """Write the Core-only shapes of ``shapes`` to ``out``; return how many shapes were dropped."""
    import rdflib

    graph = rdflib.Graph().parse(shapes, format="turtle")
    sparql, target = rdflib.URIRef(SH + "sparql"), rdflib.URIRef(SH + "target")
    dropped = set(graph.subjects(sparql, None)) | set(graph.subjects(target, None))
    for shape in dropped:
        _remove(graph, shape)
    graph.serialize(out, format="turtle")
    return len(dropped)


def _remove(graph, node) -> None:
    import rdflib

    for _, _, obj in list(graph.triples((node, None, None))):
        if isinstance(obj, rdflib.BNode):
            _remove(graph, obj)
    graph.remove((node, None, None))
