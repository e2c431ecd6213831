"""The Python API raises the project's own errors and writes exactly what the CLI writes."""

from __future__ import annotations

import datetime

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from dngraph.cli import cli
from dngraph.errors import DngraphError, FormatError, ParameterError, QueryError

XSD = "http://www.w3.org/2001/XMLSchema#"
CA = "https://w3id.org/dngraph/id/nation/ca"
DESCRIBE_CA = f"CONSTRUCT {{ <{CA}> ?p ?o }} WHERE {{ <{CA}> ?p ?o }}"


def cli_output(*args) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout_bytes.decode("utf-8")  # .output turns CRLF into LF


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json", "markdown"])
def test_serialize_of_rows_is_the_cli_output(kg, fmt):
    expected = cli_output("query", "members", "--param", "on=2021-11-18", "--format", fmt)
    assert kg.query("members", on="2021-11-18").serialize(fmt) == expected


@pytest.mark.parametrize("fmt", ["turtle", "ntriples", "jsonld"])
def test_serialize_of_a_graph_is_the_cli_output(kg, fmt):
    assert kg.sparql(DESCRIBE_CA).serialize(fmt) == cli_output("sparql", "--query", DESCRIBE_CA, "-f", fmt)


def test_serialize_defaults_and_refuses_formats_that_do_not_fit(kg):
    rows, graph = kg.query("chairs"), kg.sparql(DESCRIBE_CA)
    assert rows.serialize() == rows.serialize("table")
    assert graph.serialize() == graph.serialize("turtle")
    with pytest.raises(FormatError, match="answers with a graph"):
        graph.serialize("csv")
    with pytest.raises(FormatError, match="answers with rows"):
        rows.serialize("turtle")
    with pytest.raises(FormatError, match="unknown format 'xml'"):
        rows.serialize("xml")


def test_rdf_terms_as_parameters_are_checked_like_text(kg):
    date = ox.Literal("2021-11-18", datatype=ox.NamedNode(XSD + "date"))
    assert kg.query("members", on=date).rows == kg.query("members", on="2021-11-18").rows
    assert kg.query("members", on=datetime.date(2021, 11, 18)).rows == kg.query("members", on="2021-11-18").rows
    assert kg.query("nation-profile", nation=ox.NamedNode(CA)).rows == kg.query("nation-profile", nation="ca").rows
    bad = {
        "on": [ox.NamedNode(CA), ox.Literal("2021", datatype=ox.NamedNode(XSD + "gYear")),
               ox.Literal("2021-13-45", datatype=ox.NamedNode(XSD + "date")), ox.BlankNode("b"),
               datetime.datetime(2021, 11, 18, 12, 0), 20211118.0],
    }
    for value in bad["on"]:
        with pytest.raises(ParameterError, match="parameter 'on'"):
            kg.query("members", on=value)
    with pytest.raises(ParameterError, match="parameter 'nation'"):
        kg.query("nation-profile", nation=ox.Literal(CA))
    for value in (10**30, True, ox.Literal("3", datatype=ox.NamedNode(XSD + "decimal"))):
        with pytest.raises(ParameterError, match="parameter 'min'"):
            kg.query("themes", min=value)


def test_library_raises_only_its_own_errors(kg):
    with pytest.raises(ParameterError, match="binding 'n'"):
        kg.sparql("SELECT ?n WHERE { ?n a dn:Nation }", n="ca")
    with pytest.raises(ParameterError, match="not a SPARQL variable"):
        kg.sparql("SELECT * WHERE { ?s ?p ?o } LIMIT 1", **{"not a name": ox.NamedNode(CA)})
    with pytest.raises(ParameterError):
        kg.sources("not an IRI")
    with pytest.raises(QueryError, match="SPARQL syntax error at line 1"):
        kg.sparql("SELECT * WHERE { ?s ?p }")
    with pytest.raises(QueryError, match="no saved query named"):
        kg.query("member")
    assert issubclass(FormatError, DngraphError) and ParameterError("x").exit_code == 2


def test_sparql_predeclares_prefixes_and_names_unknown_terms(kg):
    result = kg.sparql("SELECT ?n WHERE { ?n a dn:Nations }")
    assert result.rows == []
    assert result.warnings == ["unknown term dn:Nations — did you mean dn:Nation?"]
    assert kg.sparql("SELECT ?n WHERE { ?n a dn:Nation }").warnings == []
    assert len(kg.sparql("SELECT ?n WHERE { ?n a dn:Nation }")) == 12
