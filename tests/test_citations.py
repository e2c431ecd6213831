"""Answers that cite their sources: ``kg.query(..., with_sources=True)`` and ``--with-sources``.

The expected sources come from the data files: the files that state the facts a
row reports (found by reading them, e.g. which files describe chair-term/2020).
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from dngraph.cli import cli
from dngraph.namespaces import ID, SOURCE, XSD

from conftest import ROOT

# query, parameters, the row (variable -> IRI or number), the files stating its facts
EXPECTED = [
    ("chairs", {}, {"year": 2014}, {"govuk-uk-hands-over-d5-presidency"}),
    ("chairs", {}, {"year": 2016}, {"mois-2015-korea-next-host", "mois-2016-busan-summit"}),
    ("chairs", {}, {"year": 2020}, {"responsive-and-resilient-service", "shared-solutions-to-common-problems"}),
    ("chairs", {}, {"year": 2021}, {"responsive-and-resilient-service", "shared-solutions-to-common-problems",
                                    "leadingdigitalgovs-2021-summit", "newspim-2021-8th-summit"}),
    ("chairs", {}, {"year": 2022}, {"innovation-go-kr-2022-summit", "responsive-and-resilient-service",
                                    "shared-solutions-to-common-problems", "newspim-2021-8th-summit"}),
    ("summits", {"since": "2022"}, {"summit": ID + "summit/2022"},
     {"innovation-go-kr-2022-summit", "leadingdigitalgovs-about"}),
    # The 2023 host (Portugal) is the editors' reading.
    ("summits", {"since": "2023"}, {"summit": ID + "summit/2023"},
     {"jornaleconomico-2023-presidency-to-denmark", "ciberseguranca-2023-lisbon-summit", "editors-reading"}),
    # Canada's membership is recorded by these ten files; its ISO code comes from the ISO 3166-1 file.
    ("members", {}, {"nation": ID + "nation/ca"},
     {"button-insight-digital-nations", "digital-govt-nz-digital-nations", "innovation-go-kr-2022-summit",
      "mois-2018-d7-wellington", "responsive-and-resilient-service", "shared-solutions-to-common-problems",
      "uk-backs-digital-government-declaration", "wikipedia-digital-nations", "iso-3166-1",
      "cuti-2018-uruguay-d9-presidency", "eco-2018-portugal-joins-d9"}),
    # The join date comes from its own ?source; the query also matches "the membership is a
    # dn:ForumMembership" in the merged graph, which the eight files recording Denmark's membership state.
    ("membership-timeline", {"nation": "dk"}, {"event": "joined", "source": SOURCE + "digst-2020-denmark-signs-charter"},
     {"digst-2020-denmark-signs-charter", "button-insight-digital-nations", "digital-govt-nz-digital-nations",
      "innovation-go-kr-2022-summit", "shared-solutions-to-common-problems",
      "uk-backs-digital-government-declaration", "wikipedia-digital-nations", "digst-digital-nations-dk"}),
]


def _rows(result, match: dict) -> list[dict]:
    return [row for row in result.rows if all(row.get(k) == v for k, v in match.items())]


@pytest.mark.parametrize("name, params, match, expected", EXPECTED,
                         ids=[f"{e[0]}-{'-'.join(map(str, e[2].values()))}" for e in EXPECTED])
def test_rows_cite_the_files_that_state_their_facts(kg, name, params, match, expected):
    result = kg.query(name, with_sources=True, **params)
    rows = _rows(result, match)
    assert rows, f"no {name} row matching {match}"
    for row in rows:
        assert row[result.column] == sorted(SOURCE + slug for slug in expected)


@pytest.mark.parametrize("name, params", [("name-history", {}), ("summit", {"summit": "2021"}),
                                          ("summit", {"summit": "2016"})])
def test_rows_read_from_one_graph_cite_exactly_that_graph(kg, name, params):
    # These queries read each row's facts inside GRAPH ?source, so the row cites its own ?source.
    result = kg.query(name, with_sources=True, **params)
    assert len(result) > 0
    for row in result.rows:
        assert row["sources"] == [row["source"]], row


def test_an_entailed_answer_is_marked_inferred(kg):
    # No file says the 2021 summit has the 2021 charter as its outcome (dn:outcome); the
    # reasoner concludes it from the charter's own statements about the summit.
    charter = ID + "charter/2021-digital-nations-charter"
    match = {"summit": ID + "summit/2021", "outcome": charter}
    entailed = _rows(kg.query("summits", with_sources=True, since="2021"), match)
    assert entailed and all("inferred" == row["sources"][-1] for row in entailed)
    assert all(any(s.startswith(SOURCE) for s in row["sources"]) for row in entailed)
    assert not _rows(kg.query("summits", infer=False, since="2021"), match)


def test_asserted_answers_are_not_marked_inferred(kg):
    chairs = kg.query("chairs", with_sources=True)
    assert all("inferred" not in row["sourceGraphs"] for row in chairs.rows)
    no_infer = kg.query("summits", infer=False, with_sources=True)
    assert all("inferred" not in row["sources"] for row in no_infer.rows)


def test_sources_column_keeps_a_query_own_column(kg):
    # chairs already has ?sources (a count), so the citations go in sourceGraphs.
    result = kg.query("chairs", with_sources=True)
    assert result.column == "sourceGraphs" and result.variables[-1] == "sourceGraphs"
    row = _rows(result, {"year": 2020})[0]
    assert row["sources"] == 2 == len(row["sourceGraphs"])


def test_without_sources_the_answer_is_unchanged(kg):
    plain = kg.query("chairs")
    cited = kg.query("chairs", with_sources=True)
    assert cited.variables[:-1] == plain.variables
    assert [{k: v for k, v in row.items() if k != "sourceGraphs"} for row in cited.terms] == plain.terms


def _cli(*args):
    return CliRunner().invoke(cli, ["query", *args, "--root", str(ROOT)])


def test_cli_adds_a_sources_column_in_every_format():
    expected = {SOURCE + "responsive-and-resilient-service", SOURCE + "shared-solutions-to-common-problems"}
    out = _cli("chairs", "--with-sources", "--format", "csv")
    assert out.exit_code == 0, out.output
    row = next(r for r in csv.DictReader(io.StringIO(out.output)) if r["year"] == "2020")
    assert set(row["sourceGraphs"].split()) == expected
    out = _cli("chairs", "--with-sources", "--format", "tsv")
    lines = [line.split("\t") for line in out.output.splitlines()]
    row = dict(zip(lines[0], next(cells for cells in lines if cells[0] == f'"2020"^^<{XSD.integer}>')))
    assert set(row["?sourceGraphs"].strip('"').split()) == expected
    out = _cli("name-history", "--with-sources", "--format", "json")
    doc = json.loads(out.output)
    assert doc["head"]["vars"][-1] == "sources"
    for binding in doc["results"]["bindings"]:
        assert binding["sources"]["value"] == binding["source"]["value"]


def test_cli_table_shows_short_source_names():
    out = _cli("summits", "--param", "since=2023", "--with-sources")
    assert out.exit_code == 0, out.output
    assert out.output.splitlines()[0].split()[-1] == "sources"
    assert out.output.splitlines()[2].rstrip().endswith("jornaleconomico-2023-presidency-to-denmark")
    out = _cli("summits", "--param", "since=2023", "--with-sources", "--format", "markdown")
    assert "| ciberseguranca-2023-lisbon-summit, editors-reading, jornaleconomico-2023-presidency-to-denmark |" in out.output
