"""Literal tests of SHACL Core, on terms exactly as parsed, as the reference engine makes them.

``sh:datatype`` (SHACL section 4.1.2) holds for a literal of that datatype that
is well-formed: pySHACL asks rdflib (an ill-typed literal fails, and one whose
value rdflib cannot read as the datatype's Python type). The common lexical
forms are decided here without rdflib; any other asks rdflib itself, imported
only then (``tests/test_shacl_literals.py`` holds the shortcuts to rdflib's
answers). ``sh:minInclusive`` (section 4.4.3) compares values likewise, and a
reported value is the term rdflib would hold (it normalises some literals, e.g.
``"08"^^xsd:integer`` to ``"8"``).
"""

from __future__ import annotations

import re

from .namespaces import RDF, RDFS, XSD

_PLAIN = (XSD.string, RDF.langString)
_LANG, _LITERAL, _DATATYPE, _DATE = RDF.langString, RDFS.Literal, RDFS.Datatype, XSD.date
_DIGITS = re.compile(r"-?(0|[1-9][0-9]{0,17})")
# Lexical forms rdflib reads as a value of the datatype's type, decided without it.
_SURE = {
    XSD.integer: _DIGITS,
    XSD.nonNegativeInteger: re.compile(r"0|[1-9][0-9]{0,17}"),
    XSD.positiveInteger: re.compile(r"[1-9][0-9]{0,17}"),
    XSD.decimal: re.compile(r"-?(0|[1-9][0-9]{0,17})(\.[0-9]{1,17})?"),
    XSD.date: re.compile(r"[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"),
    XSD.gYear: re.compile(r"[1-9][0-9]{3}"),
    XSD.gYearMonth: re.compile(r"[1-9][0-9]{3}-(0[1-9]|1[0-2])"),
}


def datatype_ok(term, datatype: str) -> bool:
    """Whether ``term`` (a pyoxigraph term) meets ``sh:datatype datatype``."""
    import pyoxigraph

    if not isinstance(term, pyoxigraph.Literal):
        return False
    if datatype == _LITERAL or (datatype == _DATATYPE and not term.language):
        return True
    actual = _LANG if term.language else term.datatype.value
    if actual != datatype:
        return False
    if datatype in _PLAIN:
        return True
    sure = _SURE.get(datatype)
    if sure is not None and sure.fullmatch(term.value) and (datatype != _DATE or _is_date(term.value)):
        return True
    return _rdflib_ok(term.value, datatype)


def _is_date(text: str) -> bool:
    import datetime

    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _rdflib_ok(lexical: str, datatype: str) -> bool:
    """pySHACL's own test (``DatatypeConstraintComponent``) on the rdflib literal."""
    import rdflib
    from pyshacl.constraints.core.value_constraints import DatatypeConstraintComponent

    literal = rdflib.Literal(lexical, datatype=rdflib.URIRef(datatype))
    if literal.ill_typed is True:
        return False
    return DatatypeConstraintComponent._assert_actual_datatype(None, literal, rdflib.URIRef(datatype))


def min_inclusive_ok(term, bound) -> bool:
    """Whether ``term`` is a literal at least ``bound`` (section 4.4.3), as pySHACL compares them."""
    import pyoxigraph

    if not isinstance(term, pyoxigraph.Literal):
        return False
    if (term.datatype.value == bound.datatype.value == XSD.integer
            and _DIGITS.fullmatch(term.value) and _DIGITS.fullmatch(bound.value)):
        return int(term.value) >= int(bound.value)
    return _rdflib_compare(term, bound)


def _rdflib_compare(term, bound) -> bool:
    from pyshacl.rdfutil.compare import compare_literal

    from .rdfwrite import to_rdflib

    value, limit = to_rdflib(term, normalize=True), to_rdflib(bound, normalize=True)
    if isinstance(value.value, str) != isinstance(limit.value, str):
        return False
    try:
        return compare_literal(value, limit) >= 0
    except (TypeError, NotImplementedError):
        return False


def reported(term):
    """The term as the reference engine reports it: a literal of a datatype other than
    a string as rdflib normalises it, anything else as it is."""
    import pyoxigraph

    if not isinstance(term, pyoxigraph.Literal) or term.language or term.datatype.value in _PLAIN:
        return term
    from .rdfwrite import to_rdflib
    from .validate_pyshacl import to_oxigraph

    return to_oxigraph(to_rdflib(term, normalize=True))
