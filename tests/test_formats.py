"""Answers in the SPARQL 1.1 results formats, exactly, and readable tables."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
from click.testing import CliRunner

from dngraph.api import Result
from dngraph.cli import cli
from dngraph.formats import write_csv, write_json, write_markdown, write_table, write_tsv

XSD = "http://www.w3.org/2001/XMLSchema#"
CA = "https://w3id.org/dngraph/id/nation/ca"


def sample() -> Result:
    return Result(["nation", "label", "year", "note"], [
        {"nation": ox.NamedNode(CA), "label": ox.Literal("Canada", language="en"),
         "year": ox.Literal("2020", datatype=ox.NamedNode(XSD + "gYear")),
         "note": ox.Literal('chair, "host"\nvirtual')},
        {"nation": ox.BlankNode("b0"), "label": ox.Literal("x")},
    ])


def test_csv_follows_the_spec():
    text = write_csv(sample())
    assert text.split("\r\n")[0] == "nation,label,year,note"
    assert "\r\n" in text and text.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[1] == [CA, "Canada", "2020", 'chair, "host"\nvirtual']
    assert rows[2] == ["_:b0", "x", "", ""]


def test_tsv_follows_the_spec():
    lines = write_tsv(sample()).split("\n")
    assert lines[0] == "?nation\t?label\t?year\t?note"
    assert lines[1].split("\t")[:3] == [f"<{CA}>", '"Canada"@en', f'"2020"^^<{XSD}gYear>']
    assert lines[1].split("\t")[3] == r'"chair, \"host\"\nvirtual"'
    assert lines[2] == '_:b0\t"x"\t\t'


def test_json_follows_the_spec():
    doc = json.loads(write_json(sample()))
    assert doc["head"]["vars"] == ["nation", "label", "year", "note"]
    first, second = doc["results"]["bindings"]
    assert first["nation"] == {"type": "uri", "value": CA}
    assert first["label"] == {"type": "literal", "value": "Canada", "xml:lang": "en"}
    assert first["year"] == {"type": "literal", "value": "2020", "datatype": XSD + "gYear"}
    assert first["note"] == {"type": "literal", "value": 'chair, "host"\nvirtual'}
    assert second == {"nation": {"type": "bnode", "value": "b0"}, "label": {"type": "literal", "value": "x"}}
    assert json.loads(write_json(Result(kind="ask", boolean=True))) == {"head": {}, "boolean": True}


def test_table_aligns_and_shows_labels():
    lines = write_table(sample(), labels={CA: "Canada"}).splitlines()
    assert lines[0].split() == ["nation", "label", "year", "note"]
    assert lines[2].startswith("Canada  ")
    assert lines[2].index("2020") == lines[0].index("year")
    assert lines[-1] == "(2 rows)"
    md = write_markdown(sample(), labels={})
    assert md.splitlines()[0] == "| nation | label | year | note |"
    assert "id:nation/ca" in md


def test_every_format_through_the_cli(tmp_path):
    query = "SELECT ?n ?code WHERE { ?n <https://w3id.org/dngraph/ontology#iso3166Alpha2> ?code } ORDER BY ?code"
    for fmt in ("table", "csv", "tsv", "json", "markdown"):
        result = CliRunner().invoke(cli, ["sparql", "--query", query, "--format", fmt])
        assert result.exit_code == 0, result.output
        assert "CA" in result.output
    out = tmp_path / "codes.csv"
    result = CliRunner().invoke(cli, ["sparql", "--query", query, "-f", "csv", "-o", str(out)])
    assert result.exit_code == 0
    assert out.read_bytes().startswith(b"n,code\r\n")


def test_failed_write_leaves_the_old_file_whole(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old contents")
    result = CliRunner().invoke(cli, ["sparql", "--query", "SELECT * WHERE { ?s ?p }", "-o", str(target)])
    assert result.exit_code == 2
    assert "SPARQL syntax error" in result.output
    assert target.read_text() == "old contents"
    # A file where a folder should be: the write fails with a clear line.
    result = CliRunner().invoke(cli, ["sparql", "--query", "ASK {}", "-o", str(target / "out.csv")])
    assert result.exit_code == 2 and "cannot write" in result.output
    assert target.read_text() == "old contents"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]
