"""dngraph docs: an offline HTML reference listing every class and property of the
ontology, with labels in English and French and the shapes that constrain each."""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner
from rdflib.namespace import OWL, RDF, RDFS

import dngraph
from dngraph.cli import cli

ROOT = Path(__file__).resolve().parent.parent
DN = "https://w3id.org/dngraph/ontology#"
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
VOID_ELEMENTS = {"meta", "br", "hr", "img", "link", "input"}


class Page(HTMLParser):
    """Checks that every element is closed in order, and collects each term section:
    its IRI, its text and the shapes it links to."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.sections, self.current, self.tags = [], {}, None, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        if tag not in VOID_ELEMENTS:
            self.stack.append(tag)
        if tag == "section" and "term" in attrs.get("class", ""):
            self.current = self.sections[attrs["data-iri"]] = {"id": attrs["id"], "text": "", "shapes": set()}
        if tag == "a" and self.current is not None and attrs.get("class") == "shape":
            self.current["shapes"].add(attrs["href"].removeprefix("#shape-"))

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, (tag, self.stack[-3:])
        self.stack.pop()
        if tag == "section":
            self.current = None

    def handle_data(self, data):
        if self.current is not None:
            self.current["text"] += data


def read_page(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    assert page.stack == [], page.stack
    return page


def constraining_shapes(shapes: rdflib.Graph, term) -> set[str]:
    """The named shapes that constrain ``term``, read with rdflib's triple API."""
    found = set(shapes.subjects(SH.targetClass, term))
    if (term, RDF.type, SH.NodeShape) in shapes:
        found.add(term)
    for prop in set(shapes.subjects(SH.path, term)) | {
            p for b in shapes.subjects(SH.inversePath, term) for p in shapes.subjects(SH.path, b)}:
        found |= {prop} if isinstance(prop, rdflib.URIRef) else set(shapes.subjects(SH.property, prop))
    for prop in shapes.subjects(SH["class"], term):
        found |= {prop} if isinstance(prop, rdflib.URIRef) else set(shapes.subjects(SH.property, prop))
    return {str(s).rsplit("#", 1)[-1] for s in found if isinstance(s, rdflib.URIRef)}


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Page:
    folder = tmp_path_factory.mktemp("docs")
    result = CliRunner().invoke(cli, ["docs", "--root", str(ROOT), "-o", str(folder)])
    assert result.exit_code == 0, result.output
    text = (folder / "index.html").read_text(encoding="utf-8")
    assert "http://" not in text.split("<body>")[0] and "<script" not in text
    return read_page(folder / "index.html")


def test_every_class_and_property_has_a_section_with_both_labels(page):
    ontology = rdflib.Graph().parse(ROOT / "ontology" / "dngraph.ttl")
    terms = {s for kind in KINDS for s in ontology.subjects(RDF.type, kind)
             if isinstance(s, rdflib.URIRef) and str(s).startswith(DN)}
    assert terms and set(page.sections) == {str(t) for t in terms}
    for term in terms:
        section = page.sections[str(term)]
        assert section["id"] == str(term)[len(DN):]
        for label in ontology.objects(term, RDFS.label):
            assert f"Label ({label.language})" in section["text"] and str(label) in section["text"], term
        for definition in ontology.objects(term, rdflib.URIRef("http://www.w3.org/2004/02/skos/core#definition")):
            assert " ".join(str(definition).split()) in " ".join(section["text"].split())


def test_each_term_lists_the_shapes_that_constrain_it(page):
    shapes = rdflib.Graph().parse(ROOT / "ontology" / "shapes.ttl")
    named = 0
    for iri, section in page.sections.items():
        expected = constraining_shapes(shapes, rdflib.URIRef(iri))
        assert section["shapes"] == expected, iri
        named += bool(expected)
    assert named > 50
    assert {"NationShape", "ForumMembership-memberNation"} <= page.sections[DN + "Nation"]["shapes"]


def test_every_literal_is_escaped(tmp_path):
    root = tmp_path / "root"
    shutil.copytree(ROOT / "ontology", root / "ontology")
    (root / "data").mkdir()
    with (root / "ontology" / "dngraph.ttl").open("a", encoding="utf-8") as handle:
        handle.write('\n<https://w3id.org/dngraph/ontology#Odd> a <http://www.w3.org/2002/07/owl#Class> ;\n'
                     '    <http://www.w3.org/2000/01/rdf-schema#label> "<b>odd</b> & \\"co\\""@en .\n')
    target = dngraph.open(root, cache_dir=tmp_path / "cache").write_docs(tmp_path / "out")
    text = target.read_text(encoding="utf-8")
    assert "&lt;b&gt;odd&lt;/b&gt; &amp; &#34;co&#34;" in text and "<b>" not in text
    assert '<b>odd</b> & "co"' in read_page(target).sections[DN + "Odd"]["text"]
