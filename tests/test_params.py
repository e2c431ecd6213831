"""Typed, safe parameters: values reach SPARQL as bound RDF terms, and bad ones get one clear line."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

import dngraph
from dngraph.cli import cli
from dngraph.errors import ParameterError, QueryError
from dngraph.params import parse_param_line
from dngraph.queries import parse_query_file

from conftest import FIXTURES, ROOT


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    """The shipped ontology and data with the test queries in queries/."""
    base = tmp_path_factory.mktemp("root")
    for name in ("ontology", "data"):
        shutil.copytree(ROOT / name, base / name)
    shutil.copytree(FIXTURES / "queries", base / "queries")
    return base


@pytest.fixture(scope="module")
def graph(root, tmp_path_factory):
    return dngraph.open(root, cache_dir=tmp_path_factory.mktemp("c"))


def cli_run(root, *args):
    return CliRunner().invoke(cli, [*args, "--root", str(root)])


def test_header_is_parsed():
    query = parse_query_file(FIXTURES / "queries" / "nation-name.rq")
    assert query.title == "A nation's name"
    assert query.description.endswith("Used by the tests of parameter handling.")
    assert [(p.name, p.type, p.required) for p in query.params] == [
        ("nation", "iri", True), ("year", "xsd:gYear", False), ("text", "string", False)]
    assert query.params[0].cls == "https://w3id.org/dngraph/ontology#Nation"


def test_iri_parameter_takes_a_slug_or_a_full_iri(graph):
    by_slug = graph.query("nation-name", nation="nz").rows
    by_iri = graph.query("nation-name", nation="https://w3id.org/dngraph/id/nation/nz").rows
    assert by_slug == by_iri == [{"label": "New Zealand", "code": "NZ"}]
    assert graph.query("nation-name", nation="kr").variables == ["label", "code"]


def test_injection_attempt_is_just_a_string(graph):
    rows = graph.query("nation-name", nation="ca", text='x" } ; DROP ALL ; #').rows
    assert rows == [{"label": "Canada", "code": "CA"}]
    assert graph.query("nation-name", nation="ca", text="Canada").rows == []


@pytest.mark.parametrize("params, words", [
    ({}, ["nation", "needs", "dn:Nation"]),
    ({"nation": "ca", "colour": "red"}, ["no parameter", "colour"]),
    ({"nation": "ca", "year": "twenty"}, ["year", "twenty", "year as YYYY"]),
    ({"nation": "ca", "year": "2021-11-18"}, ["year"]),
    ({"nation": "xx"}, ["nation", "not a dn:Nation in the graph"]),
    ({"nation": "https://w3id.org/dngraph/id/summit/2021"}, ["not a dn:Nation"]),
    ({"nation": 'x" } ; DROP ALL ; #'}, ["nation", "is not a IRI of a dn:Nation"]),
])
def test_bad_parameters_name_the_parameter(graph, params, words):
    with pytest.raises(ParameterError) as info:
        graph.query("nation-name", **params)
    message = str(info.value)
    assert "\n" not in message
    for word in words:
        assert word in message


def test_unknown_query_suggests_close_names(graph):
    with pytest.raises(QueryError, match="did you mean nation-name"):
        graph.query("nation-nam")


@pytest.mark.parametrize("args, words", [
    (["query", "nation-name"], ["'nation'"]),
    (["query", "nation-name", "-p", "nation=ca", "-p", "colour=red"], ["colour"]),
    (["query", "nation-name", "-p", "nation=ca", "-p", "year=soon"], ["year"]),
    (["query", "nation-name", "-p", "nation"], ["NAME=VALUE"]),
    (["query", "nation-nme", "-p", "nation=ca"], ["did you mean nation-name"]),
])
def test_cli_parameter_errors_are_one_line_and_exit_2(root, args, words):
    result = cli_run(root, *args)
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ")
    for word in words:
        assert word in lines[0]


def test_malformed_param_line_is_rejected():
    with pytest.raises(QueryError, match="unknown parameter type"):
        parse_param_line("on xsd:dateTime optional -- when")
    with pytest.raises(QueryError, match="malformed"):
        parse_param_line("on")


def test_parameter_must_be_projected(tmp_path):
    bad = tmp_path / "bad.rq"
    bad.write_text("# title: t\n# param: on xsd:date optional -- d\nSELECT ?x WHERE { ?x ?p ?on }\n")
    with pytest.raises(QueryError, match="bad.rq: parameter 'on' must appear in the SELECT"):
        parse_query_file(bad)
