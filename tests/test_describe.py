"""The VoID/DCAT description: every figure it states equals a COUNT query on the graph."""

from __future__ import annotations

import hashlib

import pytest
import rdflib
from click.testing import CliRunner

from dngraph.cli import cli

from rdfcompare import same

VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
SPDX = rdflib.Namespace("http://spdx.org/rdf/terms#")
DCT = rdflib.Namespace("http://purl.org/dc/terms/")
DATASET = rdflib.URIRef("https://w3id.org/dngraph/dataset")


@pytest.fixture(scope="module")
def void(kg):
    return kg.describe()


def count(kg, query: str) -> int:
    return int(kg.sparql(query, infer=False).rows[0]["n"])


def test_totals_match_queries(kg, void):
    assert int(void.value(DATASET, VOID.triples)) == count(kg, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")
    assert int(void.value(DATASET, VOID.distinctSubjects)) == count(kg, "SELECT (COUNT(DISTINCT ?s) AS ?n) { ?s ?p ?o }")
    assert int(void.value(DATASET, VOID.distinctObjects)) == count(kg, "SELECT (COUNT(DISTINCT ?o) AS ?n) { ?s ?p ?o }")
    assert int(void.value(DATASET, VOID.properties)) == count(kg, "SELECT (COUNT(DISTINCT ?p) AS ?n) { ?s ?p ?o }")
    assert int(void.value(DATASET, VOID.classes)) == count(
        kg, "SELECT (COUNT(DISTINCT ?c) AS ?n) { ?s a ?c }")


def test_every_class_partition_matches_a_query(kg, void):
    partitions = list(void.objects(DATASET, VOID.classPartition))
    assert len(partitions) == int(void.value(DATASET, VOID.classes)) > 10
    for node in partitions:
        cls = void.value(node, VOID["class"])
        assert int(void.value(node, VOID.entities)) == count(
            kg, f"SELECT (COUNT(DISTINCT ?s) AS ?n) {{ ?s a <{cls}> }}"), cls


def test_every_property_partition_matches_a_query(kg, void):
    partitions = list(void.objects(DATASET, VOID.propertyPartition))
    assert len(partitions) == int(void.value(DATASET, VOID.properties))
    for node in partitions:
        prop = void.value(node, VOID.property)
        assert int(void.value(node, VOID.triples)) == count(
            kg, f"SELECT (COUNT(*) AS ?n) {{ ?s <{prop}> ?o }}"), prop


def test_source_subsets_match_their_graphs(kg, void):
    subsets = [s for s in void.objects(DATASET, VOID.subset) if (s, rdflib.RDF.type, VOID.Linkset) not in void]
    assert rdflib.URIRef("https://w3id.org/dngraph/id/source/joining-forces-for-canada") in subsets
    for subset in subsets:
        assert int(void.value(subset, VOID.triples)) == count(
            kg, f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{subset}> {{ ?s ?p ?o }} }}"), subset


def test_linksets_count_the_links(kg, void):
    linksets = {void.value(ls, VOID.objectsTarget): ls for ls in void.subjects(rdflib.RDF.type, VOID.Linkset)}
    for target, namespace in (("http://www.wikidata.org/", "http://www.wikidata.org/entity/"),
                              ("https://www.geonames.org/", "https://sws.geonames.org/")):
        linkset = linksets[rdflib.URIRef(target)]
        assert void.value(linkset, VOID.linkPredicate) == rdflib.SKOS.exactMatch
        assert int(void.value(linkset, VOID.triples)) == count(kg, f"""
            SELECT (COUNT(*) AS ?n) {{ ?s <http://www.w3.org/2004/02/skos/core#exactMatch> ?o
              FILTER(STRSTARTS(STR(?s), "https://w3id.org/dngraph/id/") && STRSTARTS(STR(?o), "{namespace}")) }}""")


def test_metadata(void):
    assert void.value(DATASET, DCT.license) == rdflib.URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert str(void.value(DATASET, DCAT.version)) == "0.1.0"
    assert void.value(DATASET, DCT.issued) is not None and void.value(DATASET, DCT.modified) is not None
    assert rdflib.URIRef("https://w3id.org/dngraph/id/nation/au") in set(void.objects(DATASET, VOID.exampleResource))
    formats = {str(void.value(d, DCT.title)) for d in void.objects(DATASET, DCAT.distribution)}
    assert {"turtle", "ntriples", "nquads", "trig", "jsonld", "rdfxml"} <= formats
    assert not list(void.objects(None, SPDX.checksum)), "no checksums without files"


def test_distributions_from_a_folder_carry_checksums(kg, tmp_path):
    (tmp_path / "dngraph.ttl").write_bytes(b"<urn:a> <urn:b> <urn:c> .\n")
    (tmp_path / "dngraph.nq").write_bytes(b"")
    (tmp_path / "notes.txt").write_text("not a distribution")
    void = kg.describe(distributions=tmp_path, base_url="https://example.org/release/")
    found = {}
    for dist in void.objects(DATASET, DCAT.distribution):
        checksum = void.value(dist, SPDX.checksum)
        found[str(void.value(dist, DCAT.downloadURL))] = (str(void.value(checksum, SPDX.checksumValue)),
                                                         int(void.value(dist, DCAT.byteSize)))
    assert found == {
        "https://example.org/release/dngraph.nq": (hashlib.sha256(b"").hexdigest(), 0),
        "https://example.org/release/dngraph.ttl": (
            hashlib.sha256(b"<urn:a> <urn:b> <urn:c> .\n").hexdigest(), 26)}


def test_cli_prints_the_same_description(cache_dir, void):
    result = CliRunner().invoke(cli, ["describe", "--format", "ntriples", "--cache-dir", str(cache_dir)])
    assert result.exit_code == 0, result.output
    assert same(rdflib.Graph().parse(data=result.output, format="nt"), void)


def test_cli_refuses_a_missing_folder(cache_dir, tmp_path):
    result = CliRunner().invoke(cli, ["describe", "--distributions", str(tmp_path / "nope"),
                                      "--cache-dir", str(cache_dir)])
    assert result.exit_code == 2
    assert "not a folder" in result.output
