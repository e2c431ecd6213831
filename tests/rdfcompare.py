"""Compare RDF graphs and datasets read by rdflib, fast.

rdflib.compare.isomorphic takes minutes on the exported graphs, whose many
blank-node intervals look alike (three memberships beginning in February 2018),
so graphs are compared by their canonical form under the W3C RDF Dataset
Canonicalization algorithm RDFC-1.0 (computed by pyoxigraph): two datasets are
isomorphic exactly when their canonical quads are equal.
"""

from __future__ import annotations

import pyoxigraph as ox
import rdflib


def _term(term):
    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode("b" + "".join(c for c in str(term) if c.isalnum()))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype is not None:
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))


def canonical(graphs: dict) -> set:
    """``{graph name ('' for the default graph): rdflib Graph}`` as a set of canonical N-Quads lines."""
    dataset = ox.Dataset()
    for name, graph in graphs.items():
        graph_name = ox.NamedNode(name) if name else ox.DefaultGraph()
        for s, p, o in graph:
            dataset.add(ox.Quad(_term(s), _term(p), _term(o), graph_name))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return {str(quad) for quad in dataset}


def same(a, b) -> bool:
    """Whether two rdflib Graphs, or two ``{name: Graph}`` datasets, are isomorphic."""
    wrap = lambda g: g if isinstance(g, dict) else {"": g}  # noqa: E731
    return canonical(wrap(a)) == canonical(wrap(b))
