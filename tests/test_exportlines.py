"""The export's canonical lines: canonicalizing only the quads with a blank node gives
the lines that canonicalizing the whole dataset gives (RDFC-1.0 reads nothing else),
for merged graphs and for one graph each, with blank nodes two graphs share, nodes
alike but for their label, and "_:" inside a literal."""

from __future__ import annotations

import types

import pyoxigraph as ox
import pytest

from dngraph.exportlines import canonical_lines
from dngraph.namespaces import XSD

TRIG = """
@prefix ex: <http://example.org/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:g1 { ex:a ex:during _:i1 . _:i1 a ex:Interval ; ex:begins [ ex:month "2019-11"^^xsd:gYearMonth ] .
        ex:a ex:note [ ex:label "twin" ], [ ex:label "twin" ] ; ex:label "says _:x in text", "plain" ;
        ex:count "7"^^xsd:integer . _:shared ex:label "in two graphs" . }
ex:g2 { ex:b ex:sees _:shared ; ex:label "plain" ; ex:list ( "a" "b" ) . [] ex:about ex:b . }
ex:g3 { ex:c ex:label "no blank node here" . }
"""


def whole_dataset_lines(store, iris, merge):
    """What the export did before: every quad into one dataset, canonicalized, sorted."""
    dataset = ox.Dataset()
    for iri in iris:
        for quad in store.quads_for_pattern(None, None, None, ox.NamedNode(iri)):
            graph = ox.DefaultGraph() if merge else quad.graph_name
            dataset.add(ox.Quad(quad.subject, quad.predicate, quad.object, graph))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return sorted(set(ox.serialize(dataset, format=ox.RdfFormat.N_QUADS).decode().splitlines()))


@pytest.fixture(scope="module")
def kg():
    store = ox.Store()
    store.extend(ox.parse(TRIG.encode(), format=ox.RdfFormat.TRIG))
    return types.SimpleNamespace(store=store)


@pytest.mark.parametrize("merge", [True, False])
@pytest.mark.parametrize("iris", [["http://example.org/g1", "http://example.org/g2", "http://example.org/g3"],
                                  ["http://example.org/g2"], ["http://example.org/g3"]])
def test_the_lines_of_the_whole_dataset_canonicalized(kg, iris, merge):
    lines = canonical_lines(kg, iris, merge, dict)
    assert lines == whole_dataset_lines(kg.store, iris, merge)
    assert len(lines) == len(set(lines))


def test_an_integer_type_the_file_wrote_is_put_back(kg):
    written = {"http://example.org/g1": {(ox.NamedNode("http://example.org/a"), ox.NamedNode("http://example.org/count"),
                                          "7"): ox.NamedNode(XSD.positiveInteger)}}
    lines = canonical_lines(kg, ["http://example.org/g1"], True, lambda: written)
    assert f'<http://example.org/a> <http://example.org/count> "7"^^<{XSD.positiveInteger}> .' in lines
    assert not any(line.endswith(f'"7"^^<{XSD.integer}> .') for line in lines)
