"""The SHACL shapes in ontology/shapes.ttl: each one catches what it should, the
shipped data meets all of them, and a report names the file, label and IRI.

Fixture rule
------------
``tests/fixtures/shapes/{Name}.ttl`` breaks the shape ``dnsh:{Name}``
(``https://w3id.org/dngraph/shapes#{Name}``). Validated on its own, with the
ontology and the shapes, it must give a result whose ``sh:sourceShape`` is
``dnsh:{Name}`` or, only when ``dnsh:{Name}`` is a node shape, one of the property
shapes that node shape lists with ``sh:property``. It must give no result from
any other shape, so each fixture breaks its shape and nothing else.

Every named shape has a fixture: the node shapes, their property shapes (named
``dnsh:{Class}-{what}``) and the node shapes that hold a SPARQL-based constraint
(``dnsh:IntervalOrderShape``, ``dnsh:EventDateOrderShape``, ``dnsh:SummitYearShape``,
``dnsh:NationIriShape``), which keep one constraint each so that a result's
``sh:sourceShape`` names the check. A fixture of an ``sh:Violation`` shape makes
the report not conform; a fixture of an ``sh:Warning`` shape leaves it conforming
and shows the warning.

``test_shipped_data_conforms`` is the check that ``dngraph validate`` passes on the
data in the repository. Nothing here touches the network (see conftest.py).
"""

from __future__ import annotations

import functools
import re
import shutil
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner

import dngraph
from dngraph.cli import cli
from dngraph.load import parse_turtle
from dngraph.namespaces import shorten
from dngraph.validate import validate_graph

ROOT = Path(__file__).resolve().parent.parent
SHAPES_FILE = ROOT / "ontology" / "shapes.ttl"
ONTOLOGY_FILE = ROOT / "ontology" / "dngraph.ttl"
FIXTURE_DIR = Path(__file__).resolve().parent / "fixtures" / "shapes"
DNSH = "https://w3id.org/dngraph/shapes#"
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
RDFS = rdflib.RDFS

FIXTURES = sorted(p.stem for p in FIXTURE_DIR.glob("*.ttl"))


@functools.lru_cache(maxsize=None)
def shapes() -> rdflib.Graph:
    return parse_turtle(SHAPES_FILE)


@functools.lru_cache(maxsize=None)
def ontology() -> rdflib.Graph:
    return parse_turtle(ONTOLOGY_FILE)


@functools.lru_cache(maxsize=None)
def fixture_report(name: str):
    return validate_graph(parse_turtle(FIXTURE_DIR / f"{name}.ttl"), shapes(), ontology())


def named_shapes() -> set[str]:
    """Every shape with an IRI in the dnsh: namespace."""
    g = shapes()
    found = set()
    for kind in (SH.NodeShape, SH.PropertyShape):
        for s in g.subjects(rdflib.RDF.type, kind):
            if isinstance(s, rdflib.URIRef) and str(s).startswith(DNSH):
                found.add(str(s))
    return found


def node_shapes() -> set[str]:
    g = shapes()
    return {str(s) for s in g.subjects(rdflib.RDF.type, SH.NodeShape) if str(s).startswith(DNSH)}


def family(name: str) -> set[str]:
    """The shape dnsh:{name} and, for a node shape, the property shapes it lists."""
    shape = rdflib.URIRef(DNSH + name)
    members = {str(shape)}
    if str(shape) in node_shapes():
        members |= {str(p) for p in shapes().objects(shape, SH.property)}
    return members


def severity(shape: str) -> rdflib.URIRef:
    return shapes().value(rdflib.URIRef(shape), SH.severity, default=SH.Violation)


# ---------------------------------------------------------------------------
# (a) each fixture breaks the shape it is named after, and only that shape


@pytest.mark.parametrize("name", FIXTURES)
def test_fixture_breaks_its_shape(name):
    assert DNSH + name in named_shapes(), f"fixture {name}.ttl names no shape dnsh:{name}"
    report = fixture_report(name)
    own = [v for v in report.violations if v.shape in family(name)]
    assert own, f"{name}.ttl did not trigger dnsh:{name}; results: {[v.line() for v in report.violations]}"
    if severity(DNSH + name) == SH.Warning:
        assert report.conforms, "a warning alone must not stop the data from conforming"
        assert all(v.severity == "Warning" for v in own)
    else:
        assert not report.conforms
        assert any(v.severity == "Violation" for v in own)
    for v in own:
        assert v.message and v.message != "constraint not met", v.line()


@pytest.mark.parametrize("name", FIXTURES)
def test_fixture_breaks_only_its_shape(name):
    others = [v.line() + f" [{v.shape}]" for v in fixture_report(name).violations
              if v.shape not in family(name)]
    assert not others, f"{name}.ttl also breaks other shapes:\n" + "\n".join(others)


# ---------------------------------------------------------------------------
# (b) every shape has a fixture, a label, a comment and a message


def test_every_shape_has_a_fixture():
    missing = sorted(s[len(DNSH):] for s in named_shapes() if s[len(DNSH):] not in FIXTURES)
    assert not missing, f"shapes without tests/fixtures/shapes/{{name}}.ttl: {missing}"


def test_every_node_shape_and_sparql_shape_is_covered():
    g = shapes()
    targeted = {str(s) for p in (SH.targetClass, SH.target, SH.sparql, SH.targetSubjectsOf)
                for s in g.subjects(p, None) if isinstance(s, rdflib.URIRef)}
    assert targeted <= named_shapes()
    assert {s[len(DNSH):] for s in targeted | node_shapes()} <= set(FIXTURES)
    # The four SPARQL-based checks are there, each with its own shape.
    sparql = {str(s)[len(DNSH):] for s in g.subjects(SH.sparql, None)}
    assert sparql == {"IntervalOrderShape", "EventDateOrderShape", "SummitYearShape", "NationIriShape"}


def test_every_shape_is_documented_and_explains_itself():
    g = shapes()
    for shape in sorted(named_shapes()):
        node = rdflib.URIRef(shape)
        assert g.value(node, RDFS.label), f"{shape} has no rdfs:label"
        assert g.value(node, RDFS.comment), f"{shape} has no rdfs:comment"
        assert g.value(node, SH.severity) in (SH.Violation, SH.Warning), f"{shape} has no sh:severity"
        messages = list(g.objects(node, SH.message)) + [
            m for c in g.objects(node, SH.sparql) for m in g.objects(c, SH.message)]
        assert messages, f"{shape} has no sh:message"
        for m in messages:
            assert isinstance(m, rdflib.Literal) and m.language == "en" and len(str(m)) > 30, (shape, m)
        path = g.value(node, SH.path)
        if isinstance(path, rdflib.URIRef):
            assert shorten(str(path)) in str(messages[0]), f"{shape}: the message should name {shorten(str(path))}"
    for constraint in g.objects(None, SH.sparql):
        assert g.value(constraint, SH.message) and g.value(constraint, RDFS.comment)
        assert g.value(constraint, SH.severity) == SH.Violation


def test_every_class_the_data_uses_has_a_node_shape(kg):
    """Each dn: class in the data is the target of a node shape, itself or through a superclass."""
    rows = kg.sparql(
        "SELECT DISTINCT ?c WHERE { ?s a ?c FILTER(STRSTARTS(STR(?c), 'https://w3id.org/dngraph/ontology#')) }",
        infer=False).rows
    g, onto = shapes(), ontology()
    targets = {o for o in g.objects(None, SH.targetClass)}
    for row in rows:
        cls = rdflib.URIRef(row["c"])
        supers = set(onto.transitive_objects(cls, RDFS.subClassOf))
        assert supers & targets, f"no node shape targets {shorten(str(cls))} or a superclass"


# ---------------------------------------------------------------------------
# (c) THE SHIPPED DATA CONFORMS: `dngraph validate` exits 0 on the repository


def test_shipped_data_conforms():
    report = dngraph.open(ROOT).validate()
    errors = [v.line() for v in report.violations if v.severity == "Violation"]
    assert report.conforms, "the data in data/ breaks the shapes:\n" + "\n".join(errors)
    assert report.graphs >= 9


# ---------------------------------------------------------------------------
# (d) a report line names the file, the thing's label and its IRI


@pytest.fixture
def copy_root(tmp_path):
    """A private copy of ontology/, data/ and queries/ that a test may break."""
    for name in ("ontology", "data", "queries"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return tmp_path


def break_fact(root: Path, relative: str, pattern: str, replacement: str) -> None:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    new, count = re.subn(pattern, replacement, text)
    assert count == 1, f"expected one match of {pattern!r} in {relative}, found {count}"
    path.write_text(new, encoding="utf-8")


DEFECTS = {
    "target year typed as integer": dict(
        file="data/sources/shared-solutions-to-common-problems.ttl",
        pattern=r'dn:targetYear "2030"\^\^xsd:gYear',
        replacement='dn:targetYear "2030"^^xsd:integer',
        iri="https://w3id.org/dngraph/id/target/greening-government-strategy-2030-emissions",
        label="Greening Government Strategy: 40% cut in government operations emissions by 2030",
        shape="Target-targetYear", path="dn:targetYear"),
    "alpha-2 code in lower case": dict(
        file="data/reference/iso-3166-1.ttl",
        pattern=r'dn:iso3166Alpha2 "DK"',
        replacement='dn:iso3166Alpha2 "dk"',
        iri="https://w3id.org/dngraph/id/nation/dk",
        label="Denmark",
        shape="Nation-iso3166Alpha2", path="dn:iso3166Alpha2"),
    "file does not describe its source document": dict(
        file="data/sources/joining-forces-for-canada.ttl",
        pattern=r"(<https://w3id\.org/dngraph/id/source/joining-forces-for-canada>\s+)a dn:SourceDocument",
        replacement=r"\1a dcterms:BibliographicResource",
        iri="https://w3id.org/dngraph/id/organization/code-for-canada",
        label="Code for Canada",
        shape="Provenance-source", path="dcterms:source"),
}


@pytest.mark.parametrize("case", sorted(DEFECTS))
def test_report_line_names_file_label_and_iri(copy_root, case):
    d = DEFECTS[case]
    break_fact(copy_root, d["file"], d["pattern"], d["replacement"])
    report = dngraph.open(copy_root).validate()
    assert not report.conforms
    hits = [v for v in report.violations if v.focus == d["iri"] and v.shape == DNSH + d["shape"]]
    assert hits, [v.line() for v in report.violations]
    line = hits[0].line()
    assert d["file"] in line
    assert d["label"] in line
    assert f"<{d['iri']}>" in line
    assert d["path"] in line
    assert "Violation" in line


def test_cli_prints_the_line_and_exits_1(copy_root):
    d = DEFECTS["target year typed as integer"]
    break_fact(copy_root, d["file"], d["pattern"], d["replacement"])
    result = CliRunner().invoke(cli, ["validate", "--root", str(copy_root)], catch_exceptions=False)
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if d["iri"] in line]
    assert lines and d["file"] in lines[0] and d["label"] in lines[0]
    assert "does not conform" in result.output


def test_warning_is_shown_but_data_still_conforms(copy_root):
    """A legitimate gap (an initiative whose nation the source does not give) is a warning."""
    report = dngraph.open(copy_root).validate()
    warnings = [v for v in report.violations if v.severity == "Warning"]
    assert report.conforms
    assert all(v.shape == DNSH + "InitiativePlaceShape" for v in warnings)
    for v in warnings:
        assert v.files and v.label and v.focus in v.line()


def test_result_on_an_unlabelled_node_is_reported():
    data = rdflib.Graph().parse(format="turtle", data="""
        @prefix time: <http://www.w3.org/2006/time#> .
        @prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .
        [] a time:Interval ;
            time:hasBeginning [ a time:Instant ; time:inXSDgYear "2019"^^xsd:gYear ] ;
            time:hasEnd [ a time:Instant ; time:inXSDgYear "2018"^^xsd:gYear ] .
        """)
    report = validate_graph(data, shapes(), ontology())
    assert [v.shape for v in report.violations] == [DNSH + "IntervalOrderShape"]
    assert report.violations[0].label is None


def test_result_on_a_blank_node_names_its_owner():
    """A bad period is reported against the membership that has it, by label and IRI."""
    data = rdflib.Graph().parse(format="turtle", data="""
        @prefix time: <http://www.w3.org/2006/time#> .
        @prefix org:  <http://www.w3.org/ns/org#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .
        <https://w3id.org/dngraph/id/membership/ca> rdfs:label "Canada in the Digital Nations"@en ;
          org:memberDuring [ a time:Interval ;
            time:hasBeginning [ a time:Instant ; time:inXSDgYear "2019"^^xsd:gYear ] ;
            time:hasEnd [ a time:Instant ; time:inXSDgYear "2018"^^xsd:gYear ] ] .
        """)
    report = validate_graph(data, shapes(), ontology())
    bad = [v for v in report.violations if v.shape == DNSH + "IntervalOrderShape"]
    assert len(bad) == 1
    line = bad[0].line()
    assert "Canada in the Digital Nations <https://w3id.org/dngraph/id/membership/ca>" in line
    assert "org:memberDuring" in line
