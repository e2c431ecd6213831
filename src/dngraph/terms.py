"""RDF terms from pyoxigraph as plain Python values, and back."""

from __future__ import annotations

import datetime
from decimal import Decimal

from .namespaces import XSD

_INTEGERS = {XSD[t] for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                              "positiveInteger", "negativeInteger", "nonPositiveInteger",
                              "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")}


def to_python(term):
    """A plain value for a pyoxigraph term: str for IRIs and strings, int, Decimal,
    float, bool or datetime.date where the datatype says so; None for no value."""
    import pyoxigraph

    if term is None:
        return None
    if isinstance(term, pyoxigraph.NamedNode):
        return term.value
    if isinstance(term, pyoxigraph.BlankNode):
        return "_:" + term.value
    datatype = term.datatype.value
    text = term.value
    try:
        if datatype in _INTEGERS:
            return int(text)
        if datatype == XSD.decimal:
            return Decimal(text)
        if datatype in (XSD.double, XSD.float):
            return float(text)
        if datatype == XSD.boolean:
            return text in ("true", "1")
        if datatype == XSD.date:
            return datetime.date.fromisoformat(text)
    except ValueError:
        return text
    return text

