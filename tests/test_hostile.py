"""Hostile query text: refused with one line before a parser that can overflow its stack,
and fuzzed (hypothesis, a bounded number of cases) for crashes and tracebacks."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dngraph.cli import cli
from dngraph.errors import DngraphError, QueryError
from dngraph.load import load_turtle_into
from dngraph.params import parse_param_line

from conftest import ROOT

FUZZ = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

# Each kills a Python process that hands it to pyoxigraph unchecked (a segmentation fault).
HOSTILE = {
    "braces": "SELECT * WHERE " + "{" * 5000 + " ?s ?p ?o " + "}" * 5000,
    "parentheses": "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 20000 + "?o" + ")" * 20000 + ") }",
    "or-chain": "SELECT * WHERE { ?s ?p ?o FILTER(" + " || ".join(["?o"] * 20000) + ") }",
    "union-chain": "SELECT * WHERE { " + " UNION ".join(["{ ?s ?p ?o }"] * 20000) + " }",
    "bind-chain": "SELECT * WHERE { ?s ?p ?o " + " ".join(f"BIND(1 AS ?b{i})" for i in range(10000)) + " }",
    "path-chain": "SELECT * WHERE { ?s " + "/".join(["dn:host"] * 20000) + " ?o }",
}


def run_in_child(code: str, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "tests"))
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=120)


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_api_refuses_hostile_text_and_survives(name, cache_dir, tmp_path):
    query = tmp_path / "hostile.rq"
    query.write_text(HOSTILE[name], encoding="utf-8")
    code = ("import sys, pathlib, dngraph\n"
            "kg = dngraph.open(sys.argv[1], cache_dir=sys.argv[2])\n"
            "try:\n    kg.sparql(pathlib.Path(sys.argv[3]).read_text())\n"
            "except dngraph.errors.QueryError as exc:\n    print('refused:', exc)\n")
    done = run_in_child(code, str(ROOT), str(cache_dir), str(query))
    assert done.returncode == 0, (done.returncode, done.stderr[-500:])
    assert done.stdout.startswith("refused: query refused:"), done.stdout


def test_cli_refuses_deep_nesting_with_one_line(tmp_path):
    query = tmp_path / "deep.rq"
    query.write_text(HOSTILE["braces"], encoding="utf-8")
    result = CliRunner().invoke(cli, ["sparql", str(query)])
    assert result.exit_code == 2
    assert result.stderr.strip() == "error: query refused: nested more than 100 levels deep (DNGRAPH_MAX_NESTING)"


def test_size_and_nesting_limits_are_configurable(kg, monkeypatch):
    big = "SELECT * WHERE { ?s ?p ?o } " + "#" * 2_000_000
    with pytest.raises(QueryError, match="more than the limit of 1048576"):
        kg.sparql(big)
    monkeypatch.setenv("DNGRAPH_MAX_QUERY_BYTES", "4000000")
    assert kg.sparql(big + "\nLIMIT 1").kind == "select"
    nested = "SELECT * WHERE " + "{" * 20 + " ?s ?p ?o " + "}" * 20 + " LIMIT 1"
    assert len(kg.sparql(nested)) == 1
    monkeypatch.setenv("DNGRAPH_MAX_NESTING", "10")
    with pytest.raises(QueryError, match="nested more than 10 levels"):
        kg.sparql(nested)
    monkeypatch.setenv("DNGRAPH_MAX_NESTING", "ten")
    with pytest.raises(DngraphError, match="DNGRAPH_MAX_NESTING='ten'"):
        kg.sparql(nested)


def test_every_saved_query_is_within_the_limits(kg):
    from dngraph.guard import screen

    for saved in kg.queries().values():
        screen(saved.text)


# -- fuzzing -------------------------------------------------------------------

SPARQL_TOKENS = ["SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "WHERE", "*", "?s", "?p", "?o", "$x", "{", "}",
                 "(", ")", "[", "]", ".", ";", ",", "FILTER", "OPTIONAL", "UNION", "MINUS", "GRAPH", "BIND",
                 "AS", "VALUES", "SERVICE", "FROM", "NAMED", "<http://example.org/a>", "<file:///etc/passwd>",
                 "dn:Nation", "id:nation\\/ca", "a", '"x"', '"""y', "'z'@en", "1", "-2.5e3", "||", "&&", "!",
                 "=", "<", "/", "|", "^", "+", "?", "#", "\n", "\\", "\x00", "é", "LIMIT", "ORDER BY", "REGEX",
                 "COUNT", "GROUP BY", "PREFIX p: <http://p/>", "BASE <x>", "LOAD", "INSERT DATA", "EXISTS"]


def sparql_text():
    tokens = st.lists(st.sampled_from(SPARQL_TOKENS) | st.text(max_size=8), max_size=60)
    nested = st.integers(0, 400).map(lambda depth: "SELECT * WHERE " + "{" * depth + "}" * depth)
    return st.one_of(tokens.map(" ".join), nested, st.text(max_size=200))


@FUZZ
@given(text=sparql_text())
def test_fuzz_sparql_entry_points(kg, text):
    try:
        kg.sparql(text)
    except QueryError as exc:
        assert "\n" not in str(exc)


@FUZZ
@given(text=sparql_text())
def test_fuzz_sparql_command(text):
    result = CliRunner().invoke(cli, ["sparql", "--query", text, "--format", "csv"])
    assert result.exit_code in (0, 2), result.output
    assert "Traceback" not in result.output + result.stderr
    if result.exit_code == 2:
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr


PARAM_TYPES = ["iri", "iri(dn:Nation)", "xsd:date", "xsd:gYear", "xsd:integer", "string", "language"]


@FUZZ
@given(kind=st.sampled_from(PARAM_TYPES), value=st.text(max_size=40) | st.integers().map(str))
def test_fuzz_parameter_layer(kind, value):
    param = parse_param_line(f"x {kind} optional -- fuzzed")
    try:
        term = param.to_term(value)
    except QueryError as exc:
        assert "\n" not in str(exc)
    else:
        assert term is not None


TURTLE_TOKENS = ["@prefix dn: <https://w3id.org/dngraph/ontology#> .", "dn:a", "dn:b", "<http://a>", "<a b>", "a",
                 ";", ".", ",", "[", "]", "(", ")", '"x"', '"\\uD800"', '"""long', "@en", "^^", "xsd:date",
                 "1", "true", "_:b", "#", "\n", "\\", "@base <x> ."]


@FUZZ
@given(text=st.lists(st.sampled_from(TURTLE_TOKENS) | st.text(max_size=6), max_size=40).map(" ".join))
def test_fuzz_turtle_loader(tmp_path, text):
    import pyoxigraph

    path = tmp_path / "fuzzed.ttl"
    path.write_bytes(text.encode("utf-8", errors="replace"))
    try:
        load_turtle_into(pyoxigraph.Store(), path, pyoxigraph.NamedNode("http://example.org/g"))
    except DngraphError as exc:
        assert "\n" not in str(exc)
