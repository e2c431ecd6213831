"""The fast validator (rudof for SHACL Core, SPARQL on pyoxigraph for SHACL-SPARQL)
gives exactly pySHACL's results, on every failing fixture and on the shipped data.

Comparison key
--------------
Each validation result (SHACL section 3.6.2) is compared as the tuple
``(sh:focusNode, sh:resultPath, sh:value, sh:sourceShape, sh:resultSeverity,
sh:sourceConstraintComponent, message)``: nodes in N-Triples form, the path as
``<iri>`` or ``^<iri>`` (an inverse path), the message the report shows (the
English ``sh:resultMessage``). The two reports must hold the same multiset of
keys, and agree on conformance. Both engines see the same parsed terms (pySHACL
gets rdflib graphs built from the fast engine's quads, blank nodes keeping their
identifiers), so blank nodes compare by identifier; that the parse itself matches
the rdflib loader's is checked as graph isomorphism.
"""

from __future__ import annotations

import functools
import shutil
from collections import Counter
from pathlib import Path

import pytest
import rdflib

import dngraph
from dngraph.load import SourceFile, load_dataset, parse_turtle, source_files, union_graph
from dngraph.namespaces import ONTOLOGY_IRI, SOURCE
from dngraph.resources import Layout
from dngraph.shacl_data import load_files, load_shapes
from dngraph.validate_fast import check
from dngraph.validate_pyshacl import from_oxigraph, report_graph, results
from rdfcompare import same

ROOT = Path(__file__).resolve().parent.parent
SHAPES = ROOT / "ontology" / "shapes.ttl"
ONTOLOGY = SourceFile(ROOT / "ontology" / "dngraph.ttl", ONTOLOGY_IRI)
FIXTURE_DIR = Path(__file__).resolve().parent / "fixtures" / "shapes"
FIXTURES = sorted(p.stem for p in FIXTURE_DIR.glob("*.ttl"))


@functools.lru_cache(maxsize=None)
def shapes_rdflib() -> rdflib.Graph:
    return parse_turtle(SHAPES)


@functools.lru_cache(maxsize=None)
def shapes_store():
    return load_shapes(SHAPES)


def rdflib_graphs(data):
    """The data graph (ontology left out) and the ontology, as rdflib graphs of the same terms."""
    merged, ontology = rdflib.Graph(), rdflib.Graph()
    for q in data.quads:
        target = ontology if q.graph_name.value == ONTOLOGY_IRI else merged
        target.add((from_oxigraph(q.subject), from_oxigraph(q.predicate), from_oxigraph(q.object)))
    return merged, ontology


def both(data):
    """``(conforms, keys)`` from pySHACL and from the fast engine, for the same data."""
    graph, ontology = rdflib_graphs(data)
    conforms, report = report_graph(graph, shapes_rdflib(), ontology)
    judged = Counter(r.key() for r in results(report))
    found = check(data, shapes_store())
    fast = Counter(r.key() for r in found)
    fast_conforms = not any(r.severity.endswith("#Violation") for r in found)
    return (conforms, judged), (fast_conforms, fast)


def assert_same(data):
    (conforms, judged), (fast_conforms, fast) = both(data)
    assert fast == judged, f"only pySHACL: {judged - fast}\nonly fast: {fast - judged}"
    assert fast_conforms == conforms
    return judged


@pytest.mark.parametrize("name", FIXTURES)
def test_fixture_gives_pyshacl_results(name):
    fixture = SourceFile(FIXTURE_DIR / f"{name}.ttl", SOURCE + "fixture")
    judged = assert_same(load_files([fixture, ONTOLOGY], link_sources=False))
    assert judged, f"{name}.ttl should fail its shape"


def test_shipped_data_gives_pyshacl_results():
    data = load_files(source_files(Layout(ROOT)))
    judged = assert_same(data)
    assert judged  # the shipped data has a warning, so the comparison is not between empty reports


def test_sparql_on_the_built_store_gives_pyshacl_results(tmp_path):
    """As ``dngraph validate`` runs it: the SPARQL parts on the built store's default graph."""
    layout = Layout(ROOT)
    kg = dngraph.open(ROOT, cache_dir=tmp_path)
    assert assert_same(load_files(source_files(layout), store=lambda: kg.base_store))


def test_fast_loader_reads_what_the_rdflib_loader_reads():
    """Same triples, same dcterms:source links, ontology apart: isomorphic graphs (compared by
    their RDFC-1.0 canonical form: rdflib's isomorphism check is exponential on the many
    look-alike blank-node intervals)."""
    layout = Layout(ROOT)
    dataset, _ = load_dataset(layout)
    graph, ontology = rdflib_graphs(load_files(source_files(layout)))
    assert same(graph, union_graph(dataset, include_ontology=False))
    assert same(ontology, dataset.graph(rdflib.URIRef(ONTOLOGY_IRI)))


BROKEN = {
    "a lower-case code and a bad year": [
        ("data/reference/iso-3166-1.ttl", 'dn:iso3166Alpha2 "DK"', 'dn:iso3166Alpha2 "dk"'),
        ("data/sources/shared-solutions-to-common-problems.ttl",
         'dn:targetYear "2030"^^xsd:gYear', 'dn:targetYear "2030"^^xsd:integer')],
    "a file that does not describe its source": [
        ("data/sources/joining-forces-for-canada.ttl",
         "<https://w3id.org/dngraph/id/source/joining-forces-for-canada>\n    a dn:SourceDocument",
         "<https://w3id.org/dngraph/id/source/joining-forces-for-canada>\n    a dn:Nonsense")],
    "a summit number that is not positive": [
        ("data/sources/button-insight-digital-nations.ttl",
         'dn:ordinal "8"^^xsd:positiveInteger', 'dn:ordinal "0"^^xsd:positiveInteger')],
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_engines_print_the_same_report_on_broken_data(tmp_path, case):
    """End to end: the same violation lines (file, label, IRI, property, message)."""
    for name in ("ontology", "data", "queries"):
        shutil.copytree(ROOT / name, tmp_path / name)
    for relative, old, new in BROKEN[case]:
        path = tmp_path / relative
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, (relative, old)
        path.write_text(text.replace(old, new), encoding="utf-8")
    kg = dngraph.open(tmp_path, cache_dir=tmp_path / "cache")
    fast, judge = kg.validate(engine="fast"), kg.validate(engine="pyshacl")
    assert not judge.conforms
    assert [v.line() for v in fast.violations] == [v.line() for v in judge.violations]
    assert fast.violations == judge.violations
    assert (fast.conforms, fast.summary()) == (judge.conforms, judge.summary())


def test_generated_graph_conforms_and_gives_pyshacl_results(tmp_path):
    """The benchmark's generated graphs (tests/graphgen.py) pass validation, with pySHACL's results."""
    from graphgen import generate

    layout = Layout(generate(tmp_path, copies=2))
    data = load_files(source_files(layout))
    (conforms, _), _ = both(data)
    assert conforms
    assert_same(data)
    assert len(layout.data_files()) > 2 * 5
