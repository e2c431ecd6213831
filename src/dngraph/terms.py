"""RDF terms from pyoxigraph as plain Python values, and back."""

from __future__ import annotations

import datetime
from decimal import Decimal

from .namespaces import XSD

# The datatypes derived from xsd:integer (XML Schema 2, section 3.4).
DERIVED_INTEGERS = {XSD[t] for t in ("int", "long", "short", "byte", "nonNegativeInteger",
                                     "positiveInteger", "negativeInteger", "nonPositiveInteger",
                                     "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")}
_INTEGERS = {XSD.integer} | DERIVED_INTEGERS
# The value a literal's text becomes, by datatype; any other datatype keeps the text.
_CONVERT = {**dict.fromkeys(_INTEGERS, int), XSD.decimal: Decimal, XSD.double: float, XSD.float: float,
            XSD.boolean: lambda text: text in ("true", "1"), XSD.date: datetime.date.fromisoformat}


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
    text = term.value
    convert = _CONVERT.get(term.datatype.value)
    if convert is None:
        return text
    try:
        return convert(text)
    except (ValueError, ArithmeticError):  # an ill-formed literal keeps its text
        return text

