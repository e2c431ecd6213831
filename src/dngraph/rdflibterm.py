"""pyoxigraph terms as rdflib terms, for the writers that still hand terms to rdflib."""

from __future__ import annotations

from .namespaces import XSD


def to_rdflib(term, normalize: bool = False):
    """A pyoxigraph term as the equal rdflib term (blank node labels kept, literals
    normalised only when ``normalize``, ``xsd:string`` left implicit as RDF 1.1 has it)."""
    import pyoxigraph as ox
    import rdflib

    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    datatype = None if term.datatype.value == XSD.string else rdflib.URIRef(term.datatype.value)
    return rdflib.Literal(term.value, datatype=datatype, normalize=normalize)
