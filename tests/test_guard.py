"""No network by surprise, and dataset clauses that mean what SPARQL 1.1 says (section 13)."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

import dngraph
from dngraph.cli import cli
from dngraph.errors import QueryError

from conftest import ROOT
from loopback import listening
from serving import running_server

SOURCE = "https://w3id.org/dngraph/id/source/"
CANADA = SOURCE + "joining-forces-for-canada"
UK = SOURCE + "uk-backs-digital-government-declaration"


def service_query(url: str) -> str:
    return f"SELECT ?s WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}"


@pytest.fixture(scope="module")
def listener():
    with listening() as found:
        yield found


@pytest.fixture(scope="module")
def remote_root(tmp_path_factory, listener):
    """A copy of the graph with a saved query that calls the listener with SERVICE."""
    root = tmp_path_factory.mktemp("remote") / "root"
    for name in ("ontology", "data", "queries"):
        shutil.copytree(ROOT / name, root / name)
    (root / "queries" / "remote.rq").write_text(
        f"# title: Facts from another endpoint\n{service_query(listener.url)}\n", encoding="utf-8")
    return root


def one_line_error(result, text: str) -> None:
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and text in lines[0], result.stderr


def test_api_service_is_refused_and_opens_no_connection(kg, listener):
    before = listener.connections
    with pytest.raises(QueryError, match="SERVICE refused"):
        kg.sparql(service_query(listener.url))
    assert listener.connections == before


def test_cli_service_is_refused_and_opens_no_connection(listener):
    before = listener.connections
    result = CliRunner().invoke(cli, ["sparql", "--query", service_query(listener.url)])
    one_line_error(result, "SERVICE refused")
    assert "--allow-network" in result.stderr
    assert listener.connections == before


def test_saved_query_with_service_is_refused_in_cli_and_api(remote_root, tmp_path, listener):
    before = listener.connections
    kg = dngraph.open(remote_root, cache_dir=tmp_path / "cache")
    with pytest.raises(QueryError, match="SERVICE refused"):
        kg.query("remote")
    result = CliRunner().invoke(cli, ["query", "remote", "--root", str(remote_root),
                                      "--cache-dir", str(tmp_path / "cache")])
    one_line_error(result, "SERVICE refused")
    assert listener.connections == before


def test_service_in_a_comment_string_or_iri_is_not_a_service_call(kg):
    text = ('SELECT ?s WHERE { ?s ?p "SERVICE <http://example.org/>" '
            'FILTER(?p != <http://example.org/SERVICE>) } # SERVICE <http://example.org/> ')
    assert kg.sparql(text).kind == "select"


def test_update_such_as_load_is_refused(listener):
    result = CliRunner().invoke(cli, ["sparql", "--query", f"LOAD <{listener.url}/data.ttl>", "--allow-network"])
    one_line_error(result, "SPARQL Update")


def test_link_refuses_a_remote_json_ld_context(kg, tmp_path, listener):
    before = listener.connections
    dump = tmp_path / "remote.jsonld"
    dump.write_text(json.dumps({"@context": f"{listener.url}/context.jsonld", "@id": "http://example.org/a",
                                "name": "A"}), encoding="utf-8")
    with pytest.raises(dngraph.errors.DngraphError, match="remote context"):
        kg.link(dump, "remote")
    assert listener.connections == before


def test_allowed_service_reaches_a_loopback_endpoint(cache_dir, tmp_path):
    with running_server(cache_dir, tmp_path, "--workers", "1") as server:
        kg = dngraph.open(ROOT, cache_dir=cache_dir, allow_network=True)
        text = ("SELECT ?nation WHERE { SERVICE <%s/sparql> { ?nation a dn:Nation } }" % server.url)
        remote = {row["nation"] for row in kg.sparql(text).rows}
    local = {row["nation"] for row in kg.sparql("SELECT ?nation WHERE { ?nation a dn:Nation }").rows}
    assert len(local) >= 10 and remote == local


# -- dataset clauses ---------------------------------------------------------

def count(kg, text: str) -> int:
    return kg.sparql(text).rows[0]["n"]


def test_from_a_source_graph_queries_that_graph_alone(kg):
    inside = count(kg, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{CANADA}> {{ ?s ?p ?o }} }}")
    everything = count(kg, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert 0 < inside < everything
    assert count(kg, f"SELECT (COUNT(*) AS ?n) FROM <{CANADA}> WHERE {{ ?s ?p ?o }}") == inside
    assert count(kg, "PREFIX src: <%s> SELECT (COUNT(*) AS ?n) FROM src:joining-forces-for-canada "
                     "WHERE { ?s ?p ?o }" % SOURCE) == inside


def test_two_from_clauses_merge_their_graphs(kg):
    both = count(kg, f"SELECT (COUNT(*) AS ?n) WHERE {{ {{ SELECT DISTINCT ?s ?p ?o WHERE {{ "
                     f"{{ GRAPH <{CANADA}> {{ ?s ?p ?o }} }} UNION {{ GRAPH <{UK}> {{ ?s ?p ?o }} }} }} }} }}")
    merged = f"SELECT (COUNT(*) AS ?n) FROM <{CANADA}> FROM <{UK}> WHERE {{ SELECT DISTINCT * WHERE {{ ?s ?p ?o }} }}"
    assert count(kg, merged) == both


def test_from_named_limits_the_named_graphs(kg):
    answer = kg.sparql(f"SELECT DISTINCT ?g FROM NAMED <{CANADA}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}")
    assert [row["g"] for row in answer.rows] == [CANADA]
    # With FROM NAMED alone the default graph is empty (section 13.2).
    assert count(kg, f"SELECT (COUNT(*) AS ?n) FROM NAMED <{CANADA}> WHERE {{ ?s ?p ?o }}") == 0


@pytest.mark.parametrize("iri", ["http://example.org/graph", "file:///etc/passwd", SOURCE + "no-such-document"])
def test_any_other_from_is_refused(iri):
    for clause in ("FROM", "FROM NAMED"):
        result = CliRunner().invoke(cli, ["sparql", "--query", f"SELECT * {clause} <{iri}> WHERE {{ ?s ?p ?o }}"])
        one_line_error(result, f"FROM <{iri}> refused")


def test_a_remembered_verdict_follows_the_limits_and_a_refusal_is_never_remembered(monkeypatch):
    """A saved query run again is not scanned again, but the verdict is remembered only for
    the limits it was reached under, and a refused text is refused on every call."""
    from dngraph.guard import screen

    text = "SELECT * WHERE { { { ?s ?p ?o } } }"
    assert not screen(text).has_dataset
    monkeypatch.setenv("DNGRAPH_MAX_NESTING", "2")
    for _ in range(2):
        with pytest.raises(QueryError, match="nested more than 2"):
            screen(text)
    monkeypatch.delenv("DNGRAPH_MAX_NESTING")
    assert screen(text) is screen(text)  # remembered
    service = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"
    for _ in range(2):
        with pytest.raises(QueryError, match="SERVICE refused"):
            screen(service)
    assert not screen(service, allow_network=True).has_dataset
