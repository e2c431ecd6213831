"""The ontology plus the data is consistent under OWL RL, and reasoning adds what it should."""

from dngraph.load import load_dataset, union_graph, parse_turtle
from dngraph.reason import owlrl_closure

from conftest import FIXTURES


def test_shipped_graph_is_consistent(kg):
    dataset, _ = load_dataset(kg.layout)
    closure = owlrl_closure(union_graph(dataset))
    assert closure.consistent, closure.inconsistencies


def test_inconsistency_is_detected(kg):
    # A chair term that is also a forum membership breaks a disjointness axiom.
    graph = union_graph(load_dataset(kg.layout)[0])
    parse_turtle(FIXTURES / "inconsistent.ttl", graph)
    closure = owlrl_closure(graph)
    assert not closure.consistent
    assert any("chair-term/2020" in message for message in closure.inconsistencies)


def test_inverse_and_subclass_entailments(kg):
    # Canada chairs in 2020 (source: Shared Solutions to Common Problems); the
    # inverse property and the class hierarchy answer the reverse questions.
    rows = kg.sparql("""
        PREFIX dn: <https://w3id.org/dngraph/ontology#>
        PREFIX org: <http://www.w3.org/ns/org#>
        SELECT ?term WHERE {
          <https://w3id.org/dngraph/id/nation/ca> dn:chairTerm ?term .
          ?term a org:Membership .
        }""").rows
    assert {"term": "https://w3id.org/dngraph/id/chair-term/2020"} in rows
    asserted_only = kg.sparql("""
        PREFIX dn: <https://w3id.org/dngraph/ontology#>
        PREFIX org: <http://www.w3.org/ns/org#>
        SELECT ?term WHERE { <https://w3id.org/dngraph/id/chair-term/2020> a org:Membership }""",
        infer=False).rows
    assert asserted_only == []
