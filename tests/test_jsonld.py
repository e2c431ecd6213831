"""JSON-LD exports read by two independent processors, pyld and jsonld.js (node),
each expanding the compact document back to the graph that was exported; the
shipped context's short keys, typed values and language maps; the frames."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
import rdflib
from pyld import jsonld

from dngraph.jsonld import load_context, offline_loader
from dngraph.resources import Layout

from conftest import ROOT
from rdfcompare import same

JS = ROOT / "tests" / "js"


def graph_of(nquads: str) -> rdflib.Graph:
    graph = rdflib.Graph()
    graph.parse(data=nquads, format="nt")
    return graph


def pyld_nquads(document: dict) -> str:
    refuse = offline_loader(load_context(Layout(ROOT)))
    return jsonld.to_rdf(document, {"format": "application/n-quads", "documentLoader": refuse})


def jsonld_js_nquads(path) -> str:
    node = shutil.which("node")
    if node is None or not (JS / "node_modules" / "jsonld").is_dir():
        pytest.fail("jsonld.js is not installed: run make test-deps")
    done = subprocess.run([node, str(JS / "to-nquads.mjs"), str(path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def exported(kg, tmp_path_factory):
    path = tmp_path_factory.mktemp("jsonld") / "graph.jsonld"
    path.write_bytes(kg.export("jsonld"))
    return path


@pytest.fixture(scope="module")
def expected(kg) -> rdflib.Graph:
    return graph_of(kg.export("ntriples").decode("utf-8"))


def test_pyld_expands_the_compact_export_to_the_exported_graph(exported, expected):
    assert same(graph_of(pyld_nquads(json.loads(exported.read_text()))), expected)


def test_jsonld_js_expands_the_compact_export_to_the_exported_graph(exported, expected):
    assert same(graph_of(jsonld_js_nquads(exported)), expected)


def test_jsonld_js_expands_the_export_of_all_graphs_with_the_ontology(kg, tmp_path):
    path = tmp_path / "all.jsonld"
    path.write_bytes(kg.export("jsonld", graphs="all", with_ontology=True))
    expected = graph_of(kg.export("ntriples", graphs="all", with_ontology=True).decode("utf-8"))
    assert same(graph_of(jsonld_js_nquads(path)), expected)


def nodes(path) -> dict:
    return {node["id"]: node for node in json.loads(path.read_text())["@graph"] if "id" in node}


def test_compact_keys_are_short_and_values_typed(exported):
    document = json.loads(exported.read_text())
    assert document["@context"]["@vocab"] == "https://w3id.org/dngraph/ontology#"
    keys = set()

    def walk(value):
        if isinstance(value, dict):
            keys.update(value)
            for key, item in value.items():
                if key not in ("label", "altLabel", "comment", "description", "title", "prefLabel", "definition"):
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(document["@graph"])
    assert not [key for key in keys if ":" in key or (key.startswith("@") and key != "@graph")]
    by_id = nodes(exported)
    canada = by_id["nation/ca"]
    assert canada["type"] == "Nation" and canada["iso3166Alpha2"] == "CA"
    assert canada["label"]["en"] == "Canada" and "fr" in canada["altLabel"]
    summit = by_id["summit/2021"]
    # Most pages give 18 November 2021; the forum's virtual package gives 16-18 November.
    assert sorted(summit["startDate"]) == ["2021-11-16", "2021-11-18"] and summit["year"] == "2021"
    assert summit["host"] == "nation/gb"
    assert summit["ordinal"] == "8"  # an xsd:positiveInteger, typed by the context
    assert by_id["forum/digital-nations"]["memberCount"] == 10  # an xsd:integer, a JSON number
    membership = by_id["membership/ee"]
    assert membership["memberDuring"][0]["hasBeginning"]["inYearMonth"]  # an interval nested, not a blank node id


def test_the_document_loader_fetches_nothing():
    refuse = offline_loader(load_context(Layout(ROOT)))
    with pytest.raises(jsonld.JsonLdError):
        jsonld.expand({"@context": "https://example.org/context.jsonld", "name": "x"}, {"documentLoader": refuse})
    assert refuse("context.jsonld")["document"]["@context"]["label"]["@container"] == "@language"


def framed(kg, tmp_path, name):
    path = tmp_path / f"{name}.jsonld"
    path.write_bytes(kg.export("jsonld", frame=name))
    return path


def test_nation_frame_nests_memberships_chair_terms_and_initiatives(kg, tmp_path, expected):
    path = framed(kg, tmp_path, "nation")
    by_id = nodes(path)
    assert {node["type"] for node in by_id.values()} == {"Nation"}
    korea = by_id["nation/kr"]
    assert {term["year"] for term in korea["chairTerm"]} >= {"2016", "2022"}
    assert "membership/kr" in {m["id"] for m in korea["membership"]}
    assert "initiative/code-for-canada-fellowship" in {i["id"] for i in by_id["nation/ca"]["initiatives"]}
    # What a frame shows is in the graph, as both processors read it.
    assert _subgraph(graph_of(pyld_nquads(json.loads(path.read_text()))), expected)
    assert _subgraph(graph_of(jsonld_js_nquads(path)), expected)


def _subgraph(part: rdflib.Graph, whole: rdflib.Graph) -> bool:
    """Every ground triple of ``part`` is in ``whole`` (blank nodes get new labels on the way)."""
    return all(t in whole for t in part if not any(isinstance(x, rdflib.BNode) for x in t))


def test_summit_frame_nests_host_chair_and_outcomes(kg, tmp_path, expected):
    path = framed(kg, tmp_path, "summit")
    summit = nodes(path)["summit/2021"]
    assert summit["host"]["id"] == "nation/gb" and summit["host"]["label"]["en"] == "United Kingdom"
    assert summit["chair"]["id"] == "person/chris-philp" and summit["chair"]["label"]
    assert "statement/2021-joint-statement" in {o["id"] for o in summit["outcome"]}
    assert _subgraph(graph_of(jsonld_js_nquads(path)), expected)


def test_the_rdf_dataset_handed_to_pyld_is_what_its_own_reader_makes(kg):
    """pyld's N-Quads reader is quadratic, so the export reads the N-Quads itself: it must
    give pyld exactly the dataset (graphs, triples, their order) its reader would."""
    from pyld.nquads import parse_nquads

    from dngraph.jsonld import rdf_dataset

    nquads = kg.export("nquads", "all", with_ontology=True).decode("utf-8")
    nquads += '_:b0 <http://example.org/p> "a \\"quoted\\" line\\nbreak"@en-gb <http://example.org/g> .\n'
    nquads += nquads.splitlines(keepends=True)[0]  # a repeated line is read once
    assert rdf_dataset(nquads) == parse_nquads(nquads)
