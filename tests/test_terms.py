"""RDF terms as plain Python values: the datatype decides, an ill-formed literal keeps its text."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pyoxigraph as ox

from dngraph.namespaces import XSD
from dngraph.terms import to_python


def literal(text, datatype):
    return ox.Literal(text, datatype=ox.NamedNode(datatype))


def test_each_datatype_gives_its_python_value():
    assert to_python(literal("12", XSD.positiveInteger)) == 12
    assert to_python(literal("-3", XSD.integer)) == -3
    assert to_python(literal("1.50", XSD.decimal)) == Decimal("1.50")
    assert to_python(literal("2.5E0", XSD.double)) == 2.5
    assert to_python(literal("true", XSD.boolean)) is True and to_python(literal("0", XSD.boolean)) is False
    assert to_python(literal("2014-12-09", XSD.date)) == datetime.date(2014, 12, 9)
    assert to_python(literal("2014", XSD.gYear)) == "2014"
    assert to_python(ox.Literal("Canada", language="en")) == "Canada"
    assert to_python(ox.NamedNode("https://w3id.org/dngraph/id/nation/ca")) == "https://w3id.org/dngraph/id/nation/ca"
    assert to_python(ox.BlankNode("b1")) == "_:b1"
    assert to_python(None) is None


def test_an_ill_formed_literal_keeps_its_text():
    for text, datatype in (("twelve", XSD.integer), ("1,5", XSD.decimal), ("x", XSD.double),
                           ("2014-13-45", XSD.date)):
        assert to_python(literal(text, datatype)) == text
