"""The JSON-LD export's reader of canonical N-Triples lines gives pyld the same RDF
dataset as pyoxigraph's reading of the same text (dngraph.jsonld.rdf_dataset)."""

from __future__ import annotations

import pyoxigraph as ox

from dngraph.jsonld import rdf_dataset
from dngraph.jsonldlines import default_graph

TURTLE = """
@prefix ex: <http://example.org/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:a ex:p "plain", "Tag"@en-GB, "5"^^xsd:integer, "odd"^^ex:type, ex:b, [ ex:q "in a blank node" ] ;
    ex:text "quote \\" here", "two\\nlines", "tab\\there", "back\\\\slash", "snow \\u2603 man", "" ;
    ex:weird "a \\"b\\"@en", "x\\"^^<http://example.org/t>", "_:not a blank node" .
"""


def test_lines_read_as_pyoxigraph_reads_them():
    triples = list(ox.parse(TURTLE.encode(), format=ox.RdfFormat.TURTLE))
    text = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode()
    lines = sorted(set(text.splitlines()))
    assert any("\\\\" in line for line in lines) and any("\\" not in line and '"' in line for line in lines)
    assert default_graph(lines) == rdf_dataset("".join(line + "\n" for line in lines))
    assert default_graph([]) == rdf_dataset("") == {}
