"""SPARQL-based targets selected in a thread and read back from tab-separated results
(dngraph.shacl_targets): the same nodes as reading the solutions one by one."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from dngraph.shacl_targets import SelectedTargets, selected

EX = "http://example.org/"
DATA = f"""
<{EX}a> a <{EX}C> ; <{EX}p> "x", 7 .
_:b a <{EX}C> ; <{EX}p> <{EX}a> .
<{EX}c> a <{EX}D> .
"""


@pytest.fixture
def store():
    store = ox.Store()
    store.load(DATA.encode(), format=ox.RdfFormat.TURTLE)
    return store


def one_by_one(store, query):
    return {s["this"] for s in store.query(query)} - {None}


@pytest.mark.parametrize("query", [
    f"SELECT ?this WHERE {{ ?this a <{EX}C> }}",  # an IRI and a blank node
    f"SELECT DISTINCT ?this WHERE {{ ?s <{EX}p> ?this }}",  # literals: read back as terms
    f"SELECT ?this WHERE {{ {{ ?this a <{EX}C> }} UNION {{ ?s <{EX}p> ?this }} }}",  # a blank node beside literals
    f"SELECT ?this ?s WHERE {{ ?s <{EX}p> ?this }}",  # more than ?this
    f"SELECT ?this WHERE {{ OPTIONAL {{ ?this a <{EX}Nothing> }} }}",  # unbound
    f"SELECT ?this WHERE {{ ?this a <{EX}Nothing> }}",  # no solution
])
def test_selected_nodes_are_the_solutions_nodes(store, query):
    assert selected(store, query) == one_by_one(store, query)


def test_the_tab_separated_answer_keeps_iris_and_blank_nodes(store):
    nodes = selected(store, f"SELECT ?this WHERE {{ ?this a <{EX}C> }}")
    assert ox.NamedNode(f"{EX}a") in nodes
    blank = next(n for n in nodes if isinstance(n, ox.BlankNode))
    assert next(iter(store.quads_for_pattern(blank, None, None)))  # the store's own node


def shapes_with(select: str):
    shapes = ox.Store()
    shapes.load(f"""@prefix sh: <http://www.w3.org/ns/shacl#> .
        <{EX}S> a sh:NodeShape ; sh:target <{EX}T> .
        <{EX}T> a sh:SPARQLTarget ; sh:select "{select}" .""".encode(), format=ox.RdfFormat.TURTLE)
    return shapes


def test_every_target_is_selected_in_its_thread(store):
    query = f"SELECT ?this WHERE {{ ?this a <{EX}C> }}"
    targets = SelectedTargets(shapes_with(query), store)
    assert targets.nodes(ox.NamedNode(f"{EX}T")) == one_by_one(store, query)
    assert targets.nodes(ox.NamedNode(f"{EX}S")) is None


def test_a_target_that_fails_raises_in_the_callers_thread(store):
    targets = SelectedTargets(shapes_with("SELEC ?this WHERE { }"), store)
    with pytest.raises(SyntaxError):
        targets.nodes(ox.NamedNode(f"{EX}T"))
