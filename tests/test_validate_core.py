"""The core checker (validate_core.py) on failing cases the shape fixtures do not hold,
each judged by pySHACL: a second Wikidata link (sh:qualifiedMaxCount), a target set by a
thing that is not an initiative (sh:class on an inverse path), an instant with no date
(sh:xone), literals pySHACL reads in its own way (ill-typed, non-canonical, tags in upper
case), blank nodes typed with a dngraph class; a shape the checker does not cover is
checked by rudof, never skipped; the literal shortcuts agree with rdflib."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import rdflib

from dngraph.load import SourceFile
from dngraph.namespaces import SOURCE, SH, XSD
from dngraph.shacl_data import load_files, load_shapes
from dngraph.shacl_literals import _SURE, _rdflib_ok, datatype_ok
from dngraph.shacl_shapes import Shapes
from dngraph.validate_fast import check
from dngraph.validate_pyshacl import report_graph, results
from test_validate_parity import ONTOLOGY, assert_same, rdflib_graphs

PREFIXES = """@base <https://w3id.org/dngraph/id/> .
@prefix dn: <https://w3id.org/dngraph/ontology#> .
@prefix time: <http://www.w3.org/2006/time#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<source/fixture> a dn:SourceDocument ; rdfs:label "Fixture source"@en ; dcterms:language "en" .
"""
NATION = """<nation/ca> a dn:Nation ; rdfs:label "Canada"@en , "Canada"@fr ; dn:iso3166Alpha2 "CA" ;
    dn:iso3166Alpha3 "CAN" ; dcterms:source <source/fixture> ; """
FORUM = """<forum/digital-nations> a dn:Forum ; rdfs:label "Digital Nations"@en ; dcterms:source <source/fixture> ; """

# Each case: Turtle, and the components pySHACL must report for it (so the case fails as meant).
CASES = {
    "two Wikidata entities": (NATION + "skos:exactMatch <http://www.wikidata.org/entity/Q16> , "
                              "<http://www.wikidata.org/entity/Q17> .", {"QualifiedMaxCountConstraintComponent"}),
    "a target set by a nation": (
        NATION + "skos:exactMatch <http://www.wikidata.org/entity/Q16> ; dn:hasTarget <target/t> .\n"
        '<target/t> a dn:Target ; rdfs:label "A target"@en ; dn:targetYear "2030"^^xsd:gYear ;'
        " dcterms:source <source/fixture> .", {"ClassConstraintComponent"}),
    "an instant with no date": ('[] a time:Instant ; rdfs:label "no date"@en .', {"XoneConstraintComponent"}),
    "a count that is not a whole number": (FORUM + 'dn:memberCount "abc"^^xsd:integer .',
                                           {"DatatypeConstraintComponent", "MinInclusiveConstraintComponent"}),
    "a negative count written with a leading zero": (FORUM + 'dn:memberCount "-01"^^xsd:integer .',
                                                     {"MinInclusiveConstraintComponent"}),
    "a count of another numeric type": (FORUM + 'dn:memberCount "10.0"^^xsd:decimal , "010"^^xsd:integer .',
                                        {"DatatypeConstraintComponent"}),
    "a date that does not exist": (FORUM + 'dn:foundingYear "2014"^^xsd:gYear . '
                                   '<forum/digital-nations> <https://schema.org/foundingDate> "2014-02-30"^^xsd:date .',
                                   {"OrConstraintComponent"}),
    "working groups not counted as a non-negative integer": (
        FORUM + 'dn:workingGroupCount "-4"^^xsd:nonNegativeInteger .', {"DatatypeConstraintComponent"}),
    "two labels in one language written in two cases": (
        '<theme/t> a dn:Theme ; rdfs:label "T"@en ; skos:prefLabel "t"@en , "T"@EN ;'
        " skos:inScheme <scheme/themes> ; dcterms:source <source/fixture> .\n"
        '<scheme/themes> a skos:ConceptScheme ; rdfs:label "Themes"@en ; dcterms:source <source/fixture> .',
        {"UniqueLangConstraintComponent"}),
    "English only in British English, and no French": (
        NATION.replace('"Canada"@en , "Canada"@fr', '"Canada"@EN-GB , "Kanada"@de')
        + "skos:exactMatch <http://www.wikidata.org/entity/Q16> .", {"QualifiedMinCountConstraintComponent"}),
    "a forum that is a blank node": (FORUM.replace("<forum/digital-nations>", "[]").rstrip("; ") + " .",
                                     {"PatternConstraintComponent"}),
}


def _data(tmp_path: Path, text: str):
    path = tmp_path / "case.ttl"
    path.write_text(PREFIXES + text + "\n", encoding="utf-8")
    return load_files([SourceFile(path, SOURCE + "fixture"), ONTOLOGY], link_sources=False)


@pytest.mark.parametrize("case", sorted(CASES))
def test_case_gives_pyshacl_results(tmp_path, case):
    text, components = CASES[case]
    judged = assert_same(_data(tmp_path, text))
    reported = {key[5].removeprefix(SH) for key in judged}
    assert components <= reported, reported


def test_a_shape_the_checker_does_not_cover_is_checked_by_rudof(tmp_path):
    """sh:maxLength is not a component the checker reads: that shape goes to rudof, the others stay."""
    shapes_path = tmp_path / "shapes.ttl"
    shapes_path.write_text("""@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix dn: <https://w3id.org/dngraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix ex: <https://example.org/shapes#> .
ex:Short a sh:NodeShape ; sh:targetClass dn:Forum ;
    sh:property ex:Short-label .
ex:Short-label sh:path rdfs:label ; sh:maxLength 5 ; sh:message "A label of at most five characters."@en .
ex:Count a sh:PropertyShape ; sh:targetClass dn:Forum ; sh:path dn:memberCount ; sh:minCount 1 ;
    sh:message "A member count."@en .
""", encoding="utf-8")
    shapes = load_shapes(shapes_path)
    model = Shapes(shapes)
    assert [str(r) for r in model.targeted() if not model.covered(r)] == ["<https://example.org/shapes#Short>"]
    data = _data(tmp_path, FORUM.rstrip("; ") + " .")
    graph, ontology = rdflib_graphs(data)
    _, report = report_graph(graph, rdflib.Graph().parse(shapes_path), ontology)
    judged = Counter(r.key() for r in results(report))
    fast = Counter(r.key() for r in check(data, shapes))
    assert fast == judged
    assert {key[5] for key in judged} == {SH.MaxLengthConstraintComponent, SH.MinCountConstraintComponent}


SAMPLES = ["0", "00", "-0", "+1", "1", "01", "-7", "123456789012345678", "1234567890123456789", " 1", "1_0", "1.0",
           "1.", ".5", "-0.50", "1e3", "abc", "", "2020", "0999", "10000", "-2020", "2020-02", "2020-13", "2020-00",
           "2020-02-28", "2020-02-29", "2019-02-29", "2020-02-30", "2020-04-31", "2020-12-31", "2020-1-01",
           "2020-01-01Z", "2020-01-01+01:00", "0001-01-01", "9999-12-31", "٢٠٢٠"]


@pytest.mark.parametrize("datatype", sorted(_SURE))
def test_literal_shortcuts_agree_with_rdflib(datatype):
    import pyoxigraph

    for text in SAMPLES:
        literal = pyoxigraph.Literal(text, datatype=pyoxigraph.NamedNode(datatype))
        assert datatype_ok(literal, datatype) == _rdflib_ok(text, datatype), (text, datatype)
    assert not datatype_ok(pyoxigraph.Literal("1"), XSD.integer)
    assert datatype_ok(pyoxigraph.Literal("x", language="en"), "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString")


def test_blank_nodes_on_the_built_store_give_pyshacl_results(tmp_path):
    """As ``dngraph validate`` runs it, with the built store, whose blank nodes are not the
    parsed ones: a blank instant of the shipped data given a second precision."""
    import shutil

    import dngraph
    from dngraph.load import source_files
    from dngraph.resources import Layout

    root = Path(__file__).resolve().parent.parent
    for name in ("ontology", "data", "queries"):
        shutil.copytree(root / name, tmp_path / name)
    path = tmp_path / "data/reference/digital-govt-nz-digital-nations.ttl"
    old = 'time:inXSDgYear "2019"^^xsd:gYear ] ]'
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, old[:-4] + '; time:inXSDgYearMonth "2019-05"^^xsd:gYearMonth ] ]'),
                    encoding="utf-8")
    kg = dngraph.open(tmp_path, cache_dir=tmp_path / "cache")
    judged = assert_same(load_files(source_files(Layout(tmp_path)), store=lambda: kg.base_store))
    assert SH.XoneConstraintComponent in {key[5] for key in judged}


def test_what_the_checker_leaves_to_others(tmp_path):
    """A typed literal in sh:hasValue goes to rudof (the shapes' Store holds it by value); a
    deactivated shape is covered whatever it holds (nothing checks it); a pattern Python cannot
    compile is left to the reference engine, which names it."""
    shapes_path = tmp_path / "shapes.ttl"
    shapes_path.write_text("""@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix dn: <https://w3id.org/dngraph/ontology#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <https://example.org/shapes#> .
ex:Ten a sh:PropertyShape ; sh:targetClass dn:Forum ; sh:path dn:memberCount ;
    sh:hasValue "10"^^xsd:positiveInteger ; sh:message "Ten members."@en .
ex:Off a sh:PropertyShape ; sh:targetClass dn:Forum ; sh:path dn:memberCount ; sh:maxLength 1 ;
    sh:deactivated true .
ex:Bad a sh:PropertyShape ; sh:targetClass dn:Forum ; sh:path dn:memberCount ; sh:pattern "(" ;
    sh:message "Unreadable."@en .
""", encoding="utf-8")
    shapes = load_shapes(shapes_path)
    model = Shapes(shapes)
    assert [str(r) for r in model.targeted() if not model.covered(r)] == ["<https://example.org/shapes#Ten>"]
    with pytest.raises(NotImplementedError):
        check(_data(tmp_path, FORUM + 'dn:memberCount "10"^^xsd:positiveInteger .'), shapes)
