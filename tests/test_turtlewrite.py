"""The export's Turtle writer (dngraph.turtlelayout) against rdflib's serializer, which
it replaces: the same bytes for graphs that exercise every rule of rdflib's layout
(nesting, lists, ordering, prefixes, literal forms), and the same graph read back."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from dngraph import rdfwrite
from dngraph.turtlelayout import turtle_text
from dngraph.turtlewrite import Unsupported

PREFIXES = """
@prefix dn: <https://w3id.org/dngraph/ontology#> . @prefix id: <https://w3id.org/dngraph/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix time: <http://www.w3.org/2006/time#> . @prefix ex: <http://example.org/ns/> .
"""

GRAPHS = {
    "literals": """
id:a rdfs:label "plain", "with \\"quotes\\"", "back\\\\slash", "two\\nlines", "ends in quote\\n\\"",
        "triple \\"\\"\\" quotes\\nx", "carriage\\rreturn", "Tag"@en-GB, "tag"@fr, ""@en, "" ;
    dn:n 5, "+5"^^xsd:integer, "05"^^xsd:integer, " 5"^^xsd:integer, "-0"^^xsd:integer, "x"^^xsd:integer ;
    dn:b true, "false"^^xsd:boolean, "TRUE"^^xsd:boolean, "1"^^xsd:boolean ;
    dn:d "1.0E0"^^xsd:double, "INF"^^xsd:double, "-INF"^^xsd:float, "1.50"^^xsd:decimal,
        "40"^^xsd:decimal, "2020-01-02"^^xsd:date, "2020"^^xsd:gYear, "7"^^xsd:positiveInteger,
        "odd"^^ex:type, "odd"^^<http://example.org/bare> ;
    dn:nan "NaN"^^xsd:double .
""",
    "nesting": """
id:m dn:during [ a time:Interval ; time:hasBeginning [ a time:Instant ; time:inXSDgYearMonth "2019-11"^^xsd:gYearMonth ] ] ;
    dn:twin [ rdfs:label "same" ], [ rdfs:label "same" ] ; dn:empty [] .
_:shared rdfs:label "shared" . id:x dn:p _:shared . id:y dn:p _:shared .
[] rdfs:label "orphan" ; dn:p id:x .
_:c1 dn:next _:c2 . _:c2 dn:next _:c1 .
""",
    "lists": """
id:l dn:items ( "a" "b" id:x ( 1 2 ) ) ; dn:none () ; dn:one ( [ rdfs:label "in a list" ] ) .
id:bad dn:items _:h . _:h rdf:first "a" ; rdf:rest _:t ; rdfs:label "not only a list" . _:t rdf:first "b" ; rdf:rest rdf:nil .
""",
    "order": """
id:z a rdfs:Class ; rdfs:label "z" . _:k a rdfs:Class . id:a a rdfs:Class .
id:q dn:p id:b, id:a, "lit", 3, _:n1, id:a1, <https://w3id.org/dngraph/id/a0> ; rdfs:comment "c" ; a dn:T ; rdfs:label "q" .
id:r dn:p id:q . id:s dn:p id:q, id:r . _:n1 rdfs:label "n" .
<https://w3id.org/dngraph/id/> dn:p <https://w3id.org/dngraph/id/ends.> , <https://w3id.org/dngraph/id/pa(ren)> ,
    <https://w3id.org/dngraph/id/per%cent> , <https://w3id.org/dngraph/id/50%25> , <https://example.org/x#> .
""",
    "one made-up prefix": """
id:a <http://purl.org/vocab/vann/preferredNamespacePrefix> "dn" ; dn:p <http://purl.org/vocab/vann/thing> .
<http://purl.org/vocab/vann/thing> dn:p "t" .
""",
}


def triples(text: str) -> list:
    quads = ox.parse(("@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> ." + PREFIXES + text).encode(),
                     format=ox.RdfFormat.TURTLE)
    dataset = ox.Dataset(ox.Quad(q.subject, q.predicate, q.object) for q in quads)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return rdfwrite._sorted(dataset)


@pytest.mark.parametrize("name", sorted(GRAPHS))
def test_the_same_bytes_as_rdflib(name):
    quads = triples(GRAPHS[name])
    fast = turtle_text(quads, rdfwrite._exact_literals_serializer()(rdfwrite._bound_graph({"ex": "http://example.org/ns/"})))
    assert fast == rdfwrite._rdflib_turtle(quads, {"ex": "http://example.org/ns/"})
    back = ox.Dataset(ox.parse(fast.encode(), format=ox.RdfFormat.TURTLE))
    back.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    assert set(back) == set(quads)


def test_two_made_up_prefixes_are_left_to_rdflib():
    quads = triples("id:a <http://one.example/p> 1 ; <http://two.example/p> 2 .")
    with pytest.raises(Unsupported):
        turtle_text(quads, rdfwrite._exact_literals_serializer()(rdfwrite._bound_graph(None)))
    assert "ns2:" in rdfwrite._turtle(quads)
