"""dngraph link: a dump joined through the links out, its report, and its life beside the build."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pyoxigraph
import pytest
from click.testing import CliRunner

import dngraph
from dngraph.cli import cli

ROOT = Path(__file__).resolve().parent.parent
DUMP = Path(__file__).resolve().parent / "fixtures" / "link" / "wikidata-members.ttl"
GRAPH = "https://w3id.org/dngraph/graph/linked/wikidata-members"

JOIN = """
PREFIX dn: <https://w3id.org/dngraph/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?nation (SAMPLE(?pop) AS ?population) (SAMPLE(?capitalName) AS ?capital)
       (COUNT(DISTINCT ?fact) AS ?facts)
WHERE {
  ?m a dn:ForumMembership ; dn:memberNation ?nation ; org:role dn:ForumMember .
  ?nation skos:exactMatch ?item .
  GRAPH <%s> {
    { ?item ?p ?v BIND(CONCAT(STR(?p), " ", STR(?v)) AS ?fact) }
    UNION { ?other ?p ?item BIND(CONCAT(STR(?other), " ", STR(?p)) AS ?fact) }
    OPTIONAL { ?item wdt:P1082 ?pop }
    OPTIONAL { ?item wdt:P36/rdfs:label ?capitalName }
  }
} GROUP BY ?nation ORDER BY ?nation
""" % GRAPH


@pytest.fixture()
def linked_kg(tmp_path):
    kg = dngraph.open(ROOT, cache_dir=tmp_path / "cache")
    report = kg.link(DUMP)
    return kg, report


def members(kg) -> set[str]:
    return {row["nation"] for row in kg.query("members").rows}


def test_join_answers_for_all_ten_members(linked_kg):
    kg, _ = linked_kg
    rows = {row["nation"].rsplit("/", 1)[-1]: row for row in kg.sparql(JOIN).rows}
    assert len(members(kg)) == 10
    assert {f"https://w3id.org/dngraph/id/nation/{code}" for code in rows} == members(kg)
    assert all(row["facts"] >= 1 for row in rows.values())
    # Values as the pages read for the fixture give them.
    assert {code: int(row["population"]) for code, row in rows.items() if "population" in row} == {
        "ee": 1374687, "uy": 3444263, "pt": 10347892, "kr": 51466201, "gb": 67326569}
    assert {code: row["capital"] for code, row in rows.items() if "capital" in row} == {
        "ca": "Ottawa", "ee": "Tallinn", "il": "Jerusalem", "kr": "Seoul", "gb": "London", "uy": "Montevideo"}


def test_report_says_what_matched_and_why_not(linked_kg):
    _, report = linked_kg
    status = {t.thing.rsplit("/id/", 1)[-1]: t.status for t in report.things}
    assert report.triples == 50
    assert status["nation/nz"] == "matched"  # only ever an object in the dump
    assert status["place/tallinn"] == "matched" and status["forum/digital-nations"] == "matched"
    assert status["nation/us"] == "link target absent from the dump"
    assert status["place/wellington"] == "no link"
    assert status["person/chris-philp"] == "no link"
    lines = report.lines()
    assert lines[1] == "matched 17 of 21 linked things (34 more have no link)"


def test_linked_graph_is_named_unless_asked_into_the_default_graph(linked_kg):
    kg, _ = linked_kg
    ask = "ASK { <http://www.wikidata.org/entity/Q191> <http://www.wikidata.org/prop/direct/P36> ?c }"
    assert kg.sparql(ask).boolean is False
    assert kg.sparql(ask, linked=True).boolean is True
    assert kg.query("members").rows  # saved queries still answer over the built graph


def test_formats_and_gzip_give_the_same_graph(tmp_path):
    source = pyoxigraph.Store()
    source.load(path=str(DUMP), format=pyoxigraph.RdfFormat.TURTLE)
    expected = {(q.subject, q.predicate, q.object) for q in source}
    kg = dngraph.open(ROOT, cache_dir=tmp_path / "cache")
    for name, fmt, compress in (("a.nt.gz", pyoxigraph.RdfFormat.N_TRIPLES, True),
                                ("b.nq", pyoxigraph.RdfFormat.N_QUADS, False),
                                ("c.jsonld", pyoxigraph.RdfFormat.JSON_LD, False)):
        quads = source if fmt.supports_datasets else (q.triple for q in source)
        data = pyoxigraph.serialize(quads, format=fmt)
        path = tmp_path / name
        path.write_bytes(gzip.compress(data) if compress else data)
        report = kg.link(path)
        got = kg.sparql(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{report.graph}> {{ ?s ?p ?o }} }}").triples
        assert {(t.subject, t.predicate, t.object) for t in got} == expected, name
    assert sorted(kg.linked()) == ["a", "b", "c"]


def test_a_big_gzipped_dump_streams_in(tmp_path):
    path = tmp_path / "big.nt.gz"
    with gzip.open(path, "wt", encoding="utf-8") as out:
        for n in range(200_000):
            out.write(f"<http://example.org/item/{n}> <http://example.org/p> \"{n}\" .\n")
    seen = []
    kg = dngraph.open(ROOT, cache_dir=tmp_path / "cache")
    report = kg.link(path, "big", progress=lambda done, total: seen.append((done, total)))
    assert report.triples == 200_000
    assert seen and seen[-1][0] == seen[-1][1] == path.stat().st_size
    assert int(kg.sparql(f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{report.graph}> {{ ?s ?p ?o }} }}").rows[0]["n"]) == 200_000


def test_linked_graph_survives_a_rebuild_until_unlinked(tmp_path):
    root = tmp_path / "root"
    for part in ("ontology", "data", "queries"):
        shutil.copytree(ROOT / part, root / part)
    cache = tmp_path / "cache"
    dngraph.open(root, cache_dir=cache).link(DUMP)
    edited = root / "data" / "reference" / "wikidata.ttl"
    edited.write_text(edited.read_text(encoding="utf-8").replace('"Canada"@fr', '"Le Canada"@fr'), encoding="utf-8")
    kg = dngraph.open(root, cache_dir=cache)
    assert kg.sparql('ASK { ?c <http://www.w3.org/2000/01/rdf-schema#label> "Le Canada"@fr }').boolean
    assert len(kg.sparql(JOIN).rows) == 10
    assert kg.unlink("wikidata-members") == 50
    assert kg.linked() == {}
    assert kg.sparql(JOIN).rows == []


def test_the_linked_store_shares_the_built_stores_tables_and_keeps_its_dumps_across_rebuilds(tmp_path):
    """The linked store's copy of the built graph is a backup made of hard links to the
    built store's table files, not a second write of every quad; after a rebuild a new
    copy takes every linked graph over, and no temporary folder is left behind."""
    import os

    from dngraph.store import store_path

    root = tmp_path / "root"
    for part in ("ontology", "data", "queries"):
        shutil.copytree(ROOT / part, root / part)
    cache = tmp_path / "cache"
    kg = dngraph.open(root, cache_dir=cache)
    kg.link(DUMP)
    kg.link(DUMP, name="second")

    def shared(kg):
        built = {p.stat().st_ino for p in store_path(kg.layout, cache, kg.reasoner).glob("*.sst")}
        linked = {p.stat().st_ino for p in (kg.linked_root / "store").glob("*.sst")}
        return built & linked

    assert shared(kg)
    edited = root / "data" / "reference" / "wikidata.ttl"
    edited.write_text(edited.read_text(encoding="utf-8").replace('"Canada"@fr', '"Le Canada"@fr'), encoding="utf-8")
    kg = dngraph.open(root, cache_dir=cache)
    assert kg.sparql('ASK { ?c <http://www.w3.org/2000/01/rdf-schema#label> "Le Canada"@fr }').boolean
    assert shared(kg)
    assert len(kg.sparql(JOIN).rows) == 10
    assert len(kg.sparql(JOIN.replace(GRAPH, GRAPH.replace("wikidata-members", "second"))).rows) == 10
    assert [p.name for p in kg.linked_root.iterdir() if p.name.startswith(".")] == []
    assert os.listdir(kg.linked_root / "store")


def test_cli_link_and_unlink(tmp_path):
    cache = str(tmp_path / "cache")
    result = CliRunner().invoke(cli, ["link", "--with", str(DUMP), "--name", "wd", "--cache-dir", cache])
    assert result.exit_code == 0, result.output
    assert "linked wd: 50 triples" in result.output
    assert "matched                           nation/nz" in result.output
    result = CliRunner().invoke(cli, ["unlink", "wd", "--cache-dir", cache])
    assert result.exit_code == 0 and "50 triples dropped" in result.output
    result = CliRunner().invoke(cli, ["unlink", "wd", "--cache-dir", cache])
    assert result.exit_code == 2 and "no linked graph named 'wd'" in result.output


@pytest.mark.parametrize("name, content, message", [
    ("dump.csv", "a,b", "unknown dump format .csv"),
    ("dump.ttl", "<a> <b> .\n", "dump.ttl:1: syntax error"),
    ("missing.ttl", None, "no such file"),
])
def test_cli_bad_dump_is_one_line_and_exit_2(tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_text(content)
    result = CliRunner().invoke(cli, ["link", "--with", str(path), "--cache-dir", str(tmp_path / "cache")])
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output


def test_cli_bad_name_exit_2(tmp_path):
    result = CliRunner().invoke(cli, ["link", "--with", str(DUMP), "--name", "Bad Name",
                                      "--cache-dir", str(tmp_path / "cache")])
    assert result.exit_code == 2 and "link name 'Bad Name'" in result.output
