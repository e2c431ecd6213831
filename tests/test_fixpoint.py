"""The rule closure that runs only the rules due (dngraph.fixpoint) reaches the fixpoint that
running every rule round after round reaches, on graphs that need several rounds.

The reference is computed here, not written down: every update of the rules, whole, round
by round until the store stops growing (what the reasoner did before it kept track of what
each rule reads and writes), and, for the data the graphs describe, owlrl.
"""

from __future__ import annotations

import random

import pyoxigraph as ox
import pytest
import rdflib

from dngraph.fixpoint import meet, rule_keys, rule_parts
from dngraph.namespaces import OWL, RDF, RDFS
from dngraph.reason import owlrl_closure
from dngraph.rules import ordered_rules, rule_closure, rule_texts

PREFIXES = f"""@prefix rdf: <{RDF}> . @prefix rdfs: <{RDFS}> . @prefix owl: <{OWL}> .
@prefix : <http://example.org/> . @prefix d: <http://example.org/data/> .
"""
# Each block needs rules to feed rules that ran before them in a round.
ONTOLOGY = PREFIXES + """
:narrower rdfs:subPropertyOf rdfs:subClassOf .            # a subproperty of the schema itself
:A :narrower :B . :B :narrower :C . :C rdfs:subClassOf :D .
:ancestor a owl:TransitiveProperty ; owl:inverseOf :descendant .
:parent rdfs:subPropertyOf :ancestor .
:child owl:inverseOf :parent ; rdfs:subPropertyOf :descendant .
:grandparent owl:propertyChainAxiom ( :parent :parent ) .
:greatgrandparent owl:propertyChainAxiom ( :parent :parent :parent ) .
:relative a owl:SymmetricProperty . :descendant rdfs:subPropertyOf :relative .
:relative rdfs:domain :Person ; rdfs:range :Person . :Person owl:equivalentClass :Human .
:Human rdfs:subClassOf :Animal .
:up owl:inverseOf :down . :down owl:inverseOf :sideways .  # a property with two inverses
:sideways rdfs:subPropertyOf :knows . :knows rdfs:domain :A .
:id a owl:InverseFunctionalProperty . :mother a owl:FunctionalProperty .
:mother rdfs:subPropertyOf :parent .
:alias owl:sameAs :knows .                                 # owl:sameAs between properties
:Kin owl:sameAs :Human .
"""
DATA = PREFIXES + """
d:x :child d:y . d:y :child d:z . d:z :mother d:w1 . d:z :mother d:w2 .
d:w2 owl:sameAs d:w3 . d:w3 owl:sameAs d:w4 . d:w4 :id "4" . d:w5 :id "4" .
d:w5 :alias d:v . d:v :up d:u . d:t a :A . d:s a :Kin .
"""


def quads(text: str) -> list:
    return [ox.Quad(t.subject, t.predicate, t.object) for t in ox.parse(text, format=ox.RdfFormat.TURTLE)]


def stored(asserted: list) -> ox.Store:
    store = ox.Store()
    store.extend(asserted)
    return store


def every_rule_every_round(store: ox.Store) -> int:
    """The reference closure. On the way each INSERT's ASK must tell whether it adds something,
    and what a rule adds must match the keys sparql/rule-keys.rq says it writes."""
    texts, size, rounds = rule_texts(), -1, 0
    while size != len(store):
        size, rounds = len(store), rounds + 1
        for name in ordered_rules():
            before = set(store)
            for update, adds in rule_parts(texts[name]):
                count = len(store)
                expected = bool(store.query(adds))
                store.update(update)
                assert expected == (len(store) > count), (name, update)
            writes = rule_keys(store)[2].get(name, {(None, None)})  # no row: anything
            assert all(meet({(q.predicate, q.object)}, writes) for q in set(store) - before), name
    return rounds


@pytest.fixture(autouse=True)
def every_skip_is_checked(monkeypatch):
    """Whenever the closure passes a rule over, that rule's ASKs must find nothing to add."""
    from dngraph import fixpoint

    due, texts = fixpoint.Schedule.due, rule_texts()

    def checked(self, rule):
        if due(self, rule):
            return True
        assert not any(self.store.query(adds) for _, adds in rule_parts(texts[rule])), rule
        return False

    monkeypatch.setattr(fixpoint.Schedule, "due", checked)


def statements(store: ox.Store) -> set:
    return {str(q) for q in store}


# Graphs where a rule's conclusions feed a rule that ran before it, or the rule itself, so
# running every rule once in order does not reach the fixpoint.
CASES = {
    "inverse of an inverse": ":up owl:inverseOf :down . :down owl:inverseOf :sideways . d:v :up d:u .",
    "subproperty of the schema": """:narrower rdfs:subPropertyOf rdfs:subClassOf .
        :A :narrower :B . :B :narrower :C . d:t a :A .""",
    "subproperty of subPropertyOf": """:sub rdfs:subPropertyOf rdfs:subPropertyOf . :same owl:sameAs :sub .
        :p :same :q . d:x :p d:y .""",
    "subproperty of an inverse": """:p rdfs:subPropertyOf :q . :q owl:inverseOf :r . :r rdfs:subPropertyOf :t .
        :t owl:inverseOf :u . :u rdfs:domain :C . :C rdfs:subClassOf :D . d:x :p d:y .""",
    "chains and transitivity": """:anc a owl:TransitiveProperty . :par rdfs:subPropertyOf :anc .
        :gp owl:propertyChainAxiom ( :par :par ) . :gp rdfs:subPropertyOf :par .
        d:a :par d:b . d:b :par d:c . d:c :par d:d . d:d :par d:e .""",
    "owl:sameAs chains": """:f a owl:FunctionalProperty . d:x :f d:a , d:b . d:b owl:sameAs d:c .
        d:c owl:sameAs d:d . d:d :p d:e . :p owl:sameAs :q . :q owl:inverseOf :r .""",
    "symmetric and inverse": """:s a owl:SymmetricProperty . :s owl:inverseOf :i . :i rdfs:subPropertyOf :j .
        :j owl:equivalentProperty :s2 . :s2 rdfs:range :C . d:a :s d:b .""",
}


@pytest.mark.parametrize("case", CASES)
def test_graphs_that_need_several_rounds_reach_the_same_fixpoint(case):
    asserted = quads(PREFIXES + CASES[case])
    reference, ours = stored(asserted), stored(asserted)
    assert every_rule_every_round(reference) >= 3
    assert rule_closure(ours) >= 2
    assert statements(ours) == statements(reference)


def test_a_graph_with_all_of_it_reaches_the_same_fixpoint():
    asserted = quads(ONTOLOGY) + quads(DATA)
    reference, ours = stored(asserted), stored(asserted)
    assert every_rule_every_round(reference) >= 3
    assert rule_closure(ours) >= 3
    assert statements(ours) == statements(reference)
    assert len(ours) > len(asserted) + 100


def test_the_data_entailed_is_owlrls():
    """The data-level entailments (subjects in the data namespace) are those owlrl finds."""
    store = stored(quads(ONTOLOGY) + quads(DATA))
    rule_closure(store)
    dumped = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()).decode("utf-8")
    graph = rdflib.Graph().parse(data=ONTOLOGY + DATA, format="turtle")
    ours, theirs = (data_level(g) for g in (rdflib.Graph().parse(data=dumped, format="nt"),
                                            graph + owlrl_closure(graph).inferred))
    assert ours == theirs
    assert (rdflib.URIRef("http://example.org/data/s"), rdflib.RDF.type, rdflib.URIRef("http://example.org/Animal")) in ours


def data_level(graph) -> set:
    return {t for t in graph if str(t[0]).startswith("http://example.org/data/")}


def test_max_rounds_is_kept():
    with pytest.raises(RuntimeError, match="no fixpoint after 2 rounds"):
        rule_closure(stored(quads(ONTOLOGY) + quads(DATA)), max_rounds=2)


SCHEMA = [RDFS.subClassOf, RDFS.subPropertyOf, OWL.equivalentClass, OWL.equivalentProperty,
          OWL.inverseOf, RDFS.domain, RDFS.range, OWL.sameAs]
KINDS = [OWL.TransitiveProperty, OWL.SymmetricProperty, OWL.FunctionalProperty,
         OWL.InverseFunctionalProperty, OWL.Class]


def random_graph(seed: int) -> list:
    """A small graph mixing schema and data at random, the schema's own terms included."""
    pick = random.Random(seed).choice
    classes = [f"<http://example.org/C{i}>" for i in range(4)] + [f"<{OWL.Thing}>"]
    props = [f"<http://example.org/p{i}>" for i in range(5)] + [f"<{RDF.type}>", f"<{RDFS.subClassOf}>"]
    things = [f"<http://example.org/data/i{i}>" for i in range(6)]
    lines = []
    for n in range(22):
        kind = pick(["schema", "kind", "data", "data", "type", "chain"] if n % 7 else ["weird"])
        if kind == "schema":
            p = pick(SCHEMA)
            # rdf:type and rdfs:subClassOf with a superproperty, a domain or a range, not more:
            # equated with other properties they make a graph whose closure takes minutes.
            meta = p in (RDFS.subPropertyOf, RDFS.domain, RDFS.range)
            terms = classes if p in (RDFS.subClassOf, OWL.equivalentClass) else props if meta else props[:5]
            obj = pick(classes) if p in (RDFS.domain, RDFS.range) else pick(terms)
            lines.append(f"{pick(terms)} <{p}> {obj} .")
        elif kind == "kind":
            lines.append(f"{pick(props[:5])} a <{pick(KINDS)}> .")
        elif kind == "data":
            lines.append(f"{pick(things)} {pick(props[:5])} {pick(things)} .")
        elif kind == "type":
            lines.append(f"{pick(things)} a {pick(classes)} .")
        elif kind == "chain":
            chain = " ".join(pick(props[:5]) for _ in range(pick([2, 3])))
            lines.append(f"{pick(props[:5])} <{OWL.propertyChainAxiom}> ( {chain} ) .")
        else:  # terms the rules must not store as a statement's subject or predicate
            lines.append(pick([f'{pick(props)} <{RDFS.subPropertyOf}> "lit" .',
                               f"{pick(props)} <{OWL.inverseOf}> [] .",
                               f'{pick(things)} <{OWL.sameAs}> "lit" .',
                               f'{pick(things)} {pick(props[:5])} "lit" .']))
    return quads("\n".join(lines))


@pytest.mark.parametrize("seed", range(40))
def test_random_graphs_reach_the_same_fixpoint(seed):
    asserted = random_graph(seed)
    reference, ours = stored(asserted), stored(asserted)
    every_rule_every_round(reference)
    rule_closure(ours)
    assert statements(ours) == statements(reference)


def test_the_confirming_round_asks_only_the_rules_due(monkeypatch):
    """On the shipped graph the first round finds everything; the second runs only the rules
    that read what the first added, far fewer than every rule again."""
    from dngraph import fixpoint
    from dngraph.load import load_turtle_into, source_files
    from dngraph.resources import Layout
    from dngraph.rules import add_provenance_and_merge

    from conftest import ROOT

    runs, ran = [], fixpoint.Schedule.ran
    monkeypatch.setattr(fixpoint.Schedule, "ran",
                        lambda self, rule, added: runs.append(rule) or ran(self, rule, added))
    store = ox.Store()
    for src in source_files(Layout(ROOT)):
        load_turtle_into(store, src.path, ox.NamedNode(src.graph))
    add_provenance_and_merge(store)
    assert rule_closure(store) == 2
    assert len(ordered_rules()) <= len(runs) < 1.5 * len(ordered_rules())


def test_every_rule_declares_what_it_reads():
    """sparql/rule-keys.rq names every rule (a rule it missed would be run after any change)."""
    schema, reads, writes, closed = rule_keys(ox.Store())
    assert set(schema) == set(rule_texts())
    assert set(reads) | set(writes) | closed <= set(rule_texts())
