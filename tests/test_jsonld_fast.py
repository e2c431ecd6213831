"""The direct compaction of :mod:`dngraph.jsonldfast` writes the bytes pyld writes:
on the shipped data (every graph set, with and without the ontology), on a generated
graph, on Turtle made to reach each feature of the context, and, through pyld
itself, for a context or input it leaves to pyld. pyld (``jsonld.compact``, not the
memoizing processor of the export) is the judge every time."""

from __future__ import annotations

import copy
import json
import sys

import pyoxigraph as ox
import pytest
from pyld import jsonld as pyld

from dngraph import jsonldfast
from dngraph.export import GRAPH_SETS, canonical_lines, select_graphs
from dngraph.jsonld import dumps, load_context, nest_blank_nodes, offline_loader
from dngraph.jsonldfast import compact as compact_nodes
from dngraph.jsonldfast import native_integers
from dngraph.jsonldlines import default_graph
from dngraph.resources import Layout

from conftest import ROOT

sys.path.insert(0, str(ROOT))
from bench.generate import generate  # noqa: E402

CONTEXT = load_context(Layout(ROOT))
PREFIXES = "".join(f"@prefix {term}: <{iri}> .\n" for term, iri in CONTEXT.items()
                   if isinstance(iri, str) and iri.endswith(("#", "/")) and not term.startswith("@"))
PREFIXES += "@base <https://w3id.org/dngraph/id/> .\n@prefix ex: <http://example.org/ns#> .\n"


def options(context) -> dict:
    return {"documentLoader": offline_loader(context)}


def nodes_of(lines: list[str]) -> list:
    """The node objects the export compacts, from sorted canonical N-Triples ``lines``."""
    return nest_blank_nodes(pyld.from_rdf(default_graph(lines), {}))


def lines_of_turtle(turtle: str) -> list[str]:
    dataset = ox.Dataset(ox.parse((PREFIXES + turtle).encode("utf-8"), format=ox.RdfFormat.TURTLE))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return sorted(ox.serialize(dataset, format=ox.RdfFormat.N_QUADS).decode("utf-8").splitlines())


def by_pyld(nodes: list, context) -> str:
    """The judge: pyld's own compaction, of the nodes with native integers."""
    nodes = native_integers(copy.deepcopy(nodes))
    return dumps(pyld.compact(nodes, {"@context": context}, dict(options(context), skipExpansion=True)))


def direct(nodes: list, context) -> str:
    """The direct walk's bytes; it must take the nodes (no silent fallback to pyld)."""
    compactor = jsonldfast.compactor(context, options(context))
    assert compactor is not None, "the context is left to pyld"
    document = compactor.document(copy.deepcopy(nodes), context)
    assert document is not None, "the nodes are left to pyld"
    return dumps(document)


def assert_same(lines: list[str], context=CONTEXT) -> None:
    nodes = nodes_of(lines)
    expected = by_pyld(nodes, context)
    assert direct(nodes, context) == expected
    assert dumps(compact_nodes(copy.deepcopy(nodes), context, options(context))) == expected


@pytest.mark.parametrize("with_ontology", [False, True])
@pytest.mark.parametrize("graphs", GRAPH_SETS)
def test_shipped_data_in_every_graph_set(kg, graphs, with_ontology):
    chosen = select_graphs(kg.layout, graphs, (), with_ontology)
    lines = canonical_lines(kg, chosen, merge=True)
    assert lines
    assert_same(lines)


def test_the_export_writes_those_bytes(kg):
    lines = canonical_lines(kg, select_graphs(kg.layout, "all", (), True), merge=True)
    # as the export made its nodes before: integers made native before the blank nodes were nested
    nodes = nest_blank_nodes(native_integers(pyld.from_rdf(default_graph(lines), {})))
    expected = dumps(pyld.compact(nodes, {"@context": CONTEXT}, dict(options(CONTEXT), skipExpansion=True)))
    assert kg.export("jsonld", graphs="all", with_ontology=True).decode("utf-8") == expected


def test_a_generated_graph(tmp_path):
    generate(3000, tmp_path)
    dataset = ox.Dataset()
    for path in sorted((tmp_path / "data").rglob("*.ttl")):
        for quad in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
            dataset.add(ox.Quad(quad.subject, quad.predicate, quad.object))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    lines = sorted(ox.serialize(dataset, format=ox.RdfFormat.N_QUADS).decode("utf-8").splitlines())
    assert len(lines) > 1000
    assert_same(lines)


CASES = {
    "language maps": """<nation/fr> rdfs:label "France"@en, "France"@fr, "Frankreich"@de ;
        skos:prefLabel "France"@en ; skos:altLabel "Hexagone"@fr, "L'Hexagone"@fr ; rdfs:comment "plain" .""",
    "a language on a term": """<m/1> <https://w3id.org/sssom/subject_label> "x"@en, "y"@fr, "z" .""",
    "language without a map": """<n/1> foaf:name "Name"@en, "Nom"@fr, "plain" ; dn:translation "a"@en-gb .""",
    "typed values the context coerces": """<e/1> schema:startDate "2020-01-02"^^xsd:date, "2020-01"^^xsd:gYearMonth,
        "2020"^^xsd:gYear, "bad"^^xsd:dateTime ; dcterms:date "2021"^^xsd:gYear ; dn:targetValue "1.50"^^xsd:decimal ;
        dn:ordinal "3"^^xsd:positiveInteger, "04"^^xsd:positiveInteger ;
        <https://w3id.org/sssom/confidence> "0.5"^^xsd:double, "1.0E0"^^xsd:double .""",
    "typed values it does not": """<e/2> dn:note "2020-01-02"^^xsd:date, "true"^^xsd:boolean, "1.5"^^xsd:decimal,
        "x"^^ex:custom, "12"^^xsd:int, "2.0E1"^^xsd:double, "s"^^xsd:string .""",
    "integers": """<e/3> dn:count 5, -7, 0, "007"^^xsd:integer, "+3"^^xsd:integer, "-0"^^xsd:integer ;
        dn:ordinal 2 ; dn:targetValue 3, 4.25 ; dn:flag true, false .""",
    "IRIs relative to the base and not": """<nation/fr> dn:memberNation <nation/fr>, <nation/de>, <https://w3id.org/dngraph/id/a/b.c>,
        <https://w3id.org/dngraph/idx>, <https://w3id.org/dngraph/other/x>, <https://w3id.org/dngraph/id/a/./b>,
        <https://w3id.org/dngraph/id/?q=1>, <https://w3id.org/dngraph/id/#frag>, <https://w3id.org/dngraph/id/.hidden>,
        <https://w3id.org/dngraph/id/a//b>, <https://w3id.org/dngraph/id/@x>, <https://w3id.org/dngraph/id/a:b>,
        <https://w3id.org/dngraph/id/%C3%A9>, <https://w3id.org/dngraph/id/été>, <http://W3ID.org/dngraph/id/x> ;
        rdfs:seeAlso <http://www.wikidata.org/entity/Q142>, <http://example.org/page>, wd: ;
        dn:note <https://w3id.org/dngraph/id/n/1>, <http://xmlns.com/foaf/0.1/Person> .""",
    "@vocab and compact IRIs": """<x/1> a dn:Nation, foaf:Person, ex:Thing, <https://w3id.org/dngraph/ontology#label> ;
        dn:label "vocab suffix that is a term" ; <https://w3id.org/dngraph/ontology#> "the vocabulary itself" ;
        ex:p "no prefix" ; <urn:x:y> <urn:a:b> ; org:role dn:Chair, <https://w3id.org/dngraph/id/role/x>, ex:R ;
        dn:about dn:label, <nation/fr> .""",
    "one class and several": """<x/2> a dn:Summit . <x/3> a dn:Summit, dn:Event, schema:Event .""",
    "one value and several, @set": """<x/4> dn:membership <ms/1> ; dn:outcome <o/1>, <o/2> ; dn:chair <c/1> ;
        dn:host <h/1>, <h/2> .""",
    "reverse terms": """<org/1> org:hasMember <p/1>, <p/2> . <i/1> dn:nation <nation/fr> .""",
    "blank nodes nested and shared": """<x/5> dn:during [ time:hasBeginning [ time:inXSDDate "2020-01-01"^^xsd:date ] ;
        a time:Interval ] ; dn:membership [ dn:nation <nation/fr> ], [ dn:nation <nation/de> ] .
        _:shared dn:note "shared" . <x/6> dn:link _:shared . <x/7> dn:link _:shared .
        _:cycle1 dn:next _:cycle2 . _:cycle2 dn:next _:cycle1 . _:lonely a dn:Thing .
        [] dn:only "untyped blank" .""",
    "a property not in the context": """<x/8> <http://example.org/unknown#p> "v", <x/9> ; <http://nowhere/p> 1 ;
        <https://w3id.org/dngraph/id/prop> "base-like property" .""",
    "rdf:type with a literal": """<x/10> rdf:type "literal type" .""",
    "strings to escape": '''<x/11> dn:note "quote \\" backslash \\\\ tab \\t newline \\n unicode é 😀"@en, "\\u0001" .''',
}


@pytest.mark.parametrize("case", CASES)
def test_crafted_turtle(case):
    assert_same(lines_of_turtle(CASES[case]))


def test_one_node_is_the_document_and_none_is_a_context():
    assert_same(lines_of_turtle("""<x/1> rdfs:label "one"@en ."""))
    nodes = nodes_of([])
    assert direct(nodes, CONTEXT) == by_pyld(nodes, CONTEXT)


SMALL = {"@vocab": "http://example.org/ns#", "ex": "http://example.org/ns#", "label": {
    "@id": "http://www.w3.org/2000/01/rdf-schema#label", "@container": ["@language", "@set"]}}
OTHER_CONTEXTS = {
    "language map of sets": SMALL,
    "no base": dict(CONTEXT, **{"@base": None}),
    "a base of another shape": dict(CONTEXT, **{"@base": "https://w3id.org/dngraph/id/x?y"}),
    "a prefix inside the base": dict(CONTEXT, idp="https://w3id.org/dngraph/id/nation/"),
    "a prefix term starting the base": dict(CONTEXT, w3="https://w3id.org/"),
    "terms typed @vocab and @id for one property": dict(CONTEXT, memberNation={"@type": "@vocab"}, memberNationId={
        "@id": "dn:memberNation", "@type": "@id"}, France={"@id": "https://w3id.org/dngraph/id/nation/fr"}),
    "the type alias with no other name": {k: v for k, v in CONTEXT.items() if k not in ("id", "type")},
}


@pytest.mark.parametrize("name", OTHER_CONTEXTS)
def test_other_contexts_the_direct_path_handles(name):
    assert_same(lines_of_turtle(CASES["IRIs relative to the base and not"] + CASES["language maps"]
                                + CASES["typed values it does not"] + CASES["@vocab and compact IRIs"]), OTHER_CONTEXTS[name])


UNHANDLED = {
    "a default language": dict(CONTEXT, **{"@language": "en"}),
    "an index container": dict(CONTEXT, label={"@id": "rdfs:label", "@container": "@index"}),
    "a scoped context": dict(CONTEXT, during={"@type": "@id", "@context": {"x": "ex:x"}}),
    "a type alias as a set": dict(CONTEXT, type={"@id": "@type", "@container": "@set"}),
    "an alias of @value": dict(CONTEXT, value="@value"),
    "a nested property": dict(CONTEXT, meta="@nest", note={"@id": "dn:note", "@nest": "meta"}),
    "@type @none": dict(CONTEXT, note={"@id": "dn:note", "@type": "@none"}),
    "a list of contexts": [CONTEXT],
}


@pytest.mark.parametrize("name", UNHANDLED)
def test_a_context_with_another_feature_is_left_to_pyld(name):
    context = UNHANDLED[name]
    loader = options(CONTEXT)
    assert jsonldfast.compactor(context, loader) is None
    nodes = nodes_of(lines_of_turtle(CASES["language maps"] + CASES["integers"] + CASES["blank nodes nested and shared"]))
    expected = dumps(pyld.compact(native_integers(copy.deepcopy(nodes)), {"@context": context},
                                  dict(loader, skipExpansion=True)))
    assert dumps(compact_nodes(nodes, context, loader)) == expected


@pytest.mark.parametrize("turtle", ["<x/1> dn:list (1 2 <x/2>) .",
                                    '<x/1> dn:data "{\\"a\\": 1}"^^rdf:JSON .'])
def test_input_of_another_shape_is_left_to_pyld(turtle):
    nodes = nodes_of(lines_of_turtle(turtle))
    assert jsonldfast.compactor(CONTEXT, options(CONTEXT)).document(nodes, CONTEXT) is None
    assert dumps(compact_nodes(nodes, CONTEXT, options(CONTEXT))) == by_pyld(nodes, CONTEXT)


def test_the_shipped_context_is_handled_directly():
    assert jsonldfast.compactor(CONTEXT, options(CONTEXT)) is not None
    assert json.dumps(CONTEXT)  # a plain JSON value, as the export embeds it
