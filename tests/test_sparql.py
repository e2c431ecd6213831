"""`dngraph sparql` as a person uses it: predeclared prefixes, where a syntax error is,
warnings for unknown terms, and formats that must fit the answer."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from dngraph.cli import cli
from dngraph.namespaces import PREFIXES
from dngraph.userquery import with_prefixes


def invoke(*args):
    try:
        runner = CliRunner(mix_stderr=False)  # click < 8.2
    except TypeError:
        runner = CliRunner()
    result = runner.invoke(cli, ["sparql", *args])
    return result.exit_code, result.stdout, result.stderr


def test_project_prefixes_need_no_declaration():
    code, out, err = invoke("-q", "SELECT ?code WHERE { ?n a dn:Nation ; dn:iso3166Alpha2 ?code } ORDER BY ?code",
                            "-f", "csv")
    assert code == 0 and err == ""
    # Ten members plus the United States and Australia, which one source names.
    assert len(out.splitlines()) == 1 + 12 and "CA" in out.split()
    code, out, _ = invoke("-q", "ASK { id:nation\\/ca skos:prefLabel|rdfs:label ?name ; a dn:Nation . dn:Nation a owl:Class }")
    assert code == 0 and out.strip() == "yes"


def test_a_declared_prefix_wins():
    text = "PREFIX dn: <urn:elsewhere#>\nSELECT ?n WHERE { ?n a dn:Nation }"
    assert with_prefixes(text)[0].splitlines()[0].count("PREFIX dn:") == 0
    code, out, err = invoke("-q", text, "-f", "csv")
    assert code == 0 and out.splitlines() == ["n"]
    assert err == ""  # dn: is not the ontology here, so nothing is unknown
    assert len(PREFIXES) == with_prefixes("ASK {}")[0].splitlines()[0].count("PREFIX ")


def test_syntax_error_says_where_in_one_line():
    code, out, err = invoke("-q", "SELECT ?n\nWHERE {\n  ?n a dn:Nation\n  FILTER(?n = ) }")
    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err
    assert lines[0].startswith("error: SPARQL syntax error at line 4, column ")
    assert "FILTER(?n = )" in lines[0]
    assert "\\u{" not in lines[0] and "['" not in lines[0]  # no character classes of the parser


def test_slash_in_a_prefixed_name_gets_a_hint():
    code, _, err = invoke("-q", "DESCRIBE id:nation/ca")
    assert code == 2
    assert "line 1" in err and "id:nation\\/ca" in err and len(err.strip().splitlines()) == 1


def test_unknown_term_warns_and_still_runs():
    code, out, err = invoke("-q", "SELECT ?n WHERE { ?n a dn:Nations }", "-f", "csv")
    assert code == 0 and out.splitlines() == ["n"]
    assert err.strip() == "warning: unknown term dn:Nations — did you mean dn:Nation?"
    code, _, err = invoke("-q", "SELECT ?n WHERE { ?n <https://w3id.org/dngraph/ontology#iso3166alpha2> ?c }")
    assert err.strip() == "warning: unknown term dn:iso3166alpha2 — did you mean dn:iso3166Alpha2?"
    code, _, err = invoke("-q", "SELECT ?n WHERE { ?n dn:zzzz ?c } # dn:Nationz in a comment is no term")
    assert err.strip() == "warning: unknown term dn:zzzz: the ontology does not define it"


@pytest.mark.parametrize("query, fmt, words", [
    ("DESCRIBE <https://w3id.org/dngraph/id/nation/ca>", "csv", "answers with a graph"),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 1", "table", "answers with a graph"),
    ("SELECT * WHERE { ?s ?p ?o } LIMIT 1", "turtle", "answers with rows"),
    ("ASK { ?s ?p ?o }", "jsonld", "answers with rows"),
])
def test_format_must_fit_the_answer(query, fmt, words, tmp_path):
    out_file = tmp_path / "out"
    code, out, err = invoke("-q", query, "-f", fmt, "-o", str(out_file))
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and words in err
    assert not out_file.exists()
