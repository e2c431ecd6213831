"""The SSSOM linkset: valid by the sssom tooling, its RDF form up to date, every link justified."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib

from dngraph.linkset import read_sssom, to_graph, turtle_path

from rdfcompare import same

ROOT = Path(__file__).resolve().parent.parent
TABLES = sorted((ROOT / "data" / "links").glob("*.sssom.tsv"))


def test_there_is_a_linkset():
    assert TABLES, "data/links/ has no SSSOM table"


@pytest.mark.parametrize("table", TABLES, ids=lambda p: p.name)
def test_sssom_tooling_parses_and_validates(table):
    from sssom.parsers import parse_sssom_table
    from sssom.validators import DEFAULT_VALIDATION_TYPES, validate

    msdf = parse_sssom_table(table)
    assert len(msdf.df) == len(read_sssom(table)[1])
    reports = validate(msdf, DEFAULT_VALIDATION_TYPES, fail_on_error=False)
    problems = [r for report in reports.values() for r in report.results]
    assert not problems, problems


@pytest.mark.parametrize("table", TABLES, ids=lambda p: p.name)
def test_every_link_is_justified_by_a_page(table):
    meta, rows = read_sssom(table)
    assert meta["license"].startswith("https://")
    for row in rows:
        assert row["mapping_justification"] == "semapv:ManualMappingCuration", row["subject_id"]
        assert row["see_also"].startswith("https://"), row["subject_id"]
        assert row["comment"] and row["author_label"] and row["mapping_date"], row["subject_id"]


@pytest.mark.parametrize("table", TABLES, ids=lambda p: p.name)
def test_rdf_form_is_regenerated_from_the_table(table):
    """The committed Turtle is what the table gives now (python -m dngraph.linkset TABLE)."""
    committed = rdflib.Graph().parse(turtle_path(table), format="turtle")
    assert same(committed, to_graph(*read_sssom(table)))


def test_links_reach_the_graph_with_their_justification(kg):
    """The RDF form is loaded into its own graph: each link and its axiom are queryable."""
    rows = kg.sparql("""
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?s ?o ?page WHERE {
          GRAPH <https://w3id.org/dngraph/id/source/dngraph-external> {
            ?s skos:exactMatch ?o .
            ?a <https://w3id.org/sssom/subject_id> ?s ; <https://w3id.org/sssom/object_id> ?o ;
               <http://www.w3.org/2000/01/rdf-schema#seeAlso> ?page } }""", infer=False).rows
    pairs = {(r["s"], r["o"]) for r in rows}
    assert ("https://w3id.org/dngraph/id/place/tallinn", "http://www.wikidata.org/entity/Q1770") in pairs
    assert ("https://w3id.org/dngraph/id/nation/ee", "https://sws.geonames.org/453733") in pairs
    assert len(pairs) == len(read_sssom(TABLES[0])[1])
